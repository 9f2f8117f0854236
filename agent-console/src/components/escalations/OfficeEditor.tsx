import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../../../src/contracts/index.js';
import { HN_DEPARTMENTS } from '../../../../src/contracts/case-fields.js';
import { HttpError, isUnauthorized } from '../../api.js';
import { escalationApi, type OfficeDetailDto } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { officePatch, officeProblems, toOfficeForm, type OfficeField, type OfficeForm } from '../../office-form.js';

const KINDS = ['consulate', 'consulate-general', 'ccpmh', 'camr', 'umar', 'embassy', 'referral'] as const;
/** Suggestions only: any IANA zone is accepted. */
const TIME_ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Mexico_City', 'America/Tijuana',
  'America/Guatemala', 'America/Tegucigalpa', 'Europe/Madrid',
];

type Notice = { kind: 'saved' } | { kind: 'refused' } | { kind: 'failed'; message?: string } | null;

interface Props {
  office: OfficeDetailDto;
  /** The office as stored after a save. */
  onSaved: (office: OfficeDetailDto) => void;
}

/** Every field of an office; channels as checkboxes. Only changes are sent, and the server's refusals are shown by field. */
export function OfficeEditor({ office, onSaved }: Props) {
  const { t, lang } = useI18n();
  const o = t.esc.offices;
  const { onUnauthorized } = useLive();
  const idPrefix = useId();
  const [form, setForm] = useState<OfficeForm>(() => toOfficeForm(office));
  const [problems, setProblems] = useState<Partial<Record<OfficeField, string>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const patch = useMemo(() => officePatch(office, form), [office, form]);
  const changed = Object.keys(patch).length;

  const set = <K extends OfficeField>(key: K, value: OfficeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblems(({ [key]: _gone, ...rest }) => rest);
    setNotice(null);
  };
  const toggleChannel = (c: DeliveryChannel, on: boolean) =>
    set('channels', DELIVERY_CHANNELS.filter((x) => x === 'inbox' || (x === c ? on : form.channels.includes(x))));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!changed || saving) return;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await escalationApi.saveOffice(office.id, patch, lang);
      setForm(toOfficeForm(saved));
      setProblems({});
      setNotice({ kind: 'saved' });
      onSaved(saved);
    } catch (err) {
      if (isUnauthorized(err)) return onUnauthorized();
      if (err instanceof HttpError && (err.status === 422 || err.status === 400)) {
        const found = officeProblems(err.message, err.fields);
        setProblems(found);
        setNotice(Object.keys(found).length ? { kind: 'refused' } : { kind: 'failed', message: err.message });
      } else setNotice({ kind: 'failed', message: err instanceof HttpError && err.status !== 0 ? err.message : undefined });
    } finally {
      setSaving(false);
    }
  };

  /** Label, control, hint, and the server's problem in the console's words, with its own text beside. */
  const field = (key: OfficeField, label: string, control: (a: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; 'data-testid': string }) => ReactNode, hint?: string, wide?: boolean) => {
    const id = `${idPrefix}-${key}`;
    const problem = problems[key];
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${wide ? ' field-wide' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control({ id, ...(problem ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}), 'data-testid': `office-${key}` })}
        {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
        {problem && (
          <p id={`${id}-error`} className="field-error" data-testid={`office-${key}-error`}>
            {o.problems[key] ?? ''} <span className="field-error-server">{o.serverSaid} {problem}</span>
          </p>
        )}
      </div>
    );
  };
  const input = (key: Exclude<OfficeField, 'channels' | 'kind'>, label: string, opts: { hint?: string; wide?: boolean; mono?: boolean; type?: string; list?: string; maxLength?: number } = {}) =>
    field(key, label, (a) => (
      <input
        {...a}
        type={opts.type ?? 'text'}
        className={`input${opts.mono ? ' mono' : ''}`}
        autoComplete="off"
        list={opts.list}
        maxLength={opts.maxLength ?? 300}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    ), opts.hint, opts.wide);

  return (
    <form className="case-editor office-editor" data-testid="office-editor" noValidate onSubmit={(e) => void save(e)}>
      <div className="field-grid">
        {input('name', o.name, { wide: true, maxLength: 200 })}
        {field('kind', o.kind, (a) => (
          <select {...a} className="input" value={form.kind} onChange={(e) => set('kind', e.target.value as OfficeForm['kind'])}>
            {KINDS.map((k) => <option key={k} value={k}>{t.esc.officeKinds[k]}</option>)}
          </select>
        ))}
        {input('country', o.country, { hint: o.countryHint, mono: true, maxLength: 2 })}
        {input('city', o.city, { maxLength: 200 })}
        {input('jurisdiction', o.jurisdiction, { hint: o.jurisdictionHint, wide: true, mono: true, maxLength: 2000 })}
        {field('department', o.department, (a) => (
          <select {...a} className="input" value={form.department} onChange={(e) => set('department', e.target.value)}>
            <option value="">{o.none}</option>
            {Object.entries(HN_DEPARTMENTS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        ))}
        {input('address', o.address, { wide: true })}
        {input('phone', o.phone, { hint: o.phoneHint, mono: true, type: 'tel', maxLength: 20 })}
        {input('contact', o.contact)}
        {input('hours', o.hours)}
        {input('timeZone', o.timeZone, { hint: o.timeZoneHint, list: `${idPrefix}-zones`, maxLength: 60 })}
        <datalist id={`${idPrefix}-zones`}>{TIME_ZONES.map((z) => <option key={z} value={z} />)}</datalist>
        <fieldset className="field field-wide check-group" data-testid="office-channels">
          <legend>{o.channels}</legend>
          <p className="hint">{o.channelsHint}</p>
          <div className="check-list">
            {DELIVERY_CHANNELS.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  value={c}
                  checked={c === 'inbox' || form.channels.includes(c)}
                  disabled={c === 'inbox'}
                  data-testid={`office-channel-${c}`}
                  onChange={(e) => toggleChannel(c, e.target.checked)}
                />
                {t.esc.channels[c]}
              </label>
            ))}
          </div>
          {problems.channels && <p className="field-error" data-testid="office-channels-error">{problems.channels}</p>}
        </fieldset>
        {input('webhookUrl', o.webhookUrl, { wide: true, mono: true, type: 'url', maxLength: 500 })}
        {input('emailTo', o.emailTo, { hint: o.emailToHint, wide: true, maxLength: 1000 })}
        {input('smsTo', o.smsTo, { hint: o.phoneHint, mono: true, type: 'tel', maxLength: 20 })}
      </div>
      <div className="save-bar" data-testid="office-save-bar">
        <span className="save-bar-count">{changed ? o.unsaved(changed) : o.noChanges}</span>
        <button type="button" className="button button-small" disabled={!changed || saving} onClick={() => { setForm(toOfficeForm(office)); setProblems({}); setNotice(null); }}>
          {t.cw.editor.discard}
        </button>
        <button type="submit" className="button button-primary" disabled={!changed || saving} data-testid="office-save">{saving ? o.saving : o.save}</button>
        {notice && (
          <p
            className={notice.kind === 'saved' ? 'save-bar-notice saved' : 'save-bar-notice alert'}
            role={notice.kind === 'saved' ? 'status' : 'alert'}
            data-testid="office-save-notice"
            data-kind={notice.kind}
          >
            {notice.kind === 'saved' ? o.saved : notice.kind === 'refused' ? o.refused : `${o.failed}${notice.message ? ` (${notice.message})` : ''}`}
          </p>
        )}
      </div>
    </form>
  );
}

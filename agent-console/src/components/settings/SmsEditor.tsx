import { useState } from 'react';
import type { Language } from '../../../../src/contracts/index.js';
import { useI18n } from '../../i18n.js';
import type { SmsSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

type Template = keyof SmsSettings['templates'];
const TEMPLATES: Template[] = ['caseOpened', 'statusChanged'];
const LANGS: Language[] = ['es', 'en'];
const MAX = 320;
/** What each text must contain; the server refuses a template without them. */
const REQUIRED: Record<Template, string[]> = { caseOpened: ['{caseNumber}'], statusChanged: ['{caseNumber}', '{status}'] };

/** Whether callers get their case number by SMS, and the words of each text in both languages. */
export function SmsEditor({ initial, onUnauthorized }: { initial: SmsSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const m = t.settings.sms;
  const [sms, setSms] = useState<SmsSettings>(initial);
  const { state, save, edited } = useSaver('sms', onUnauthorized);

  const setText = (template: Template, lang: Language, value: string) => {
    setSms((s) => ({ ...s, templates: { ...s.templates, [template]: { ...s.templates[template], [lang]: value } } }));
    edited();
  };
  const submit = async () => {
    const stored = await save(sms);
    if (stored) setSms(stored);
  };

  return (
    <SettingsSection id="sms" testId="settings-sms" saveTestId="save-sms" title={m.title} hint={m.hint} state={state} onSave={() => void submit()}>
      <label className="check">
        <input
          type="checkbox"
          checked={sms.sendOnCaseOpened}
          data-testid="sms-send-on-opened"
          onChange={(e) => {
            setSms((s) => ({ ...s, sendOnCaseOpened: e.target.checked }));
            edited();
          }}
        />
        {m.sendOnCaseOpened}
      </label>
      {TEMPLATES.map((template) => (
        <fieldset key={template} className="prompt-node">
          <legend className="strong">{m[template]}</legend>
          <div className="prompt-langs">
            {LANGS.map((lang) => {
              const id = `sms-${template}-${lang}`;
              const value = sms.templates[template][lang];
              const missing = REQUIRED[template].filter((p) => !value.includes(p));
              return (
                <div className="field" key={id}>
                  <label htmlFor={id} className="field-lang" lang={lang}>
                    <span className="visually-hidden">{m.fieldLabel(m[template], '')}</span>
                    {m[lang]}
                  </label>
                  <textarea
                    id={id}
                    className="input textarea"
                    lang={lang}
                    rows={3}
                    value={value}
                    aria-describedby={`${id}-info`}
                    aria-invalid={missing.length || value.length > MAX ? true : undefined}
                    data-testid={id}
                    onChange={(e) => setText(template, lang, e.target.value)}
                  />
                  <p id={`${id}-info`} className="hint">
                    <span className="mono">{m.length(value.length)}</span>
                    {missing.map((p) => <span key={p} className="field-error"> · {m.missing(p)}</span>)}
                  </p>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </SettingsSection>
  );
}

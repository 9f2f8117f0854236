import { useId, useMemo, type ReactNode } from 'react';
import type { EscalationPacket } from '../../../../src/contracts/index.js';
import { HN_DEPARTMENTS } from '../../../../src/contracts/case-fields.js';
import { labelOf } from '../../case-labels.js';
import { withheldLabel } from '../../escalation-labels.js';
import { useI18n, type Messages } from '../../i18n.js';
import { PriorityBadge } from '../PriorityBadge.js';

type Value = ReactNode | string | null | undefined;

const empty = (v: Value) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** One field of the packet; an empty one shows a dash, so the office sees it was asked and not known. */
function Item({ label, value, mono, wide }: { label: string; value: Value; mono?: boolean; wide?: boolean }) {
  return (
    <div className={wide ? 'facts-wide' : undefined}>
      <dt>{label}</dt>
      <dd className={mono && !empty(value) ? 'mono' : undefined}>{empty(value) ? <span className="muted">—</span> : value}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="packet-section" aria-labelledby={titleId} data-testid={`packet-${id}`}>
      <h4 id={titleId}>{title}</h4>
      {children}
    </section>
  );
}

const list = (values: readonly string[], labels: Record<string, string>) => values.map((v) => labelOf(labels, v)).join(', ');

/** "new → in_progress" from the server's record of a status change, in words. */
function actionText(t: Messages, what: string): string {
  const m = /^(\w+) → (\w+)$/.exec(what);
  return m ? `${t.cw.sections.status}: ${labelOf(t.statuses, m[1] ?? '')} → ${labelOf(t.statuses, m[2] ?? '')}` : what;
}

/**
 * The packet (domain.md, sections 1 to 9) exactly as the office receives it: the same fields in the
 * same order, the hotline's codes in words. A part withheld for lack of consent says so.
 */
export function PacketView({ packet }: { packet: EscalationPacket }) {
  const { t, lang, formatDateTime } = useI18n();
  const p = t.esc.packet;
  const f = t.cw.fields;
  const cw = t.cw;
  const regions = useMemo(() => new Intl.DisplayNames([lang], { type: 'region' }), [lang]);
  const h = packet.header;
  const withheldNote = <p className="muted packet-withheld-note">{p.withheldSection}</p>;
  const yesNo = (b: boolean) => (b ? p.yes : p.no);
  const departments = HN_DEPARTMENTS as Record<string, string>;
  const country = (code: string | null) => (code ? `${regions.of(code) ?? code} (${code})` : null);
  const categoryFields = Object.entries(packet.categoryFields);

  return (
    <div className="packet" data-testid="escalation-packet">
      <Section id="header" title={p.sections.header}>
        <dl className="facts">
          <Item label={p.caseNumber} value={h.caseNumber} mono />
          <Item label={p.category} value={labelOf(t.categories, h.category)} />
          <Item label={p.subcategory} value={h.subcategory && labelOf(cw.subcategories, h.subcategory)} />
          <Item label={p.priority} value={<PriorityBadge priority={h.priority} />} />
          <Item label={p.priorityReason} value={h.priorityReason} wide />
          <Item label={p.createdAt} value={`${h.createdAtHonduras} (${p.createdHonduras}) · ${h.createdAtUtc.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} ${p.createdUtc}`} wide />
          <Item label={p.channel} value={labelOf(p.channels, h.channel)} />
          <Item label={p.agent} value={h.agentName} />
          <Item label={p.office} value={<span data-testid="packet-office" data-office-id={h.office.id}>{h.office.name}</span>} />
          <Item label={p.officeReason} value={<span data-testid="packet-office-reason" data-reason={h.officeReason}>{labelOf(t.esc.reasons, h.officeReason)}</span>} />
        </dl>
      </Section>

      <Section id="requester" title={p.sections.requester}>
        {packet.requester
          ? (
            <dl className="facts">
              <Item label={f.fullName} value={packet.requester.fullName} />
              <Item label={f.relationship} value={packet.requester.relationship && labelOf(cw.relationships, packet.requester.relationship)} />
              <Item label={f.dni} value={packet.requester.dni} mono />
              <Item label={f.passport} value={packet.requester.passport} mono />
              <Item label={f.phone} value={packet.requester.phone} mono />
              <Item label={f.language} value={packet.requester.language && labelOf(cw.personLanguages, packet.requester.language)} />
            </dl>
          )
          : withheldNote}
        <dl className="facts packet-consent">
          <Item label={p.consentConsulate} value={yesNo(packet.consent.consulate)} />
          <Item label={p.consentHost} value={yesNo(packet.consent.hostAuthorities)} />
          <Item label={p.consentRecordedAt} value={packet.consent.recordedAt && formatDateTime(packet.consent.recordedAt)} />
        </dl>
      </Section>

      <Section id="affected" title={p.sections.affected}>
        {packet.affected
          ? (
            <dl className="facts">
              <Item label={f.fullName} value={packet.affected.fullName} />
              <Item label={f.aliases} value={packet.affected.aliases.join(', ')} />
              <Item label={f.sex} value={packet.affected.sex && labelOf(cw.sexes, packet.affected.sex)} />
              <Item label={f.birthDate} value={packet.affected.birthDate} mono />
              <Item label={f.dni} value={packet.affected.dni} mono />
              <Item label={f.passport} value={packet.affected.passport} mono />
              <Item label={f.otherDocuments} value={packet.affected.otherDocuments.join(', ')} />
              <Item label={f.originMunicipality} value={packet.affected.originMunicipality} />
              <Item label={f.originDepartment} value={packet.affected.originDepartment && labelOf(departments, packet.affected.originDepartment)} />
              <Item label={f.language} value={packet.affected.language && labelOf(cw.personLanguages, packet.affected.language)} />
              <Item label={f.interpreterNeeded} value={yesNo(packet.affected.interpreterNeeded)} />
              <Item label={f.vulnerabilities} value={list(packet.affected.vulnerabilities, cw.vulnerabilities)} wide />
            </dl>
          )
          : withheldNote}
      </Section>

      <Section id="location" title={p.sections.location}>
        <dl className="facts">
          <Item label={f.country} value={country(packet.location.country)} />
          <Item label={f.state} value={packet.location.state} />
          <Item label={f.city} value={packet.location.city} />
          <Item label={f.facilityType} value={packet.location.facilityType && labelOf(cw.facilityTypes, packet.location.facilityType)} />
          <Item label={f.facilityName} value={packet.location.facilityName} wide />
          <Item label={f.aNumber} value={packet.location.aNumber} mono />
          <Item label={f.bookingNumber} value={packet.location.bookingNumber} mono />
          <Item label={f.detainedOn} value={packet.location.detainedOn} mono />
          <Item label={f.lastContactOn} value={packet.location.lastContactOn} mono />
          <Item label={f.nextCourtOn} value={packet.location.nextCourtOn} mono />
          <Item label={f.removalOn} value={packet.location.removalOn} mono />
          <Item label={f.attorney} value={packet.location.attorney} wide />
        </dl>
        {packet.withheld.includes('location.identifiers') && <p className="muted packet-withheld-note">{withheldLabel(t, 'location.identifiers')}: {p.withheldSection}</p>}
      </Section>

      <Section id="narrative" title={p.sections.narrative}>
        {packet.narrative.narrative === null && packet.withheld.includes('narrative') && withheldNote}
        <dl className="facts">
          <Item label={f.narrative} value={packet.narrative.narrative && <span className="packet-text">{packet.narrative.narrative}</span>} wide />
          <Item label={f.request} value={packet.narrative.request && <span className="packet-text">{packet.narrative.request}</span>} wide />
          <Item label={f.requestTypes} value={list(packet.narrative.requestTypes, cw.requestTypes)} wide />
        </dl>
      </Section>

      <Section id="categoryFields" title={p.sections.categoryFields}>
        {categoryFields.length === 0
          ? (packet.withheld.includes('categoryFields') ? withheldNote : <p className="muted">{p.none}</p>)
          : (
            <dl className="facts">
              {categoryFields.map(([key, value]) => (
                <Item key={key} label={labelOf(cw.categoryFields, key)} value={value && labelOf(cw.categoryChoices, value)} wide />
              ))}
            </dl>
          )}
      </Section>

      <Section id="actionsSoFar" title={p.sections.actionsSoFar}>
        {packet.actionsSoFar.length === 0
          ? (packet.withheld.includes('actionsSoFar') ? withheldNote : <p className="muted">{p.none}</p>)
          : (
            <ol className="packet-actions">
              {packet.actionsSoFar.map((a, i) => (
                <li key={`${a.at}-${i}`}>
                  <time className="mono muted" dateTime={a.at}>{formatDateTime(a.at)}</time> <span className="packet-text">{actionText(t, a.what)}</span>
                </li>
              ))}
            </ol>
          )}
      </Section>

      <Section id="deadlines" title={p.sections.deadlines}>
        <dl className="facts">
          <Item label={p.acknowledgeBy} value={<time dateTime={packet.deadlines.acknowledgeBy}>{formatDateTime(packet.deadlines.acknowledgeBy)}</time>} />
          <Item
            label={p.firstActionBy}
            value={packet.deadlines.firstActionBy
              ? <time dateTime={packet.deadlines.firstActionBy}>{formatDateTime(packet.deadlines.firstActionBy)}</time>
              : <span className="muted">{p.noActionDeadline}</span>}
          />
        </dl>
      </Section>

      <Section id="withheld" title={p.sections.withheld}>
        {packet.withheld.length === 0
          ? <p className="muted">{p.nothingWithheld}</p>
          : (
            <ul className="packet-withheld">
              {packet.withheld.map((w) => <li key={w} data-testid="packet-withheld-item" data-part={w}>{withheldLabel(t, w)}</li>)}
            </ul>
          )}
      </Section>
    </div>
  );
}

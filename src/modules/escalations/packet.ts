import type { Category } from '../../contracts/domain.js';
import type { CaseDto, CaseEventDto } from '../../contracts/rest.js';
import type { EscalationPacket, OfficeReason } from '../../contracts/escalation.js';

/** What each category needs before an office can act on it, beyond what every case needs. */
const REQUIRED_BY_CATEGORY: Partial<Record<Category, string[]>> = {
  DETENCION: ['location.state', 'location.facilityName|location.aNumber'],
  DESAPARECIDO: ['categoryFields.lastPlace', 'categoryFields.lastContactOn'],
  FALLECIMIENTO: ['categoryFields.placeOfDeath', 'categoryFields.familyMeans'],
  HOSPITALIZADO: ['location.facilityName', 'location.city'],
  NNA_SOLO: ['affected.birthDate', 'location.facilityName'],
  RIESGO_VIDA: ['location.city'],
  TRATA_VIOLENCIA: ['location.city'],
  DESPLAZ_VIOLENCIA: ['categoryFields.threat'],
};
const REQUIRED_ALWAYS = ['affected.fullName', 'location.country', 'narrative.narrative', 'requester.phone'];

const pick = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const present = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

export interface PacketInput {
  kase: CaseDto;
  timeline: CaseEventDto[];
  office: { id: string; name: string };
  officeReason: OfficeReason;
  agentName: string;
  callerPhone: string | null;
  deadlines: { ackDueAt: Date; actionDueAt: Date | null };
  hotlineTimeZone: string;
}

const localTime = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-HN', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

/**
 * The escalation packet (domain.md, sections 1 to 9) from a case, as the office will receive it.
 * Without the requester's consent to share with the consulate, no personal data goes: the office
 * learns what kind of case it is and where, and that the hotline holds the rest.
 */
export function buildPacket(input: PacketInput): { packet: EscalationPacket; missing: string[] } {
  const { kase } = input;
  const consented = kase.consent.consulate;
  const s = kase.situation;
  const withheld: string[] = [];
  if (!consented) withheld.push('requester', 'affected', 'location.identifiers', 'narrative', 'categoryFields', 'actionsSoFar');
  if (!kase.consent.hostAuthorities) withheld.push('immigration status may not be shared with host authorities');

  const requester = kase.requester ?? kase.affected;
  const packet: EscalationPacket = {
    header: {
      caseNumber: kase.number,
      category: kase.category,
      subcategory: kase.subcategory,
      priority: kase.priority,
      priorityReason: kase.priorityReason,
      createdAtUtc: kase.createdAt,
      createdAtHonduras: localTime(kase.createdAt, input.hotlineTimeZone),
      channel: 'phone',
      agentName: input.agentName,
      office: input.office,
      officeReason: input.officeReason,
    },
    requester: consented
      ? {
          fullName: requester?.fullName ?? null, relationship: kase.relationship, dni: requester?.dni ?? null, passport: requester?.passport ?? null,
          phone: requester?.phone ?? input.callerPhone, language: requester?.language ?? kase.language,
        }
      : null,
    consent: { consulate: kase.consent.consulate, hostAuthorities: kase.consent.hostAuthorities, recordedAt: kase.consent.recordedAt },
    affected: consented && kase.affected
      ? {
          fullName: kase.affected.fullName, aliases: kase.affected.aliases, sex: kase.affected.sex, birthDate: kase.affected.birthDate,
          dni: kase.affected.dni, passport: kase.affected.passport, otherDocuments: kase.affected.otherDocuments,
          originMunicipality: kase.affected.originMunicipality, originDepartment: kase.affected.originDepartment,
          vulnerabilities: kase.affected.vulnerabilities, language: kase.affected.language, interpreterNeeded: kase.affected.interpreterNeeded,
        }
      : null,
    location: {
      country: s.country ?? null, state: s.state ?? null, city: s.city ?? null, facilityType: s.facilityType ?? null,
      facilityName: consented ? (s.facilityName ?? null) : null, aNumber: consented ? (s.aNumber ?? null) : null,
      bookingNumber: consented ? (s.bookingNumber ?? null) : null, detainedOn: s.detainedOn ?? null, lastContactOn: s.lastContactOn ?? null,
      nextCourtOn: s.nextCourtOn ?? null, removalOn: s.removalOn ?? null, attorney: consented ? (s.attorney ?? null) : null,
    },
    narrative: { narrative: consented ? kase.narrative : null, request: consented ? kase.request : null, requestTypes: kase.requestTypes },
    categoryFields: consented ? kase.categoryFields : {},
    actionsSoFar: consented
      ? input.timeline
          .filter((e) => e.kind === 'note.added' || e.kind === 'status.changed')
          .map((e) => ({ at: e.at, what: e.kind === 'note.added' ? String(e.data.text ?? '') : `${String(e.data.from)} → ${String(e.data.to)}` }))
      : [],
    deadlines: { acknowledgeBy: input.deadlines.ackDueAt.toISOString(), firstActionBy: input.deadlines.actionDueAt?.toISOString() ?? null },
    withheld,
  };

  // Completeness is judged on the case, not the packet: a field withheld for consent is not missing.
  const view = {
    affected: kase.affected ?? {}, requester: { phone: requester?.phone ?? input.callerPhone }, location: s, narrative: { narrative: kase.narrative },
    categoryFields: kase.categoryFields,
  };
  const missing = [...REQUIRED_ALWAYS, ...(REQUIRED_BY_CATEGORY[kase.category] ?? [])].filter(
    (rule) => !rule.split('|').some((path) => present(pick(view, path))),
  );
  return { packet, missing };
}

import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../contracts/domain.js';
import type { CaseDto } from '../../contracts/rest.js';
import { buildPacket } from './packet.js';

/** A case with nothing filled in but its category: what each category then lacks. */
function bare(category: Category): CaseDto {
  return {
    id: '00000000-0000-4000-8000-000000000000', number: 'AV-2026-000001', status: 'in_progress', category, priority: 2, language: 'es',
    callerMasked: '—', menuPath: [], location: null, officeId: null, flags: [], vulnerable: false, createdAt: '2026-11-29T12:00:00.000Z',
    updatedAt: '2026-11-29T12:00:00.000Z', lastCallStatus: null, displayName: null, nonData: null, mergedInto: null, subcategory: null,
    priorityReason: null, officeReason: null, requester: null, relationship: null, affected: null,
    consent: { consulate: true, hostAuthorities: false, recordedAt: null, recordedBy: null, recordedByName: null },
    situation: {}, categoryFields: {}, narrative: null, request: null, requestTypes: [], version: 1, closedAt: null, anonymisedAt: null, redacted: false,
  };
}
const missingFor = (kase: CaseDto, callerPhone: string | null = null) =>
  buildPacket({
    kase, timeline: [], office: { id: 'us-houston', name: 'Houston' }, officeReason: 'agent', agentName: 'Agente', callerPhone,
    deadlines: { ackDueAt: new Date('2026-11-29T12:15:00Z'), actionDueAt: null }, hotlineTimeZone: 'America/Tegucigalpa',
  }).missing;

const ALWAYS = ['affected.fullName', 'location.country', 'narrative.narrative', 'requester.phone'];

describe('what a packet needs, by category', () => {
  it.each([
    ['DETENCION', ['location.state', 'location.facilityName|location.aNumber']],
    ['DESAPARECIDO', ['categoryFields.lastPlace', 'categoryFields.lastContactOn']],
    ['FALLECIMIENTO', ['categoryFields.placeOfDeath', 'categoryFields.familyMeans']],
    ['HOSPITALIZADO', ['location.facilityName', 'location.city']],
    ['NNA_SOLO', ['affected.birthDate', 'location.facilityName']],
    ['RIESGO_VIDA', ['location.city']],
    ['TRATA_VIOLENCIA', ['location.city']],
    ['DESPLAZ_VIOLENCIA', ['categoryFields.threat']],
    ['DOCUMENTOS', []],
    ['QUEJA', []],
  ] as [Category, string[]][])('when a %s case is empty, then what every case needs and what its category needs are named', (category, extra) => {
    expect(missingFor(bare(category))).toEqual([...ALWAYS, ...extra]);
  });

  it('when every category is filled in as it should be, then nothing is missing', () => {
    for (const category of CATEGORIES) {
      const kase = bare(category);
      kase.affected = { id: 'p', fullName: 'Ana Paz', aliases: [], sex: 'F', birthDate: '2010-01-01', dni: null, passport: null, otherDocuments: [], phone: null, language: 'es', interpreterNeeded: false, originMunicipality: null, originDepartment: null, vulnerabilities: [], mergedInto: null };
      kase.situation = { country: 'US', state: 'TX', city: 'Houston', facilityName: 'Hospital', aNumber: 'A123456789' };
      kase.narrative = 'Relato';
      kase.categoryFields = { lastPlace: 'Reynosa', lastContactOn: '2026-11-01', placeOfDeath: 'Houston', familyMeans: 'no', threat: 'Maras' };
      expect(missingFor(kase, '+50499990000'), category).toEqual([]);
    }
  });

  it('when the caller number is known, then it stands for the requester phone', () => {
    expect(missingFor(bare('QUEJA'), '+50499990000')).not.toContain('requester.phone');
  });
});

import type { Category } from '../../contracts/domain.js';
import type { OfficeReason } from '../../contracts/escalation.js';
import { normalise } from '../../shared/text.js';
import { REGIONS, distanceKm, type Region } from './geo/regions.js';

export interface SuggestableOffice {
  id: string; name: string; kind: string; country: string; jurisdiction: string[]; lat: number | null; lon: number | null;
}

export interface CaseFacts {
  country: string | null;
  state: string | null;
  /** The IVR's answer, when the situation has no country yet. */
  location: string | null;
  originDepartment: string | null;
  category: Category;
  /** For a returnee displaced by violence: the referral the agent chose ('SEDH' or 'CONADEH'). */
  referral?: string | null;
}

export interface Suggestion<O> { office: O; reason: OfficeReason; explanation: string }

const CONSULAR = new Set(['consulate', 'consulate-general']);
/** The CCPMH in Houston handles detention, remains, hospital and return cases in Texas (domain.md). */
const CCPMH_CATEGORIES = new Set<Category>(['DETENCION', 'FALLECIMIENTO', 'HOSPITALIZADO', 'RETORNO_ASISTIDO', 'DEPORTACION_INFO']);

function regionOf(country: string, state: string): Region | null {
  const code = `${country}-${state.trim().toUpperCase()}`;
  const byCode = REGIONS.find((r) => r.code === code);
  if (byCode) return byCode;
  const name = normalise(state);
  return REGIONS.find((r) => r.code.startsWith(`${country}-`) && r.names.includes(name)) ?? null;
}

/**
 * Where a case should go: in Honduras, the returnee unit of the person's department (else the CAMR at
 * San Pedro Sula's airport, where air returns arrive); abroad, the office whose jurisdiction lists the
 * state, else the nearest consulate of that country. The explanation is shown to the agent.
 */
export function suggestOffice<O extends SuggestableOffice>(offices: O[], facts: CaseFacts): Suggestion<O> | null {
  const country = facts.country ?? (facts.location === 'US' || facts.location === 'MX' || facts.location === 'HN' ? facts.location : null);
  if (!country) return null;
  if (country === 'HN') {
    if (facts.category === 'DESPLAZ_VIOLENCIA' && facts.referral !== 'none') {
      const id = facts.referral === 'CONADEH' ? 'hn-conadeh' : 'hn-sedh';
      const referral = offices.find((o) => o.id === id);
      if (referral) return { office: referral, reason: 'department', explanation: `Desplazamiento por violencia: referencia a ${facts.referral === 'CONADEH' ? 'CONADEH' : 'SEDH'}` };
    }
    const unit = facts.originDepartment ? offices.find((o) => (o.kind === 'umar' || o.kind === 'camr') && o.jurisdiction.includes(facts.originDepartment as string)) : undefined;
    if (unit) return { office: unit, reason: 'department', explanation: `Unidad para retornados del departamento ${facts.originDepartment}` };
    const camr = offices.find((o) => o.id === 'hn-camr-sps') ?? offices.find((o) => o.kind === 'camr');
    return camr ? { office: camr, reason: 'department', explanation: 'Sin unidad en el departamento de origen: el CAMR, donde llegan los retornos aéreos' } : null;
  }
  const region = facts.state ? regionOf(country, facts.state) : null;
  if (region?.code === 'US-TX' && CCPMH_CATEGORIES.has(facts.category)) {
    const ccpmh = offices.find((o) => o.kind === 'ccpmh');
    if (ccpmh) return { office: ccpmh, reason: 'jurisdiction', explanation: 'Centro de protección consular para casos de este tipo en Texas' };
  }
  const consular = offices.filter((o) => CONSULAR.has(o.kind) && o.country === country);
  if (region) {
    const listed = consular.find((o) => o.jurisdiction.includes(region.code));
    if (listed) return { office: listed, reason: 'jurisdiction', explanation: `Su jurisdicción incluye ${region.code}` };
    const nearest = consular
      .filter((o): o is O & { lat: number; lon: number } => o.lat !== null && o.lon !== null)
      .map((o) => ({ o, km: distanceKm(region, o) }))
      .sort((a, b) => a.km - b.km)[0];
    if (nearest) return { office: nearest.o, reason: 'nearest', explanation: `La más cercana a ${region.code} (unos ${Math.round(nearest.km / 10) * 10} km)` };
  }
  // A country without a state named: its only office, if it has just one.
  return consular.length === 1 ? { office: consular[0] as O, reason: 'nearest', explanation: `Única oficina en ${country}` } : null;
}

/**
 * An office's time zone when the directory does not give one, from its country and longitude: working
 * days and "the same day" are the office's, not the hotline's.
 */
export function officeTimeZone(o: { time_zone: string | null; country: string; lon: number | null }): string {
  if (o.time_zone) return o.time_zone;
  const lon = o.lon ?? 0;
  switch (o.country) {
    case 'US': return lon < -114 ? 'America/Los_Angeles' : lon < -104 ? 'America/Denver' : lon < -87 ? 'America/Chicago' : 'America/New_York';
    case 'MX': return lon < -114 ? 'America/Tijuana' : 'America/Mexico_City';
    case 'GT': return 'America/Guatemala';
    case 'ES': return 'Europe/Madrid';
    default: return 'America/Tegucigalpa';
  }
}

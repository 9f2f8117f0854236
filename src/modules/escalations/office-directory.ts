import { readFile } from 'node:fs/promises';
import type { OfficeDto } from '../../contracts/rest.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { parseCallerNumber } from '../../shared/phone.js';
import { hasWords, normalise } from '../../shared/text.js';
import { REGIONS, distanceKm, type Region } from './geo/regions.js';
import { suggestOffice, type CaseFacts, type Suggestion } from './office-suggestion.js';

const SEED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/offices.seed.json');

const seedOffice = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  country: z.string().length(2),
  city: z.string().nullish(),
  jurisdiction: z.array(z.string()).default([]),
  lat: z.number().nullish(),
  lon: z.number().nullish(),
  phone: z.string().nullish(),
  address: z.string().nullish(),
  confidence: z.string().nullish(),
  source: z.string().nullish(),
});

export interface OfficeRef {
  id: string;
  name: string;
}

export interface OfficeCard extends OfficeRef {
  address: string | null;
  phone: string | null;
}

export interface PlaceMatch {
  office: OfficeCard;
  /** How it was chosen: the city named, the office's jurisdiction, or the nearest office of that country. */
  rule: 'city' | 'jurisdiction' | 'nearest';
}

export interface OfficeRow {
  id: string; name: string; kind: string; country: string; city: string | null; jurisdiction: string[];
  lat: number | null; lon: number | null; phone_e164: string | null; address: string | null; time_zone: string | null;
}

const CONSULAR = new Set(['consulate', 'consulate-general']);
const card = (o: OfficeRow): OfficeCard => ({ id: o.id, name: o.name, address: o.address, phone: o.phone_e164 });

/** Names a caller may say for an office: its city, and the city in its id ("us-nueva-york"). */
function officeNames(o: OfficeRow): string[] {
  const names = new Set<string>();
  if (o.city) names.add(normalise(o.city.split(/[,(]/)[0] ?? ''));
  names.add(normalise(o.id.replace(/^[a-z]{2}-/, '').replace(/-(seccion-consular|ccpmh|colorado)$/, '').replace(/-/g, ' ')));
  return [...names].filter((n) => n.length >= 4);
}

/** "Houston, TX" is in US-TX; "Tapachula, Chiapas" needs the region names. */
function regionOfCity(o: OfficeRow): string | null {
  const suffix = o.city?.split(',')[1]?.trim();
  if (!suffix) return null;
  if (/^[A-Z]{2}$/.test(suffix)) return `${o.country}-${suffix}`;
  const n = normalise(suffix);
  return REGIONS.find((r) => r.code.startsWith(`${o.country}-`) && r.names.includes(n))?.code ?? null;
}

/**
 * The consulate for a place a caller names: an office in the city they say; else the office whose
 * jurisdiction lists their state (or that stands in it); else the nearest consulate of that country.
 */
export function officeForPlace(offices: OfficeRow[], said: string): PlaceMatch | null {
  const text = normalise(said);
  if (!text) return null;
  const consular = offices.filter((o) => CONSULAR.has(o.kind));
  let best: { length: number; match: PlaceMatch } | null = null;
  for (const o of consular) {
    for (const name of officeNames(o)) {
      if (hasWords(text, name) && (!best || name.length > best.length)) best = { length: name.length, match: { office: card(o), rule: 'city' } };
    }
  }
  let region: Region | null = null;
  let regionLength = 0;
  for (const r of REGIONS) {
    for (const name of r.names) {
      if (hasWords(text, name) && name.length > regionLength) {
        region = r;
        regionLength = name.length;
      }
    }
  }
  if (best && best.length >= regionLength) return best.match;
  if (!region) return best?.match ?? null;
  const country = region.code.slice(0, 2);
  const listed = consular.find((o) => o.jurisdiction.includes(region.code)) ?? consular.find((o) => regionOfCity(o) === region.code);
  if (listed) return { office: card(listed), rule: 'jurisdiction' };
  const nearest = consular
    .filter((o) => o.country === country && o.lat !== null && o.lon !== null)
    .sort((a, b) => distanceKm(region, a as { lat: number; lon: number }) - distanceKm(region, b as { lat: number; lon: number }))[0];
  return nearest ? { office: card(nearest), rule: 'nearest' } : null;
}

/**
 * The directory of consulates and returnee units. Seed offices are inserted once and never
 * overwritten, so what admins edit stays edited. A call to a number of the directory (a
 * consulate's own line forwarded here) pre-selects that office.
 */
export function createOfficeDirectory(deps: { db: Db; refreshMs?: number }) {
  let byPhone: { at: number; map: Map<string, OfficeRef> } | undefined;
  let all: { at: number; rows: OfficeRow[] } | undefined;
  const refreshMs = deps.refreshMs ?? 60_000;
  const rows = async (): Promise<OfficeRow[]> => {
    if (!all || Date.now() - all.at > refreshMs) {
      const fresh = await deps.db
        .selectFrom('offices')
        .select(['id', 'name', 'kind', 'country', 'city', 'jurisdiction', 'lat', 'lon', 'phone_e164', 'address', 'time_zone'])
        .execute();
      all = { at: Date.now(), rows: fresh };
    }
    return all.rows;
  };

  return {
    async seed(): Promise<number> {
      const file = z.object({ offices: z.array(seedOffice) }).parse(JSON.parse(await readFile(SEED_FILE, 'utf8')));
      const rows = file.offices.map((o) => {
        const phone = parseCallerNumber(o.phone ?? null);
        return {
          id: o.id, name: o.name, kind: o.kind, country: o.country, city: o.city ?? null, jurisdiction: o.jurisdiction,
          lat: o.lat ?? null, lon: o.lon ?? null, phone_e164: phone.kind === 'e164' ? phone.e164 : null,
          address: o.address ?? null, confidence: o.confidence ?? null, source: o.source ?? null,
        };
      });
      const inserted = await deps.db.insertInto('offices').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
      byPhone = undefined;
      all = undefined;
      return inserted.length;
    },

    async findForPlace(said: string): Promise<PlaceMatch | null> {
      return officeForPlace(await rows(), said);
    },

    /** Every office, for the console's pickers: what an agent needs to choose, no more. */
    async list(): Promise<OfficeDto[]> {
      return (await rows())
        .map((o) => ({ id: o.id, name: o.name, kind: o.kind as OfficeDto['kind'], country: o.country, city: o.city }))
        .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name, 'es'));
    },

    async find(id: string): Promise<OfficeRow | null> {
      return (await rows()).find((o) => o.id === id) ?? null;
    },

    /** The office a case should go to, and why (see office-suggestion.ts). */
    async suggestFor(facts: CaseFacts): Promise<Suggestion<OfficeRow> | null> {
      return suggestOffice(await rows(), facts);
    },

    /**
     * Where an office receives escalations, read fresh: an admin's change applies to the next delivery.
     * Inside a transaction, read through it: a second connection per transaction starves the pool
     * when many agents escalate at once.
     */
    async channels(id: string, executor: Pick<Db, 'selectFrom'> = deps.db): Promise<{ channels: string[] }> {
      const row = await executor.selectFrom('offices').select('channels').where('id', '=', id).executeTakeFirst();
      return { channels: row?.channels ?? ['inbox'] };
    },

    /** After an admin's edit: this process reads the directory again at once (others within refreshMs). */
    invalidate(): void {
      all = undefined;
      byPhone = undefined;
    },

    async card(id: string): Promise<OfficeCard | null> {
      const row = (await rows()).find((o) => o.id === id);
      return row ? card(row) : null;
    },

    async officeForNumber(e164: string | null): Promise<OfficeRef | null> {
      if (!e164) return null;
      const now = Date.now();
      if (!byPhone || now - byPhone.at > refreshMs) {
        const rows = await deps.db.selectFrom('offices').select(['id', 'name', 'phone_e164']).where('phone_e164', 'is not', null).execute();
        byPhone = { at: now, map: new Map(rows.map((r) => [r.phone_e164 as string, { id: r.id, name: r.name }])) };
      }
      return byPhone.map.get(e164) ?? null;
    },
  };
}

export type OfficeDirectory = ReturnType<typeof createOfficeDirectory>;

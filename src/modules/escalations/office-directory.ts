import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { parseCallerNumber } from '../../shared/phone.js';

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

/**
 * The directory of consulates and returnee units. Seed offices are inserted once and never
 * overwritten, so what admins edit stays edited. A call to a number of the directory (a
 * consulate's own line forwarded here) pre-selects that office.
 */
export function createOfficeDirectory(deps: { db: Db; refreshMs?: number }) {
  let byPhone: { at: number; map: Map<string, OfficeRef> } | undefined;

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
      return inserted.length;
    },

    async officeForNumber(e164: string | null): Promise<OfficeRef | null> {
      if (!e164) return null;
      const now = Date.now();
      if (!byPhone || now - byPhone.at > (deps.refreshMs ?? 60_000)) {
        const rows = await deps.db.selectFrom('offices').select(['id', 'name', 'phone_e164']).where('phone_e164', 'is not', null).execute();
        byPhone = { at: now, map: new Map(rows.map((r) => [r.phone_e164 as string, { id: r.id, name: r.name }])) };
      }
      return byPhone.map.get(e164) ?? null;
    },
  };
}

export type OfficeDirectory = ReturnType<typeof createOfficeDirectory>;

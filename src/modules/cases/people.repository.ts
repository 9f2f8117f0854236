import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../shared/ids.js';
import { normalise } from '../../shared/text.js';
import type { PersonRow } from './case.dto.js';
import type { Executor } from './cases.repository.js';

export const PERSON_COLUMNS = [
  'id', 'full_name', 'aliases', 'sex', 'birth_date', 'dni', 'passport', 'other_documents', 'phone_e164', 'language',
  'interpreter_needed', 'origin_municipality', 'origin_department', 'vulnerabilities', 'merged_into',
] as const;

export type PersonValues = Omit<PersonRow, 'id' | 'merged_into'>;
export type CaseRole = 'requester' | 'affected';

/** A document number as searched: digits and upper-case letters only. */
export const normaliseDocument = (raw: string): string => raw.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** The columns search reads, derived here and only here from what agents wrote. */
function searchColumns(p: Pick<PersonValues, 'full_name' | 'aliases' | 'dni' | 'passport' | 'other_documents'>) {
  return {
    search_name: normalise([p.full_name ?? '', ...p.aliases].join(' ')),
    search_documents: [...new Set([p.dni, p.passport, ...p.other_documents].filter((d): d is string => !!d).map(normaliseDocument).filter(Boolean))],
  };
}

export function createPeopleRepository(db: Db) {
  return {
    async find(trx: Executor, id: string, opts: { lock?: boolean } = {}): Promise<PersonRow | undefined> {
      const q = trx.selectFrom('people').select(PERSON_COLUMNS).where('id', '=', id);
      return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
    },

    /** The requester and the affected person of a case (the same row when the requester is the person). */
    async ofCase(caseId: string, trx: Executor = db): Promise<{ requester: PersonRow | null; affected: PersonRow | null }> {
      const rows = await trx
        .selectFrom('case_people as cp')
        .innerJoin('people as p', 'p.id', 'cp.person_id')
        .select(PERSON_COLUMNS.map((c) => `p.${c}` as const))
        .select('cp.role')
        .where('cp.case_id', '=', caseId)
        .execute();
      const pick = (role: CaseRole) => {
        const row = rows.find((r) => r.role === role);
        if (!row) return null;
        const { role: _role, ...person } = row;
        return person as PersonRow;
      };
      return { requester: pick('requester'), affected: pick('affected') };
    },

    async insert(trx: Transaction<Database>, values: PersonValues): Promise<string> {
      const id = newId();
      await trx.insertInto('people').values({ id, ...values, ...searchColumns(values) }).execute();
      return id;
    },

    async update(trx: Transaction<Database>, id: string, values: PersonValues): Promise<void> {
      await trx.updateTable('people').set({ ...values, ...searchColumns(values), updated_at: sql`now()` }).where('id', '=', id).execute();
    },

    async link(trx: Transaction<Database>, caseId: string, role: CaseRole, personId: string): Promise<void> {
      await trx
        .insertInto('case_people')
        .values({ case_id: caseId, role, person_id: personId })
        .onConflict((oc) => oc.columns(['case_id', 'role']).doUpdateSet({ person_id: personId }))
        .execute();
    },

    async unlink(trx: Transaction<Database>, caseId: string, role: CaseRole): Promise<void> {
      await trx.deleteFrom('case_people').where('case_id', '=', caseId).where('role', '=', role).execute();
    },

    /** Cases a person appears in, for telling their consoles something changed. */
    async caseIds(trx: Executor, personId: string): Promise<string[]> {
      const rows = await trx.selectFrom('case_people').select('case_id').distinct().where('person_id', '=', personId).execute();
      return rows.map((r) => r.case_id);
    },

    /** Points every case of `fromId` at `intoId`; the merged person keeps a pointer to where they went. */
    async repoint(trx: Transaction<Database>, fromId: string, intoId: string): Promise<void> {
      await trx.updateTable('case_people').set({ person_id: intoId }).where('person_id', '=', fromId).execute();
      await trx.updateTable('people').set({ merged_into: intoId, updated_at: sql`now()` }).where('id', '=', fromId).execute();
    },

    /** People matching a name, document or number, for finding duplicates. */
    async search(q: { name?: string; document?: string; phone?: string }, limit: number): Promise<PersonRow[]> {
      let query = db.selectFrom('people').select(PERSON_COLUMNS).where('merged_into', 'is', null).where('anonymised_at', 'is', null);
      if (q.name) query = query.where('search_name', 'like', `%${q.name}%`);
      if (q.document) query = query.where('search_documents', '@>', sql<string[]>`ARRAY[${q.document}]::text[]`);
      if (q.phone) query = query.where('phone_e164', '=', q.phone);
      return query.orderBy('updated_at', 'desc').limit(limit).execute();
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

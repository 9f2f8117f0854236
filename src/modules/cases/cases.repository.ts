import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../shared/ids.js';
import type { CaseRow } from './case.dto.js';

export interface NewCase {
  category: string;
  priority: number;
  priorityReason: string;
  language: string;
  callerPhone: string | null;
  menuPath: string[];
  location: string | null;
  timeZone: string;
  officeId: string | null;
  officeReason: string | null;
  vulnerable: boolean;
  flags: string[];
}

export const CASE_COLUMNS = [
  'id', 'number', 'status', 'category', 'priority', 'language', 'caller_phone', 'menu_path', 'location',
  'office_id', 'flags', 'vulnerable', 'created_at', 'updated_at',
] as const;

const lastCallStatus = sql<string | null>`(SELECT c2.status FROM calls c2 WHERE c2.case_id = cases.id ORDER BY c2.started_at DESC LIMIT 1)`;

export function createCasesRepository(db: Db) {
  return {
    /** Inside the caller's transaction, so a case never exists without the call that opened it. */
    async insert(trx: Transaction<Database>, input: NewCase): Promise<CaseRow> {
      const id = newId();
      const { seq } = await sql<{ seq: number }>`SELECT nextval('case_number_seq')::int8 AS seq`.execute(trx).then((r) => r.rows[0] as { seq: number });
      const number = sql<string>`'AV-' || to_char(now() AT TIME ZONE ${input.timeZone}, 'YYYY') || '-' || lpad(${String(seq)}, 6, '0')`;
      return trx
        .insertInto('cases')
        .values({
          id,
          seq,
          number,
          office_id: input.officeId,
          office_reason: input.officeReason,
          vulnerable: input.vulnerable,
          flags: input.flags,
          category: input.category,
          priority: input.priority,
          priority_reason: input.priorityReason,
          language: input.language,
          caller_phone: input.callerPhone,
          menu_path: input.menuPath,
          location: input.location,
        })
        .returning(CASE_COLUMNS)
        .executeTakeFirstOrThrow();
    },

    async addEvent(trx: Transaction<Database> | Db, caseId: string, kind: string, actor: string, data: Record<string, unknown>): Promise<void> {
      await trx.insertInto('case_events').values({ case_id: caseId, kind, actor, data: JSON.stringify(data) }).execute();
    },

    async findSummary(id: string): Promise<CaseRow | undefined> {
      return db
        .selectFrom('cases')
        .select(CASE_COLUMNS)
        .select(lastCallStatus.as('last_call_status'))
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The same caller's other cases, newest first: what an agent should know before answering. */
    async sameCaller(caseId: string, limit: number): Promise<CaseRow[]> {
      return db
        .selectFrom('cases')
        .select(CASE_COLUMNS)
        .select(lastCallStatus.as('last_call_status'))
        .where('caller_phone', '=', (eb) => eb.selectFrom('cases as c2').select('c2.caller_phone').where('c2.id', '=', caseId))
        .where('id', '!=', caseId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    async recordings(caseId: string) {
      return db.selectFrom('recordings').select(['sid', 'kind', 'duration_s', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').execute();
    },

    async recording(sid: string) {
      return db.selectFrom('recordings').select(['sid', 'url', 'case_id']).where('sid', '=', sid).executeTakeFirst();
    },

    async timeline(caseId: string) {
      return db.selectFrom('case_events').select(['kind', 'actor', 'at', 'data']).where('case_id', '=', caseId).orderBy('id').execute();
    },

    /** What a caller may hear by phone: the status only, nothing personal. */
    async statusBySeq(seq: number): Promise<{ number: string; status: string } | undefined> {
      return db.selectFrom('cases').select(['number', 'status']).where('seq', '=', seq).executeTakeFirst();
    },

    async addFlag(trx: Transaction<Database> | Db, caseId: string, flag: string): Promise<void> {
      await trx
        .updateTable('cases')
        .set({ flags: sql`array_append(array_remove(flags, ${flag}), ${flag})`, updated_at: sql`now()` })
        .where('id', '=', caseId)
        .execute();
    },

    async listOpen(limit: number): Promise<CaseRow[]> {
      return db
        .selectFrom('cases')
        .select(CASE_COLUMNS)
        .select(lastCallStatus.as('last_call_status'))
        .where('status', 'not in', ['resolved', 'closed'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;

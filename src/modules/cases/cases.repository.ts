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
}

const lastCallStatus = sql<string | null>`(SELECT c2.status FROM calls c2 WHERE c2.case_id = cases.id ORDER BY c2.started_at DESC LIMIT 1)`;

export function createCasesRepository(db: Db) {
  return {
    /** Inside the caller's transaction, so a case never exists without the call that opened it. */
    async insert(trx: Transaction<Database>, input: NewCase): Promise<CaseRow> {
      const id = newId();
      const number = sql<string>`'AV-' || to_char(now() AT TIME ZONE ${input.timeZone}, 'YYYY') || '-' || lpad(nextval('case_number_seq')::text, 6, '0')`;
      return trx
        .insertInto('cases')
        .values({
          id,
          number,
          category: input.category,
          priority: input.priority,
          priority_reason: input.priorityReason,
          language: input.language,
          caller_phone: input.callerPhone,
          menu_path: input.menuPath,
          location: input.location,
        })
        .returning(['id', 'number', 'status', 'category', 'priority', 'language', 'caller_phone', 'menu_path', 'location', 'created_at', 'updated_at'])
        .executeTakeFirstOrThrow();
    },

    async addEvent(trx: Transaction<Database> | Db, caseId: string, kind: string, actor: string, data: Record<string, unknown>): Promise<void> {
      await trx.insertInto('case_events').values({ case_id: caseId, kind, actor, data: JSON.stringify(data) }).execute();
    },

    async findSummary(id: string): Promise<CaseRow | undefined> {
      return db
        .selectFrom('cases')
        .select(['id', 'number', 'status', 'category', 'priority', 'language', 'caller_phone', 'menu_path', 'location', 'created_at', 'updated_at'])
        .select(lastCallStatus.as('last_call_status'))
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async listOpen(limit: number): Promise<CaseRow[]> {
      return db
        .selectFrom('cases')
        .select(['id', 'number', 'status', 'category', 'priority', 'language', 'caller_phone', 'menu_path', 'location', 'created_at', 'updated_at'])
        .select(lastCallStatus.as('last_call_status'))
        .where('status', 'not in', ['resolved', 'closed'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;

import { CompiledQuery, sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CasesTable, Database } from '../../platform/db/schema.js';
import { newId } from '../../shared/ids.js';
import type { CaseFullRow, CaseRow } from './case.dto.js';

export type Executor = Transaction<Database> | Db;

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
  'office_id', 'flags', 'vulnerable', 'non_data', 'merged_into', 'created_at', 'updated_at',
] as const;

/** What the call that opens a case becomes; fields left out stay as they are. */
export interface CallChange {
  callSid: string;
  menuPath?: string[];
  language?: string;
  outcome?: string;
  /** Joins the queue now. */
  queue?: boolean;
}

/**
 * OPEN_FOR_CALL's statement: the case, numbered from the sequence in the hotline's year (six digits at
 * least), its first timeline entries in the order given, and the call pointing at it.
 */
const OPEN_FOR_CALL = `WITH n AS (SELECT nextval('case_number_seq') AS seq),
opened AS (
  INSERT INTO cases (id, seq, number, office_id, office_reason, vulnerable, flags, category, priority, priority_reason, language, caller_phone, menu_path, location)
  SELECT $1::uuid, n.seq, 'AV-' || to_char(now() AT TIME ZONE $2::text, 'YYYY') || '-' || lpad(n.seq::text, greatest(6, length(n.seq::text)), '0'),
    $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12::text[], $13 FROM n
  RETURNING ${CASE_COLUMNS.join(', ')}
),
entries AS (
  INSERT INTO case_events (case_id, kind, actor, data)
  SELECT (SELECT id FROM opened), e.kind, $14, e.data FROM ROWS FROM (jsonb_to_recordset($15::jsonb) AS (kind text, data jsonb)) WITH ORDINALITY AS e(kind, data, i) ORDER BY e.i
),
call AS (
  UPDATE calls SET case_id = (SELECT id FROM opened),
    menu_path = coalesce($17::text[], menu_path), language = coalesce($18, language), outcome = coalesce($19, outcome),
    status = CASE WHEN $20::boolean THEN 'queued' ELSE status END, enqueued_at = CASE WHEN $20::boolean THEN now() ELSE enqueued_at END
  WHERE call_sid = $16
  RETURNING enqueued_at
)
SELECT opened.*, (SELECT enqueued_at FROM call) AS enqueued_at FROM opened`;

const FULL_COLUMNS = [
  ...CASE_COLUMNS, 'subcategory', 'priority_reason', 'office_reason', 'relationship', 'consent_consulate', 'consent_host', 'consent_at',
  'consent_by', 'situation', 'category_fields', 'narrative', 'request', 'request_types', 'version', 'closed_at', 'anonymised_at',
] as const;

export const lastCallStatus = sql<string | null>`(SELECT c2.status FROM calls c2 WHERE c2.case_id = cases.id ORDER BY c2.started_at DESC LIMIT 1)`;
/** The affected person's name, else the requester's. */
export const displayName = sql<string | null>`(SELECT p.full_name FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id = cases.id AND p.full_name IS NOT NULL ORDER BY cp.role = 'affected' DESC LIMIT 1)`;

export function createCasesRepository(db: Db) {
  const summaries = () => db.selectFrom('cases').select(CASE_COLUMNS).select([lastCallStatus.as('last_call_status'), displayName.as('display_name')]);

  return {
    /** For single statements outside a transaction (audit entries). */
    db: db as Executor,
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),

    /**
     * Opens a case for a call, inside the caller's transaction so a case never exists without the call
     * that opened it, and in one statement: this is on the way from a caller's key press to what they
     * hear, where every round trip to the database is felt at peaks.
     */
    async openForCall(trx: Transaction<Database>, input: NewCase, call: CallChange, actor: string, entries: { kind: string; data: Record<string, unknown> }[]): Promise<CaseRow & { enqueued_at: Date | null }> {
      const result = await trx.executeQuery<CaseRow & { enqueued_at: Date | null }>(CompiledQuery.raw(OPEN_FOR_CALL, [
        newId(), input.timeZone, input.officeId, input.officeReason, input.vulnerable, input.flags, input.category, input.priority, input.priorityReason,
        input.language, input.callerPhone, input.menuPath, input.location, actor, JSON.stringify(entries),
        call.callSid, call.menuPath ?? null, call.language ?? null, call.outcome ?? null, call.queue ?? false,
      ]));
      const row = result.rows[0];
      if (!row) throw new Error('the case was not opened');
      return row;
    },

    async addEvent(trx: Executor, caseId: string, kind: string, actor: string, data: Record<string, unknown>): Promise<void> {
      await trx.insertInto('case_events').values({ case_id: caseId, kind, actor, data: JSON.stringify(data) }).execute();
    },

    async audit(trx: Executor, caseId: string, actor: string | null, action: string, fields: string[] = []): Promise<void> {
      await trx.insertInto('case_audit').values({ case_id: caseId, actor, action, fields }).execute();
    },

    async auditLog(caseId: string, limit: number) {
      return db
        .selectFrom('case_audit as a')
        .leftJoin('users as u', 'u.id', 'a.actor')
        .select(['a.actor', 'u.name as actor_name', 'a.action', 'a.fields', 'a.at'])
        .where('a.case_id', '=', caseId)
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute();
    },

    async findSummary(id: string): Promise<CaseRow | undefined> {
      return summaries().where('id', '=', id).executeTakeFirst();
    },

    async findFull(id: string, opts: { trx?: Executor; lock?: boolean } = {}): Promise<CaseFullRow | undefined> {
      const q = (opts.trx ?? db)
        .selectFrom('cases')
        .select(FULL_COLUMNS)
        .select(sql<string | null>`(SELECT u.name FROM users u WHERE u.id = cases.consent_by)`.as('consent_by_name'))
        .where('id', '=', id);
      return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
    },

    async update(trx: Executor, id: string, set: Updateable<CasesTable>): Promise<void> {
      await trx.updateTable('cases').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
    },

    /**
     * The same caller's other cases, newest first: what an agent should know before answering. A caller
     * is known by the number they call from and by the numbers recorded for the people in their cases.
     */
    async sameCaller(caseId: string, limit: number): Promise<CaseRow[]> {
      const phones = sql<string>`(
        SELECT caller_phone FROM cases WHERE id = ${caseId} AND caller_phone IS NOT NULL
        UNION SELECT p.phone_e164 FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id = ${caseId} AND p.phone_e164 IS NOT NULL)`;
      return summaries()
        .where((eb) =>
          eb('id', 'in', sql<string>`(SELECT id FROM cases WHERE caller_phone IN ${phones}
            UNION SELECT cp.case_id FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE p.phone_e164 IN ${phones})`),
        )
        .where('id', '!=', caseId)
        .where('merged_into', 'is', null)
        .where('non_data', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    async recordings(caseId: string) {
      return db.selectFrom('recordings').select(['sid', 'call_sid', 'kind', 'duration_s', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').execute();
    },

    async recording(sid: string) {
      return db.selectFrom('recordings').select(['sid', 'url', 'case_id']).where('sid', '=', sid).executeTakeFirst();
    },

    async timeline(caseId: string) {
      return db
        .selectFrom('case_events as e')
        .leftJoin('users as u', (j) => j.on(sql`u.id::text`, '=', sql.ref('e.actor')))
        .select(['e.kind', 'e.actor', 'u.name as actor_name', 'e.at', 'e.data'])
        .where('e.case_id', '=', caseId)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute();
    },

    /** Every call of a case, with who took it and for how long. */
    async calls(caseId: string) {
      return db
        .selectFrom('calls as c')
        .leftJoin('users as u', 'u.id', 'c.agent_id')
        .select(['c.call_sid', 'c.direction', 'c.status', 'c.outcome', 'c.started_at', 'c.answered_at', 'c.ended_at', 'c.duration_s', 'c.queue_wait_s', 'u.name as agent_name'])
        .where('c.case_id', '=', caseId)
        .orderBy('c.started_at')
        .execute();
    },

    /** What a caller may hear by phone: the status only, nothing personal. */
    async statusBySeq(seq: number): Promise<{ number: string; status: string } | undefined> {
      return db.selectFrom('cases').select(['number', 'status']).where('seq', '=', seq).where('merged_into', 'is', null).executeTakeFirst();
    },

    async addFlag(trx: Executor, caseId: string, flag: string): Promise<void> {
      await trx
        .updateTable('cases')
        .set({ flags: sql`array_append(array_remove(flags, ${flag}), ${flag})`, updated_at: sql`now()` })
        .where('id', '=', caseId)
        .execute();
    },

    async listOpen(limit: number): Promise<CaseRow[]> {
      return summaries()
        .where('status', 'not in', ['resolved', 'closed'])
        .where('non_data', 'is', null)
        .where('merged_into', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    /**
     * Moves everything that belongs to `fromId` onto `intoId`: calls, recordings, callbacks and every
     * timeline entry (with their original times). The emptied case keeps a pointer to where it went.
     */
    async moveAll(trx: Transaction<Database>, fromId: string, intoId: string): Promise<{ events: number }> {
      await trx.updateTable('calls').set({ case_id: intoId }).where('case_id', '=', fromId).execute();
      await trx.updateTable('recordings').set({ case_id: intoId }).where('case_id', '=', fromId).execute();
      await trx.updateTable('callbacks').set({ case_id: intoId }).where('case_id', '=', fromId).execute();
      const moved = await trx
        .updateTable('case_events')
        .set({ case_id: intoId, data: sql`data || jsonb_build_object('mergedFrom', ${fromId}::text)` })
        .where('case_id', '=', fromId)
        .executeTakeFirst();
      return { events: Number(moved.numUpdatedRows) };
    },

    /** Moves one call, its recordings, callbacks and the timeline entries about it. */
    async moveCall(trx: Transaction<Database>, callSid: string, fromId: string, intoId: string): Promise<void> {
      await trx.updateTable('calls').set({ case_id: intoId }).where('call_sid', '=', callSid).execute();
      await trx.updateTable('recordings').set({ case_id: intoId }).where('call_sid', '=', callSid).execute();
      await trx.updateTable('callbacks').set({ case_id: intoId }).where('call_sid', '=', callSid).execute();
      await trx
        .updateTable('case_events')
        .set({ case_id: intoId, data: sql`data || jsonb_build_object('movedFrom', ${fromId}::text)` })
        .where('case_id', '=', fromId)
        .where(sql<boolean>`data->>'callSid' = ${callSid}`)
        // The case was still opened by that call: its opening stays with it.
        .where('kind', '!=', 'case.opened')
        .execute();
    },

    async setCallCase(trx: Executor, callSid: string, caseId: string): Promise<void> {
      await trx.updateTable('calls').set({ case_id: caseId }).where('call_sid', '=', callSid).execute();
    },

    async callCount(trx: Executor, caseId: string): Promise<number> {
      const r = await trx.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async findCall(trx: Executor, callSid: string) {
      return trx.selectFrom('calls').select(['call_sid', 'case_id', 'from_e164']).where('call_sid', '=', callSid).executeTakeFirst();
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;

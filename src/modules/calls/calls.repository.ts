import { CompiledQuery, sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CallsTable, Database } from '../../platform/db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { CASE_COLUMNS, type CaseRow, type CasesRepository } from '../cases/index.js';

export interface IncomingCall {
  callSid: string;
  accountSid: string | null;
  fromE164: string | null;
  fromKind: 'e164' | 'withheld' | 'unrecognised';
  to: string | null;
  officeId: string | null;
}

export interface CaseRequest {
  call: IncomingCall;
  language: string;
  menuPath: string[];
  location: string | null;
  category: string;
  priority: number;
  reason: string;
  vulnerable: boolean;
  timeZone: string;
}

/** What the call turns into once its case is open. */
export type CallDisposition = { queue: true } | { outcome: 'voicemail' | 'on_call' | 'callback'; flag?: string };

export interface OpenedCase {
  caseRow: CaseRow;
  caseCreated: boolean;
  /** False when Twilio retried a request that had already queued this call. */
  newlyQueued: boolean;
  enqueuedAt: Date;
}

export interface CallEnded {
  callSid: string;
  status: string;
  sequence: number | null;
  durationS: number | null;
  at: Date;
}

export interface EndedOutcome {
  found: boolean;
  abandoned: boolean;
  caseId: string | null;
  /** The caller left a callback: their entry stays in the waiting set. */
  keepWaiting: boolean;
}

/** A caller the database says is waiting, with what the waiting set needs to hold them. */
export interface ShouldBeWaiting {
  call_sid: string;
  kind: 'call' | 'callback';
  since: Date | null;
  phone: string | null;
  case_id: string;
  number: string;
  language: string;
  menu_path: string[];
  category: string;
  priority: number;
}

const TERMINAL = new Set(['abandoned', 'completed']);

/** The greeting's statement for a new call, in Spanish until the caller chooses. */
const RECORD_INCOMING = `INSERT INTO calls (call_sid, account_sid, from_e164, from_kind, to_number, office_id, language)
  VALUES ($1, $2, $3, $4, $5, $6, 'es') ON CONFLICT (call_sid) DO NOTHING`;
/** A caller turned away at the greeting: recorded as ended, with why, whether or not the row was there. */
const RECORD_TURNED_AWAY = `INSERT INTO calls (call_sid, account_sid, from_e164, from_kind, to_number, office_id, language, outcome, status)
  VALUES ($1, $2, $3, $4, $5, $6, 'es', $7, 'completed') ON CONFLICT (call_sid) DO UPDATE SET outcome = EXCLUDED.outcome, status = 'completed'`;
/**
 * The call's row, created if this is its first request, and locked until the transaction ends: two
 * deliveries of one webhook wait for each other. One statement (the no-op update takes the lock).
 */
const CLAIM_CALL = `INSERT INTO calls (call_sid, account_sid, from_e164, from_kind, to_number, office_id, language)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (call_sid) DO UPDATE SET status = calls.status
  RETURNING case_id, status, enqueued_at, outcome, office_id, from_e164`;
type Executor = Db | Transaction<Database>;
/** A case opened by a call to an office's own number belongs to that office, and says why. */
const officeOfCall = (officeId: string | null) => ({ officeId, officeReason: officeId ? 'Llamó al número propio de la oficina' : null });
type ClaimedCall = Pick<Selectable<CallsTable>, 'case_id' | 'status' | 'enqueued_at' | 'outcome' | 'office_id' | 'from_e164'>;

export function createCallsRepository(db: Db, cases: CasesRepository) {
  const claimCall = async (trx: Transaction<Database>, call: IncomingCall, language = 'es'): Promise<ClaimedCall> => {
    const { rows } = await trx.executeQuery<ClaimedCall>(
      CompiledQuery.raw(CLAIM_CALL, [call.callSid, call.accountSid, call.fromE164, call.fromKind, call.to, call.officeId, language]),
    );
    if (!rows[0]) throw new AppError('internal', 'call row vanished');
    return rows[0];
  };

  const lockCall = (trx: Transaction<Database>, callSid: string) =>
    trx
      .selectFrom('calls')
      .select(['case_id', 'status', 'enqueued_at', 'outcome', 'office_id', 'from_e164'])
      .where('call_sid', '=', callSid)
      .forUpdate()
      .executeTakeFirst();

  return {
    /** Idempotent on CallSid: Twilio's retries record nothing twice. */
    async recordIncoming(call: IncomingCall, outcome?: 'rate_limited' | 'blocked'): Promise<void> {
      const values = [call.callSid, call.accountSid, call.fromE164, call.fromKind, call.to, call.officeId];
      // Every call's first request: one statement written once, not built and compiled each time.
      await db.executeQuery(outcome ? CompiledQuery.raw(RECORD_TURNED_AWAY, [...values, outcome]) : CompiledQuery.raw(RECORD_INCOMING, values));
    },

    /**
     * Opens the call's case (once) and sets what the call becomes, in one transaction. The call row
     * is locked, so two deliveries of the same webhook cannot open two cases or queue twice.
     */
    async openCase(req: CaseRequest, disposition: CallDisposition): Promise<OpenedCase> {
      return db.transaction().execute(async (trx) => {
        const call = await claimCall(trx, req.call, req.language);
        if (TERMINAL.has(call.status)) throw new AppError('conflict', 'The call has already ended');

        if (!call.case_id) {
          // The usual way: a new case, and the call queued or sent on, in one statement.
          const queue = 'queue' in disposition;
          const { enqueued_at, ...caseRow } = await cases.openForCall(
            trx,
            {
              category: req.category,
              priority: req.priority,
              priorityReason: req.reason,
              language: req.language,
              callerPhone: req.call.fromE164,
              menuPath: req.menuPath,
              location: req.location,
              timeZone: req.timeZone,
              ...officeOfCall(call.office_id),
              vulnerable: req.vulnerable,
              flags: 'flag' in disposition && disposition.flag ? [disposition.flag] : [],
            },
            { callSid: req.call.callSid, menuPath: req.menuPath, language: req.language, ...(queue ? { queue } : { outcome: disposition.outcome }) },
            'ivr',
            [
              { kind: 'case.opened', data: { callSid: req.call.callSid, category: req.category, priority: req.priority, reason: req.reason, menuPath: req.menuPath } },
              ...(queue ? [{ kind: 'call.queued', data: { callSid: req.call.callSid } }] : []),
            ],
          );
          return { caseRow, caseCreated: true, newlyQueued: queue, enqueuedAt: enqueued_at ?? new Date() };
        }

        // A case already open for this call (a retried webhook, or the caller's second request).
        const caseRow: CaseRow = await trx.selectFrom('cases').select(CASE_COLUMNS).where('id', '=', call.case_id).executeTakeFirstOrThrow();
        const caseCreated = false;
        if ('queue' in disposition) {
          if (call.status === 'queued') return { caseRow, caseCreated, newlyQueued: false, enqueuedAt: call.enqueued_at ?? new Date() };
          const updated = await trx
            .updateTable('calls')
            .set({ status: 'queued', case_id: caseRow.id, menu_path: req.menuPath, language: req.language, enqueued_at: sql`now()` })
            .where('call_sid', '=', req.call.callSid)
            .returning(['enqueued_at'])
            .executeTakeFirstOrThrow();
          await cases.addEvent(trx, caseRow.id, 'call.queued', 'ivr', { callSid: req.call.callSid });
          return { caseRow, caseCreated, newlyQueued: true, enqueuedAt: updated.enqueued_at ?? new Date() };
        }

        await trx
          .updateTable('calls')
          .set({ case_id: caseRow.id, menu_path: req.menuPath, language: req.language, outcome: disposition.outcome })
          .where('call_sid', '=', req.call.callSid)
          .execute();
        if (disposition.flag) await cases.addFlag(trx, caseRow.id, disposition.flag);
        return { caseRow, caseCreated, newlyQueued: false, enqueuedAt: call.enqueued_at ?? new Date() };
      });
    },

    /**
     * A waiting caller asks to be called back. The callback keeps the moment they joined the queue,
     * so it is served in their original place. Idempotent on CallSid.
     */
    async requestCallback(callSid: string, phone: string): Promise<{ caseId: string; created: boolean } | null> {
      return db.transaction().execute(async (trx) => {
        const call = await lockCall(trx, callSid);
        if (!call?.case_id) return null;
        const c = await trx.selectFrom('cases').select(['priority']).where('id', '=', call.case_id).executeTakeFirstOrThrow();
        const inserted = await trx
          .insertInto('callbacks')
          .values({ id: newId(), case_id: call.case_id, call_sid: callSid, phone_e164: phone, priority: c.priority, queued_at: sql`coalesce((SELECT enqueued_at FROM calls WHERE call_sid = ${callSid}), now())` })
          .onConflict((oc) => oc.column('call_sid').doNothing())
          .returning('id')
          .execute();
        if (inserted.length) {
          await trx.updateTable('calls').set({ outcome: 'callback' }).where('call_sid', '=', callSid).execute();
          await cases.addFlag(trx, call.case_id, 'callback');
          await cases.addEvent(trx, call.case_id, 'callback.requested', 'ivr', { callSid });
        }
        return { caseId: call.case_id, created: inserted.length > 0 };
      });
    },

    /** The caller leaves the queue for voicemail: the call is no longer waiting. */
    async leaveQueueFor(callSid: string, outcome: 'voicemail'): Promise<{ caseId: string | null }> {
      const row = await db
        .updateTable('calls')
        .set({ outcome, queue_wait_s: sql`extract(epoch FROM now() - enqueued_at)::int` })
        .where('call_sid', '=', callSid)
        .returning(['case_id'])
        .executeTakeFirst();
      return { caseId: row?.case_id ?? null };
    },

    /**
     * Who the database says is waiting for a person: callers on the line in the queue (Twilio ends any
     * call after 4 hours, so older rows are calls whose end was lost) and pending callbacks.
     */
    async listShouldBeWaiting(): Promise<ShouldBeWaiting[]> {
      const caseColumns = ['cases.id as case_id', 'cases.number', 'cases.language', 'cases.menu_path', 'cases.category'] as const;
      const [calls, callbacks] = await Promise.all([
        db
          .selectFrom('calls')
          .innerJoin('cases', 'cases.id', 'calls.case_id')
          .select([...caseColumns, 'calls.call_sid', 'calls.from_e164 as phone', 'calls.enqueued_at as since', 'cases.priority'])
          .where('calls.status', '=', 'queued')
          .where('calls.outcome', 'is', null)
          .where('calls.enqueued_at', '>', sql<Date>`now() - interval '4 hours'`)
          .execute(),
        db
          .selectFrom('callbacks')
          .innerJoin('cases', 'cases.id', 'callbacks.case_id')
          .select([...caseColumns, 'callbacks.call_sid', 'callbacks.phone_e164 as phone', 'callbacks.queued_at as since', 'callbacks.priority'])
          .where('callbacks.status', '=', 'pending')
          .execute(),
      ]);
      return [...calls.map((r) => ({ ...r, kind: 'call' as const })), ...callbacks.map((r) => ({ ...r, kind: 'callback' as const }))].sort(
        (a, b) => (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0),
      );
    },

    /** Of these calls, those over (and not waiting as a callback): their waiting entries are stale. */
    async finishedAmong(callSids: string[]): Promise<string[]> {
      if (callSids.length === 0) return [];
      const rows = await db
        .selectFrom('calls')
        .select('call_sid')
        .where('call_sid', 'in', callSids)
        .where('status', 'in', [...TERMINAL])
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('callbacks').select('callbacks.id').whereRef('callbacks.call_sid', '=', 'calls.call_sid').where('callbacks.status', '=', 'pending'))))
        .execute();
      return rows.map((r) => r.call_sid);
    },

    async markConnected(callSid: string, agentId: string): Promise<void> {
      await db
        .updateTable('calls')
        .set({ status: 'connected', agent_id: agentId, answered_at: sql`now()`, queue_wait_s: sql`extract(epoch FROM now() - enqueued_at)::int` })
        .where('call_sid', '=', callSid)
        .where('status', '=', 'queued')
        .execute();
    },

    /** The agent's leg failed: the caller waits again (their wait keeps counting from the first join). */
    async markRequeued(callSid: string): Promise<void> {
      await db.updateTable('calls').set({ status: 'queued', agent_id: null, answered_at: null }).where('call_sid', '=', callSid).where('status', '=', 'connected').execute();
    },

    async callbackFor(callSid: string) {
      return db.selectFrom('callbacks').select(['id', 'case_id', 'phone_e164', 'attempts', 'status']).where('call_sid', '=', callSid).executeTakeFirst();
    },

    /** One more attempt at calling back; returns its number. */
    async callbackDialing(id: string): Promise<number> {
      const row = await db
        .updateTable('callbacks')
        .set({ status: 'dialing', attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .returning('attempts')
        .executeTakeFirstOrThrow();
      return row.attempts;
    },

    async callbackOutcome(id: string, status: 'done' | 'pending' | 'failed', event: { kind: string; data: Record<string, unknown> }): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('callbacks').set({ status }).where('id', '=', id).returning('case_id').executeTakeFirstOrThrow();
        if (status === 'failed') await cases.addFlag(trx, row.case_id, 'callback_failed');
        await cases.addEvent(trx, row.case_id, event.kind, 'system', event.data);
        return row.case_id;
      });
    },

    async findCall(callSid: string) {
      return db
        .selectFrom('calls')
        .select(['case_id', 'status', 'outcome', 'language', 'from_e164', 'enqueued_at', 'agent_id'])
        .where('call_sid', '=', callSid)
        .executeTakeFirst();
    },

    async setAgent(callSid: string, agentId: string): Promise<void> {
      await db.updateTable('calls').set({ agent_id: agentId }).where('call_sid', '=', callSid).execute();
    },

    /**
     * Attaches a voice message to the call's case, opening a flagged case if the call had none
     * (after-hours messages, or a call whose main handler failed). Idempotent on RecordingSid.
     */
    async attachRecording(input: {
      recordingSid: string; callSid: string; url: string; durationS: number | null; status: string; fallback: boolean; timeZone: string;
    }): Promise<{ caseId: string; caseCreated: boolean; inserted: boolean }> {
      return db.transaction().execute(async (trx) => {
        const call = await claimCall(trx, { callSid: input.callSid, accountSid: null, fromE164: null, fromKind: 'unrecognised', to: null, officeId: null });
        let caseId = call.case_id;
        let caseCreated = false;
        if (!caseId) {
          const created = await cases.openForCall(
            trx,
            {
              category: 'SIN_CLASIFICAR', priority: 2, priorityReason: 'Mensaje de voz sin caso previo', language: 'es',
              callerPhone: call.from_e164, menuPath: [], location: null, timeZone: input.timeZone,
              ...officeOfCall(call.office_id), vulnerable: false, flags: [],
            },
            { callSid: input.callSid },
            'system',
            [{ kind: 'case.opened', data: { callSid: input.callSid, reason: 'voicemail' } }],
          );
          caseId = created.id;
          caseCreated = true;
        }
        const inserted = await trx
          .insertInto('recordings')
          .values({ sid: input.recordingSid, call_sid: input.callSid, case_id: caseId, kind: 'voicemail', url: input.url, duration_s: input.durationS, status: input.status })
          .onConflict((oc) => oc.column('sid').doNothing())
          .returning('sid')
          .execute();
        if (inserted.length) {
          await cases.addFlag(trx, caseId, 'voicemail');
          if (input.fallback) await cases.addFlag(trx, caseId, 'fallback');
          await cases.addEvent(trx, caseId, 'voicemail.received', 'system', { callSid: input.callSid, recordingSid: input.recordingSid, durationS: input.durationS, fallback: input.fallback });
        }
        return { caseId, caseCreated, inserted: inserted.length > 0 };
      });
    },

    async flagCase(caseId: string, flag: string, event: string, data: Record<string, unknown>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        // An id from a URL may name no case: refuse it rather than let the event's foreign key fail.
        const found = await trx.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
        if (!found) throw new AppError('not_found', 'No such case to flag');
        await cases.addFlag(trx, caseId, flag);
        await cases.addEvent(trx, caseId, event, 'system', data);
      });
    },

    /**
     * Closes a call. Status callbacks may come twice or out of order: an older sequence number
     * changes nothing, and an ended call never moves back. A caller who left a callback or a
     * voice message did not abandon.
     */
    async markEnded(ev: CallEnded): Promise<EndedOutcome> {
      return db.transaction().execute(async (trx) => {
        const call = await trx
          .selectFrom('calls')
          .select(['status', 'status_seq', 'case_id', 'enqueued_at', 'outcome'])
          .where('call_sid', '=', ev.callSid)
          .forUpdate()
          .executeTakeFirst();
        if (!call) return { found: false, abandoned: false, caseId: null, keepWaiting: false };
        const keepWaiting = call.outcome === 'callback';
        if (ev.sequence !== null && ev.sequence <= call.status_seq) return { found: true, abandoned: false, caseId: call.case_id, keepWaiting };

        const abandoned = call.status === 'queued' && call.outcome === null;
        const nextStatus = TERMINAL.has(call.status) ? call.status : abandoned ? 'abandoned' : 'completed';
        const waitS = abandoned && call.enqueued_at ? Math.max(0, Math.round((ev.at.getTime() - call.enqueued_at.getTime()) / 1000)) : undefined;
        await trx
          .updateTable('calls')
          .set({
            status: nextStatus,
            twilio_status: ev.status,
            status_seq: ev.sequence ?? call.status_seq,
            ended_at: sql`coalesce(ended_at, ${ev.at})`,
            duration_s: ev.durationS ?? undefined,
            ...(waitS === undefined ? {} : { queue_wait_s: waitS }),
          })
          .where('call_sid', '=', ev.callSid)
          .execute();
        if (abandoned && call.case_id) {
          await cases.addEvent(trx, call.case_id, 'call.abandoned', 'system', { callSid: ev.callSid, waitS });
        }
        return { found: true, abandoned, caseId: call.case_id, keepWaiting };
      });
    },
  };
}

export type CallsRepository = ReturnType<typeof createCallsRepository>;

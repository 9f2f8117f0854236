import { sql } from 'kysely';
import { AppError } from '../../shared/errors.js';
import type { Db } from '../../platform/db/database.js';
import type { CasesRepository } from '../cases/index.js';
import type { CaseRow } from '../cases/index.js';

export interface IncomingCall {
  callSid: string;
  accountSid: string | null;
  fromE164: string | null;
  fromKind: 'e164' | 'withheld' | 'unrecognised';
  to: string | null;
}

export interface QueueRequest {
  call: IncomingCall;
  language: string;
  menuPath: string[];
  location: string | null;
  category: string;
  priority: number;
  reason: string;
  timeZone: string;
}

export interface QueuedCall {
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
}

const TERMINAL = new Set(['abandoned', 'completed']);

export function createCallsRepository(db: Db, cases: CasesRepository) {
  const insertCall = (executor: Pick<Db, 'insertInto'>, call: IncomingCall, language = 'es') =>
    executor
      .insertInto('calls')
      .values({
        call_sid: call.callSid,
        account_sid: call.accountSid,
        from_e164: call.fromE164,
        from_kind: call.fromKind,
        to_number: call.to,
        language,
      })
      .onConflict((oc) => oc.column('call_sid').doNothing())
      .execute();

  return {
    /** Idempotent on CallSid: Twilio's retries record nothing twice. */
    async recordIncoming(call: IncomingCall): Promise<void> {
      await insertCall(db, call);
    },

    /**
     * Opens the case and marks the call as queued in one transaction. The call row is locked,
     * so two deliveries of the same webhook cannot open two cases.
     */
    async openCaseAndQueue(req: QueueRequest): Promise<QueuedCall> {
      return db.transaction().execute(async (trx) => {
        await insertCall(trx, req.call, req.language);
        const call = await trx
          .selectFrom('calls')
          .select(['case_id', 'status', 'enqueued_at'])
          .where('call_sid', '=', req.call.callSid)
          .forUpdate()
          .executeTakeFirstOrThrow();

        if (call.case_id) {
          const existing = await trx
            .selectFrom('cases')
            .select(['id', 'number', 'status', 'category', 'priority', 'language', 'caller_phone', 'menu_path', 'location', 'created_at', 'updated_at'])
            .where('id', '=', call.case_id)
            .executeTakeFirstOrThrow();
          return { caseRow: existing, caseCreated: false, newlyQueued: false, enqueuedAt: call.enqueued_at ?? new Date() };
        }
        if (TERMINAL.has(call.status)) {
          throw new AppError('conflict', 'The call has already ended');
        }

        const caseRow = await cases.insert(trx, {
          category: req.category,
          priority: req.priority,
          priorityReason: req.reason,
          language: req.language,
          callerPhone: req.call.fromE164,
          menuPath: req.menuPath,
          location: req.location,
          timeZone: req.timeZone,
        });
        const updated = await trx
          .updateTable('calls')
          .set({ status: 'queued', case_id: caseRow.id, menu_path: req.menuPath, language: req.language, enqueued_at: sql`now()` })
          .where('call_sid', '=', req.call.callSid)
          .returning(['enqueued_at'])
          .executeTakeFirstOrThrow();
        await cases.addEvent(trx, caseRow.id, 'case.opened', 'ivr', {
          callSid: req.call.callSid,
          category: req.category,
          priority: req.priority,
          reason: req.reason,
          menuPath: req.menuPath,
        });
        await cases.addEvent(trx, caseRow.id, 'call.queued', 'ivr', { callSid: req.call.callSid });
        return { caseRow, caseCreated: true, newlyQueued: true, enqueuedAt: updated.enqueued_at ?? new Date() };
      });
    },

    /**
     * Closes a call. Status callbacks may come twice or out of order: an older sequence number
     * changes nothing, and an ended call never moves back.
     */
    async markEnded(ev: CallEnded): Promise<EndedOutcome> {
      return db.transaction().execute(async (trx) => {
        const call = await trx
          .selectFrom('calls')
          .select(['status', 'status_seq', 'case_id', 'enqueued_at'])
          .where('call_sid', '=', ev.callSid)
          .forUpdate()
          .executeTakeFirst();
        if (!call) return { found: false, abandoned: false, caseId: null };
        if (ev.sequence !== null && ev.sequence <= call.status_seq) return { found: true, abandoned: false, caseId: call.case_id };

        const abandoned = call.status === 'queued';
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
        return { found: true, abandoned, caseId: call.case_id };
      });
    },
  };
}

export type CallsRepository = ReturnType<typeof createCallsRepository>;

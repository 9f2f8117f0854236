import type { Language } from '../../contracts/domain.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';
import { announceJoined, emitQueueChange } from '../routing/index.js';
import { maskPhone } from '../../shared/phone.js';
import type { CallDeps } from './call.context.js';
import type { ShouldBeWaiting } from './calls.repository.js';

export interface ReconcileResult {
  added: number;
  removed: number;
  madeCallbacks: number;
}

const entryOf = (row: ShouldBeWaiting): WaitingCallPayload => ({
  callSid: row.call_sid,
  caseId: row.case_id,
  caseNumber: row.number,
  callerMasked: maskPhone(row.phone),
  language: row.language as Language,
  menuPath: row.menu_path,
  category: row.category as WaitingCallPayload['category'],
  priority: row.priority as WaitingCallPayload['priority'],
  enqueuedAt: (row.since ?? new Date()).toISOString(),
  kind: row.kind,
});

/**
 * PostgreSQL is the record of who waits; the waiting set in Redis is the fast copy routing reads.
 * After Redis was away (webhooks answered but could not add, end, or turn a call into a callback)
 * or a process died between the two writes, this brings the copy back to the record.
 */
export function createWaitingReconciler(deps: Pick<CallDeps, 'calls' | 'waiting' | 'events' | 'logger' | 'onQueued'> & {
  /** Being connected to an agent: PostgreSQL may still say 'queued' for a moment. */
  isConnecting: (callSid: string) => Promise<boolean>;
}) {
  let running: Promise<ReconcileResult> | undefined;

  async function reconcile(): Promise<ReconcileResult> {
    // Redis is read before PostgreSQL: an entry seen here was added after its call was recorded as
    // queued, so the database read below cannot miss it and remove a caller who is really waiting.
    const present = new Set(await deps.waiting.callSids());
    const truth = await deps.calls.listShouldBeWaiting();
    const result: ReconcileResult = { added: 0, removed: 0, madeCallbacks: 0 };

    for (const row of truth) {
      if (present.has(row.call_sid)) {
        if (row.kind === 'callback' && (await deps.waiting.get(row.call_sid))?.kind === 'call') {
          await deps.waiting.markCallback(row.call_sid);
          result.madeCallbacks++;
        }
        continue;
      }
      if ((await deps.waiting.get(row.call_sid)) || (await deps.isConnecting(row.call_sid))) continue;
      const entry = entryOf(row);
      await deps.waiting.add(entry);
      await announceJoined(deps, entry);
      result.added++;
    }

    const wanted = new Set(truth.map((r) => r.call_sid));
    for (const callSid of await deps.calls.finishedAmong([...present].filter((s) => !wanted.has(s)))) {
      if (await deps.waiting.remove(callSid)) {
        emitQueueChange(deps.events, { kind: 'left', callSid, reason: 'abandoned' });
        result.removed++;
      }
    }

    if (result.added || result.removed || result.madeCallbacks) {
      deps.logger.warn(result, 'waiting set reconciled with the database');
      if (result.added) await deps.onQueued();
    }
    return result;
  }

  return {
    /** One run at a time per process; a second request joins the running one. */
    reconcile(): Promise<ReconcileResult> {
      running ??= reconcile().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

export type WaitingReconciler = ReturnType<typeof createWaitingReconciler>;

import type { CallEndedPayload } from '../../platform/queue/registry.js';
import type { EndedOutcome } from './calls.repository.js';
import { emitQueueChange } from '../routing/index.js';
import { emitCase } from '../cases/index.js';
import { renderEmpty, renderVoicemail, WAIT_MESSAGES } from '../ivr/index.js';
import { langOf, type CallDeps } from './call.context.js';
import type { VoiceParams } from './voice.params.js';
import { z } from 'zod';

/** Twilio's terminal call states: the call is over whatever we thought it was doing. */
const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
const caseQuery = z.object({ case: z.uuid() });

export function createCallEndService(deps: CallDeps) {
  const closeInDatabase = (payload: CallEndedPayload) =>
    deps.calls.markEnded({ callSid: payload.callSid, status: payload.status, sequence: payload.sequence, durationS: payload.durationS, at: new Date(payload.at) });

  const leaveWaitingSet = async (payload: CallEndedPayload, outcome: EndedOutcome): Promise<void> => {
    // Removing is idempotent, so it runs even when the database already had the call closed.
    const removed = await deps.waiting.remove(payload.callSid);
    await deps.onCallerLeft(payload.callSid);
    if (outcome.abandoned || removed) {
      emitQueueChange(deps.events, { kind: 'left', callSid: payload.callSid, reason: 'abandoned' });
      deps.logger.info({ callSid: payload.callSid, caseId: outcome.caseId }, 'call abandoned while waiting');
    }
  };

  const report = async (payload: CallEndedPayload): Promise<void> => {
    const key = payload.sequence ?? payload.status;
    try {
      await deps.queues.add('callEvents', 'call-ended', payload, { jobId: `${payload.callSid}:ended:${key}`, attempts: 10, backoff: { type: 'exponential', delay: 1000 } });
    } catch (err) {
      // Twilio does not send a status callback twice: without Redis the end is recorded now, and the
      // reconciler takes the caller out of the waiting set when Redis is back.
      deps.logger.warn({ callSid: payload.callSid, err: (err as Error).message }, 'call end not queued; recorded directly');
      const outcome = await closeInDatabase(payload);
      if (!outcome.keepWaiting) await leaveWaitingSet(payload, outcome).catch(() => undefined);
    }
  };

  return {
    report,

    async statusCallback(params: VoiceParams): Promise<void> {
      if (!params.CallSid || !params.CallStatus || !ENDED.has(params.CallStatus)) return;
      await report({
        callSid: params.CallSid,
        status: params.CallStatus,
        sequence: params.SequenceNumber ?? null,
        durationS: params.CallDuration ?? null,
        at: (params.Timestamp ?? deps.clock.now()).toISOString(),
      });
    },

    /** Job: the call is over. A caller who hung up while waiting leaves every console's list. */
    async callEnded(payload: CallEndedPayload): Promise<void> {
      const outcome = await closeInDatabase(payload);
      if (!outcome.keepWaiting) await leaveWaitingSet(payload, outcome);
    },

    /** After hours, the on-call officer did not answer: take a message, flagged for the morning. */
    async onCallResult(query: unknown, params: VoiceParams): Promise<string> {
      if (params.DialCallStatus === 'completed') return renderEmpty();
      const parsed = caseQuery.safeParse(query);
      if (parsed.success) {
        await deps.calls.flagCase(parsed.data.case, 'on_call_unanswered', 'on_call.unanswered', { callSid: params.CallSid, dialStatus: params.DialCallStatus });
        const summary = await deps.cases.findSummary(parsed.data.case);
        if (summary) emitCase(deps.events, 'case.updated', summary);
      }
      return renderVoicemail({ lang: langOf(query), say: [WAIT_MESSAGES.onCallUnanswered], query: parsed.success ? { case: parsed.data.case } : { fallback: '1' } });
    },
  };
}

export type CallEndService = ReturnType<typeof createCallEndService>;

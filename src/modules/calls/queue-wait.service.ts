import { announceJoined, emitQueueChange } from '../routing/index.js';
import { maskPhone } from '../../shared/phone.js';
import { renderEmpty, renderLeave, renderSay, renderSayAndHangup, renderVoicemail, renderWait, waitAnnouncement, WAIT_MESSAGES, APOLOGY } from '../ivr/index.js';
import { callerE164, langOf, type CallDeps } from './call.context.js';
import type { CallEndService } from './call-end.service.js';
import type { VoiceParams } from './voice.params.js';

/**
 * A caller in the Twilio queue. Every announcement is computed from our own waiting set: one
 * ZRANK for the position and one ZCOUNT for the answer rate, whatever the length of the queue.
 */
export function createQueueWaitService(deps: CallDeps, ended: CallEndService) {
  return {
    async announcement(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const { queue } = await deps.settings.snapshot();
      const overMaxWait = (params.QueueTime ?? 0) >= queue.maxWaitSeconds;
      try {
        const position = params.CallSid ? await deps.waiting.position(params.CallSid) : null;
        const etaSeconds = position === null ? null : await deps.waiting.estimateWaitSeconds(position, deps.clock.now(), queue.defaultSecondsPerCaller);
        return renderWait({ lang, say: waitAnnouncement({ position, etaSeconds, overMaxWait }), holdMusicUrl: deps.config.holdMusicUrl });
      } catch (err) {
        // Without Redis the place is unknown, not lost: say so, and offer a message instead of waiting.
        deps.logger.warn({ callSid: params.CallSid, err: (err as Error).message }, 'waiting set unavailable for an announcement');
        return renderWait({ lang, say: [APOLOGY, ...waitAnnouncement({ position: null, etaSeconds: null, overMaxWait: true })], holdMusicUrl: deps.config.holdMusicUrl });
      }
    },

    /** A key pressed while waiting: 1 a callback that keeps the place, 2 a voice message. */
    async key(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const callSid = params.CallSid;
      if (!callSid) return renderEmpty();
      if (params.Digits === '1') {
        const phone = callerE164(params);
        if (!phone) return renderSay(lang, [WAIT_MESSAGES.callbackNoNumber]);
        const requested = await deps.calls.requestCallback(callSid, phone);
        if (!requested) return renderEmpty();
        // The database has the callback; without Redis the reconciler turns the waiting entry into one.
        try {
          const entry = await deps.waiting.markCallback(callSid);
          if (entry) await announceJoined(deps, entry);
        } catch (err) {
          deps.logger.warn({ callSid, err: (err as Error).message }, 'waiting set unavailable; left to the reconciler');
        }
        deps.logger.info({ callSid, caseId: requested.caseId }, 'callback requested from the queue');
        return renderSayAndHangup(lang, [WAIT_MESSAGES.callbackConfirmed(maskPhone(phone).slice(-4))]);
      }
      if (params.Digits === '2') {
        await deps.calls.leaveQueueFor(callSid, 'voicemail');
        const removed = await deps.waiting.remove(callSid).catch(() => false);
        if (removed) emitQueueChange(deps.events, { kind: 'left', callSid, reason: 'removed' });
        return renderLeave();
      }
      return renderEmpty();
    },

    /** Twilio calls the Enqueue action when the caller leaves the queue. */
    async result(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const callSid = params.CallSid;
      if (!callSid) return renderEmpty();
      switch (params.QueueResult) {
        case 'hangup':
          await ended.report({ callSid, status: 'queue-hangup', sequence: null, durationS: null, at: deps.clock.now().toISOString() });
          return renderEmpty();
        case 'leave': {
          const call = await deps.calls.findCall(callSid);
          if (call?.outcome === 'voicemail' && call.case_id) return renderVoicemail({ lang, say: [], query: { case: call.case_id } });
          return renderEmpty();
        }
        case 'error':
        case 'system-error':
        case 'queue-full': {
          // Twilio could not keep the caller in the queue: take a message rather than lose them.
          const call = await deps.calls.findCall(callSid);
          return renderVoicemail({ lang, say: [APOLOGY], query: call?.case_id ? { case: call.case_id } : { fallback: '1' } });
        }
        case 'redirected':
          // Taken out of the queue by our own REST redirect (to an agent): the call goes on there.
          return renderEmpty();
        default:
          return renderSayAndHangup(lang, []);
      }
    },
  };
}

export type QueueWaitService = ReturnType<typeof createQueueWaitService>;

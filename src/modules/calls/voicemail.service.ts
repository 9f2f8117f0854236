import { z } from 'zod';
import type { RecordingReadyPayload } from '../../platform/queue/registry.js';
import { rooms } from '../../platform/realtime/events.js';
import { emitCase } from '../cases/index.js';
import { renderSayAndHangup, spellCaseNumber, WAIT_MESSAGES } from '../ivr/index.js';
import { langOf, type CallDeps } from './call.context.js';
import type { VoiceParams } from './voice.params.js';

const recordingQuery = z.object({ fallback: z.literal('1').optional() });

/** Voice messages: the caller is thanked at once; the recording reaches the case through a job. */
export function createVoicemailService(deps: CallDeps) {
  return {
    async done(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const call = params.CallSid ? await deps.calls.findCall(params.CallSid).catch(() => undefined) : undefined;
      const number = call?.case_id ? (await deps.cases.findSummary(call.case_id))?.number : undefined;
      return renderSayAndHangup(lang, [number ? WAIT_MESSAGES.voicemailThanks(spellCaseNumber(number)) : WAIT_MESSAGES.voicemailThanksNoCase]);
    },

    async recordingCallback(query: unknown, params: VoiceParams): Promise<void> {
      if (!params.CallSid || !params.RecordingSid || !params.RecordingUrl || params.RecordingStatus !== 'completed') return;
      const q = recordingQuery.safeParse(query);
      const payload: RecordingReadyPayload = {
        recordingSid: params.RecordingSid,
        callSid: params.CallSid,
        url: params.RecordingUrl,
        durationS: params.RecordingDuration ?? null,
        status: params.RecordingStatus,
        fallback: q.success && q.data.fallback === '1',
      };
      await deps.queues.add('callEvents', 'recording-ready', payload, {
        jobId: `${params.CallSid}:recording:${params.RecordingSid}`,
        attempts: 20,
        backoff: { type: 'exponential', delay: 2000 },
      });
    },

    /** Job: attach the message to its case, opening a flagged one if the call never got that far. */
    async recordingReady(payload: RecordingReadyPayload): Promise<void> {
      const attached = await deps.calls.attachRecording({ ...payload, timeZone: deps.config.timeZone });
      if (!attached.inserted) return;
      const summary = await deps.cases.findSummary(attached.caseId);
      if (summary) emitCase(deps.events, attached.caseCreated ? 'case.created' : 'case.updated', summary);
      deps.logger.info({ callSid: payload.callSid, caseId: attached.caseId, fallback: payload.fallback }, 'voicemail attached');
    },
  };
}

export type VoicemailService = ReturnType<typeof createVoicemailService>;

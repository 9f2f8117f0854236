import { z } from 'zod';
import twilio from 'twilio';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';
import type { TwilioRest } from '../../platform/twilio/rest.js';
import { rooms } from '../../platform/realtime/events.js';
import { AppError } from '../../shared/errors.js';
import { emitCase } from '../cases/index.js';
import { renderEmpty, say, type Text } from '../ivr/index.js';
import type { RoutingService } from '../routing/index.js';
import { appendAgentLeg } from './connect.service.js';
import { langOf, type CallDeps } from './call.context.js';
import type { VoiceParams } from './voice.params.js';

const { VoiceResponse } = twilio.twiml;
const callbackQuery = z.object({ cb: z.uuid(), agent: z.uuid(), orig: z.string().regex(/^CA[0-9a-zA-Z]{32}$/) });
const NOT_REACHED = new Set(['no-answer', 'busy', 'failed', 'canceled']);

const GREETING: Text = {
  es: 'Le llamamos de ALHO Voz, de la Secretaría de Relaciones Exteriores, como usted lo pidió. Le comunicamos con un agente.',
  en: 'This is ALHO Voz, the Honduran Ministry of Foreign Affairs hotline, calling you back as you asked. Connecting you to an agent.',
};

export const CALLBACK_PATHS = { bridge: '/twilio/voice/callback-bridge', status: '/twilio/voice/callback-status' } as const;

/**
 * Callbacks: the agent who accepts one makes us call the caller (Twilio REST, paced at one call a
 * second); when they answer they are put through to that agent. Unanswered callbacks come back to
 * the front of the queue after a while, a set number of times, then the case is flagged.
 */
export function createCallbackDialService(
  deps: CallDeps & { rest: TwilioRest; publicBaseUrl: string; maxAttempts: number; retryMs: number; agentPhone: (agentId: string) => Promise<string | null> },
  routing: () => RoutingService,
) {
  return {
    async dial(entry: WaitingCallPayload, agentId: string): Promise<void> {
      const callback = await deps.calls.callbackFor(entry.callSid);
      if (!callback || callback.status === 'done' || callback.status === 'failed') throw new AppError('conflict', 'This callback is already closed');
      if (!callback.phone_e164) throw new AppError('conflict', 'This callback has no number left (erased after the retention period)');
      const attempt = await deps.calls.callbackDialing(callback.id);
      const query = new URLSearchParams({ cb: callback.id, agent: agentId, orig: entry.callSid, l: entry.language });
      await deps.rest.createCall({
        to: callback.phone_e164,
        url: `${deps.publicBaseUrl}${CALLBACK_PATHS.bridge}?${query}`,
        statusCallback: `${deps.publicBaseUrl}${CALLBACK_PATHS.status}?${query}`,
        idempotencyKey: `${callback.id}:${attempt}`,
      });
      deps.logger.info({ callbackId: callback.id, attempt, agentId }, 'calling back');
    },

    /** The caller answered our call: greet them and ring the agent who accepted. */
    async bridge(query: unknown): Promise<string> {
      const lang = langOf(query);
      const q = callbackQuery.safeParse(query);
      const response = new VoiceResponse();
      if (!q.success) return renderEmpty();
      say(response, lang, [GREETING]);
      appendAgentLeg(response, { agentId: q.data.agent, lang, callerSid: q.data.orig, orig: q.data.orig, phone: await deps.agentPhone(q.data.agent) });
      return response.toString();
    },

    /** Status of our outbound call: unanswered means try again later, or give up and flag the case. */
    async status(query: unknown, params: VoiceParams): Promise<void> {
      const q = callbackQuery.safeParse(query);
      if (!q.success || !params.CallStatus) return;
      if (params.CallStatus === 'completed') {
        await deps.calls.callbackOutcome(q.data.cb, 'done', { kind: 'callback.completed', data: { callSid: params.CallSid } });
        return;
      }
      if (!NOT_REACHED.has(params.CallStatus)) return;
      await routing().freeAgent(q.data.agent);
      const callback = await deps.calls.callbackFor(q.data.orig);
      if (callback && callback.attempts < deps.maxAttempts) {
        await deps.calls.callbackOutcome(q.data.cb, 'pending', { kind: 'callback.unanswered', data: { attempt: callback.attempts, status: params.CallStatus } });
        await deps.queues.add('routing', 'callback-retry', { callSid: q.data.orig }, { jobId: `cbretry-${q.data.cb}-${callback.attempts}`, delay: deps.retryMs });
        return;
      }
      const caseId = await deps.calls.callbackOutcome(q.data.cb, 'failed', { kind: 'callback.failed', data: { attempts: callback?.attempts ?? null } });
      await routing().forget(q.data.orig);
      const summary = await deps.cases.findSummary(caseId);
      if (summary) emitCase(deps.events, 'case.updated', summary);
      deps.logger.warn({ callbackId: q.data.cb, caseId }, 'callback failed after every attempt; case flagged');
    },
  };
}

export type CallbackDialService = ReturnType<typeof createCallbackDialService>;

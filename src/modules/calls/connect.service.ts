import { z } from 'zod';
import twilio from 'twilio';
import { clientIdentity, type RoutingService } from '../routing/index.js';
import { renderEnqueue, renderEmpty, say, type Text } from '../ivr/index.js';
import { langOf, type CallDeps } from './call.context.js';
import type { VoiceParams } from './voice.params.js';

const agentQuery = z.object({ agent: z.uuid(), orig: z.string().regex(/^CA[0-9a-zA-Z]{32}$/).optional() });
const { VoiceResponse } = twilio.twiml;

const CONNECTING: Text = { es: 'Le comunicamos con un agente.', en: 'Connecting you to an agent.' };
const AGENT_MISSED: Text = {
  es: 'El agente no pudo atender. Usted vuelve al primer lugar de la fila.',
  en: 'The agent could not answer. You are back at the front of the line.',
};

export const CONNECT_PATHS = {
  bridge: '/twilio/voice/connect',
  result: '/twilio/voice/connect-result',
  hold: '/twilio/voice/hold',
  goodbye: '/twilio/voice/goodbye',
} as const;

const ON_HOLD: Text = { es: 'Le pondremos en espera un momento. No cuelgue, por favor.', en: 'We will put you on hold for a moment. Please stay on the line.' };
const GOODBYE: Text = { es: 'Gracias por llamar a ALHO Voz. Hasta pronto.', en: 'Thank you for calling ALHO Voz. Goodbye.' };

/**
 * Rings the agent who accepted: their browser softphone, with the caller's CallSid so the console
 * answers exactly that call, and their phone when one is on file (whichever answers first takes it).
 * `orig` is the waiting-set entry's CallSid when it is not this call's (a callback dialled out).
 */
export function appendAgentLeg(
  response: InstanceType<typeof VoiceResponse>,
  leg: { agentId: string; lang: string; callerSid: string | undefined; orig?: string; phone: string | null },
): void {
  const dial = response.dial({
    timeout: 20,
    action: `${CONNECT_PATHS.result}?${new URLSearchParams({ agent: leg.agentId, ...(leg.orig ? { orig: leg.orig } : {}), l: leg.lang })}`,
    method: 'POST',
  });
  const client = dial.client({});
  client.identity(clientIdentity(leg.agentId));
  if (leg.callerSid) client.parameter({ name: 'callSid', value: leg.callerSid });
  if (leg.phone) dial.number({}, leg.phone);
}

/** The agent's leg: the agent who accepted; back to the front if it fails. */
export function createConnectService(deps: CallDeps & { agentPhone: (agentId: string) => Promise<string | null> }, routing: () => RoutingService) {
  return {
    async bridge(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const parsed = agentQuery.safeParse(query);
      if (!parsed.success) return renderEnqueue({ lang, say: [], queueName: deps.config.queueName });
      const response = new VoiceResponse();
      say(response, lang, [CONNECTING]);
      appendAgentLeg(response, { agentId: parsed.data.agent, lang, callerSid: params.CallSid, phone: await deps.agentPhone(parsed.data.agent) });
      return response.toString();
    },

    /** On hold: music until the agent takes the caller back (a REST redirect to the bridge again). */
    hold(query: unknown): string {
      const lang = langOf(query);
      const response = new VoiceResponse();
      say(response, lang, [ON_HOLD]);
      response.play({ loop: 0 }, deps.config.holdMusicUrl);
      return response.toString();
    },

    goodbye(query: unknown): string {
      const lang = langOf(query);
      const response = new VoiceResponse();
      say(response, lang, [GOODBYE]);
      response.hangup();
      return response.toString();
    },

    async result(query: unknown, params: VoiceParams): Promise<string> {
      const lang = langOf(query);
      const parsed = agentQuery.safeParse(query);
      if (!params.CallSid || !parsed.success) return renderEmpty();
      // For a callback the waiting-set entry is the original call's: its CallSid comes as `orig`.
      const callSid = parsed.data.orig ?? params.CallSid;
      if (params.DialCallStatus === 'completed') {
        await routing().callEnded(callSid, parsed.data.agent);
        return renderEmpty();
      }
      await routing().requeueAtFront(callSid, { freeAgent: true });
      return renderEnqueue({ lang, say: [AGENT_MISSED], queueName: deps.config.queueName });
    },
  };
}

export type ConnectService = ReturnType<typeof createConnectService>;

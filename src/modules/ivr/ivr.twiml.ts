import twilio from 'twilio';
import type { Language } from '../../contracts/domain.js';
import type { Text } from './flow.types.js';
import type { IvrStep } from './ivr.step.js';
import { encodeState } from './ivr.state.js';

const { VoiceResponse } = twilio.twiml;
type SayLanguage = 'es-MX' | 'en-US';
export const SAY_LANGUAGE: Record<Language, SayLanguage> = { es: 'es-MX', en: 'en-US' };

export const IVR_PATHS = {
  incoming: '/twilio/voice',
  menu: '/twilio/voice/menu',
  wait: '/twilio/voice/wait',
  queueResult: '/twilio/voice/queue-result',
} as const;

export function say(response: InstanceType<typeof VoiceResponse>, lang: Language, texts: Text[]): void {
  for (const text of texts) response.say({ language: SAY_LANGUAGE[lang] }, text[lang]);
}

/**
 * A menu: speak inside a Gather that takes keys and speech. If the caller says nothing, Twilio
 * moves on to the Redirect, which posts to the same action without Digits: that is a silence.
 */
export function renderMenu(step: Extract<IvrStep, { type: 'menu' }>): string {
  const response = new VoiceResponse();
  const action = `${IVR_PATHS.menu}?${encodeState(step.state)}`;
  const gather = response.gather({
    input: ['dtmf', 'speech'],
    numDigits: 1,
    timeout: 6,
    speechTimeout: 'auto',
    language: SAY_LANGUAGE[step.state.lang],
    hints: step.hints.join(', '),
    action,
    method: 'POST',
  });
  for (const text of step.say) gather.say({ language: SAY_LANGUAGE[step.state.lang] }, text[step.state.lang]);
  response.redirect({ method: 'POST' }, action);
  return response.toString();
}

export function renderEnqueue(options: { lang: Language; say: Text[]; queueName: string }): string {
  const response = new VoiceResponse();
  say(response, options.lang, options.say);
  response.enqueue(
    {
      waitUrl: `${IVR_PATHS.wait}?l=${options.lang}`,
      waitUrlMethod: 'POST',
      action: `${IVR_PATHS.queueResult}?l=${options.lang}`,
      method: 'POST',
    },
    options.queueName,
  );
  return response.toString();
}

export function renderWait(options: { lang: Language; say: Text[]; holdMusicUrl: string }): string {
  const response = new VoiceResponse();
  say(response, options.lang, options.say);
  response.play({}, options.holdMusicUrl);
  return response.toString();
}

/** Spoken in both languages: when something fails we may not know which one the caller chose. */
export const APOLOGY: Text = {
  es: 'Lo sentimos, tenemos un problema técnico en este momento. Por favor, vuelva a llamar en unos minutos. Si alguien está en peligro inmediato, llame al 911.',
  en: 'We are sorry, we are having a technical problem right now. Please call again in a few minutes. If someone is in immediate danger, call 911.',
};

export function renderApology(): string {
  const response = new VoiceResponse();
  say(response, 'es', [APOLOGY]);
  say(response, 'en', [APOLOGY]);
  response.hangup();
  return response.toString();
}

export function renderEmpty(): string {
  return new VoiceResponse().toString();
}

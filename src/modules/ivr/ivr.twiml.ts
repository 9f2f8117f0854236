import twilio from 'twilio';
import type { Language } from '../../contracts/domain.js';
import type { Text } from './flow.types.js';
import type { MenuStep } from './ivr.step.js';
import { encodeState } from './ivr.state.js';

const { VoiceResponse } = twilio.twiml;
type Response = InstanceType<typeof VoiceResponse>;
type SayLanguage = 'es-MX' | 'en-US';
export const SAY_LANGUAGE: Record<Language, SayLanguage> = { es: 'es-MX', en: 'en-US' };
/** Always explicit: Twilio's default voice reads Spanish with an English accent. */
const SAY_VOICE = { es: 'Polly.Mia-Neural', en: 'Polly.Joanna-Neural' } as const;
const sayAttrs = (lang: Language) => ({ language: SAY_LANGUAGE[lang], voice: SAY_VOICE[lang] });

export const IVR_PATHS = {
  incoming: '/twilio/voice',
  menu: '/twilio/voice/menu',
  wait: '/twilio/voice/wait',
  waitKey: '/twilio/voice/wait-key',
  queueResult: '/twilio/voice/queue-result',
  voicemailDone: '/twilio/voice/voicemail-done',
  recording: '/twilio/voice/recording',
  onCallResult: '/twilio/voice/on-call-result',
} as const;

const withQuery = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query).toString()}`;

export function say(response: { say: Response['say'] }, lang: Language, texts: Text[]): void {
  for (const text of texts) if (text[lang]) response.say(sayAttrs(lang), text[lang]);
}

/**
 * A menu: speak inside a Gather. If the caller says nothing, Twilio moves on to the Redirect,
 * which posts to the same action without Digits: that is a silence.
 *
 * Every menu step renders one, so it is written as a string, byte for byte what the twilio builder
 * (xmlbuilder) writes; text the builder would refuse (characters XML forbids) goes through the builder.
 */
export function renderMenu(step: MenuStep): string {
  const action = `${IVR_PATHS.menu}?${encodeState(step.state)}`;
  const lang = step.state.lang;
  const texts: string[] = [];
  for (const text of step.say) if (text[lang]) texts.push(text[lang]);
  if (texts.some((t) => ILLEGAL_XML_CHAR.test(t))) return renderMenuWithBuilder(step, action);
  let gather = `<Gather input="${step.input === 'dtmf' ? 'dtmf' : 'dtmf speech'}"`;
  gather += step.maxDigits === 1 ? ' numDigits="1"' : ` finishOnKey="#" numDigits="${attr(String(step.maxDigits))}"`;
  gather += ` timeout="${step.maxDigits === 1 ? 6 : 10}"`;
  if (step.input !== 'dtmf') gather += ` speechTimeout="auto" language="${SAY_LANGUAGE[lang]}" hints="${attr(step.hints.join(', '))}"`;
  gather += ` action="${attr(action)}" method="POST"`;
  if (texts.length) {
    gather += '>';
    const open = `<Say language="${SAY_LANGUAGE[lang]}" voice="${SAY_VOICE[lang]}">`;
    for (const t of texts) gather += `${open}${textEscape(t)}</Say>`;
    gather += '</Gather>';
  } else {
    gather += '/>';
  }
  return `${XML_DECLARATION}<Response>${gather}<Redirect method="POST">${textEscape(action)}</Redirect></Response>`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** xmlbuilder's test for XML 1.0: text with one of these makes the builder throw. */
const ILLEGAL_XML_CHAR = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** xmlbuilder's escapes, for text and for attribute values. */
const textEscape = (s: string) => (/[&<>\r]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;') : s);
const attr = (s: string) =>
  /[&<"\t\n\r]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;')
    : s;

function renderMenuWithBuilder(step: MenuStep, action: string): string {
  const response = new VoiceResponse();
  const lang = step.state.lang;
  const gather = response.gather({
    input: step.input === 'dtmf' ? ['dtmf'] : ['dtmf', 'speech'],
    ...(step.maxDigits === 1 ? { numDigits: 1 } : { finishOnKey: '#', numDigits: step.maxDigits }),
    timeout: step.maxDigits === 1 ? 6 : 10,
    ...(step.input === 'dtmf' ? {} : { speechTimeout: 'auto', language: SAY_LANGUAGE[lang], hints: step.hints.join(', ') }),
    action,
    method: 'POST',
  });
  say(gather, lang, step.say);
  response.redirect({ method: 'POST' }, action);
  return response.toString();
}

/** The builder itself, kept for tests that compare renderMenu with it. */
export const renderMenuReference = (step: MenuStep) => renderMenuWithBuilder(step, `${IVR_PATHS.menu}?${encodeState(step.state)}`);

export function renderEnqueue(options: { lang: Language; say: Text[]; queueName: string }): string {
  const response = new VoiceResponse();
  say(response, options.lang, options.say);
  response.enqueue(
    {
      waitUrl: withQuery(IVR_PATHS.wait, { l: options.lang }),
      waitUrlMethod: 'POST',
      action: withQuery(IVR_PATHS.queueResult, { l: options.lang }),
      method: 'POST',
    },
    options.queueName,
  );
  return response.toString();
}

/** While waiting: where they stand, then hold music; a key pressed meanwhile goes to waitKey. */
export function renderWait(options: { lang: Language; say: Text[]; holdMusicUrl: string }): string {
  const response = new VoiceResponse();
  const gather = response.gather({ input: ['dtmf'], numDigits: 1, timeout: 1, action: withQuery(IVR_PATHS.waitKey, { l: options.lang }), method: 'POST' });
  say(gather, options.lang, options.say);
  gather.play({}, options.holdMusicUrl);
  return response.toString();
}

/** A voice message: the recording reaches the case through the recording status callback. */
export function renderVoicemail(options: { lang: Language; say: Text[]; query: Record<string, string> }): string {
  const response = new VoiceResponse();
  appendVoicemail(response, options);
  return response.toString();
}

function appendVoicemail(response: Response, options: { lang: Language; say: Text[]; query: Record<string, string> }): void {
  say(response, options.lang, options.say);
  say(response, options.lang, [VOICEMAIL_PROMPT]);
  response.record({
    maxLength: 180,
    timeout: 8,
    playBeep: true,
    finishOnKey: '#',
    action: withQuery(IVR_PATHS.voicemailDone, { l: options.lang }),
    method: 'POST',
    recordingStatusCallback: withQuery(IVR_PATHS.recording, options.query),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
  });
  say(response, options.lang, [NO_MESSAGE]);
  response.hangup();
}

/** After hours, a P1 caller is put through to the protection officer on call. */
export function renderOnCall(options: { lang: Language; say: Text[]; number: string; callerId: string; query: Record<string, string> }): string {
  const response = new VoiceResponse();
  say(response, options.lang, options.say);
  const dial = response.dial({ timeout: 25, callerId: options.callerId, action: withQuery(IVR_PATHS.onCallResult, options.query), method: 'POST' });
  dial.number(options.number);
  return response.toString();
}

export function renderSayAndHangup(lang: Language, texts: Text[]): string {
  const response = new VoiceResponse();
  say(response, lang, texts);
  response.hangup();
  return response.toString();
}

/** Before the caller has chosen a language: the message in Spanish, then in English, then goodbye. */
export function renderSayBothAndHangup(text: Text): string {
  const response = new VoiceResponse();
  say(response, 'es', [text]);
  say(response, 'en', [text]);
  response.hangup();
  return response.toString();
}

export function renderSay(lang: Language, texts: Text[]): string {
  const response = new VoiceResponse();
  say(response, lang, texts);
  return response.toString();
}

export function renderLeave(): string {
  const response = new VoiceResponse();
  response.leave();
  return response.toString();
}

const VOICEMAIL_PROMPT: Text = {
  es: 'Después del tono, diga su nombre, un número donde podamos llamarle y en qué necesita ayuda. Al terminar, marque numeral o cuelgue.',
  en: 'After the tone, say your name, a number where we can call you back and what you need help with. When you finish, press pound or hang up.',
};
const NO_MESSAGE: Text = {
  es: 'No recibimos ningún mensaje. Puede volver a llamar cuando lo necesite. Adiós.',
  en: 'We did not receive a message. You can call again whenever you need. Goodbye.',
};

/** Spoken in both languages: when something fails we may not know which one the caller chose. */
export const APOLOGY: Text = {
  es: 'Lo sentimos, tenemos un problema técnico en este momento.',
  en: 'We are sorry, we are having a technical problem right now.',
};
const CALL_AGAIN: Text = {
  es: 'Por favor, vuelva a llamar en unos minutos. Si alguien está en peligro inmediato, llame al 911.',
  en: 'Please call again in a few minutes. If someone is in immediate danger, call 911.',
};

export function renderApology(): string {
  const response = new VoiceResponse();
  say(response, 'es', [APOLOGY, CALL_AGAIN]);
  say(response, 'en', [APOLOGY, CALL_AGAIN]);
  response.hangup();
  return response.toString();
}

/**
 * Twilio's fallback URL: our main handler failed. Apologise and take a voice message, touching
 * nothing of ours; the recording callback opens a flagged case when the system is back.
 */
export function renderFallback(): string {
  const response = new VoiceResponse();
  say(response, 'es', [APOLOGY]);
  say(response, 'en', [APOLOGY]);
  appendVoicemail(response, { lang: 'es', say: [], query: { fallback: '1' } });
  return response.toString();
}

export function renderEmpty(): string {
  return new VoiceResponse().toString();
}

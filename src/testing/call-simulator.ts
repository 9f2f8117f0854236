import { randomBytes } from 'node:crypto';
import { computeSignature } from '../platform/twilio/signature.js';
import { parseTwiml, type TwimlNode } from './twiml.parse.js';

/** One answer to a Gather: keys, words, saying nothing, or hanging up during the menu. */
export type Answer = { digits: string } | { speech: string; confidence?: number } | { silence: true } | { hangup: true };

export type SimEvent =
  | { kind: 'request'; path: string; status: number }
  | { kind: 'say'; text: string; language?: string; whileWaiting: boolean }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number }
  | { kind: 'pressed'; digits: string }
  | { kind: 'said'; speech: string }
  | { kind: 'silence' }
  | { kind: 'enqueued'; queue: string }
  | { kind: 'hangup'; by: 'caller' | 'hotline' }
  | { kind: 'status'; status: string }
  | { kind: 'unsupported'; verb: string };

export interface SimulateOptions {
  /** Where the server really listens. */
  baseUrl: string;
  /** What Twilio would sign: the server's PUBLIC_BASE_URL. Defaults to baseUrl. */
  publicBaseUrl?: string;
  authToken: string;
  from: string;
  to?: string;
  answers?: Answer[];
  callSid?: string;
  /** Hang up after this long in the queue. Without it, waiting ends only through `signal`. */
  hangupAfterMs?: number;
  /** How often the wait URL is fetched again; Twilio does so when the wait TwiML has played (about 60 s). */
  waitPollMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: SimEvent) => void;
  /** Stop after this many TwiML documents, as a guard against a loop in the server's flow. */
  maxSteps?: number;
}

export interface SimulationResult {
  callSid: string;
  events: SimEvent[];
  heard: string[];
  enqueued: boolean;
  /** Every TwiML document received, in order. */
  documents: string[];
}

export class SimulationError extends Error {}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/**
 * Places a call against a running hotline exactly as Twilio would: signed form POSTs, following
 * each action, Redirect and waitUrl, answering Gathers from `answers`, and closing with the
 * status callback.
 */
export async function simulateCall(opts: SimulateOptions): Promise<SimulationResult> {
  const callSid = opts.callSid ?? newCallSid();
  const accountSid = `AC${'0'.repeat(32)}`;
  const publicBase = (opts.publicBaseUrl ?? opts.baseUrl).replace(/\/+$/, '');
  const base = opts.baseUrl.replace(/\/+$/, '');
  const answers = [...(opts.answers ?? [])];
  const events: SimEvent[] = [];
  const documents: string[] = [];
  const started = Date.now();
  let sequence = 0;
  let enqueued = false;
  let currentPath = '/twilio/voice';

  const emit = (e: SimEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };
  const callParams = (status: string): Record<string, string> => ({
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: status,
    Called: opts.to ?? '+15005550006',
    Caller: opts.from,
    Direction: 'inbound',
    From: opts.from,
    To: opts.to ?? '+15005550006',
  });

  /** Resolves a TwiML URL the way Twilio does: relative to the URL of the request that returned it. */
  const resolvePath = (url: string): string => {
    const absolute = new URL(url, publicBase + currentPath);
    return absolute.pathname + absolute.search;
  };

  async function post(path: string, params: Record<string, string>): Promise<string> {
    const signature = computeSignature(opts.authToken, publicBase + path, params);
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    emit({ kind: 'request', path, status: res.status });
    if (res.status >= 400) throw new SimulationError(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
    return body;
  }

  async function fetchTwiml(path: string, params: Record<string, string>): Promise<TwimlNode> {
    const body = await post(path, params);
    if (!body.trim()) throw new SimulationError(`${path} answered an empty body`);
    documents.push(body);
    if (documents.length > (opts.maxSteps ?? 60)) throw new SimulationError('Too many steps: the flow loops');
    currentPath = path;
    return parseTwiml(body);
  }

  const speak = (node: TwimlNode, whileWaiting: boolean) => {
    const language = node.attrs.language;
    emit({ kind: 'say', text: node.text, whileWaiting, ...(language ? { language } : {}) });
  };

  async function statusCallback(status: string): Promise<void> {
    const params = {
      ...callParams(status),
      CallDuration: String(Math.round((Date.now() - started) / 1000)),
      SequenceNumber: String(sequence++),
      Timestamp: new Date().toUTCString(),
    };
    await post('/twilio/voice/status', params);
    emit({ kind: 'status', status });
  }

  /** Waits in a queue: fetches waitUrl, plays it, and repeats until the caller hangs up. */
  async function waitInQueue(enqueue: TwimlNode): Promise<void> {
    enqueued = true;
    emit({ kind: 'enqueued', queue: enqueue.text });
    const joinedAt = Date.now();
    const waitUrl = enqueue.attrs.waitUrl;
    const enqueuePath = currentPath;
    for (;;) {
      if (waitUrl) {
        currentPath = enqueuePath;
        const doc = await fetchTwiml(resolvePath(waitUrl), {
          ...callParams('in-progress'),
          QueuePosition: '1',
          QueueSid: `QU${'0'.repeat(32)}`,
          QueueTime: String(Math.round((Date.now() - joinedAt) / 1000)),
          AvgQueueTime: '0',
          CurrentQueueSize: '1',
        });
        for (const verb of doc.children) {
          if (verb.name === 'Say') speak(verb, true);
          else if (verb.name === 'Play') emit({ kind: 'play', url: verb.text });
          else if (verb.name === 'Pause') emit({ kind: 'pause', seconds: Number(verb.attrs.length ?? 1) });
          else emit({ kind: 'unsupported', verb: verb.name });
        }
      }
      const remaining = opts.hangupAfterMs === undefined ? Infinity : opts.hangupAfterMs - (Date.now() - joinedAt);
      if (remaining <= 0 || opts.signal?.aborted) break;
      await sleep(Math.min(remaining, opts.waitPollMs ?? 60_000), opts.signal);
      if (opts.signal?.aborted || Date.now() - joinedAt >= (opts.hangupAfterMs ?? Infinity)) break;
    }
    emit({ kind: 'hangup', by: 'caller' });
    if (enqueue.attrs.action) {
      currentPath = enqueuePath;
      await post(resolvePath(enqueue.attrs.action), {
        ...callParams('completed'),
        QueueResult: 'hangup',
        QueueSid: `QU${'0'.repeat(32)}`,
        QueueTime: String(Math.round((Date.now() - joinedAt) / 1000)),
      });
    }
  }

  let doc: TwimlNode | null = await fetchTwiml('/twilio/voice', callParams('ringing'));
  let hungUpBy: 'caller' | 'hotline' = 'hotline';
  run: while (doc) {
    const verbs = doc.children;
    doc = null;
    for (const verb of verbs) {
      switch (verb.name) {
        case 'Say':
          speak(verb, false);
          break;
        case 'Play':
          emit({ kind: 'play', url: verb.text });
          break;
        case 'Pause':
          emit({ kind: 'pause', seconds: Number(verb.attrs.length ?? 1) });
          break;
        case 'Gather': {
          for (const inner of verb.children) if (inner.name === 'Say') speak(inner, false);
          const answer: Answer = answers.shift() ?? { silence: true };
          if ('hangup' in answer) {
            hungUpBy = 'caller';
            emit({ kind: 'hangup', by: 'caller' });
            break run;
          }
          if ('silence' in answer) {
            emit({ kind: 'silence' });
            break; // Twilio falls through to the next verb
          }
          const action = resolvePath(verb.attrs.action ?? currentPath);
          const params: Record<string, string> = { ...callParams('in-progress') };
          if ('digits' in answer) {
            emit({ kind: 'pressed', digits: answer.digits });
            params.Digits = answer.digits;
          } else {
            emit({ kind: 'said', speech: answer.speech });
            params.SpeechResult = answer.speech;
            params.Confidence = String(answer.confidence ?? 0.92);
          }
          doc = await fetchTwiml(action, params);
          continue run;
        }
        case 'Redirect':
          doc = await fetchTwiml(resolvePath(verb.text), callParams('in-progress'));
          continue run;
        case 'Enqueue':
          hungUpBy = 'caller';
          await waitInQueue(verb);
          break run;
        case 'Hangup':
          break run;
        default:
          emit({ kind: 'unsupported', verb: verb.name });
      }
    }
  }
  if (hungUpBy === 'hotline') emit({ kind: 'hangup', by: 'hotline' });
  await statusCallback('completed');
  const heard = events.flatMap((e) => (e.kind === 'say' ? [e.text] : []));
  return { callSid, events, heard, enqueued, documents };
}

/**
 * Builds answers from the CLI's shorthand: speech separated by "|" first, then keys separated by
 * commas; in either, an empty entry is silence and "hangup" hangs up in the menu.
 */
export function answersFrom(options: { digits?: string; speech?: string }): Answer[] {
  const one = (raw: string, kind: 'digits' | 'speech'): Answer => {
    const v = raw.trim();
    if (!v) return { silence: true };
    if (v === 'hangup') return { hangup: true };
    return kind === 'digits' ? { digits: v } : { speech: v };
  };
  return [
    ...(options.speech ? options.speech.split('|').map((s) => one(s, 'speech')) : []),
    ...(options.digits !== undefined ? options.digits.split(',').map((d) => one(d, 'digits')) : []),
  ];
}

import { randomBytes } from 'node:crypto';
import { computeSignature } from '../platform/twilio/signature.js';
import { parseTwiml, type TwimlNode } from './twiml.parse.js';

/** One answer to a Gather: keys, words, saying nothing, or hanging up during the menu. */
export type Answer = { digits: string } | { speech: string; confidence?: number } | { silence: true } | { hangup: true };

export type SimEvent =
  | { kind: 'request'; path: string; status: number }
  | { kind: 'say'; text: string; language?: string; voice?: string; whileWaiting: boolean }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number }
  | { kind: 'pressed'; digits: string; whileWaiting: boolean }
  | { kind: 'said'; speech: string }
  | { kind: 'silence' }
  | { kind: 'enqueued'; queue: string }
  | { kind: 'left-queue' }
  | { kind: 'recorded'; recordingSid: string; seconds: number }
  | { kind: 'dialed'; number: string; answered: boolean }
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
  /** A key to press at each wait announcement, in order; null or missing presses nothing. */
  waitKeys?: Array<string | null>;
  callSid?: string;
  /** Hang up after this long in the queue. Without it, waiting ends only through `signal`. */
  hangupAfterMs?: number;
  /** How often the wait URL is fetched again; Twilio does so when the wait TwiML has played (about 60 s). */
  waitPollMs?: number;
  /** At a <Record>: speak for this many seconds, or say nothing (Twilio then skips the action). Default 8 s. */
  recordSeconds?: number;
  /** At a <Dial>: whether the other side answers. Default: no answer. */
  dialAnswered?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: SimEvent) => void;
  /** Stop after this many TwiML documents, as a guard against a loop in the server's flow. */
  maxSteps?: number;
  /** Fail on TwiML over 64 kB or a <Say> without an explicit voice and language. */
  strict?: boolean;
}

export interface SimulationResult {
  callSid: string;
  events: SimEvent[];
  heard: string[];
  enqueued: boolean;
  /** Every TwiML document received, in order. */
  documents: string[];
  recordingSids: string[];
}

export class SimulationError extends Error {}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;
const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    // The listener goes with the timer: a long wait must not pile up listeners on the signal.
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

type Played =
  | { kind: 'next'; doc: TwimlNode }
  | { kind: 'end' }
  | { kind: 'caller-hangup' }
  | { kind: 'enqueue'; verb: TwimlNode }
  | { kind: 'leave' };

/**
 * Places a call against a running hotline exactly as Twilio would: signed form POSTs, following
 * each action, Redirect and waitUrl, answering Gathers from `answers` (and `waitKeys` in the queue),
 * recording and dialling as told, and closing with the status callback.
 */
export async function simulateCall(opts: SimulateOptions): Promise<SimulationResult> {
  const callSid = opts.callSid ?? newCallSid();
  const publicBase = (opts.publicBaseUrl ?? opts.baseUrl).replace(/\/+$/, '');
  const base = opts.baseUrl.replace(/\/+$/, '');
  const answers = [...(opts.answers ?? [])];
  const waitKeys = [...(opts.waitKeys ?? [])];
  const events: SimEvent[] = [];
  const documents: string[] = [];
  const recordingSids: string[] = [];
  const started = Date.now();
  let sequence = 0;
  let enqueued = false;
  let currentPath = '/twilio/voice';

  const emit = (e: SimEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };
  const callParams = (status: string): Record<string, string> => ({
    AccountSid: ACCOUNT_SID,
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
  const resolvePath = (url: string, from = currentPath): string => {
    const absolute = new URL(url, publicBase + from);
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

  let steps = 0;
  async function fetchTwiml(path: string, params: Record<string, string>, waiting = false): Promise<TwimlNode> {
    const body = await post(path, params);
    if (!body.trim()) throw new SimulationError(`${path} answered an empty body`);
    documents.push(body);
    // Wait announcements repeat for as long as the caller waits; only the other steps can loop.
    if (!waiting && ++steps > (opts.maxSteps ?? 80)) throw new SimulationError('Too many steps: the flow loops');
    currentPath = path;
    const doc = parseTwiml(body);
    if (opts.strict) checkStrict(path, body, doc);
    return doc;
  }

  const speak = (node: TwimlNode, whileWaiting: boolean) => {
    const { language, voice } = node.attrs;
    emit({ kind: 'say', text: node.text, whileWaiting, ...(language ? { language } : {}), ...(voice ? { voice } : {}) });
  };
  const media = (node: TwimlNode, whileWaiting: boolean) => {
    if (node.name === 'Say') speak(node, whileWaiting);
    else if (node.name === 'Play') emit({ kind: 'play', url: node.text });
    else if (node.name === 'Pause') emit({ kind: 'pause', seconds: Number(node.attrs.length ?? 1) });
    else emit({ kind: 'unsupported', verb: node.name });
  };

  async function record(verb: TwimlNode): Promise<Played | null> {
    const seconds = opts.recordSeconds ?? 8;
    if (seconds <= 0) return null; // Twilio skips the action when nothing was said.
    const recordingSid = newSid('RE');
    recordingSids.push(recordingSid);
    emit({ kind: 'recorded', recordingSid, seconds });
    const recording = {
      RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`,
      RecordingDuration: String(seconds),
    };
    const from = currentPath;
    const next = verb.attrs.action ? await fetchTwiml(resolvePath(verb.attrs.action, from), { ...callParams('in-progress'), ...recording, Digits: '#' }) : null;
    // Twilio posts the recording status callback on its own, once the file is ready.
    if (verb.attrs.recordingStatusCallback) {
      await post(resolvePath(verb.attrs.recordingStatusCallback, from), {
        AccountSid: ACCOUNT_SID, CallSid: callSid, ...recording, RecordingStatus: 'completed', RecordingChannels: '1', RecordingSource: 'RecordVerb',
      });
    }
    return next ? { kind: 'next', doc: next } : null;
  }

  async function dial(verb: TwimlNode): Promise<Played | null> {
    const target = verb.children.find((c) => c.name === 'Number' || c.name === 'Client');
    const number = target?.children.find((c) => c.name === 'Identity')?.text ?? target?.text ?? verb.text;
    const answered = opts.dialAnswered ?? false;
    emit({ kind: 'dialed', number, answered });
    if (!verb.attrs.action) return answered ? { kind: 'end' } : null;
    return { kind: 'next', doc: await fetchTwiml(resolvePath(verb.attrs.action), { ...callParams('in-progress'), DialCallStatus: answered ? 'completed' : 'no-answer' }) };
  }

  /** Plays one TwiML document and says what happens next. */
  async function play(doc: TwimlNode, whileWaiting: boolean): Promise<Played> {
    for (const verb of doc.children) {
      switch (verb.name) {
        case 'Say':
        case 'Play':
        case 'Pause':
          media(verb, whileWaiting);
          break;
        case 'Gather': {
          for (const inner of verb.children) media(inner, whileWaiting);
          const answer: Answer | undefined = whileWaiting
            ? ((k) => (k ? { digits: k } : undefined))(waitKeys.shift())
            : (answers.shift() ?? { silence: true });
          if (!answer) break;
          if ('hangup' in answer) return { kind: 'caller-hangup' };
          if ('silence' in answer) {
            emit({ kind: 'silence' });
            break; // Twilio falls through to the next verb
          }
          const params: Record<string, string> = { ...callParams('in-progress') };
          if ('digits' in answer) {
            emit({ kind: 'pressed', digits: answer.digits, whileWaiting });
            params.Digits = answer.digits;
          } else {
            emit({ kind: 'said', speech: answer.speech });
            params.SpeechResult = answer.speech;
            params.Confidence = String(answer.confidence ?? 0.92);
          }
          return { kind: 'next', doc: await fetchTwiml(resolvePath(verb.attrs.action ?? currentPath), params) };
        }
        case 'Redirect':
          return { kind: 'next', doc: await fetchTwiml(resolvePath(verb.text), callParams('in-progress')) };
        case 'Enqueue':
          return { kind: 'enqueue', verb };
        case 'Leave':
          return { kind: 'leave' };
        case 'Record': {
          const next = await record(verb);
          if (next) return next;
          break;
        }
        case 'Dial': {
          const next = await dial(verb);
          if (next) return next;
          break;
        }
        case 'Hangup':
          return { kind: 'end' };
        default:
          emit({ kind: 'unsupported', verb: verb.name });
      }
    }
    return { kind: 'end' };
  }

  /** Waits in a queue: fetches waitUrl, plays it, and repeats until the caller hangs up or leaves. */
  async function waitInQueue(enqueue: TwimlNode): Promise<Played> {
    enqueued = true;
    emit({ kind: 'enqueued', queue: enqueue.text });
    const joinedAt = Date.now();
    const enqueuePath = currentPath;
    const queueParams = () => ({
      QueueSid: `QU${'0'.repeat(32)}`,
      QueueTime: String(Math.round((Date.now() - joinedAt) / 1000)),
    });
    const leaveWith = async (result: 'hangup' | 'leave'): Promise<Played> => {
      if (!enqueue.attrs.action) return { kind: result === 'hangup' ? 'caller-hangup' : 'end' };
      const doc = await fetchTwiml(resolvePath(enqueue.attrs.action, enqueuePath), { ...callParams(result === 'hangup' ? 'completed' : 'in-progress'), QueueResult: result, ...queueParams() });
      return result === 'hangup' ? { kind: 'caller-hangup' } : { kind: 'next', doc };
    };
    for (;;) {
      if (enqueue.attrs.waitUrl) {
        let doc = await fetchTwiml(resolvePath(enqueue.attrs.waitUrl, enqueuePath), {
          ...callParams('in-progress'), ...queueParams(), QueuePosition: '1', AvgQueueTime: '0', CurrentQueueSize: '1',
        }, true);
        for (;;) {
          const played = await play(doc, true);
          if (played.kind === 'next') {
            doc = played.doc;
            continue;
          }
          if (played.kind === 'leave') {
            emit({ kind: 'left-queue' });
            return leaveWith('leave');
          }
          if (played.kind === 'end' && doc.children.some((v) => v.name === 'Hangup')) {
            emit({ kind: 'hangup', by: 'hotline' });
            await leaveWith('hangup');
            return { kind: 'end' };
          }
          break;
        }
      }
      const remaining = opts.hangupAfterMs === undefined ? Infinity : opts.hangupAfterMs - (Date.now() - joinedAt);
      if (remaining <= 0 || opts.signal?.aborted) break;
      await sleep(Math.min(remaining, opts.waitPollMs ?? 60_000), opts.signal);
      if (opts.signal?.aborted || Date.now() - joinedAt >= (opts.hangupAfterMs ?? Infinity)) break;
    }
    emit({ kind: 'hangup', by: 'caller' });
    return leaveWith('hangup');
  }

  let doc: TwimlNode = await fetchTwiml('/twilio/voice', callParams('ringing'));
  for (;;) {
    let played = await play(doc, false);
    if (played.kind === 'enqueue') played = await waitInQueue(played.verb);
    if (played.kind === 'next') {
      doc = played.doc;
      continue;
    }
    if (played.kind === 'caller-hangup' && !events.some((e) => e.kind === 'hangup')) emit({ kind: 'hangup', by: 'caller' });
    if (played.kind === 'end' && !events.some((e) => e.kind === 'hangup')) emit({ kind: 'hangup', by: 'hotline' });
    break;
  }
  await post('/twilio/voice/status', {
    ...callParams('completed'),
    CallDuration: String(Math.round((Date.now() - started) / 1000)),
    SequenceNumber: String(sequence++),
    Timestamp: new Date().toUTCString(),
  });
  emit({ kind: 'status', status: 'completed' });
  const heard = events.flatMap((e) => (e.kind === 'say' ? [e.text] : []));
  return { callSid, events, heard, enqueued, documents, recordingSids };
}

function checkStrict(path: string, body: string, doc: TwimlNode): void {
  if (Buffer.byteLength(body) > 64 * 1024) throw new SimulationError(`${path}: TwiML over 64 kB`);
  const walk = (node: TwimlNode) => {
    if (node.name === 'Say' && (!node.attrs.voice || !node.attrs.language)) throw new SimulationError(`${path}: <Say> without voice and language`);
    if (node.name === 'Say' && !node.text.trim()) throw new SimulationError(`${path}: empty <Say>`);
    node.children.forEach(walk);
  };
  walk(doc);
}

/**
 * Builds answers from the CLI's shorthand: speech separated by "|" first, then keys separated by
 * commas; in either, an empty entry is silence and "hangup" hangs up in the menu. Or `answers`, in
 * order, where "say:words" is speech.
 */
export function answersFrom(options: { digits?: string; speech?: string; answers?: string }): Answer[] {
  const one = (raw: string, kind: 'digits' | 'speech'): Answer => {
    const v = raw.trim();
    if (!v) return { silence: true };
    if (v === 'hangup') return { hangup: true };
    if (v.startsWith('say:')) return { speech: v.slice(4).trim() };
    return kind === 'digits' ? { digits: v } : { speech: v };
  };
  // --answers mixes both in order: "2,4,say:Houston,,hangup".
  if (options.answers !== undefined) return options.answers.split(',').map((a) => one(a, 'digits'));
  return [
    ...(options.speech ? options.speech.split('|').map((s) => one(s, 'speech')) : []),
    ...(options.digits !== undefined ? options.digits.split(',').map((d) => one(d, 'digits')) : []),
  ];
}

import { performance } from 'node:perf_hooks';
import { computeSignature } from '../../src/platform/twilio/signature.js';
import { APOLOGY } from '../../src/modules/ivr/index.js';
import { parseTwiml } from '../../src/testing/twiml.parse.js';
import type { Random } from './random.js';
import { sleep } from './random.js';

/**
 * What Twilio does that src/testing/call-simulator.ts does not, for a load run: the simulator
 * follows TwiML exactly, but it has no hook for a REST redirect out of the queue (an agent accepting)
 * and it plays every document at once. Installed as the load process's `fetch`, for the simulator's
 * requests only (they go to MARKER_ORIGIN), this layer:
 *  - measures every /twilio/* request at the client, and sends it to an api process (round robin);
 *  - lets a caller think before each menu answer (a few seconds, compressed);
 *  - holds each wait-URL answer while its announcement and hold music "play" (waitPlayMs), as Twilio
 *    fetches the wait URL again only when they end; the caller's patience or the end of the run
 *    can cut it short (the simulator then hangs up: its signal is aborted);
 *  - applies REST redirects seen by the REST proxy (twilio-rest.ts): a queued caller is taken out of
 *    the queue at once (Twilio tells the Enqueue action `QueueResult=redirected`, and ignores what it
 *    answers), the new URL's TwiML is fetched and handed to the simulator in place of the wait TwiML;
 *  - holds the `<Dial>` action (connect-result) while the caller talks with the agent; the call ends
 *    when the agent hangs up in the console (a REST redirect to /goodbye: Twilio requests the Dial
 *    action, ignores its TwiML, then plays goodbye) or when the caller hangs up (the Dial action,
 *    then the end of the call);
 *  - drops the simulator's Enqueue action with QueueResult=hangup for a caller who left the queue by
 *    redirect long before (Twilio sends none: the caller is no longer in the queue).
 * Everything the simulator then does (status callbacks, voice messages) goes to the hotline as is.
 */
export const MARKER_ORIGIN = 'http://hotline.load.invalid';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const HANGUP = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

type Phase = 'ivr' | 'queued' | 'bridged' | 'ended';
type ConversationEnd = { by: 'agent'; path: string } | { by: 'caller' };

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  settled: boolean;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const d = { settled: false } as Deferred<T>;
  d.promise = new Promise<T>((r) => (resolve = r));
  d.resolve = (v) => {
    if (d.settled) return;
    d.settled = true;
    resolve(v);
  };
  return d;
}

/** One call as Twilio knows it. */
export interface TwilioCall {
  callSid: string;
  from: string;
  lang: string;
  phase: Phase;
  startedAt: number;
  /** The hotline answered the greeting with the flood message and hung up. */
  turnedAway: boolean;
  enqueuedAt?: number;
  enqueueAction?: string;
  /** How long this caller waits in the queue before hanging up; undefined = until answered. */
  patienceMs?: number;
  /** ms since the epoch at which this caller hangs up if still waiting (set on joining the queue). */
  patienceAt?: number;
  /** Set when the caller hung up while waiting: by patience, or because the run ended. */
  leftQueue?: 'patience' | 'end-of-run';
  leftQueueAt?: number;
  voicemail: boolean;
  redirect?: string;
  /** Wakes a held wait announcement (a redirect arrived, or the run ends). */
  wake?: () => void;
  bridgedAt?: number;
  bridged: Deferred<boolean>;
  conversation: Deferred<ConversationEnd>;
  endedBy?: ConversationEnd['by'];
  /** The simulator's abort: hangs up while waiting. */
  hangUp: AbortController;
  /** Requests that failed, apologies heard, redirects that came at the wrong time. */
  problems: string[];
}

export interface Sample {
  group: string;
  ms: number;
  status: number;
  at: number;
}

export interface TwilioSideOptions {
  apiBaseUrls: string[];
  publicBaseUrl: string;
  authToken: string;
  waitPlayMs: number;
  thinkMs: [number, number];
  random: Random;
}

export function createTwilioSide(options: TwilioSideOptions) {
  const realFetch = globalThis.fetch;
  const calls = new Map<string, TwilioCall>();
  const samples: Sample[] = [];
  const problems: string[] = [];
  let nextApi = 0;
  let ending = false;

  const sign = (path: string, params: Record<string, string>) => computeSignature(options.authToken, options.publicBaseUrl + path, params);
  const groupOf = (path: string) => (path.split('?')[0] ?? path).replace(/^\/twilio/, '');

  /** One request to an api process, timed from sending to the last byte of the answer. */
  async function send(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const base = options.apiBaseUrls[nextApi++ % options.apiBaseUrls.length] as string;
    const t0 = performance.now();
    try {
      const res = await realFetch(base + path, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      samples.push({ group: groupOf(path), ms: performance.now() - t0, status: res.status, at: Date.now() });
      return { status: res.status, text };
    } catch (e) {
      samples.push({ group: groupOf(path), ms: performance.now() - t0, status: 0, at: Date.now() });
      throw e;
    }
  }

  /** A request Twilio makes by itself (not one the simulator made): signed here. */
  async function twilioRequest(call: TwilioCall, path: string, extra: Record<string, string>): Promise<string> {
    const params: Record<string, string> = {
      AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', CallSid: call.callSid, CallStatus: 'in-progress', Called: '+15005550006',
      Caller: call.from, Direction: 'inbound', From: call.from, To: '+15005550006', ...extra,
    };
    const res = await send(path, new URLSearchParams(params).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(path, params) });
    check(call, path, res);
    return res.text;
  }

  function check(call: TwilioCall | undefined, path: string, res: { status: number; text: string }) {
    const where = `${groupOf(path)} ${res.status}`;
    if (res.status >= 400) note(call, `${where}: ${res.text.slice(0, 160)}`);
    else if (res.text.includes(APOLOGY.es)) note(call, `${where}: the hotline apologised (a failure of ours)`);
  }

  function note(call: TwilioCall | undefined, problem: string) {
    if (call) call.problems.push(problem);
    problems.push(`${call?.callSid ?? '?'}: ${problem}`);
  }

  /** Takes a waiting caller out of the queue to the redirect's TwiML, as Twilio does on a REST redirect. */
  async function leaveQueueByRedirect(call: TwilioCall): Promise<string> {
    const path = call.redirect as string;
    call.redirect = undefined;
    if (call.enqueueAction) {
      await twilioRequest(call, call.enqueueAction, {
        QueueResult: 'redirected', QueueSid: `QU${'0'.repeat(32)}`, QueueTime: String(Math.round((Date.now() - (call.enqueuedAt ?? Date.now())) / 1000)),
      });
    }
    const twiml = await twilioRequest(call, path, {});
    if (/^\/twilio\/voice\/connect\?/.test(path)) {
      call.phase = 'bridged';
      call.bridgedAt = Date.now();
      call.bridged.resolve(true);
    } else {
      note(call, `redirected out of the queue to ${groupOf(path)}, which the load does not play`);
    }
    return twiml;
  }

  /** The wait TwiML "plays": until its end, a redirect, the caller's patience or the end of the run. */
  async function play(call: TwilioCall): Promise<'played' | 'redirect' | 'hang-up'> {
    // A redirect that came while the wait URL was being fetched interrupts the announcement at once.
    if (call.redirect) return 'redirect';
    const until = Math.min(Date.now() + options.waitPlayMs, call.patienceAt ?? Infinity);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
      call.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    call.wake = undefined;
    if (call.redirect) return 'redirect';
    const patienceOver = call.patienceAt !== undefined && Date.now() >= call.patienceAt;
    if (patienceOver || ending) {
      call.phase = 'ended';
      call.leftQueue = patienceOver && !ending ? 'patience' : 'end-of-run';
      call.leftQueueAt = Date.now();
      call.hangUp.abort();
      return 'hang-up';
    }
    return 'played';
  }

  async function handle(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const params = Object.fromEntries(new URLSearchParams(body)) as Record<string, string>;
    const call = calls.get(params.CallSid ?? '');
    const group = groupOf(path);
    if (!call) {
      // Not a call this layer started (should not happen): pass it through.
      const res = await send(path, body, headers);
      check(undefined, path, res);
      return res;
    }

    if (group === '/voice/menu') await sleep(options.random.between(...options.thinkMs));

    if (group === '/voice/wait') {
      if (call.redirect) return { status: 200, text: await leaveQueueByRedirect(call) };
      const res = await send(path, body, headers);
      check(call, path, res);
      if (res.status !== 200) return res;
      const how = await play(call);
      if (how === 'redirect') return { status: 200, text: await leaveQueueByRedirect(call) };
      return res;
    }

    if (group === '/voice/queue-result' && call.phase === 'bridged') return { status: 200, text: EMPTY };
    if (group === '/voice/queue-result' && call.phase === 'ended' && call.bridgedAt !== undefined) return { status: 200, text: EMPTY };

    if (group === '/voice/connect-result' && call.phase === 'bridged') {
      // The simulator posts the Dial action at once; the conversation happens here.
      const end = await call.conversation.promise;
      call.endedBy = end.by;
      const res = await send(path, body, headers);
      check(call, path, res);
      call.phase = 'ended';
      if (end.by === 'caller') return { status: 200, text: HANGUP };
      // The call was redirected during the Dial: Twilio requested the action (its TwiML is ignored), then the new URL.
      return { status: 200, text: await twilioRequest(call, end.path, {}) };
    }

    const res = await send(path, body, headers);
    check(call, path, res);
    if (group === '/voice' && res.status === 200) {
      const doc = safeParse(res.text);
      if (doc && !doc.children.some((v) => v.name === 'Gather') && doc.children.some((v) => v.name === 'Hangup')) call.turnedAway = true;
    }
    if (res.status === 200 && res.text.includes('<Enqueue') && call.phase === 'ivr') {
      const enqueue = safeParse(res.text)?.children.find((v) => v.name === 'Enqueue');
      call.phase = 'queued';
      call.enqueuedAt = Date.now();
      if (enqueue?.attrs.action) {
        const action = new URL(enqueue.attrs.action, options.publicBaseUrl + path);
        call.enqueueAction = action.pathname + action.search;
      }
      if (call.patienceMs !== undefined) call.patienceAt = call.enqueuedAt + call.patienceMs;
    }
    if (group === '/voice/wait-key' && res.text.includes('<Leave')) {
      call.phase = 'ended';
      call.voicemail = true;
    }
    if (group === '/voice/status') {
      if (call.phase === 'queued' || call.phase === 'ivr') call.phase = 'ended';
      call.bridged.resolve(false);
    }
    return res;
  }

  const safeParse = (xml: string) => {
    try {
      return parseTwiml(xml);
    } catch {
      return null;
    }
  };

  const fetchThroughTwilio: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(MARKER_ORIGIN)) return realFetch(input, init);
    const path = url.slice(MARKER_ORIGIN.length);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const res = await handle(path, String(init?.body ?? ''), headers);
    return new Response(res.text, { status: res.status, headers: { 'content-type': 'text/xml' } });
  };

  return {
    samples,
    problems,
    calls,

    install() {
      globalThis.fetch = fetchThroughTwilio;
    },
    uninstall() {
      globalThis.fetch = realFetch;
    },

    /** A call about to be placed; `patienceMs` counts from joining the queue. */
    register(callSid: string, from: string, lang: string, patienceMs: number | undefined): TwilioCall {
      const call: TwilioCall = {
        callSid, from, lang, phase: 'ivr', startedAt: Date.now(), turnedAway: false, voicemail: false,
        bridged: deferred<boolean>(), conversation: deferred<ConversationEnd>(), hangUp: new AbortController(), problems: [],
        ...(patienceMs !== undefined ? { patienceMs } : {}),
      };
      calls.set(callSid, call);
      return call;
    },

    /**
     * The REST proxy asks whether Twilio would accept this redirect: a call that has ended (or is
     * hanging up) cannot be redirected, and Twilio answers 400 (error 21220) for it.
     */
    canRedirect(callSid: string): boolean {
      const call = calls.get(callSid);
      return Boolean(call && (call.phase === 'queued' || call.phase === 'bridged'));
    },

    /** Twilio accepted a redirect: a waiting caller leaves the queue now; a caller with an agent leaves the Dial. */
    redirected(callSid: string, url: string): void {
      const call = calls.get(callSid);
      if (!call) return;
      const path = url.startsWith(options.publicBaseUrl) ? url.slice(options.publicBaseUrl.length) : new URL(url).pathname + new URL(url).search;
      if (call.phase === 'queued') {
        if (call.redirect) note(call, `a second redirect (${groupOf(path)}) before the first was played`);
        call.redirect = path;
        call.wake?.();
      } else if (call.phase === 'bridged') {
        if (!/^\/twilio\/voice\/goodbye\?/.test(path)) note(call, `redirected during the conversation to ${groupOf(path)}, which the load does not play`);
        call.conversation.resolve({ by: 'agent', path });
      } else {
        note(call, `redirect to ${groupOf(path)} in phase ${call.phase}`);
      }
    },

    /** Callers in the queue now. */
    waiting(): number {
      let n = 0;
      for (const call of calls.values()) if (call.phase === 'queued') n++;
      return n;
    },

    /** For an agent: resolves true once the caller hears the agent, false if the call ended first or never comes. */
    async bridged(callSid: string, timeoutMs: number): Promise<boolean> {
      const call = calls.get(callSid);
      if (!call) return false;
      return Promise.race([call.bridged.promise, sleep(timeoutMs).then(() => false)]);
    },

    /** The caller ends the conversation (hangs up while talking with the agent). */
    callerHangsUp(callSid: string): void {
      calls.get(callSid)?.conversation.resolve({ by: 'caller' });
    },

    /**
     * The run is over: every caller still waiting hangs up when their current announcement ends
     * (within waitPlayMs, so not all in the same millisecond); the conversations go on.
     */
    endRun(): void {
      ending = true;
    },

    /** Last resort at the very end: conversations nobody ended are ended by the caller, so every simulation returns. */
    releaseAll(): void {
      ending = true;
      for (const call of calls.values()) {
        call.wake?.();
        if (call.phase === 'bridged' && !call.conversation.settled) {
          note(call, 'the conversation was never ended by the agent');
          call.conversation.resolve({ by: 'caller' });
        }
      }
    },
  };
}

export type TwilioSide = ReturnType<typeof createTwilioSide>;

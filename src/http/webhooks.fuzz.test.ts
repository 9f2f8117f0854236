import { pauseBackgroundWork, resumeBackgroundWork } from '../testing/background-work.js';
import { readFile } from 'node:fs/promises';
import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../contracts/domain.js';
import { computeSignature } from '../platform/twilio/signature.js';
import { newCallSid } from '../testing/call-simulator.js';
import { startTestHotline, type TestHotline } from '../testing/harness.js';
import { parseTwiml, type TwimlNode } from '../testing/twiml.parse.js';
import { DEMO_USERS } from '../modules/auth/index.js';
import { encodeState, hotlineFlow } from '../modules/ivr/index.js';

/**
 * Generated Twilio requests against a running hotline: every /twilio route, signed as Twilio signs,
 * with odd keys, odd values and odd bodies. Whatever arrives, the answer is TwiML (a caller must
 * always hear something), a refusal is a 4xx that records nothing, nothing throws inside, and the
 * hotline still takes calls afterwards. FUZZ_SEED=<n> replays or explores; failures print the seed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260612);
/** FUZZ_SCALE=10 runs ten times as many cases, to explore; the default keeps the file quick. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const run = <T>(property: fc.IAsyncProperty<T>, numRuns: number) => fc.assert(property, { seed: SEED, numRuns: Math.round(numRuns * SCALE) });

let t: TestHotline;
let known: { callSid: string; caseId: string; agentId: string };

/**
 * The routes of voice.webhooks.ts, with the form fields and query keys each one reads. `heard`: the
 * caller is on the line, so the answer must say something or put the call through somewhere.
 */
type QueryKey = 'state' | 'l' | 'case' | 'agent' | 'cb' | 'orig' | 'fallback';
interface Route { path: string; heard: boolean; reads: string[]; query: QueryKey[] }
const ROUTES: Route[] = [
  { path: '/twilio/voice', heard: true, reads: [], query: [] },
  { path: '/twilio/voice/menu', heard: true, reads: ['Digits', 'SpeechResult', 'Confidence'], query: ['state'] },
  { path: '/twilio/voice/wait', heard: true, reads: ['QueueTime'], query: ['l'] },
  { path: '/twilio/voice/wait-key', heard: false, reads: ['Digits'], query: ['l'] },
  { path: '/twilio/voice/queue-result', heard: false, reads: ['QueueResult', 'QueueTime'], query: ['l'] },
  { path: '/twilio/voice/on-call-result', heard: true, reads: ['DialCallStatus'], query: ['case', 'l'] },
  { path: '/twilio/voice/connect', heard: true, reads: [], query: ['agent', 'orig', 'l'] },
  { path: '/twilio/voice/connect-result', heard: false, reads: ['DialCallStatus'], query: ['agent', 'orig', 'l'] },
  { path: '/twilio/voice/hold', heard: true, reads: [], query: ['l'] },
  { path: '/twilio/voice/goodbye', heard: true, reads: [], query: ['l'] },
  { path: '/twilio/voice/callback-bridge', heard: false, reads: [], query: ['cb', 'agent', 'orig', 'l'] },
  { path: '/twilio/voice/callback-status', heard: false, reads: [], query: ['cb', 'agent', 'orig', 'l'] },
  { path: '/twilio/voice/voicemail-done', heard: true, reads: [], query: ['l'] },
  { path: '/twilio/voice/status', heard: false, reads: ['CallDuration', 'SequenceNumber', 'Timestamp'], query: [] },
  { path: '/twilio/voice/recording', heard: false, reads: ['RecordingSid', 'RecordingUrl', 'RecordingStatus', 'RecordingDuration'], query: ['fallback', 'case'] },
  { path: '/twilio/voice/fallback', heard: true, reads: [], query: [] },
];
/** What Twilio sends with every request. */
const STANDARD = ['CallSid', 'AccountSid', 'From', 'To', 'CallStatus', 'ApiVersion', 'Direction'];

// ---- Generators ----------------------------------------------------------------------------

const alnum = fc.constantFrom(...'0123456789abcdefABCDEFxyzXYZ');
const sidLike = (prefix: string) =>
  fc.oneof(
    fc.array(alnum, { minLength: 32, maxLength: 32 }).map((c) => prefix + c.join('')),
    fc.array(alnum, { minLength: 30, maxLength: 34 }).map((c) => prefix + c.join('')),
    fc.constantFrom(`${prefix}${'0'.repeat(32)}`, `${prefix.toLowerCase()}${'f'.repeat(32)}`, prefix),
  );
/** Text of any kind, kept under what one form field may carry here (bodies are limited to 64 kB). */
const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\u202E', '&', '<', '>', '"', "'", '%', '%2', '%ZZ', '+', '=', '[', ']', '.', '#', '*', ' ', '\r\n'), maxLength: 20 }),
  fc.string({ minLength: 1000, maxLength: 3000 }),
);
const numberish = fc.oneof(fc.integer({ min: -5, max: 100_000 }).map(String), fc.constantFrom('', '1e309', 'NaN', '-0', '0x10', '1.5', ' 7 ', 'Infinity'), oddText);
const phoneish = fc.oneof(
  fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `+504${n}`),
  fc.constantFrom('anonymous', 'Anonymous', '+266696687', '', '+', '+0000', '12345', '<script>', 'client:agent', 'sip:x@y'),
  oddText,
);
const statusish = fc.oneof(
  fc.constantFrom('queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled', 'hangup', 'leave', 'error', 'system-error', 'queue-full', 'bridged', 'redirected'),
  oddText,
);

/** A character PostgreSQL cannot store (NUL, half a surrogate pair) or that often trips code up, slipped into a value. */
const oddChar = fc.oneof(fc.constantFrom('\u0000', '\uD800', '\uDC00'), fc.constantFrom('\u0001', '\u202E', '\uFEFF', '\n', '&', '<', '%'));
const tainted = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, oddChar, fc.nat()).map(([v, c, at]) => v.slice(0, at % (v.length + 1)) + c + v.slice(at % (v.length + 1)));

/** Values by field: mostly shaped like Twilio's, sometimes with an odd character in them, sometimes anything. */
function valueFor(key: string): fc.Arbitrary<string> {
  const shaped = shapedValueFor(key);
  return key === 'CallSid' ? shaped : fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: tainted(shaped) });
}
function shapedValueFor(key: string): fc.Arbitrary<string> {
  switch (key) {
    case 'CallSid':
      return fc.oneof({ weight: 2, arbitrary: fc.constant('$known') }, { weight: 3, arbitrary: sidLike('CA') }, { weight: 1, arbitrary: oddText });
    case 'AccountSid':
      return fc.oneof(sidLike('AC'), oddText);
    case 'RecordingSid':
      return fc.oneof(sidLike('RE'), oddText);
    case 'From':
    case 'To':
    case 'Caller':
    case 'Called':
      return phoneish;
    case 'Digits':
      return fc.oneof(fc.stringMatching(/^[0-9*#w]{0,12}$/), oddText);
    case 'SpeechResult':
      return fc.oneof(fc.constantFrom('agente', 'emergencia', 'vivo en Houston', 'repeat', 'uno'), oddText);
    case 'Confidence':
      return fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }).map(String), numberish);
    case 'CallStatus':
    case 'QueueResult':
    case 'DialCallStatus':
    case 'RecordingStatus':
      return statusish;
    case 'CallDuration':
    case 'SequenceNumber':
    case 'QueueTime':
    case 'RecordingDuration':
      return numberish;
    case 'Timestamp':
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), fc.constantFrom('Tue, 31 Feb 2026 25:61:00 +0000', '0', '-1'), oddText);
    case 'RecordingUrl':
      return fc.oneof(fc.constantFrom('https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE1', 'http://127.0.0.1:1/x', 'javascript:alert(1)', 'ftp://x'), fc.webUrl(), oddText);
    default:
      return oddText;
  }
}

const TWILIO_KEYS = [
  'CallSid', 'AccountSid', 'From', 'To', 'Caller', 'Called', 'Digits', 'SpeechResult', 'Confidence', 'CallStatus', 'CallDuration', 'SequenceNumber',
  'Timestamp', 'QueueResult', 'QueueTime', 'DialCallStatus', 'RecordingSid', 'RecordingUrl', 'RecordingStatus', 'RecordingDuration', 'Direction', 'ApiVersion',
];
/** Keys a form may carry that every JavaScript object seems to have. */
const INHERITED_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
// Keys the body parser reads as they are written (no brackets, no "__proto__", not empty): what Twilio signs is what the server sees.
const plainKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TWILIO_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...INHERITED_KEYS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.\-]{0,20}$/) },
);
/** Form fields: Twilio's usual ones and the route's own, each usually there, and a few strays. */
const paramsFor = (route: Route): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(
      fc.tuple(...[...STANDARD, ...route.reads].map((k) => fc.option(valueFor(k).map((v) => [k, v] as const), { freq: 5, nil: null }))),
      fc.uniqueArray(plainKey, { maxLength: 6 }).chain((keys) => fc.tuple(...keys.map((k) => valueFor(k).map((v) => [k, v] as const)))),
    )
    .map(([usual, strays]) => Object.fromEntries([...usual.filter((p) => p !== null), ...strays]) as Record<string, string>);
const formParams = fc.constantFrom(...ROUTES).chain(paramsFor);

const uuidish = fc.oneof(fc.constant('$case'), fc.constant('$agent'), fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', ''), oddText);
const menuState = fc
  .record({
    node: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...Object.keys(hotlineFlow.nodes)) }, { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'gone') }),
    lang: fc.constantFrom('es' as const, 'en' as const),
    misses: fc.integer({ min: 0, max: 9 }),
    wrongNumbers: fc.integer({ min: 0, max: 9 }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: null }),
  })
  .map((s) =>
    encodeState({
      node: s.node, lang: s.lang, path: [], location: null, misses: s.misses, speechMisses: 0, keysOnly: false, wrongNumbers: s.wrongNumbers, office: null,
      request: s.category ? { category: s.category, priority: 2, origin: 'main.0', vulnerable: false } : null,
    }),
  );
const QUERY_VALUES: Record<Exclude<QueryKey, 'state'>, fc.Arbitrary<string>> = {
  l: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('es', 'en') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('EN', 'fr', ''), oddText) }),
  case: fc.oneof({ weight: 3, arbitrary: fc.constant('$case') }, { weight: 1, arbitrary: uuidish }),
  agent: fc.oneof({ weight: 3, arbitrary: fc.constant('$agent') }, { weight: 1, arbitrary: uuidish }),
  cb: uuidish,
  orig: fc.oneof(fc.constant('$known'), sidLike('CA')),
  fallback: fc.constantFrom('1', '0', 'true'),
};
/** The route's own query, shaped as our TwiML writes it (usually), or any query at all. */
const queryFor = (route: Route): fc.Arbitrary<string> => {
  const keys = route.query.filter((k): k is Exclude<QueryKey, 'state'> => k !== 'state');
  const shaped = route.query.includes('state')
    ? menuState
    : fc.record(Object.fromEntries(keys.map((k) => [k, QUERY_VALUES[k]])), { requiredKeys: keys.slice(0, 1) }).map((q) => new URLSearchParams(q as Record<string, string>).toString());
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: queryString });
};
/** Any query: the keys the routes read (l, n..., case, agent, orig, cb, fallback), shaped or not, plus strays. */
const queryString = fc.oneof(
  menuState,
  fc
    .record(
      {
        l: fc.oneof(fc.constantFrom('es', 'en', 'EN', 'fr', ''), oddText),
        case: uuidish,
        agent: uuidish,
        cb: uuidish,
        orig: fc.oneof(fc.constant('$known'), sidLike('CA')),
        fallback: fc.constantFrom('1', '0', 'true'),
        n: fc.oneof(fc.constantFrom(...Object.keys(hotlineFlow.nodes), 'constructor'), oddText),
        m: numberish,
        stray: oddText,
      },
      { requiredKeys: [] },
    )
    .map((q) => new URLSearchParams(q).toString()),
  oddText.map((raw) => raw.replace(/#/g, '%23')),
);

function fill(value: string): string {
  return value.replace('$known', known.callSid).replace('$case', known.caseId).replace('$agent', known.agentId);
}
/** The path and query as a client sends them, so the URL signed is the URL received. */
function urlOf(route: Route, query: string): string {
  const q = fill(query);
  const url = new URL(q ? `${route.path}?${q}` : route.path, 'http://hotline.invalid');
  return url.pathname + url.search;
}

/** A route (by index, so that a counterexample reads well), its query and its form; the menu, where the IVR decides, twice as often. */
const anyRequest = fc.oneof(
  ...ROUTES.map((route, i) => ({ weight: route.query.includes('state') ? 2 * ROUTES.length : 2, arbitrary: fc.tuple(fc.constant(i), queryFor(route), paramsFor(route)) })),
);

// ---- Checks ----------------------------------------------------------------------------------

const all = (node: TwimlNode): TwimlNode[] => [node, ...node.children.flatMap(all)];

/** TwiML that parses; every Say speaks in an explicit voice; on a live call, something is heard or the call goes somewhere. */
function expectTwiml(res: Response, body: string, heard: boolean): TwimlNode {
  expect(res.headers.get('content-type')).toMatch(/xml/);
  const root = parseTwiml(body);
  const nodes = all(root);
  for (const say of nodes.filter((n) => n.name === 'Say')) {
    expect(say.text.trim()).not.toBe('');
    expect(say.attrs.voice).toMatch(/^Polly\./);
  }
  if (heard) {
    const something = nodes.some((n) => ((n.name === 'Say' || n.name === 'Play' || n.name === 'Enqueue') && n.text.trim() !== '') || (n.name === 'Dial' && n.children.length > 0) || (n.name === 'Redirect' && n.text !== ''));
    expect(something, `nothing for the caller in ${body}`).toBe(true);
  }
  return root;
}

/** A request that failed inside (not an AppError) is logged with its error type: the caller heard an apology for a bug. */
function crashesIn(lines: string[]): string[] {
  return lines.filter((line) => {
    const entry = JSON.parse(line) as { msg?: string; err?: { type?: string } };
    return (entry.msg === 'webhook failed' && entry.err?.type !== undefined) || /unhandled/i.test(entry.msg ?? '');
  });
}

const TABLES = ['calls', 'cases', 'case_events', 'case_audit', 'callbacks', 'recordings', 'people', 'case_people', 'blocked_numbers'];
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS h FROM ${table} r`);
    out[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(t.baseUrl + url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}
const sign = (url: string, params: Record<string, string | string[] | undefined>) => computeSignature(t.config.twilio.authToken, t.config.publicBaseUrl + url, params);

beforeAll(async () => {
  t = await startTestHotline();
  const call = await t.call({ from: '+50499123456', answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const caseId = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0]?.case_id as string;
  const agentId = (await t.sql.query('SELECT id FROM users WHERE email = $1', [DEMO_USERS[2].email])).rows[0]?.id as string;
  expect(caseId).toBeTruthy();
  known = { callSid: call.callSid, caseId, agentId };
});
afterAll(async () => {
  await t?.close();
});

describe('Twilio webhooks under generated requests', () => {
  it('when a route is added to the Twilio webhooks, then this file fuzzes it too', async () => {
    const source = await readFile(new URL('../modules/calls/voice.webhooks.ts', import.meta.url), 'utf8');
    const declared = [...source.matchAll(/(?:door|router\.post)\('(\/voice[^']*)'/g)].map((m) => `/twilio${m[1]}`);
    expect(declared.sort()).toEqual(ROUTES.map((r) => r.path).sort());
  });

  it('when a generated request is not signed as Twilio signs it, then 403 and nothing is recorded', async () => {
    await pauseBackgroundWork(t);
    const before = await snapshot();
    await run(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        queryString,
        formParams,
        fc.constantFrom('missing', 'other-token', 'other-params', 'other-url', 'garbage'),
        fc.string({ maxLength: 40 }),
        async (route, query, rawParams, how, garbage) => {
          const url = urlOf(route, query);
          const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, fill(v)]));
          const signature = {
            missing: undefined,
            'other-token': computeSignature('not-the-auth-token', t.config.publicBaseUrl + url, params),
            'other-params': sign(url, { ...params, CallSid: newCallSid() }),
            'other-url': sign(`${url}${url.includes('?') ? '&' : '?'}x=1`, params),
            garbage: garbage.replace(/[^\x20-\x7e]/g, '') || 'x',
          }[how];
          const res = await post(url, new URLSearchParams(params).toString(), signature ? { 'x-twilio-signature': signature } : {});
          expect(res.status).toBe(403);
          await res.text();
        },
      ),
      30,
    );
    expect(await snapshot()).toEqual(before);
    expect(crashesIn(t.logs)).toEqual([]);
  });

  it('when a signed body is oddly encoded, then the answer is TwiML or a 4xx that records nothing, never a 5xx', async () => {
    const rawBody = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('%', 'E0', 'A4', 'FF', 'C3', '(', '&', '=', '+', 'a', 'Digits', 'CallSid', '[', ']', '__proto__', '\u00e9', '\u0000'), maxLength: 40 }),
      fc.constantFrom('CallSid=%E0%A4%A&From=%', 'Digits=%FF%FE&SpeechResult=%C3%28', '%=%&%%=1', 'a[b]=1&a[c]=2', '__proto__=x&Digits=1', '[]=1&=2', 'Digits=1;Digits=2', '&&&&', '+=+'),
    );
    const charset = fc.constantFrom('', '; charset=utf-8', '; charset=UTF-8', '; charset=iso-8859-1', '; charset=utf-7', '; charset=nonsense');
    let checked = 0;
    await run(
      fc.asyncProperty(fc.constantFrom(...ROUTES), queryString, rawBody, charset, async (route, query, body, cs) => {
        const url = urlOf(route, query);
        const before = await snapshot();
        const logsBefore = t.logs.length;
        // Signed over what a form reader makes of the body; where the server reads it otherwise, 403 is the right answer.
        const res = await post(url, body, { 'content-type': `application/x-www-form-urlencoded${cs}`, 'x-twilio-signature': sign(url, parseQuery(body)) });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status === 200) {
          expectTwiml(res, text, route.heard);
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          if (res.status !== 403) expectTwiml(res, text, true);
          expect(await snapshot()).toEqual(before);
        }
        expect(crashesIn(t.logs.slice(logsBefore))).toEqual([]);
        checked++;
      }),
      30,
    );
    expect(checked).toBe(Math.round(30 * SCALE));
  });

  it('when any route gets generated parameters and query, signed, then it answers TwiML (200, or a 4xx refusal with an apology) and never fails inside', async () => {
    await resumeBackgroundWork(t);
    const refused: { url: string; params: Record<string, string> }[] = [];
    await run(
      fc.asyncProperty(anyRequest, async ([index, query, rawParams]) => {
        const route = ROUTES[index] as Route;
        const url = urlOf(route, query);
        const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, fill(v)]));
        const logsBefore = t.logs.length;
        const res = await t.twilio(url, params);
        const body = await res.text();
        expect(res.status, body).toBeLessThan(500);
        if (res.status === 200) {
          expectTwiml(res, body, route.heard && !(route.path.endsWith('/on-call-result') && params.DialCallStatus === 'completed'));
        } else {
          // A request our rules refuse (a case cannot be opened without a CallSid): its 4xx still speaks to the caller.
          expect(res.status).toBeGreaterThanOrEqual(400);
          expectTwiml(res, body, true);
          refused.push({ url, params });
        }
        expect(crashesIn(t.logs.slice(logsBefore))).toEqual([]);
      }),
      140,
    );

    // Each refusal again, with background work paused: refused again, and nothing recorded.
    await pauseBackgroundWork(t);
    for (const { url, params } of refused) {
      const before = await snapshot();
      const res = await t.twilio(url, params);
      await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await snapshot(), `${url} ${JSON.stringify(params)}`).toEqual(before);
    }
    await resumeBackgroundWork(t);
  });

  it('when any field a route reads holds a NUL character, then the caller still gets TwiML and nothing fails inside', async () => {
    // Not random: each route, with a request as Twilio would send it, each field it reads tainted in turn.
    const plausible: Record<string, string> = {
      AccountSid: `AC${'0'.repeat(32)}`, From: '+50499123456', To: '+15005550006', CallStatus: 'in-progress', Digits: '1', SpeechResult: 'agente', Confidence: '0.9',
      QueueTime: '30', QueueResult: 'leave', DialCallStatus: 'no-answer', CallDuration: '30', SequenceNumber: '3', Timestamp: new Date().toUTCString(),
      RecordingSid: `RE${'1'.repeat(32)}`, RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE1', RecordingStatus: 'completed', RecordingDuration: '12',
    };
    const query: Record<QueryKey, string> = { state: 'n=main&l=es', l: 'l=es', case: 'case=$case', agent: 'agent=$agent', cb: `cb=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, orig: 'orig=$known', fallback: 'fallback=1' };
    let sent = 0;
    for (const route of ROUTES) {
      const url = urlOf(route, route.query.map((k) => query[k]).join('&'));
      for (const field of ['From', 'To', 'CallStatus', ...route.reads]) {
        const params: Record<string, string> = { CallSid: route.path === '/twilio/voice' ? newCallSid() : known.callSid, AccountSid: plausible.AccountSid as string, From: plausible.From as string, To: plausible.To as string, CallStatus: plausible.CallStatus as string };
        for (const k of route.reads) params[k] = plausible[k] as string;
        const value = params[field] as string;
        params[field] = `${value.slice(0, 2)}\u0000${value.slice(2)}`;
        const logsBefore = t.logs.length;
        const res = await t.twilio(url, params);
        const body = await res.text();
        expect(res.status, `${url} ${field}: ${body}`).toBeLessThan(500);
        expectTwiml(res, body, res.status !== 200 || (route.heard && !(route.path.endsWith('/on-call-result') && params.DialCallStatus === 'completed')));
        expect(crashesIn(t.logs.slice(logsBefore)), `${url} ${field}`).toEqual([]);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(50);
  });

  it('when the fuzzing is over, then the hotline is still ready and a new caller still reaches the queue', async () => {
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
    const call = await t.call({ from: '+50499876543', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(call.enqueued).toBe(true);
    expect(call.heard.join(' ')).toMatch(/Bienvenido/);
  });
});

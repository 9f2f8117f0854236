import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Language } from '../../contracts/domain.js';
import { parseTwiml, type TwimlNode } from '../../testing/twiml.parse.js';
import { hotlineFlow as flow } from './menu.flow.js';
import { caseLookupAnswer, officeLookupAnswer, startCall, step, type IvrInput, type IvrState, type IvrStep, type StepContext } from './ivr.step.js';
import { decodeState, encodeState } from './ivr.state.js';
import { validateFlow } from './flow.validate.js';
import type { Flow, MenuNode } from './flow.types.js';
import { IVR_PATHS, renderEnqueue, renderMenu, renderOnCall, renderSayAndHangup, renderVoicemail } from './ivr.twiml.js';
import { WAIT_MESSAGES } from './wait.messages.js';

/**
 * Generated inputs against the pure IVR: whatever the state in the URL and whatever the caller keys
 * or says, the step function answers with something Twilio can play, and the state it writes into
 * the next URL reads back the same. A failure prints fast-check's seed and the shrunk counterexample;
 * FUZZ_SEED=<n> replays it (or explores other inputs).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260611);
const RUNS = 300;
/** FUZZ_SCALE=10 runs ten times as many cases, to explore; the default keeps the file quick. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const check = <T>(property: fc.IProperty<T>, numRuns = RUNS) => fc.assert(property, { seed: SEED, numRuns: Math.round(numRuns * SCALE) });

const NODE_IDS = Object.keys(flow.nodes);
/** Ids that every JavaScript object seems to have: a lookup by id must not find them. */
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const nodeId = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...NODE_IDS) }, { weight: 1, arbitrary: fc.constantFrom(...INHERITED, 'gone') }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9_]{1,32}$/) });
const MAX_LOOKUP_CHAIN = 3;

// ---- Generators ----------------------------------------------------------------------------

/** Any text at all: ASCII, unicode, lone surrogates and control characters, sometimes very long. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\uFEFF', '&', '<', ']]>', '%', '+', '=', '.', '#', '*', ' ', '\n') }),
  fc.string({ minLength: 2_000, maxLength: 20_000 }),
);

/** A value for one field of the encoded state: valid-looking, near-valid, or anything. */
const fieldValue = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyText }, { weight: 1, arbitrary: fc.array(valid, { minLength: 2, maxLength: 3 }) });
const digit = fc.constantFrom(...'0123456789');
const encodedFields = fc.record(
  {
    n: fieldValue(fc.oneof(nodeId, fc.stringMatching(/^[a-z0-9_]{33}$/))),
    l: fieldValue(fc.constantFrom('es', 'en', 'fr', 'ES', '')),
    p: fieldValue(fc.array(digit, { minLength: 1, maxLength: 18 }).map((d) => d.join('.'))),
    loc: fieldValue(fc.constantFrom('US', 'MX', 'ROUTE', 'HN', 'OTHER', 'XX')),
    m: fieldValue(fc.oneof(fc.integer({ min: -2, max: 12 }).map(String), fc.constantFrom('1e0', '0x1', '2.5', 'NaN', 'Infinity'))),
    sm: fieldValue(fc.integer({ min: -1, max: 4 }).map(String)),
    ko: fieldValue(fc.constantFrom('1', '0', 'true')),
    w: fieldValue(fc.integer({ min: -1, max: 12 }).map(String)),
    rc: fieldValue(fc.constantFrom(...CATEGORIES, 'NOPE')),
    rp: fieldValue(fc.integer({ min: 0, max: 5 }).map(String)),
    ro: fieldValue(fc.tuple(nodeId, fc.oneof(digit, fc.constant('miss'), fc.constant('x'))).map(([n, k]) => `${n}.${k}`)),
    rv: fieldValue(fc.constantFrom('1', '0')),
    of: fieldValue(fc.stringMatching(/^[a-z0-9-]{1,70}$/)),
  },
  { requiredKeys: [] },
);

/** What an Express route receives as `req.query` for the menu URL: parsed from any query string, or anything at all. */
const stateQuery: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: encodedFields.map((fields) => parseQuery(new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString())) },
  { weight: 1, arbitrary: anyText.map((raw) => parseQuery(raw)) },
  { weight: 1, arbitrary: fc.anything() },
);

/** A state as the step function itself could write it: every field within what the URL format carries. */
const wellFormedState: fc.Arbitrary<IvrState> = fc.record({
  node: nodeId.filter((id) => /^[a-z0-9_]{1,32}$/.test(id)),
  lang: fc.constantFrom<Language>('es', 'en'),
  path: fc.array(digit, { maxLength: 16 }),
  location: fc.constantFrom('US', 'MX', 'ROUTE', 'HN', 'OTHER', null),
  misses: fc.integer({ min: 0, max: 9 }),
  speechMisses: fc.integer({ min: 0, max: 2 }),
  keysOnly: fc.boolean(),
  wrongNumbers: fc.integer({ min: 0, max: 9 }),
  request: fc.option(
    fc.record({
      category: fc.constantFrom(...CATEGORIES),
      priority: fc.constantFrom(1, 2, 3, 4),
      origin: fc.tuple(nodeId.filter((id) => /^[a-z0-9_]{1,32}$/.test(id)), fc.oneof(digit, fc.constant('miss'))).map(([n, k]) => `${n}.${k}`),
      vulnerable: fc.boolean(),
    }),
    { nil: null },
  ),
  office: fc.option(fc.stringMatching(/^[a-z0-9-]{1,64}$/), { nil: null }),
});

/** What Twilio posts as the answer: Digits as any string, SpeechResult with any confidence, or nothing. */
const anyInput: fc.Arbitrary<IvrInput> = fc.oneof(
  fc.record({ kind: fc.constant('digits' as const), digits: fc.oneof(fc.stringMatching(/^[0-9*#]{1,12}$/), anyText) }),
  fc.record({
    kind: fc.constant('speech' as const),
    text: fc.oneof(
      fc.constantFrom('agente', 'repeat', 'uno', 'nine.', 'emergencia', 'vivo en Houston', 'persona detenida', 'cero', 'sí', 'no'),
      anyText,
    ),
    confidence: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double()),
  }),
  fc.constant({ kind: 'silence' as const }),
);
const anyContext = fc.record({ open: fc.boolean(), reachable: fc.boolean() });
/** How a case-number or office lookup came out, when the step asks for one. */
const lookupOutcome = fc.record({
  found: fc.boolean(),
  status: fc.constantFrom('new', 'in_progress', 'waiting_caller', 'escalated', 'resolved', 'closed' as const),
  number: fc.oneof(fc.integer({ min: 1, max: 999_999 }).map((n) => `AV-2026-${String(n).padStart(6, '0')}`), anyText),
  office: fc.stringMatching(/^[a-z0-9-]{1,64}$/),
});
type Lookup = { found: boolean; status: 'new' | 'in_progress' | 'waiting_caller' | 'escalated' | 'resolved' | 'closed'; number: string; office: string };

// ---- What every answer must satisfy -----------------------------------------------------------

const STEP_TYPES = ['menu', 'agent', 'onCall', 'callback', 'voicemail', 'sms', 'caseLookup', 'officeLookup'];
const TERMINAL = new Set(['agent', 'onCall', 'callback', 'voicemail']);

/** The lookups the service does against the database, answered by the generated outcome. */
function resolveLookups(first: IvrStep, ctx: StepContext, lookup: Lookup): IvrStep {
  let current = first;
  for (let i = 0; i < MAX_LOOKUP_CHAIN; i++) {
    if (current.type === 'caseLookup') {
      current = caseLookupAnswer(flow, current.state, lookup.found ? { number: lookup.number, status: lookup.status } : null, ctx);
    } else if (current.type === 'officeLookup') {
      current = officeLookupAnswer(flow, current.state, lookup.found ? lookup.office : null, ctx);
    } else {
      return current;
    }
  }
  throw new Error(`a lookup led to another lookup ${MAX_LOOKUP_CHAIN} times: ${current.type}`);
}

/** The TwiML the voice service renders for a step (the same choice of renderer, without the database). */
function renderStep(s: IvrStep): string {
  const lang = s.state.lang;
  switch (s.type) {
    case 'menu':
      return renderMenu(s);
    case 'sms':
      return renderMenu(s.then);
    case 'agent':
      return renderEnqueue({ lang, say: s.say, queueName: 'alho-voz' });
    case 'onCall':
      return renderOnCall({ lang, say: s.say, number: '+50499990000', callerId: '+15005550006', query: { case: '00000000-0000-4000-8000-000000000000', l: lang } });
    case 'callback':
      return renderSayAndHangup(lang, [...s.say, WAIT_MESSAGES.callbackAfterHours('6666')]);
    case 'voicemail':
      return renderVoicemail({ lang, say: s.say, query: { case: '00000000-0000-4000-8000-000000000000' } });
    case 'caseLookup':
    case 'officeLookup':
      throw new Error(`${s.type} is answered by a lookup, never rendered`);
  }
}

const all = (node: TwimlNode): TwimlNode[] => [node, ...node.children.flatMap(all)];
// Characters XML 1.0 does not allow at all, and an & that starts no entity.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BARE_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Well-formed TwiML in which the caller hears something, or is put through somewhere. */
function expectPlayable(xml: string): TwimlNode {
  expect(xml.length).toBeGreaterThan(0);
  expect(xml.length).toBeLessThan(64 * 1024);
  expect(xml).not.toMatch(NOT_XML);
  expect(xml).not.toMatch(BARE_AMP);
  const root = parseTwiml(xml);
  const nodes = all(root);
  for (const say of nodes.filter((n) => n.name === 'Say')) {
    expect(say.text.trim()).not.toBe('');
    expect(say.attrs).toMatchObject({ language: expect.stringMatching(/^(es-MX|en-US)$/), voice: expect.stringMatching(/^Polly\./) });
  }
  const heard = nodes.some((n) => (n.name === 'Say' && n.text.trim() !== '') || (n.name === 'Play' && n.text.trim() !== ''));
  const transfer = nodes.some(
    (n) =>
      (n.name === 'Enqueue' && n.text.trim() !== '') ||
      (n.name === 'Dial' && n.children.some((c) => (c.name === 'Number' || c.name === 'Client') && (c.text.trim() !== '' || c.children.length > 0))) ||
      (n.name === 'Redirect' && n.text.startsWith('/twilio/')),
  );
  expect(heard || transfer, `nothing to hear and nowhere to go in ${xml}`).toBe(true);
  return root;
}

/** A menu's Gather and Redirect both post back to the menu with a state that reads back exactly. */
function expectStateRoundTrip(s: IvrStep, root: TwimlNode): void {
  const menu = s.type === 'sms' ? s.then : s;
  if (menu.type !== 'menu') return;
  const urls = all(root).flatMap((n) => (n.name === 'Gather' ? [n.attrs.action] : n.name === 'Redirect' ? [n.text] : []));
  expect(urls).toHaveLength(2);
  for (const url of urls) {
    const [path, query = ''] = (url ?? '').split('?');
    expect(path).toBe(IVR_PATHS.menu);
    expect(decodeState(parseQuery(query))).toEqual(menu.state);
  }
}

function expectSound(s: IvrStep): void {
  expect(STEP_TYPES).toContain(s.type);
  expect(s.state).toBeDefined();
  expect(['es', 'en']).toContain(s.state.lang);
  // A menu goes into the next URL: its node must be one the flow has (a removed node falls back to the start).
  if (s.type === 'menu') expect(flow.nodes[s.state.node]).toBeDefined();
  if (s.type === 'sms') expect(flow.nodes[s.then.state.node]).toBeDefined();
  expect(s.state.path.length).toBeLessThanOrEqual(16);
  if ('say' in s) for (const text of s.say) expect(typeof text[s.state.lang]).toBe('string');
  if ('request' in s) {
    expect(CATEGORIES).toContain(s.request.category);
    expect([1, 2, 3, 4]).toContain(s.request.priority);
    expect(s.request.reason.length).toBeGreaterThan(0);
  }
}

/** Exactly what the voice service does with a menu answer: a URL that does not decode restarts the menu. */
function answer(query: unknown, input: IvrInput, ctx: StepContext, lookup: Lookup): IvrStep {
  const state = decodeState(query);
  const first = state ? step(flow, state, input, ctx) : startCall(flow);
  expectSound(first);
  return resolveLookups(first, ctx, lookup);
}

// ---- Properties --------------------------------------------------------------------------------

describe('IVR under generated input', () => {
  it('when the state in the URL is anything at all, then decoding never throws and gives a state or null', () => {
    check(
      fc.property(stateQuery, (query) => {
        const state = decodeState(query);
        if (state === null) return;
        expect(typeof state.node).toBe('string');
        expect(['es', 'en']).toContain(state.lang);
      }),
      600,
    );
  });

  it('when any state the step function could write is encoded, then it decodes back unchanged', () => {
    check(
      fc.property(wellFormedState, (state) => {
        expect(decodeState(parseQuery(encodeState(state)))).toEqual(state);
      }),
    );
  });

  it('when any state URL meets any answer, then the step never throws and its TwiML is playable, with a state that decodes back', () => {
    check(
      fc.property(stateQuery, anyInput, anyContext, lookupOutcome, (query, input, ctx, lookup) => {
        const next = answer(query, input, ctx, lookup);
        expectSound(next);
        const root = expectPlayable(renderStep(next));
        expectStateRoundTrip(next, root);
      }),
      600,
    );
  });

  it('when a well-formed state in any node meets any answer, then the answer is playable and its state decodes back', () => {
    check(
      fc.property(wellFormedState, anyInput, anyContext, lookupOutcome, (state, input, ctx, lookup) => {
        const next = answer(parseQuery(encodeState(state)), input, ctx, lookup);
        expectSound(next);
        expectStateRoundTrip(next, expectPlayable(renderStep(next)));
      }),
      600,
    );
  });

  it('when a call arrives in either language, then the greeting is playable', () => {
    for (const lang of ['es', 'en'] as const) expectStateRoundTrip(startCall(flow, lang), expectPlayable(renderMenu(startCall(flow, lang))));
  });

  it('when a caller gives a long run of random answers, then every step is playable and the call either reaches a person or is still being asked', () => {
    check(
      fc.property(fc.constantFrom<Language>('es', 'en'), fc.array(fc.tuple(anyInput, lookupOutcome), { minLength: 1, maxLength: 60 }), anyContext, (lang, answers, ctx) => {
        let current: IvrStep = startCall(flow, lang);
        for (const [input, lookup] of answers) {
          if (current.type !== 'menu' && current.type !== 'sms') break;
          const menu = current.type === 'sms' ? current.then : current;
          // Each answer travels through the URL, exactly as with Twilio.
          current = answer(parseQuery(encodeState(menu.state)), input, ctx, lookup);
          expectSound(current);
          expectStateRoundTrip(current, expectPlayable(renderStep(current)));
        }
        expect(TERMINAL.has(current.type) || current.type === 'menu' || current.type === 'sms').toBe(true);
        if (current.type === 'menu') expect(current.say.length).toBeGreaterThan(0);
      }),
      200,
    );
  });

  /** Answers that choose nothing: silence, keys no menu offers, words that match nothing, unknown case numbers. */
  const noAnswer: fc.Arbitrary<IvrInput> = fc.oneof(
    fc.constant({ kind: 'silence' as const }),
    fc.record({ kind: fc.constant('digits' as const), digits: fc.oneof(fc.constantFrom('6', '8', '*', '#', '68'), fc.stringMatching(/^[^0-9]*$/)) }),
    fc.record({ kind: fc.constant('speech' as const), text: fc.constantFrom('mmm', 'qwerty', '', '...', 'zzz zzz'), confidence: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('speech' as const), text: fc.string({ maxLength: 40 }), confidence: fc.double({ min: 0, max: 0.29, noNaN: true }) }),
  );
  const NOT_FOUND: Lookup = { found: false, status: 'new', number: '', office: '' };
  // Per node: 2 unusable words (then keys only) and 2 misses. At the case number, each of the 3 unknown
  // numbers starts the count again (4 steps each); after hours, the same again at after_hours (4).
  const MAX_STEPS_WITHOUT_ANSWER = 16;

  it(`when a caller in any state never gives a usable answer, then they reach a person or a voice message within ${MAX_STEPS_WITHOUT_ANSWER} steps`, () => {
    check(
      fc.property(wellFormedState, fc.array(noAnswer, { minLength: MAX_STEPS_WITHOUT_ANSWER, maxLength: MAX_STEPS_WITHOUT_ANSWER }), anyContext, (state, inputs, ctx) => {
        let current: IvrStep = answer(parseQuery(encodeState(state)), { kind: 'silence' }, ctx, NOT_FOUND);
        let steps = 1;
        for (const input of inputs) {
          if (TERMINAL.has(current.type)) break;
          const menu = current.type === 'sms' ? current.then : current;
          if (menu.type !== 'menu') throw new Error(`unexpected ${menu.type}`);
          current = answer(parseQuery(encodeState(menu.state)), input, ctx, NOT_FOUND);
          steps++;
        }
        expect(TERMINAL.has(current.type), `still in the menu after ${steps} steps at ${current.state.node}`).toBe(true);
      }),
    );
  });

  it('when a supervisor edits the flow in any way, then the check never throws, and a flow it accepts answers every key in every node', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('retarget' as const), node: fc.nat(), option: fc.nat(), to: nodeId }),
      fc.record({ op: fc.constant('start' as const), to: nodeId }),
      fc.record({ op: fc.constant('remove' as const), node: fc.nat() }),
      fc.record({ op: fc.constant('kind' as const), node: fc.nat(), kind: fc.constantFrom('menu', 'info', 'caseNumber', 'officeLookup', 'other') }),
      fc.record({ op: fc.constant('rename' as const), node: fc.nat(), to: nodeId }),
    );
    check(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), anyContext, (edits, ctx) => {
        const edited = structuredClone(flow) as Flow;
        for (const e of edits) {
          const ids = Object.keys(edited.nodes);
          const id = ids['node' in e ? e.node % Math.max(1, ids.length) : 0];
          const node = id === undefined ? undefined : edited.nodes[id];
          if (e.op === 'start') edited.start = e.to;
          else if (!node || id === undefined) continue;
          else if (e.op === 'retarget' && node.options.length) (node.options[e.option % node.options.length] as MenuNode['options'][number]).then = { go: e.to };
          else if (e.op === 'remove') delete edited.nodes[id];
          else if (e.op === 'kind') (node as { kind?: string }).kind = e.kind;
          else if (e.op === 'rename') {
            delete edited.nodes[id];
            Object.defineProperty(edited.nodes, e.to, { value: { ...node, id: e.to }, enumerable: true, configurable: true, writable: true });
          }
        }
        const result = validateFlow(edited);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        for (const id of Object.keys(result.flow.nodes)) {
          for (const lang of ['es', 'en'] as const) {
            const state = { ...startCall(result.flow, lang).state, node: id };
            for (const input of [...'0123456789'].map((d): IvrInput => ({ kind: 'digits', digits: d })).concat([{ kind: 'silence' }, { kind: 'speech', text: 'agente', confidence: 0.9 }])) {
              const next = step(result.flow, state, input, ctx);
              const menu = next.type === 'sms' ? next.then : next;
              if (menu.type === 'menu') expect(Object.hasOwn(result.flow.nodes, menu.state.node)).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('when a caller in any state presses 0 during opening hours, then they go to the queue at once', () => {
    check(
      fc.property(wellFormedState, fc.boolean(), (state, reachable) => {
        const next = answer(parseQuery(encodeState(state)), { kind: 'digits', digits: '0' }, { open: true, reachable }, NOT_FOUND);
        expect(next.type).toBe('agent');
        expectPlayable(renderStep(next));
      }),
    );
  });
});

import type { Category, Language, LocationAnswer, Priority } from '../../contracts/domain.js';
import type { AgentRequest, Flow, MenuNode, Target, Text } from './flow.types.js';
import { MIN_SPEECH_CONFIDENCE, matchSpeech, speechHints } from './speech.match.js';

/** A request for a person, carried through the vulnerability question and after-hours choices. */
export interface PendingRequest {
  category: Category;
  priority: Priority;
  /** Where it was made: "<node>.<key>" or "<node>.miss"; the reason is read from the flow. */
  origin: string;
  vulnerable: boolean;
}

export interface IvrState {
  node: string;
  lang: Language;
  /** Keys chosen so far, for the agent and the statistics. */
  path: string[];
  location: LocationAnswer | null;
  /** Silences and wrong keys at the current node; two lead to an agent. */
  misses: number;
  /** Unusable speech at the current node: once asks again, twice switches to keys only. */
  speechMisses: number;
  keysOnly: boolean;
  /** Case numbers not found; three lead to an agent. */
  wrongNumbers: number;
  request: PendingRequest | null;
  /** The office found for the caller's place, read out (and sent by SMS) at consulate_result. */
  office: string | null;
}

export type IvrInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string; confidence: number }
  | { kind: 'silence' };

/** What the step function needs to know about the world, given by the caller of `step`. */
export interface StepContext {
  /** Within opening hours and not a holiday. */
  open: boolean;
  /** The caller's number is known (E.164), so SMS and callbacks can reach them. */
  reachable: boolean;
}

export interface ResolvedRequest {
  category: Category;
  priority: Priority;
  reason: string;
  vulnerable: boolean;
}

export type MenuStep = {
  type: 'menu';
  state: IvrState;
  say: Text[];
  hints: string[];
  input: 'dtmf speech' | 'dtmf';
  /** 1 for menus; a case number is keyed up to 10 digits and ended with #. */
  maxDigits: number;
};

export type IvrStep =
  | MenuStep
  | { type: 'agent'; state: IvrState; say: Text[]; request: ResolvedRequest }
  | { type: 'onCall'; state: IvrState; say: Text[]; request: ResolvedRequest }
  | { type: 'callback'; state: IvrState; say: Text[]; request: ResolvedRequest }
  | { type: 'voicemail'; state: IvrState; say: Text[]; request: ResolvedRequest }
  | { type: 'sms'; state: IvrState; node: string; then: MenuStep }
  | { type: 'caseLookup'; state: IvrState; digits: string }
  | { type: 'officeLookup'; state: IvrState; said: string };

const MAX_MISSES = 2;
const MAX_WRONG_NUMBERS = 3;
const MAX_PATH = 16;

export function initialState(flow: Flow, lang: Language = 'es'): IvrState {
  return { node: flow.start, lang, path: [], location: null, misses: 0, speechMisses: 0, keysOnly: false, wrongNumbers: 0, request: null, office: null };
}

export function startCall(flow: Flow, lang: Language = 'es'): MenuStep {
  const state = initialState(flow, lang);
  const node = nodeOf(flow, state.node);
  return menu(flow, node, state, node.intro ? [node.intro] : []);
}

/** The IVR's whole behaviour: pure, so every path can be tested without a server. */
export function step(flow: Flow, state: IvrState, input: IvrInput, ctx: StepContext): IvrStep {
  const node = nodeOf(flow, state.node);

  if (node.kind === 'caseNumber' && input.kind === 'digits') {
    const digits = input.digits.replace(/\D/g, '');
    if (digits === '0') return askForAgent(flow, withPath(state, '0'), fromNode(node, '0'), ctx, []);
    if (digits) return { type: 'caseLookup', state, digits };
  }

  if (node.kind === 'officeLookup' && input.kind === 'speech' && input.confidence >= MIN_SPEECH_CONFIDENCE) {
    const spokenKey = matchSpeech(node, state.lang, input.text);
    if (spokenKey !== '0' && spokenKey !== '9') return { type: 'officeLookup', state, said: input.text };
  }

  const key = keyOf(node, state.lang, input);
  if (key === null) return missed(flow, node, state, input, ctx);
  if (key === '0') return askForAgent(flow, withPath(state, '0'), pendingFor(node, '0', node.agent, state), ctx, []);
  if (key === '9') return menu(flow, node, reset(state), []);
  if (node.kind === 'info' && key === '2') {
    const notice = ctx.reachable ? flow.messages.smsSent : flow.messages.smsUnavailable;
    const then = menuAfter(flow, node, reset(state), [notice]);
    return ctx.reachable ? { type: 'sms', state: then.state, node: node.id, then } : then;
  }

  const option = node.options.find((o) => o.key === key);
  if (!option) return missed(flow, node, state, { kind: 'digits', digits: key }, ctx);
  return follow(flow, node, state, key, option.then, ctx);
}

/** After a case-number lookup: read the status and offer what next, or ask again, or an agent. */
export function caseLookupAnswer(
  flow: Flow,
  state: IvrState,
  found: { number: string; status: keyof Flow['messages']['caseStatus'] } | null,
  ctx: StepContext,
): IvrStep {
  const node = nodeOf(flow, state.node);
  if (found) {
    const template = flow.messages.caseStatus[found.status];
    const spoken = spellCaseNumber(found.number);
    const status: Text = { es: template.es.replace('{number}', spoken), en: template.en.replace('{number}', spoken) };
    return menu(flow, nodeOf(flow, 'case_result'), { ...reset(state), wrongNumbers: 0 }, [status]);
  }
  const wrongNumbers = state.wrongNumbers + 1;
  if (wrongNumbers >= MAX_WRONG_NUMBERS) {
    // The count is spent once it hands the caller over: it must not grow past what the URL carries (0-9).
    return askForAgent(flow, { ...state, wrongNumbers: 0 }, pendingFor(node, 'miss', node.agent, state), ctx, [flow.messages.caseNotFound]);
  }
  return menu(flow, node, { ...reset(state), wrongNumbers }, [flow.messages.caseNotFound]);
}

/** After an office lookup: read the office found, or ask again, or after two misses an agent. */
export function officeLookupAnswer(flow: Flow, state: IvrState, officeId: string | null, ctx: StepContext): IvrStep {
  const node = nodeOf(flow, state.node);
  if (officeId) return menu(flow, nodeOf(flow, 'consulate_result'), { ...reset(state), office: officeId }, []);
  const misses = state.misses + 1;
  if (misses >= MAX_MISSES) return askForAgent(flow, { ...state, misses }, pendingFor(node, 'miss', node.agent, state), ctx, [flow.messages.placeNotFound]);
  return menu(flow, node, { ...state, misses }, [flow.messages.placeNotFound]);
}

/** The reason a request was made, read back from the flow by its origin. */
export function resolveRequest(flow: Flow, pending: PendingRequest): ResolvedRequest {
  const [nodeId, key] = pending.origin.split('.');
  const node = ownNode(flow, nodeId ?? '');
  const option = node?.options.find((o) => o.key === key);
  let reason = node?.agent.reason ?? 'Pidió un agente';
  if (option && 'agent' in option.then) reason = option.then.agent.reason;
  if (key === 'miss') reason = `${reason}; sin respuesta válida`;
  if (pending.vulnerable) reason = `${reason}; persona en situación de vulnerabilidad (sube un nivel)`;
  return { category: pending.category, priority: pending.priority, reason, vulnerable: pending.vulnerable };
}

function follow(flow: Flow, node: MenuNode, state: IvrState, key: string, then: Target, ctx: StepContext): IvrStep {
  if ('agent' in then) {
    const pending = pendingFor(node, key, then.agent, state);
    if (then.agent.askVulnerability) {
      return menu(flow, nodeOf(flow, 'vulnerability'), { ...reset(withPath(state, key)), request: pending }, []);
    }
    return askForAgent(flow, withPath(state, key), pending, ctx, []);
  }
  if ('pending' in then) {
    const pending = state.request ?? pendingFor(node, key, node.agent, state);
    const raised: PendingRequest =
      then.pending === 'raise' ? { ...pending, priority: Math.max(1, pending.priority - 1) as Priority, vulnerable: true } : pending;
    return askForAgent(flow, withPath(state, key), raised, ctx, []);
  }
  if ('callback' in then || 'voicemail' in then) {
    const request = resolveRequest(flow, state.request ?? pendingFor(node, key, node.agent, state));
    const next = withPath(state, key);
    if ('callback' in then && ctx.reachable) return { type: 'callback', state: next, say: [], request };
    return { type: 'voicemail', state: next, say: 'callback' in then ? [flow.messages.smsUnavailable] : [], request };
  }
  if ('language' in then) return menu(flow, nodeOf(flow, then.go), { ...reset(state), lang: then.language, node: then.go }, []);
  const moved = { ...reset(withPath(state, key)), node: then.go };
  if ('location' in then) moved.location = then.location;
  return menu(flow, nodeOf(flow, then.go), moved, []);
}

/** A person is wanted: in hours, the queue; after hours, the on-call officer for P1, else callback or voicemail. */
function askForAgent(flow: Flow, state: IvrState, pending: PendingRequest, ctx: StepContext, before: Text[]): IvrStep {
  const request = resolveRequest(flow, pending);
  const next = { ...state, request: pending };
  if (ctx.open) return { type: 'agent', state: next, say: [...before, flow.messages.toAgent], request };
  if (request.priority === 1) return { type: 'onCall', state: next, say: [...before, flow.messages.toAgent], request };
  if (state.node === 'after_hours') return { type: 'voicemail', state: next, say: before, request };
  return menu(flow, nodeOf(flow, 'after_hours'), { ...reset(next), node: 'after_hours' }, [...before, flow.messages.afterHours]);
}

function missed(flow: Flow, node: MenuNode, state: IvrState, input: IvrInput, ctx: StepContext): IvrStep {
  if (input.kind === 'speech' && !state.keysOnly) {
    // Speech gets one more try, then the caller is asked to use the keypad.
    if (state.speechMisses === 0) return menu(flow, node, { ...state, speechMisses: 1 }, [flow.messages.notUnderstood]);
    return menu(flow, node, { ...state, speechMisses: 2, keysOnly: true }, [flow.messages.useKeypad]);
  }
  const misses = state.misses + 1;
  const notice = input.kind === 'silence' ? flow.messages.noInput : flow.messages.notUnderstood;
  if (misses >= MAX_MISSES) {
    const pending = state.request ?? pendingFor(node, 'miss', node.agent, state);
    return askForAgent(flow, { ...state, misses }, pending, ctx, [notice]);
  }
  return menu(flow, node, { ...state, misses }, [notice]);
}

function pendingFor(node: MenuNode, key: string, req: AgentRequest, state: IvrState): PendingRequest {
  // The pending request survives the vulnerability and after-hours nodes: keep it there.
  if (state.request && (node.id === 'vulnerability' || node.id === 'after_hours')) return state.request;
  return { category: req.category, priority: req.priority, origin: `${node.id}.${key}`, vulnerable: false };
}

function fromNode(node: MenuNode, key: string): PendingRequest {
  return { category: node.agent.category, priority: node.agent.priority, origin: `${node.id}.${key}`, vulnerable: false };
}

function keyOf(node: MenuNode, lang: Language, input: IvrInput): string | null {
  if (input.kind === 'silence') return null;
  if (input.kind === 'digits') {
    const first = input.digits.trim().charAt(0);
    return /^[0-9]$/.test(first) ? first : null;
  }
  if (input.confidence < MIN_SPEECH_CONFIDENCE) return null;
  return matchSpeech(node, lang, input.text);
}

function nodeOf(flow: Flow, id: string): MenuNode {
  // A node removed by a flow change while a call was in it: fall back to the start, never a dead end.
  return ownNode(flow, id) ?? (flow.nodes[flow.start] as MenuNode);
}

/** Only the flow's own nodes: an id such as "constructor" must not find what every object inherits. */
function ownNode(flow: Flow, id: string): MenuNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

function reset(state: IvrState): IvrState {
  return { ...state, misses: 0, speechMisses: 0, keysOnly: false };
}

function withPath(state: IvrState, key: string): IvrState {
  return { ...state, path: [...state.path, key].slice(-MAX_PATH) };
}

function menu(flow: Flow, node: MenuNode, state: IvrState, before: Text[]): MenuStep {
  const say = [...before, node.prompt];
  if (node.kind === 'info') say.push(flow.messages.infoFooter);
  return shape(node, { ...state, node: node.id }, say);
}

/** After an SMS: the footer only, not the whole answer again. */
function menuAfter(flow: Flow, node: MenuNode, state: IvrState, before: Text[]): MenuStep {
  return shape(node, { ...state, node: node.id }, [...before, flow.messages.infoFooter]);
}

function shape(node: MenuNode, state: IvrState, say: Text[]): MenuStep {
  const caseNumber = node.kind === 'caseNumber';
  if (node.kind === 'officeLookup') return { type: 'menu', state, say, hints: [], input: 'dtmf speech', maxDigits: 1 };
  return {
    type: 'menu',
    state,
    say,
    hints: caseNumber ? [] : speechHints(node, state.lang),
    input: caseNumber || state.keysOnly ? 'dtmf' : 'dtmf speech',
    maxDigits: caseNumber ? 10 : 1,
  };
}

/** "AV-2026-000123" is read as "123": the digits a caller keys. */
export function spellCaseNumber(number: string): string {
  const seq = /(\d+)$/.exec(number)?.[1] ?? number;
  return String(Number(seq));
}

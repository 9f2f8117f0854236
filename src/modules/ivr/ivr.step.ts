import type { Category, Language, LocationAnswer, Priority } from '../../contracts/domain.js';
import type { Flow, MenuNode, Text } from './flow.types.js';
import { MIN_SPEECH_CONFIDENCE, matchSpeech, speechHints } from './speech.match.js';

export interface IvrState {
  node: string;
  lang: Language;
  /** Keys chosen so far, for the agent and the statistics. */
  path: string[];
  location: LocationAnswer | null;
  /** Silences and unusable answers at the current node; two lead to an agent. */
  misses: number;
}

export type IvrInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string; confidence: number }
  | { kind: 'silence' };

export type IvrStep =
  | { type: 'menu'; state: IvrState; say: Text[]; hints: string[] }
  | { type: 'agent'; state: IvrState; say: Text[]; category: Category; priority: Priority; reason: string };

const MAX_MISSES = 2;
const MAX_PATH = 16;

export function startCall(flow: Flow, lang: Language = 'es'): IvrStep {
  const state: IvrState = { node: flow.start, lang, path: [], location: null, misses: 0 };
  const node = nodeOf(flow, state.node);
  return menu(flow, node, state, node.intro ? [node.intro] : []);
}

/** The IVR's whole behaviour: pure, so every path can be tested without a server. */
export function step(flow: Flow, state: IvrState, input: IvrInput): IvrStep {
  const node = nodeOf(flow, state.node);
  const key = keyOf(node, state.lang, input);

  if (key === null) {
    const misses = state.misses + 1;
    const notice = input.kind === 'silence' ? flow.messages.noInput : flow.messages.notUnderstood;
    if (misses >= MAX_MISSES) {
      return agent(flow, { ...state, misses }, node.agent.category, node.agent.priority, `${node.agent.reason}; sin respuesta válida`, [notice]);
    }
    return menu(flow, node, { ...state, misses }, [notice]);
  }
  if (key === '0') return agent(flow, withPath(state, '0'), node.agent.category, node.agent.priority, node.agent.reason, []);
  if (key === '9') return menu(flow, node, { ...state, misses: 0 }, []);

  const option = node.options.find((o) => o.key === key);
  if (!option) {
    const misses = state.misses + 1;
    if (misses >= MAX_MISSES) {
      return agent(flow, { ...state, misses }, node.agent.category, node.agent.priority, `${node.agent.reason}; sin respuesta válida`, [flow.messages.notUnderstood]);
    }
    return menu(flow, node, { ...state, misses }, [flow.messages.notUnderstood]);
  }

  const then = option.then;
  if ('agent' in then) return agent(flow, withPath(state, key), then.agent.category, then.agent.priority, then.agent.reason, []);
  if ('language' in then) {
    const next = { ...state, lang: then.language, node: then.go, misses: 0 };
    return menu(flow, nodeOf(flow, then.go), next, []);
  }
  const moved = { ...withPath(state, key), node: then.go, misses: 0 };
  if ('location' in then) moved.location = then.location;
  return menu(flow, nodeOf(flow, then.go), moved, []);
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
  return flow.nodes[id] ?? (flow.nodes[flow.start] as MenuNode);
}

function withPath(state: IvrState, key: string): IvrState {
  return { ...state, path: [...state.path, key].slice(-MAX_PATH) };
}

function menu(flow: Flow, node: MenuNode, state: IvrState, before: Text[]): IvrStep {
  const say = [...before, node.prompt];
  if (node.isInfo) say.push(flow.messages.infoFooter);
  return { type: 'menu', state: { ...state, node: node.id }, say, hints: speechHints(node, state.lang) };
}

function agent(flow: Flow, state: IvrState, category: Category, priority: Priority, reason: string, before: Text[]): IvrStep {
  return { type: 'agent', state, say: [...before, flow.messages.toAgent], category, priority, reason };
}

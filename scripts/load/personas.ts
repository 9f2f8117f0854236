import type { Answer } from '../../src/testing/call-simulator.js';
import { hotlineFlow as flow } from '../../src/modules/ivr/index.js';
import type { AgentRequest, MenuNode } from '../../src/modules/ivr/flow.types.js';
import type { Random } from './random.js';

/**
 * Who calls: the menu path, language, keys or voice, and how long they will wait. Paths are read
 * from the hotline's own flow (as src/modules/calls/ivr-paths.test.ts does), so they stay valid
 * when the menus change.
 */
export type PersonaKind =
  | 'agent' // a menu option that asks for a person
  | 'zero' // 0 at the main menu
  | 'no-input' // two silences at the main menu: an agent, never a hang-up
  | 'info' // an answer, heard, then hangs up
  | 'info-sms' // an answer, sent by SMS (2), then hangs up
  | 'info-agent' // an answer, then 0 for a person
  | 'consulate' // "address of my consulate": says a city, hears the office, hangs up or asks for an SMS
  | 'case-status' // keys a case number, hears its status, hangs up
  | 'menu-hangup' // hangs up half way through the menus
  | 'flood'; // one number calling again and again, hanging up at the greeting

export interface Persona {
  kind: PersonaKind;
  label: string;
  lang: 'es' | 'en';
  mode: 'keys' | 'speech';
  answers: Answer[];
  /** Expected to reach the queue. */
  wantsAgent: boolean;
  /** The case priority the path should give (1 = most urgent), for those who want a person. */
  priority?: number;
  /** Hangs up after this long in the queue if nobody answered; undefined = waits until answered. */
  patienceMs?: number;
  /** A key at each wait announcement (2 = leave a voice message). */
  waitKeys?: Array<string | null>;
}

interface Leaf {
  keys: string[];
  words: Record<'es' | 'en', string[]>;
  agent?: AgentRequest;
  info?: MenuNode;
}

/**
 * Every way through the menus to a person or an answer. Like ivr-paths.test.ts's walk, but it stops at
 * the office lookup (the 'consulate' persona says a place there) and leaves the vulnerability
 * question to the persona, who answers it yes or no at random.
 */
function leaves(): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: MenuNode, keys: string[], words: Leaf['words'], depth: number) => {
    if (depth > 5) return;
    for (const o of node.options) {
      if (o.key === '7') continue;
      const k = [...keys, o.key];
      const w = { es: [...words.es, o.speech.es[0] as string], en: [...words.en, o.speech.en[0] as string] };
      const then = o.then;
      if ('agent' in then) out.push({ keys: k, words: w, agent: then.agent });
      else if ('go' in then) {
        const next = flow.nodes[then.go] as MenuNode;
        if (next.kind === 'info') out.push({ keys: k, words: w, info: next });
        else if (!next.kind && then.go !== 'main') walk(next, k, w, depth + 1);
      }
    }
  };
  walk(flow.nodes.main as MenuNode, [], { es: [], en: [] }, 0);
  return out;
}

const ALL = leaves();
const AGENT_LEAVES = ALL.filter((l) => l.agent);
const INFO_LEAVES = ALL.filter((l) => l.info);
if (AGENT_LEAVES.length < 10 || INFO_LEAVES.length < 8) throw new Error('the flow has fewer paths than the load expects: check personas.ts');

/**
 * Which main-menu branch callers choose, by what they want. Picking a leaf uniformly would make
 * most callers emergencies: the protection branch has a leaf per location and option (30 of the
 * flow's agent leaves). Within a branch, leaves are equally likely.
 */
const AGENT_BRANCHES: Record<string, number> = { '1': 40, '2': 20, '4': 25, '5': 15 };
const INFO_BRANCHES: Record<string, number> = { '2': 35, '3': 40, '4': 25 };

function byBranch(random: Random, leavesOf: Leaf[], weights: Record<string, number>): Leaf {
  const present = Object.fromEntries(Object.entries(weights).filter(([key]) => leavesOf.some((l) => l.keys[0] === key)));
  const branch = Object.keys(present).length ? random.weighted(present) : null;
  return random.pick(branch ? leavesOf.filter((l) => l.keys[0] === branch) : leavesOf);
}

/** Places the office directory knows by name (see src/modules/escalations/data/offices.seed.json). */
const PLACES = { es: ['vivo en Houston', 'Nueva York', 'Chiapas', 'Los Ángeles', 'Miami'], en: ['I live in Houston', 'New York', 'Chiapas', 'Los Angeles', 'Miami'] };
const MENU_WORDS = { es: { m2: 'cita', place: 'direccion', m5: 'seguimiento', status: 'estado' }, en: { m2: 'appointment', place: 'address', m5: 'follow up', status: 'status' } };

/** Shares of callers by what they want; they add up to 100. */
const MIX: Record<Exclude<PersonaKind, 'flood'>, number> = {
  agent: 50,
  zero: 8,
  'no-input': 2,
  info: 13,
  'info-sms': 6,
  'info-agent': 5,
  consulate: 5,
  'case-status': 5,
  'menu-hangup': 6,
};

export function createPersonas(random: Random, options: { casesOpened: () => number }) {
  const answer = (lang: 'es' | 'en', mode: 'keys' | 'speech', leaf: Leaf, upTo = leaf.keys.length): Answer[] =>
    mode === 'keys' ? leaf.keys.slice(0, upTo).map((digits) => ({ digits })) : leaf.words[lang].slice(0, upTo).map((speech) => ({ speech }));

  return {
    next(): Persona {
      const kind = random.weighted(MIX);
      const lang = random.chance(0.25) ? 'en' : 'es';
      const mode = random.chance(0.3) ? 'speech' : 'keys';
      const lead: Answer[] = lang === 'en' ? [mode === 'keys' ? { digits: '7' } : { speech: 'english' }] : [];
      let body: Answer[];
      let label: string;
      let priority: number | undefined;
      switch (kind) {
        case 'agent': {
          const leaf = byBranch(random, AGENT_LEAVES, AGENT_BRANCHES);
          body = answer(lang, mode, leaf);
          priority = leaf.agent?.priority;
          // The vulnerability question (protection options): mostly "no", sometimes "yes" (priority up one level).
          if (leaf.agent?.askVulnerability) {
            const yes = random.chance(0.2);
            body.push(mode === 'keys' ? { digits: yes ? '1' : '2' } : { speech: yes ? (lang === 'es' ? 'si' : 'yes') : 'no' });
            if (yes && priority !== undefined) priority = Math.max(1, priority - 1);
          }
          label = leaf.keys.join('.');
          break;
        }
        case 'zero':
          body = [mode === 'keys' ? { digits: '0' } : { speech: lang === 'es' ? 'agente' : 'agent' }];
          priority = flow.nodes.main?.agent.priority;
          label = '0';
          break;
        case 'no-input':
          body = [{ silence: true }, { silence: true }];
          priority = flow.nodes.main?.agent.priority;
          label = 'silence';
          break;
        case 'info':
        case 'info-sms':
        case 'info-agent': {
          const leaf = byBranch(random, INFO_LEAVES, INFO_BRANCHES);
          if (kind === 'info-agent') priority = leaf.info?.agent.priority;
          const then: Answer[] = kind === 'info' ? [{ hangup: true }] : kind === 'info-sms' ? [{ digits: '2' }, { hangup: true }] : [{ digits: '0' }];
          body = [...answer(lang, mode, leaf), ...then];
          label = `${leaf.keys.join('.')}${kind === 'info' ? '' : kind === 'info-sms' ? '>sms' : '>0'}`;
          break;
        }
        case 'consulate': {
          const sms = random.chance(0.4);
          const words = MENU_WORDS[lang];
          body = [
            ...(mode === 'keys' ? [{ digits: '2' }, { digits: '4' }] : [{ speech: words.m2 }, { speech: words.place }]),
            { speech: random.pick(PLACES[lang]) },
            ...(sms ? [{ digits: '2' }] : []),
            { hangup: true },
          ];
          label = `2.4>place${sms ? '>sms' : ''}`;
          break;
        }
        case 'case-status': {
          const words = MENU_WORDS[lang];
          // A number among the cases opened so far (case numbers count from 1 in a fresh database), or one that does not exist.
          const opened = options.casesOpened();
          const n = opened > 0 && random.chance(0.85) ? 1 + Math.floor(random.next() * opened) : 900_000 + Math.floor(random.next() * 1000);
          body = [...(mode === 'keys' ? [{ digits: '5' }, { digits: '1' }] : [{ speech: words.m5 }, { speech: words.status }]), { digits: `${n}#` }, { hangup: true }];
          label = '5.1>number';
          break;
        }
        case 'menu-hangup': {
          const leaf = random.pick(ALL);
          const depth = Math.floor(random.next() * leaf.keys.length);
          body = [...answer(lang, mode, leaf, depth), { hangup: true }];
          label = `${leaf.keys.slice(0, depth).join('.') || 'greeting'}>hangup`;
          break;
        }
      }
      const wantsAgent = kind === 'agent' || kind === 'zero' || kind === 'no-input' || kind === 'info-agent';
      const persona: Persona = { kind, label: `${lang}/${mode}/${label}`, lang, mode, answers: [...lead, ...body], wantsAgent, ...(priority !== undefined ? { priority } : {}) };
      if (wantsAgent) {
        // As on a real line: some hang up if nobody answers soon, a few leave a voice message when told they may.
        if (random.chance(0.04)) persona.waitKeys = [null, null, '2'];
        else if (random.chance(0.4)) persona.patienceMs = Math.round(random.between(20_000, 150_000));
      }
      return persona;
    },

    /** A number that calls again and again: turned away once over the hourly limit. */
    flood(): Persona {
      return { kind: 'flood', label: 'flood', lang: 'es', mode: 'keys', answers: [{ hangup: true }], wantsAgent: false };
    },
  };
}

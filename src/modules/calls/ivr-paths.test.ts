import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import type { Answer } from '../../testing/call-simulator.js';
import { hotlineFlow as flow } from '../ivr/index.js';
import type { AgentRequest, MenuNode } from '../ivr/flow.types.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

interface Leaf {
  keys: string[];
  words: Record<'es' | 'en', string[]>;
  end: { agent: AgentRequest } | { info: MenuNode };
}

/** Every way through the menus to a person or an answer, read from the flow itself. */
function leaves(): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: MenuNode, keys: string[], words: Leaf['words'], depth: number) => {
    if (depth > 5) return;
    for (const o of node.options) {
      if (o.key === '7') continue;
      const k = [...keys, o.key];
      const w = { es: [...words.es, o.speech.es[0] as string], en: [...words.en, o.speech.en[0] as string] };
      const then = o.then;
      if ('agent' in then) {
        const extra = then.agent.askVulnerability ? { keys: ['2'], es: 'no', en: 'no' } : null;
        out.push({ keys: extra ? [...k, '2'] : k, words: extra ? { es: [...w.es, 'no'], en: [...w.en, 'no'] } : w, end: { agent: then.agent } });
      } else if ('go' in then) {
        const next = flow.nodes[then.go] as MenuNode;
        if (next.kind === 'info') out.push({ keys: k, words: w, end: { info: next } });
        else if (next.kind !== 'caseNumber' && then.go !== 'main') walk(next, k, w, depth + 1);
      }
    }
  };
  walk(flow.nodes.main as MenuNode, [], { es: [], en: [] }, 0);
  return out;
}

const all = leaves();

describe('every menu path, in both languages, by keys and by speech', () => {
  it('when the flow is walked, then it has paths to people and to answers', () => {
    expect(all.filter((l) => 'agent' in l.end).length).toBeGreaterThanOrEqual(12);
    expect(all.filter((l) => 'info' in l.end).length).toBeGreaterThanOrEqual(10);
  });

  for (const lang of ['es', 'en'] as const) {
    for (const mode of ['keys', 'speech'] as const) {
      it(`when callers go every path in ${lang} by ${mode}, then each reaches its person or answer`, async () => {
        // A caller per path: one number calling this often would be turned away as a flood.
        let caller = 0;
        const from = () => `+504880${String((caller += 1)).padStart(5, '0')}`;
        for (const leaf of all) {
          const answers: Answer[] = [
            ...(lang === 'en' ? [{ digits: '7' }] : []),
            ...(mode === 'keys' ? leaf.keys.map((digits) => ({ digits })) : leaf.words[lang].map((speech) => ({ speech }))),
          ];
          const label = `${lang}/${mode}/${leaf.keys.join('.')}`;
          if ('agent' in leaf.end) {
            const result = await t.call({ from: from(), answers, hangupAfterMs: 0 });
            expect(result.enqueued, label).toBe(true);
            const c = (await t.sql.query('SELECT c.category, c.priority, c.language FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [result.callSid])).rows[0];
            expect(c, label).toEqual({ category: leaf.end.agent.category, priority: leaf.end.agent.priority, language: lang });
          } else {
            const result = await t.call({ from: from(), answers: [...answers, { hangup: true }] });
            expect(result.enqueued, label).toBe(false);
            expect(result.heard, label).toContain(leaf.end.info.prompt[lang]);
            const voices = result.events.flatMap((e) => (e.kind === 'say' ? [e.language] : []));
            expect(new Set(voices.slice(2)), label).toEqual(new Set([lang === 'es' ? 'es-MX' : 'en-US']));
          }
        }
      });
    }
  }
});

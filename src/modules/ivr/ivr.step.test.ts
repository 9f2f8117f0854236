import { describe, expect, it } from 'vitest';
import { hotlineFlow as flow } from './menu.flow.js';
import { startCall, step, type IvrInput, type IvrState, type IvrStep } from './ivr.step.js';
import { decodeState, encodeState } from './ivr.state.js';

const keys = (d: string): IvrInput => ({ kind: 'digits', digits: d });
const said = (text: string, confidence = 0.9): IvrInput => ({ kind: 'speech', text, confidence });
const silence: IvrInput = { kind: 'silence' };

function run(inputs: IvrInput[]): IvrStep {
  let current = startCall(flow);
  for (const input of inputs) {
    if (current.type !== 'menu') throw new Error('call left the menu early');
    current = step(flow, current.state, input);
  }
  return current;
}

describe('IVR step function', () => {
  it('when a call arrives, then the greeting and the main menu are spoken in Spanish', () => {
    const first = startCall(flow);
    expect(first.type).toBe('menu');
    expect(first.state.lang).toBe('es');
    expect(first.say[0]?.es).toMatch(/^Bienvenido a ALHO Voz/);
    expect(first.say[1]?.es).toMatch(/For English, press 7/);
  });

  it('when the caller presses 7, then the main menu is spoken in English', () => {
    const next = run([keys('7')]);
    expect(next.type).toBe('menu');
    expect(next.state.lang).toBe('en');
    expect(next.say.at(-1)?.en).toMatch(/For emergencies and protection, press 1/);
    expect(next.state.path).toEqual([]);
  });

  it('when the caller reports a detention in Mexico, then an agent is asked for with DETENCION P2', () => {
    const next = run([keys('1'), keys('2'), keys('2')]);
    expect(next).toMatchObject({ type: 'agent', category: 'DETENCION', priority: 2 });
    expect(next.state.path).toEqual(['1', '2', '2']);
    expect(next.state.location).toBe('MX');
  });

  it.each([
    [['1', '1', '1'], 'RIESGO_VIDA', 1],
    [['1', '4', '3'], 'DESAPARECIDO', 2],
    [['1', '1', '4'], 'FALLECIMIENTO', 2],
    [['1', '3', '5', '1'], 'HOSPITALIZADO', 2],
    [['1', '1', '5', '2'], 'NNA_SOLO', 1],
    [['2', '5'], 'FRAUDE', 3],
    [['4', '1'], 'DESPLAZ_VIOLENCIA', 1],
    [['5', '2'], 'QUEJA', 4],
  ] as const)('when the caller keys %j, then the case is %s with priority P%i', (path, category, priority) => {
    expect(run(path.map(keys))).toMatchObject({ type: 'agent', category, priority });
  });

  it('when the caller presses 0 at any menu, then an agent is asked for', () => {
    for (const prefix of [[], ['1'], ['1', '2'], ['2'], ['3'], ['4'], ['5'], ['2', '2']]) {
      const next = run([...prefix.map(keys), keys('0')]);
      expect(next.type).toBe('agent');
      expect(next.state.path.at(-1)).toBe('0');
    }
  });

  it('when the caller presses 9, then the same menu is repeated without the greeting', () => {
    const next = run([keys('2'), keys('9')]);
    expect(next.type).toBe('menu');
    expect(next.state.node).toBe('m2');
    expect(next.say).toHaveLength(1);
  });

  it('when the caller is silent once, then the menu is repeated with a notice; twice, then an agent', () => {
    const once = run([silence]);
    expect(once).toMatchObject({ type: 'menu', state: { node: 'main', misses: 1 } });
    expect(once.say[0]?.es).toMatch(/No escuchamos/);
    expect(run([silence, silence])).toMatchObject({ type: 'agent', category: 'SIN_CLASIFICAR' });
  });

  it('when the caller keys options that do not exist twice, then an agent, never a hang-up', () => {
    expect(run([keys('8')])).toMatchObject({ type: 'menu', state: { misses: 1 } });
    expect(run([keys('8'), keys('#')])).toMatchObject({ type: 'agent' });
    expect(run([keys('1'), keys('1'), keys('8'), keys('6')])).toMatchObject({ type: 'agent', priority: 2 });
  });

  it('when the caller speaks, then words map to the same options as keys', () => {
    expect(run([said('emergencia'), said('Estados Unidos'), said('mi hijo está detenido')])).toMatchObject({ type: 'agent', category: 'DETENCION' });
    expect(run([said('emergency'), said('mexico'), said('passport')]).type).toBe('menu');
    expect(run([said('quiero hablar con un agente')])).toMatchObject({ type: 'agent' });
    expect(run([said('pasaporte')])).toMatchObject({ type: 'menu', state: { node: 'm2' } });
    expect(run([said('dos')])).toMatchObject({ type: 'menu', state: { node: 'm2' } });
  });

  it('when speech is unsure or unmatched, then the caller is asked again', () => {
    expect(run([said('emergencia', 0.1)])).toMatchObject({ type: 'menu', state: { node: 'main', misses: 1 } });
    expect(run([said('blablabla')])).toMatchObject({ type: 'menu', state: { node: 'main', misses: 1 } });
  });

  it('when an information answer is heard, then 1 returns to the main menu and 0 reaches an agent', () => {
    const infoStep = run([keys('3'), keys('2')]);
    expect(infoStep).toMatchObject({ type: 'menu', state: { node: 'i_rights' } });
    expect(infoStep.say.at(-1)?.es).toMatch(/marque 9/);
    expect(step(flow, infoStep.state, keys('1'))).toMatchObject({ type: 'menu', state: { node: 'main' } });
    expect(step(flow, infoStep.state, keys('0'))).toMatchObject({ type: 'agent', category: 'TPS_LEGAL' });
  });

  it('when the state names a node that no longer exists, then the call restarts at the main menu', () => {
    const state: IvrState = { node: 'gone', lang: 'es', path: [], location: null, misses: 0 };
    expect(step(flow, state, keys('9'))).toMatchObject({ type: 'menu', state: { node: 'main' } });
  });

  it('when the state is written to a URL and read back, then it is the same', () => {
    const s = run([keys('1'), keys('2')]).state;
    expect(decodeState(Object.fromEntries(new URLSearchParams(encodeState(s))))).toEqual(s);
    expect(decodeState({ n: '../etc', l: 'xx' })).toBeNull();
  });
});

describe('the hotline flow as data', () => {
  it('when checked, then every target exists, menus have at most 5 options and 0/9 stay free', () => {
    for (const node of Object.values(flow.nodes)) {
      const menuKeys = node.options.map((o) => o.key).filter((k) => k !== '7');
      expect(menuKeys.length, node.id).toBeLessThanOrEqual(5);
      expect(new Set(menuKeys).size, node.id).toBe(menuKeys.length);
      for (const o of node.options) {
        if ('go' in o.then) expect(flow.nodes[o.then.go], `${node.id}/${o.key}`).toBeDefined();
        expect(o.speech.es.length + o.speech.en.length, `${node.id}/${o.key} has words`).toBeGreaterThan(0);
      }
      expect(node.prompt.es && node.prompt.en, node.id).toBeTruthy();
    }
  });
});

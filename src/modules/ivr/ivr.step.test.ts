import { describe, expect, it } from 'vitest';
import { hotlineFlow as flow } from './menu.flow.js';
import { caseLookupAnswer, officeLookupAnswer, initialState, startCall, step, type IvrInput, type IvrStep, type StepContext } from './ivr.step.js';
import { decodeState, encodeState } from './ivr.state.js';
import { validateFlow } from './flow.validate.js';

const keys = (d: string): IvrInput => ({ kind: 'digits', digits: d });
const said = (text: string, confidence = 0.9): IvrInput => ({ kind: 'speech', text, confidence });
const silence: IvrInput = { kind: 'silence' };
const OPEN: StepContext = { open: true, reachable: true };
const CLOSED: StepContext = { open: false, reachable: true };

function run(inputs: IvrInput[], ctx: StepContext = OPEN): IvrStep {
  let current: IvrStep = startCall(flow);
  for (const input of inputs) {
    if (current.type !== 'menu') throw new Error(`call left the menu early: ${current.type}`);
    current = step(flow, current.state, input, ctx);
  }
  return current;
}
const saidText = (s: IvrStep, lang: 'es' | 'en' = 'es') => ('say' in s ? s.say.map((t) => t[lang]).join(' ') : '');

describe('IVR step function', () => {
  it('when a call arrives, then the greeting and the main menu are spoken in Spanish', () => {
    const first = startCall(flow);
    expect(first.state.lang).toBe('es');
    expect(first.say[0]?.es).toMatch(/^Bienvenido a ALHO Voz/);
    expect(first.say[1]?.es).toMatch(/For English, press 7/);
    expect(first).toMatchObject({ input: 'dtmf speech', maxDigits: 1 });
  });

  it('when the caller presses 7, then the main menu is spoken in English', () => {
    const next = run([keys('7')]);
    expect(next).toMatchObject({ type: 'menu', state: { lang: 'en', path: [] } });
    expect(saidText(next, 'en')).toMatch(/For emergencies and protection, press 1/);
  });

  it('when the caller reports a detention in Mexico, then the vulnerability question comes before the queue', () => {
    const question = run([keys('1'), keys('2'), keys('2')]);
    expect(question).toMatchObject({ type: 'menu', state: { node: 'vulnerability', location: 'MX' } });
    expect(run([keys('1'), keys('2'), keys('2'), keys('2')])).toMatchObject({
      type: 'agent',
      request: { category: 'DETENCION', priority: 2, vulnerable: false },
      state: { path: ['1', '2', '2', '2'], location: 'MX' },
    });
  });

  it('when the affected person is vulnerable, then the priority rises one level and the reason says why', () => {
    const next = run([keys('1'), keys('1'), keys('2'), keys('1')]);
    expect(next).toMatchObject({ type: 'agent', request: { category: 'DETENCION', priority: 1, vulnerable: true } });
    expect(next.type === 'agent' && next.request.reason).toMatch(/Detención.*vulnerabilidad/);
    expect(run([keys('1'), keys('1'), keys('2'), said('sí, es menor de edad')])).toMatchObject({ request: { priority: 1 } });
  });

  it.each([
    [['1', '1', '1'], 'RIESGO_VIDA', 1],
    [['1', '4', '3', '2'], 'DESAPARECIDO', 2],
    [['1', '1', '4', '2'], 'FALLECIMIENTO', 2],
    [['1', '3', '5', '1', '2'], 'HOSPITALIZADO', 2],
    [['1', '1', '5', '2'], 'NNA_SOLO', 1],
    [['2', '5'], 'FRAUDE', 3],
    [['4', '1'], 'DESPLAZ_VIOLENCIA', 1],
    [['4', '4'], 'REINTEGRACION', 2],
    [['5', '2'], 'QUEJA', 4],
  ] as const)('when the caller keys %j, then the case is %s with priority P%i', (path, category, priority) => {
    expect(run(path.map(keys))).toMatchObject({ type: 'agent', request: { category, priority } });
  });

  it('when the caller presses 0 at any menu, then an agent is asked for', () => {
    for (const prefix of [[], ['1'], ['1', '2'], ['2'], ['3'], ['4'], ['5'], ['2', '2'], ['1', '1', '2']]) {
      const next = run([...prefix.map(keys), keys('0')]);
      expect(next.type, prefix.join('.')).toBe('agent');
      expect(next.state.path.at(-1)).toBe('0');
    }
  });

  it('when the caller presses 9, then the same menu is repeated without the greeting', () => {
    const next = run([keys('2'), keys('9')]);
    expect(next).toMatchObject({ type: 'menu', state: { node: 'm2' } });
    expect('say' in next && next.say).toHaveLength(1);
  });

  it('when the caller is silent once, then the menu is repeated with a notice; twice, then an agent', () => {
    const once = run([silence]);
    expect(once).toMatchObject({ type: 'menu', state: { node: 'main', misses: 1 } });
    expect(saidText(once)).toMatch(/^No escuchamos/);
    expect(run([silence, silence])).toMatchObject({ type: 'agent', request: { category: 'SIN_CLASIFICAR' } });
  });

  it('when the caller keys options that do not exist twice, then an agent, never a hang-up', () => {
    expect(run([keys('8')])).toMatchObject({ type: 'menu', state: { misses: 1 } });
    expect(run([keys('8'), keys('#')])).toMatchObject({ type: 'agent' });
    expect(run([keys('1'), keys('1'), keys('8'), keys('6')])).toMatchObject({ type: 'agent', request: { priority: 2 } });
  });

  it('when the caller speaks, then words map to the same options as keys', () => {
    expect(run([said('emergencia'), said('Estados Unidos'), said('mi hijo está detenido'), said('no')])).toMatchObject({
      type: 'agent', request: { category: 'DETENCION' },
    });
    expect(run([said('quiero hablar con un agente')])).toMatchObject({ type: 'agent' });
    expect(run([said('pasaporte')])).toMatchObject({ type: 'menu', state: { node: 'm2' } });
    expect(run([said('dos')])).toMatchObject({ type: 'menu', state: { node: 'm2' } });
    expect(run([keys('7'), said('emergency'), said('mexico'), said('detained'), said('no')])).toMatchObject({ type: 'agent', request: { category: 'DETENCION' } });
  });

  it('when speech is unsure or unmatched, then the caller is asked again once, then to use the keypad', () => {
    const again = run([said('emergencia', 0.1)]);
    expect(again).toMatchObject({ type: 'menu', state: { node: 'main', speechMisses: 1 }, input: 'dtmf speech' });
    const keypad = run([said('emergencia', 0.1), said('blablabla')]);
    expect(keypad).toMatchObject({ type: 'menu', state: { keysOnly: true }, input: 'dtmf' });
    expect(saidText(keypad)).toMatch(/use el teclado/);
    expect(run([said('x', 0.1), said('y', 0.1), keys('2')])).toMatchObject({ type: 'menu', state: { node: 'm2', keysOnly: false } });
  });

  it('when an information answer is heard, then 1 returns to the main menu, 0 reaches an agent, 2 sends it by SMS', () => {
    const infoStep = run([keys('3'), keys('2')]);
    expect(infoStep).toMatchObject({ type: 'menu', state: { node: 'i_rights' } });
    expect(saidText(infoStep)).toMatch(/derecho a guardar silencio.*mensaje de texto, marque 2/);
    expect(step(flow, infoStep.state, keys('1'), OPEN)).toMatchObject({ type: 'menu', state: { node: 'main' } });
    expect(step(flow, infoStep.state, keys('0'), OPEN)).toMatchObject({ type: 'agent', request: { category: 'TPS_LEGAL' } });
    const sms = step(flow, infoStep.state, keys('2'), OPEN);
    expect(sms).toMatchObject({ type: 'sms', node: 'i_rights', then: { state: { node: 'i_rights' } } });
    const hidden = step(flow, infoStep.state, keys('2'), { open: true, reachable: false });
    expect(hidden.type).toBe('menu');
    expect(saidText(hidden)).toMatch(/número oculto/);
  });

  it('when it is after hours, then a P1 request goes to the on-call officer', () => {
    expect(run([keys('1'), keys('1'), keys('1')], CLOSED)).toMatchObject({ type: 'onCall', request: { category: 'RIESGO_VIDA', priority: 1 } });
    expect(run([keys('1'), keys('1'), keys('2'), keys('1')], CLOSED)).toMatchObject({ type: 'onCall', request: { category: 'DETENCION', vulnerable: true } });
  });

  it('when it is after hours, then other requests are offered a callback or voicemail that keep the request', () => {
    const offer = run([keys('2'), keys('5')], CLOSED);
    expect(offer).toMatchObject({ type: 'menu', state: { node: 'after_hours', request: { category: 'FRAUDE', priority: 3 } } });
    expect(saidText(offer)).toMatch(/horario de atención.*devuelva la llamada/s);
    expect(step(flow, offer.state, keys('1'), CLOSED)).toMatchObject({ type: 'callback', request: { category: 'FRAUDE' } });
    expect(step(flow, offer.state, keys('2'), CLOSED)).toMatchObject({ type: 'voicemail', request: { category: 'FRAUDE' } });
    expect(step(flow, offer.state, keys('1'), { open: false, reachable: false })).toMatchObject({ type: 'voicemail' });
    const silent = step(flow, step(flow, offer.state, silence, CLOSED).state, silence, CLOSED);
    expect(silent).toMatchObject({ type: 'voicemail', request: { category: 'FRAUDE' } });
  });

  it('when a case number is keyed, then it is looked up; three wrong numbers reach an agent', () => {
    const entry = run([keys('5'), keys('1')]);
    expect(entry).toMatchObject({ type: 'menu', state: { node: 'case_number' }, input: 'dtmf', maxDigits: 10 });
    const lookup = step(flow, entry.state, keys('123#'), OPEN);
    expect(lookup).toMatchObject({ type: 'caseLookup', digits: '123' });
    const found = caseLookupAnswer(flow, entry.state, { number: 'AV-2026-000123', status: 'escalated' }, OPEN);
    expect(saidText(found)).toMatch(/Su caso número 123 fue enviado al consulado/);
    expect(found).toMatchObject({ type: 'menu', state: { node: 'case_result' } });
    let state = entry.state;
    for (let i = 1; i <= 2; i++) {
      const again = caseLookupAnswer(flow, state, null, OPEN);
      expect(again).toMatchObject({ type: 'menu', state: { node: 'case_number', wrongNumbers: i } });
      state = again.state;
    }
    expect(caseLookupAnswer(flow, state, null, OPEN)).toMatchObject({ type: 'agent' });
    expect(step(flow, entry.state, keys('0#'), OPEN)).toMatchObject({ type: 'agent' });
  });

  it('when the caller asks for their consulate, then the place they say is looked up; twice unknown, an agent', () => {
    const ask = run([keys('2'), keys('4')]);
    expect(ask).toMatchObject({ type: 'menu', state: { node: 'consulate_place' }, input: 'dtmf speech' });
    expect(step(flow, ask.state, said('vivo en Houston'), OPEN)).toMatchObject({ type: 'officeLookup', said: 'vivo en Houston' });
    expect(step(flow, ask.state, said('quiero un agente'), OPEN)).toMatchObject({ type: 'agent', request: { category: 'DOCUMENTOS' } });
    const found = officeLookupAnswer(flow, ask.state, 'us-houston', OPEN);
    expect(found).toMatchObject({ type: 'menu', state: { node: 'consulate_result', office: 'us-houston' } });
    expect(saidText(found)).toContain('{office}');
    const again = officeLookupAnswer(flow, ask.state, null, OPEN);
    expect(again).toMatchObject({ type: 'menu', state: { node: 'consulate_place', misses: 1 } });
    expect(officeLookupAnswer(flow, again.state, null, OPEN)).toMatchObject({ type: 'agent' });
  });

  it('when the state names a node that no longer exists, then the call restarts at the main menu', () => {
    expect(step(flow, { ...initialState(flow), node: 'gone' }, keys('9'), OPEN)).toMatchObject({ type: 'menu', state: { node: 'main' } });
  });

  it('when the state is written to a URL and read back, then it is the same', () => {
    for (const s of [run([keys('1'), keys('2')]).state, run([keys('1'), keys('1'), keys('2')]).state, run([said('?', 0), said('?', 0)]).state]) {
      expect(decodeState(Object.fromEntries(new URLSearchParams(encodeState(s))))).toEqual(s);
    }
    expect(decodeState({ n: '../etc', l: 'xx' })).toBeNull();
  });
});

describe('the hotline flow as data', () => {
  it('when the shipped flow is checked, then it is valid', () => {
    expect(validateFlow(flow)).toMatchObject({ ok: true });
  });

  it('when a flow has a broken target, too many options, a missing node or an unreachable one, then each problem is named', () => {
    const broken = structuredClone(flow);
    (broken.nodes.m2!.options[0]!.then as { go: string }).go = 'nowhere';
    broken.nodes.m3!.options.push({ key: '7', speech: { es: ['x'], en: ['x'] }, then: { go: 'main' } });
    broken.nodes.m4!.options[1]!.key = '1';
    delete (broken.nodes as Record<string, unknown>).after_hours;
    broken.nodes.orphan = { ...broken.nodes.m2!, id: 'orphan' };
    const result = validateFlow(broken);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.join('\n');
    expect(problems).toMatch(/nodes\.m2\.options\[1\]: goes to "nowhere"/);
    expect(problems).toMatch(/nodes\.m3: more than 5 options/);
    expect(problems).toMatch(/nodes\.m4: a key is used twice/);
    expect(problems).toMatch(/nodes\.after_hours: required node is missing/);
    expect(problems).toMatch(/nodes\.orphan: no caller can reach this node/);
  });

  it('when a flow is not even the right shape, then the field is named', () => {
    const result = validateFlow({ start: 'main', nodes: { main: { id: 'main', prompt: { es: '' } } } });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems.join('\n')).toMatch(/nodes\.main\.prompt\.es/);
  });
});

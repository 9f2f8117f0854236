import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { DEMO_USERS } from '../auth/index.js';

let t: TestHotline;
let supervisor: string;
beforeAll(async () => {
  t = await startTestHotline();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
});
afterAll(async () => {
  await t?.close();
});

const CLOSED = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, []])) };
const put = (key: string, value: unknown, cookie = supervisor) => t.api(`/api/settings/${key}`, { method: 'PUT', cookie, body: JSON.stringify({ value }) });
const caseOf = async (callSid: string) =>
  (await t.sql.query('SELECT c.id, c.category, c.priority, c.flags, k.outcome FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [callSid])).rows[0];

describe('after hours', () => {
  it('when closed and a life is at risk, then the on-call officer is dialled, and a message is taken if they do not answer', async () => {
    expect((await put('hours', CLOSED)).status).toBe(200);
    expect((await put('onCall', { number: '+50499990000' })).status).toBe(200);
    const result = await t.call({ from: '+50431110001', answers: [{ digits: '1' }, { digits: '4' }, { digits: '1' }] });
    expect(result.events.find((e) => e.kind === 'dialed')).toMatchObject({ number: '+50499990000', answered: false });
    expect(result.heard).toContain('El oficial de protección de turno no pudo atender.');
    expect(result.recordingSids).toHaveLength(1);
    const c = await eventually(async () => {
      const row = await caseOf(result.callSid);
      return row?.flags.includes('voicemail') ? row : undefined;
    });
    expect(c).toMatchObject({ category: 'RIESGO_VIDA', priority: 1, outcome: 'on_call' });
    expect(c.flags).toEqual(expect.arrayContaining(['after_hours_p1', 'on_call_unanswered', 'voicemail']));
  });

  it('when closed and the on-call officer answers, then the call is put through and nothing else is asked', async () => {
    const result = await t.call({ from: '+50431110002', answers: [{ digits: '4' }, { digits: '1' }], dialAnswered: true });
    expect(result.events.find((e) => e.kind === 'dialed')).toMatchObject({ answered: true });
    expect(result.recordingSids).toHaveLength(0);
  });

  it('when closed and nobody is on call, then a P1 caller leaves a flagged message', async () => {
    expect((await put('onCall', { number: null })).status).toBe(200);
    const result = await t.call({ from: '+50431110003', answers: [{ digits: '1' }, { digits: '1' }, { digits: '5' }, { digits: '2' }] });
    expect(result.events.some((e) => e.kind === 'dialed')).toBe(false);
    expect(result.recordingSids).toHaveLength(1);
    const c = await eventually(async () => {
      const row = await caseOf(result.callSid);
      return row?.flags.includes('voicemail') ? row : undefined;
    });
    expect(c).toMatchObject({ category: 'NNA_SOLO', priority: 1 });
  });

  it('when closed, then other callers choose a callback (kept for the opening) or a voice message', async () => {
    const callback = await t.call({ from: '+50431110004', answers: [{ digits: '2' }, { digits: '5' }, { digits: '1' }] });
    expect(callback.heard.some((h) => h.startsWith('En este momento no hay agentes disponibles'))).toBe(true);
    expect(callback.heard.at(-1)).toMatch(/en cuanto abramos/);
    expect(await caseOf(callback.callSid)).toMatchObject({ category: 'FRAUDE', outcome: 'callback' });
    const queue = await (await t.api('/api/queue', { cookie: supervisor })).json();
    expect(queue.waiting.find((w: { callSid: string }) => w.callSid === callback.callSid)).toMatchObject({ kind: 'callback', category: 'FRAUDE' });

    const message = await t.call({ from: '+50431110005', answers: [{ digits: '0' }, { digits: '2' }] });
    expect(message.recordingSids).toHaveLength(1);
    await eventually(async () => (await caseOf(message.callSid))?.flags.includes('voicemail'));
  });

  it('when the hotline is open but today is a holiday, then it behaves as after hours', async () => {
    expect((await put('hours', ALWAYS_OPEN)).status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Tegucigalpa' }).format(new Date());
    expect((await put('holidays', [{ date: today, name: 'Feriado de prueba' }])).status).toBe(200);
    const result = await t.call({ from: '+50431110006', answers: [{ digits: '0' }, { digits: '2' }] });
    expect(result.enqueued).toBe(false);
    expect(result.heard.some((h) => h.startsWith('Gracias por llamar a ALHO Voz. Nuestro horario'))).toBe(true);
    expect((await put('holidays', [])).status).toBe(200);
    const open = await t.call({ from: '+50431110007', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(open.enqueued).toBe(true);
  });
});

describe('settings without a deploy', () => {
  it('when a supervisor changes a prompt, then the next caller hears it and the change is audited', async () => {
    const current = (await (await t.api('/api/settings', { cookie: supervisor })).json()).settings.flow;
    current.nodes.m2.prompt.es = 'Nuevo menú de documentos. Para citas, marque 1.';
    expect((await put('flow', current)).status).toBe(200);
    const result = await t.call({ from: '+50431110008', answers: [{ digits: '2' }, { hangup: true }] });
    expect(result.heard).toContain('Nuevo menú de documentos. Para citas, marque 1.');
    const audit = (await (await t.api('/api/settings/audit', { cookie: supervisor })).json()).audit;
    expect(audit[0]).toMatchObject({ key: 'flow', actor: expect.any(String) });
    expect(audit.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['hours', 'onCall', 'holidays', 'flow']));
  });

  it('when a flow with an error is sent, then it is refused with the problem named and live calls keep the old one', async () => {
    const current = (await (await t.api('/api/settings', { cookie: supervisor })).json()).settings.flow;
    current.nodes.m3.options[0].then = { go: 'does_not_exist' };
    const res = await put('flow', current);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/nodes\.m3\.options\[1\]: goes to "does_not_exist"/);
    const result = await t.call({ from: '+50431110009', answers: [{ digits: '3' }, { digits: '1' }, { hangup: true }] });
    expect(result.heard.some((h) => h.startsWith('El TPS para Honduras'))).toBe(true);
  });

  it('when hours, holidays or the on-call number are malformed, then each is refused with a clear message', async () => {
    const bad = [
      ['hours', { weekly: { ...ALWAYS_OPEN.weekly, mon: [{ open: '22:00', close: '06:00' }] } }, /open must be before close/],
      ['holidays', [{ date: '2026-02-30', name: 'x' }], /holidays\.0\.date/],
      ['onCall', { number: '99998888' }, /E\.164/],
    ] as const;
    for (const [key, value, message] of bad) {
      const res = await put(key, value);
      expect(res.status, key).toBe(422);
      expect((await res.json()).error.message, key).toMatch(message);
    }
  });

  it('when an agent tries to read or change settings, then 403', async () => {
    const agent = await t.login();
    expect((await t.api('/api/settings', { cookie: agent })).status).toBe(403);
    expect((await put('onCall', { number: null }, agent)).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { newCallSid, type Answer } from '../../testing/call-simulator.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

const keys = (...d: string[]): Answer[] => d.map((digits) => ({ digits }));
const one = async <T>(query: string, params: unknown[] = []): Promise<T> => (await t.sql.query(query, params)).rows[0] as T;


describe('a call from greeting to the queue', () => {
  it('when a caller in Mexico reports a detention, then a case is opened, the call waits and hears its position', async () => {
    const result = await t.call({ from: '+13055550123', answers: keys('1', '2', '2', '2'), hangupAfterMs: 0 });

    expect(result.heard[0]).toMatch(/^Bienvenido a ALHO Voz/);
    expect(result.heard.some((h) => h.includes('¿Dónde se encuentra la persona afectada?'))).toBe(true);
    expect(result.heard.some((h) => h.includes('detenido por migración'))).toBe(true);
    expect(result.heard).toContain('Le comunicamos con un agente. Por favor, no cuelgue.');
    const waiting = result.events.filter((e) => e.kind === 'say' && e.whileWaiting);
    expect(waiting[0]).toMatchObject({ text: 'Usted es la próxima persona en ser atendida.' });
    expect(waiting[1]).toMatchObject({ text: expect.stringMatching(/^El tiempo estimado de espera es de unos 2 minutos\./) });
    expect(waiting.at(-1)).toMatchObject({ text: expect.stringMatching(/marque 1/) });
    expect(result.documents.some((d) => d.includes('<Enqueue') && d.includes('waitUrl="/twilio/voice/wait?l=es"'))).toBe(true);

    const c = await one<{ category: string; priority: number; menu_path: string[]; location: string; caller_phone: string; number: string }>(
      'SELECT cases.* FROM cases JOIN calls ON calls.case_id = cases.id WHERE calls.call_sid = $1',
      [result.callSid],
    );
    expect(c).toMatchObject({ category: 'DETENCION', priority: 2, menu_path: ['1', '2', '2', '2'], location: 'MX', caller_phone: '+13055550123' });
    expect(c.number).toMatch(/^AV-\d{4}-\d{6}$/);
  });

  it('when a second and a P1 caller join, then each hears a position that puts the P1 caller first', async () => {
    // The caller of the test before may still be leaving the queue; positions count from an empty one.
    await eventually(async () => (await one<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE status = 'queued'")).n === 0);
    const ctl = new AbortController();
    const first = t.call({ from: '+50499000001', answers: keys('0'), signal: ctl.signal });
    await eventually(async () => (await one<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE status = 'queued'")).n === 1);
    const second = t.call({ from: '+50499000002', answers: keys('2', '0'), signal: ctl.signal });
    await eventually(async () => (await one<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE status = 'queued'")).n === 2);
    const urgent = await t.call({ from: '+50499000003', answers: keys('1', '1', '1'), hangupAfterMs: 0 });
    ctl.abort();
    const [a, b] = await Promise.all([first, second]);

    const firstHeard = (r: typeof urgent) => r.events.find((e) => e.kind === 'say' && e.whileWaiting);
    expect(firstHeard(a)).toMatchObject({ text: expect.stringMatching(/próxima persona/) });
    expect(firstHeard(b)).toMatchObject({ text: expect.stringMatching(/número 2/) });
    expect(firstHeard(urgent)).toMatchObject({ text: expect.stringMatching(/próxima persona/) });
  });

  it('when the caller chooses English and answers by voice, then the menus are in English and the case says so', async () => {
    const result = await t.call({
      from: '+13055550199',
      answers: [{ digits: '7' }, { speech: 'emergency' }, { speech: 'United States' }, { speech: 'my brother is missing' }, { speech: 'no' }],
      hangupAfterMs: 0,
    });
    expect(result.heard.some((h) => h.startsWith('For emergencies and protection, press 1'))).toBe(true);
    expect(result.heard).toContain('We are connecting you to an agent. Please stay on the line.');
    expect(result.documents.some((d) => d.includes('language="en-US"') && d.includes('input="dtmf speech"'))).toBe(true);
    const c = await one<{ language: string; category: string }>('SELECT cases.language, cases.category FROM cases JOIN calls ON calls.case_id = cases.id WHERE call_sid = $1', [result.callSid]);
    expect(c).toEqual({ language: 'en', category: 'DESAPARECIDO' });
  });

  it('when the caller hangs up while waiting, then the call is recorded as abandoned and leaves the waiting set', async () => {
    const result = await t.call({ from: '+50499112233', answers: keys('0'), hangupAfterMs: 300 });
    const call = await eventually(async () => {
      const row = await one<{ status: string; queue_wait_s: number; ended_at: Date | null }>('SELECT status, queue_wait_s, ended_at FROM calls WHERE call_sid = $1', [result.callSid]);
      return row?.status === 'abandoned' ? row : undefined;
    });
    expect(call.ended_at).not.toBeNull();
    const queue = await (await t.api('/api/queue', { cookie: await t.login() })).json();
    expect(queue.waiting.map((w: { callSid: string }) => w.callSid)).not.toContain(result.callSid);
    // The case-number text is sent by its own job, whenever it is done: not part of this story.
    const events = await t.sql.query(`SELECT kind FROM case_events e JOIN calls c ON c.case_id = e.case_id WHERE c.call_sid = $1 AND kind <> 'sms.sent' ORDER BY e.id`, [result.callSid]);
    expect(events.rows.map((r) => r.kind)).toEqual(['case.opened', 'call.queued', 'call.abandoned']);
  });

  it('when the caller hangs up in the IVR, then the call is completed and no case is opened', async () => {
    const result = await t.call({ from: '+50499112244', answers: [...keys('3', '2'), { hangup: true }] });
    expect(result.enqueued).toBe(false);
    const call = await eventually(async () => {
      const row = await one<{ status: string; case_id: string | null }>('SELECT status, case_id FROM calls WHERE call_sid = $1', [result.callSid]);
      return row?.status === 'completed' ? row : undefined;
    });
    expect(call.case_id).toBeNull();
  });
});

describe('Twilio retries', () => {
  it('when the same webhooks are delivered twice, then there is one call, one case and one waiting entry', async () => {
    const callSid = newCallSid();
    const base = { CallSid: callSid, AccountSid: `AC${'0'.repeat(32)}`, From: '+50433334444', To: '+15005550006', CallStatus: 'in-progress' };
    for (let i = 0; i < 2; i++) expect((await t.twilio('/twilio/voice', base)).status).toBe(200);
    const answers = await Promise.all([0, 1].map(() => t.twilio('/twilio/voice/menu?n=main&l=es', { ...base, Digits: '0' })));
    for (const res of answers) expect(await res.text()).toContain('<Enqueue');

    expect(await one('SELECT count(*)::int AS n FROM calls WHERE call_sid = $1', [callSid])).toEqual({ n: 1 });
    expect(await one('SELECT count(*)::int AS n FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [callSid])).toEqual({ n: 1 });
    const queue = await (await t.api('/api/queue', { cookie: await t.login() })).json();
    expect(queue.waiting.filter((w: { callSid: string }) => w.callSid === callSid)).toHaveLength(1);

    const status = { ...base, CallStatus: 'completed', SequenceNumber: '3', CallDuration: '40' };
    await Promise.all([t.twilio('/twilio/voice/status', status), t.twilio('/twilio/voice/status', status)]);
    await eventually(async () => (await one<{ status: string }>('SELECT status FROM calls WHERE call_sid = $1', [callSid])).status === 'abandoned');
    // An older status arriving late moves nothing back.
    await t.twilio('/twilio/voice/status', { ...base, CallStatus: 'completed', SequenceNumber: '1' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await one('SELECT status, status_seq FROM calls WHERE call_sid = $1', [callSid])).toEqual({ status: 'abandoned', status_seq: 3 });
    expect(await one("SELECT count(*)::int AS n FROM case_events e JOIN calls c ON c.case_id = e.case_id WHERE c.call_sid = $1 AND kind = 'call.abandoned'", [callSid])).toEqual({ n: 1 });
  });
});

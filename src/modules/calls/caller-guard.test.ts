import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../auth/index.js';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let supervisor: string;

beforeAll(async () => {
  t = await startTestHotline();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
  const res = await t.api('/api/settings/abuse', { method: 'PUT', cookie: supervisor, body: JSON.stringify({ value: { maxCallsPerHour: 2 } }) });
  expect(res.status).toBe(200);
});
afterAll(async () => t?.close());

const TURNED_AWAY = 'Hemos recibido muchas llamadas desde su número y no podemos atenderla ahora.';
const greeting = async (from: string) => (await t.call({ from, answers: [{ hangup: true }] })).heard;

describe('floods and abuse', () => {
  it('when one number calls more than the hourly limit, then it hears a recorded message in both languages and nothing opens', async () => {
    expect((await greeting('+50436000001')).some((h) => h.startsWith('Bienvenido a ALHO Voz'))).toBe(true);
    expect((await greeting('+50436000001')).some((h) => h.startsWith('Bienvenido a ALHO Voz'))).toBe(true);
    const third = await t.call({ from: '+50436000001', answers: [{ digits: '0' }] });
    expect(third.heard[0]).toContain(TURNED_AWAY);
    expect(third.heard[1]).toMatch(/^We have received many calls from your number/);
    expect(third.heard.join(' ')).toContain('911');
    const row = (await t.sql.query('SELECT outcome, case_id FROM calls WHERE call_sid = $1', [third.callSid])).rows[0];
    expect(row).toEqual({ outcome: 'rate_limited', case_id: null });
    // Another number is not affected.
    expect((await greeting('+50436000002')).some((h) => h.startsWith('Bienvenido a ALHO Voz'))).toBe(true);
  });

  it('when a webhook for the same call is delivered twice, then the call is counted once', async () => {
    const params = { CallSid: `CA${'d'.repeat(32)}`, From: '+50436000003', To: '+15005550006', CallStatus: 'ringing' };
    await t.twilio('/twilio/voice', params);
    await t.twilio('/twilio/voice', params);
    expect(await t.redis.zcard(`${t.config.redisPrefix}:calls-from:+50436000003`)).toBe(1);
  });

  it('when a supervisor blocks a number, then its calls are turned away until unblocked; others may not block', async () => {
    const blocked = await t.api('/api/blocked-numbers', { method: 'POST', cookie: supervisor, body: JSON.stringify({ phone: '+504 3600-0009', minutes: 60, reason: 'llamadas abusivas' }) });
    expect(blocked.status).toBe(201);
    expect((await blocked.json()).phone).toBe('+50436000009');
    const call = await t.call({ from: '+50436000009', answers: [{ digits: '0' }] });
    expect(call.heard[0]).toContain(TURNED_AWAY);
    expect((await t.sql.query('SELECT outcome FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].outcome).toBe('blocked');
    const list = await (await t.api('/api/blocked-numbers', { cookie: supervisor })).json();
    expect(list.blocked).toEqual([expect.objectContaining({ phone: '+50436000009', reason: 'llamadas abusivas', blockedBy: DEMO_USERS[1].name })]);

    expect((await t.api('/api/blocked-numbers', { method: 'POST', cookie: await t.login(), body: JSON.stringify({ phone: '+50436000008', minutes: 60, reason: 'x y z' }) })).status).toBe(403);
    expect((await t.api('/api/blocked-numbers', { method: 'POST', cookie: supervisor, body: JSON.stringify({ phone: '36000008', minutes: 60, reason: 'sin código' }) })).status).toBe(422);

    // Redis lost the block (a restart without it): a new api process puts it back from PostgreSQL.
    await t.redis.del(`${t.config.redisPrefix}:blocked:+50436000009`);
    const other = await startTestHotline({}, { sameAs: t });
    try {
      expect(await t.redis.exists(`${t.config.redisPrefix}:blocked:+50436000009`)).toBe(1);
    } finally {
      await other.close();
    }

    expect((await t.api(`/api/blocked-numbers/${encodeURIComponent('+50436000009')}`, { method: 'DELETE', cookie: supervisor })).status).toBe(204);
    expect((await greeting('+50436000009')).some((h) => h.startsWith('Bienvenido a ALHO Voz'))).toBe(true);
    expect((await t.api(`/api/blocked-numbers/${encodeURIComponent('+50436000009')}`, { method: 'DELETE', cookie: supervisor })).status).toBe(404);
  });
});

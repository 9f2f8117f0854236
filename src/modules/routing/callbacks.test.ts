import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../../contracts/live-batch.js';
import type { OfferDto } from '../../contracts/events.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { parseTwiml } from '../../testing/twiml.parse.js';
import { DEMO_USERS } from '../auth/index.js';

let t: TestHotline;
let socket: Socket;
let agentId: string;
const offers: OfferDto[] = [];
const [, , agent] = DEMO_USERS;

beforeAll(async () => {
  t = await startTestHotline({ OFFER_TIMEOUT_S: '10', WRAP_UP_S: '0', CALLBACK_MAX_ATTEMPTS: '2', CALLBACK_RETRY_S: '1' });
  const cookie = await t.login();
  agentId = (await (await t.api('/api/auth/me', { cookie })).json()).user.id;
  socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  receiveBatches(socket);
  socket.on('offer.created', (o: OfferDto) => offers.push(o));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
});
afterAll(async () => {
  socket?.close();
  await t?.close();
});

describe('callbacks', () => {
  it('when a callback is accepted, then we call the caller through Twilio and put them through to that agent', async () => {
    const caller = await t.call({ from: '+50463000001', answers: [{ digits: '0' }], waitKeys: ['1'] });
    await socket.timeout(3000).emitWithAck('presence.set', { state: 'available' });
    const offer = await eventually(async () => offers.find((o) => o.callSid === caller.callSid));
    expect(offer.kind).toBe('callback');
    // Accepting places an outbound call: Prism checks the Calls create request against Twilio's description.
    expect(await socket.timeout(5000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const cb = (await t.sql.query('SELECT id, status, attempts FROM callbacks WHERE call_sid = $1', [caller.callSid])).rows[0];
    expect(cb).toMatchObject({ status: 'dialing', attempts: 1 });

    const q = new URLSearchParams({ cb: cb.id, agent: agentId, orig: caller.callSid, l: 'es' });
    const outbound = `CA${'7'.repeat(32)}`;
    const bridge = parseTwiml(await (await t.twilio(`/twilio/voice/callback-bridge?${q}`, { CallSid: outbound, CallStatus: 'in-progress' })).text());
    expect(bridge.children[0]?.text).toMatch(/^Le llamamos de ALHO Voz/);
    const client = bridge.children.find((v) => v.name === 'Dial')?.children[0];
    expect(client?.children.find((c) => c.name === 'Identity')?.text).toBe(`agent-${agentId}`);
    expect(client?.children.find((c) => c.name === 'Parameter')?.attrs).toEqual({ name: 'callSid', value: caller.callSid });
    await t.twilio(`/twilio/voice/connect-result?${new URLSearchParams({ agent: agentId, orig: caller.callSid, l: 'es' })}`, { CallSid: outbound, DialCallStatus: 'completed' });
    await t.twilio(`/twilio/voice/callback-status?${q}`, { CallSid: outbound, CallStatus: 'completed' });
    expect((await t.sql.query('SELECT status FROM callbacks WHERE id = $1', [cb.id])).rows[0].status).toBe('done');
  });

  it('when nobody answers the callback, then it is tried again later, and after the last attempt the case is flagged', async () => {
    const caller = await t.call({ from: '+50463000002', answers: [{ digits: '0' }], waitKeys: ['1'] });
    const cbId = async () => (await t.sql.query('SELECT id FROM callbacks WHERE call_sid = $1', [caller.callSid])).rows[0].id as string;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const offer = await eventually(async () => offers.filter((o) => o.callSid === caller.callSid)[attempt - 1], 8000);
      expect(await socket.timeout(5000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
      const q = new URLSearchParams({ cb: await cbId(), agent: agentId, orig: caller.callSid, l: 'es' });
      await t.twilio(`/twilio/voice/callback-status?${q}`, { CallSid: `CA${String(attempt).repeat(32)}`, CallStatus: 'no-answer' });
    }
    const c = await eventually(async () => {
      const row = (await t.sql.query('SELECT c.flags FROM cases c JOIN callbacks cb ON cb.case_id = c.id WHERE cb.call_sid = $1', [caller.callSid])).rows[0];
      return row?.flags.includes('callback_failed') ? row : undefined;
    });
    expect(c.flags).toContain('callback_failed');
    expect((await t.sql.query('SELECT status, attempts FROM callbacks WHERE call_sid = $1', [caller.callSid])).rows[0]).toEqual({ status: 'failed', attempts: 2 });
    const events = (await t.sql.query("SELECT kind FROM case_events e JOIN callbacks cb ON cb.case_id = e.case_id WHERE cb.call_sid = $1 AND kind LIKE 'callback.%' ORDER BY e.id", [caller.callSid])).rows.map((r) => r.kind);
    expect(events).toEqual(['callback.requested', 'callback.unanswered', 'callback.failed']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../../contracts/live-batch.js';
import type { OfferDto } from '../../contracts/events.js';
import type { AgentPresenceDto } from '../../contracts/rest.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { parseTwiml } from '../../testing/twiml.parse.js';
import { DEMO_USERS } from '../auth/index.js';

let t: TestHotline;
const sockets: Socket[] = [];
const [, supervisor, agent] = DEMO_USERS;

beforeAll(async () => {
  t = await startTestHotline({ OFFER_TIMEOUT_S: '1', WRAP_UP_S: '1' });
  // The supervisor takes English calls only, the agent Spanish only.
  await t.sql.query("UPDATE users SET languages = '{en}' WHERE email = $1", [supervisor.email]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

interface Console { socket: Socket; id: string; offers: OfferDto[]; expired: string[]; presence: AgentPresenceDto[] }

async function consoleOf(email: string, password: string): Promise<Console> {
  const cookie = await t.login(email, password);
  const id = (await (await t.api('/api/auth/me', { cookie })).json()).user.id as string;
  const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  receiveBatches(socket);
  sockets.push(socket);
  const c: Console = { socket, id, offers: [], expired: [], presence: [] };
  socket.on('offer.created', (o: OfferDto) => c.offers.push(o));
  socket.on('offer.expired', (e: { offerId: string; reason: string }) => c.expired.push(`${e.offerId}:${e.reason}`));
  socket.on('presence.changed', (p: AgentPresenceDto) => c.presence.push(p));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return c;
}
const setState = (c: Console, state: string, reason?: string) => c.socket.timeout(3000).emitWithAck('presence.set', { state, ...(reason ? { reason } : {}) });

describe('offers and connecting', () => {
  it('when an agent is available and a caller joins, then the offer carries the case; accepting takes the caller to the agent', async () => {
    const es = await consoleOf(agent.email, agent.password);
    expect(await setState(es, 'available')).toMatchObject({ ok: true });
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000001', answers: [{ digits: '2' }, { digits: '5' }], signal: hangUp.signal });

    const offer = await eventually(async () => es.offers[0]);
    expect(offer).toMatchObject({ category: 'FRAUDE', priority: 3, language: 'es', callerMasked: '•••• 0001', kind: 'call' });
    const accepted = await es.socket.timeout(5000).emitWithAck('offer.accept', { offerId: offer.offerId });
    expect(accepted).toMatchObject({ ok: true, data: { callSid: offer.callSid, caseId: offer.caseId } });
    // A second accept of the same offer finds nothing to take.
    expect(await es.socket.timeout(3000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const row = (await t.sql.query('SELECT status, agent_id FROM calls WHERE call_sid = $1', [offer.callSid])).rows[0];
    expect(row).toEqual({ status: 'connected', agent_id: es.id });
    const queue = await (await t.api('/api/queue', { cookie: await t.login() })).json();
    expect(queue.waiting.map((w: { callSid: string }) => w.callSid)).not.toContain(offer.callSid);
    await eventually(async () => es.presence.some((p) => p.state === 'on_call'));

    // Twilio follows the redirect: the caller is dialled through to the agent's softphone.
    const bridge = parseTwiml(await (await t.twilio(`/twilio/voice/connect?agent=${es.id}&l=es`, { CallSid: offer.callSid })).text());
    const client = bridge.children.find((v) => v.name === 'Dial')?.children[0];
    expect(client?.name).toBe('Client');
    expect(client?.children.find((c) => c.name === 'Identity')?.text).toBe(`agent-${es.id}`);
    expect(client?.children.find((c) => c.name === 'Parameter')?.attrs).toEqual({ name: 'callSid', value: offer.callSid });
    // The call ends; the agent wraps up, then is available again by the server's timer.
    await t.twilio(`/twilio/voice/connect-result?agent=${es.id}&l=es`, { CallSid: offer.callSid, DialCallStatus: 'completed' });
    await eventually(async () => es.presence.some((p) => p.state === 'wrap_up'));
    await eventually(async () => es.presence.at(-1)?.state === 'available', 5000);
    hangUp.abort();
    await call;
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'completed'", [offer.callSid])).rowCount);
  });

  it('when the caller speaks English, then only an English-speaking agent is offered the call', async () => {
    const es = await consoleOf(agent.email, agent.password);
    const en = await consoleOf(supervisor.email, supervisor.password);
    await setState(es, 'available');
    await setState(en, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+13050000002', answers: [{ digits: '7' }, { digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => en.offers[0]);
    expect(offer.language).toBe('en');
    await new Promise((r) => setTimeout(r, 200));
    expect(es.offers).toHaveLength(0);
    hangUp.abort();
    await call;
    await setState(es, 'offline');
    await setState(en, 'offline');
  });

  it('when an offer is not answered, then it goes to the next agent; two missed offers take an agent out of rotation', async () => {
    const es = await consoleOf(agent.email, agent.password);
    await setState(es, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000003', answers: [{ digits: '0' }], signal: hangUp.signal });
    const first = await eventually(async () => es.offers[0]);
    await eventually(async () => es.expired.includes(`${first.offerId}:timeout`), 5000);
    // The only Spanish agent gets it again after the expiry, misses it again, and goes on a break.
    const second = await eventually(async () => es.offers.find((o) => o.offerId !== first.offerId), 5000);
    expect(second.callSid).toBe(first.callSid);
    const out = await eventually(async () => es.presence.find((p) => p.state === 'break'), 5000);
    expect(out.reason).toBe('missed_offers');
    hangUp.abort();
    await call;
  });

  it('when an agent with an offer pending goes on a break, then the offer is withdrawn and goes to another agent at once', async () => {
    await t.sql.query("UPDATE users SET languages = '{es,en}' WHERE email = $1", [supervisor.email]);
    const first = await consoleOf(agent.email, agent.password);
    await setState(first, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000009', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => first.offers[0]);
    const second = await consoleOf(supervisor.email, supervisor.password);
    await setState(second, 'available');
    expect(await setState(first, 'break', 'almuerzo')).toMatchObject({ ok: true });
    await eventually(async () => first.expired.includes(`${offer.offerId}:withdrawn`));
    const moved = await eventually(async () => second.offers.find((o) => o.callSid === offer.callSid), 1500);
    expect(moved.offerId).not.toBe(offer.offerId);
    hangUp.abort();
    await call;
    await setState(second, 'offline');
    await setState(first, 'offline');
    await t.sql.query("UPDATE users SET languages = '{en}' WHERE email = $1", [supervisor.email]);
  });

  it('when the caller hangs up while being offered, then the card goes from the agent at once and they stay available', async () => {
    const es = await consoleOf(agent.email, agent.password);
    await setState(es, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000010', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => es.offers.find((o) => o.callerMasked === '•••• 0010'));
    hangUp.abort();
    await call;
    await eventually(async () => es.expired.includes(`${offer.offerId}:withdrawn`));
    expect(await es.socket.timeout(3000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: false });
    const agents = await (await t.api('/api/agents', { cookie: await t.login(supervisor.email, supervisor.password) })).json();
    expect(agents.agents.find((a: { agentId: string }) => a.agentId === es.id)).toMatchObject({ state: 'available' });
    await setState(es, 'offline');
  });

  it('when the agent\'s leg is not answered, then the caller goes back to the front of the queue and is offered again', async () => {
    const es = await consoleOf(agent.email, agent.password);
    const keep = new AbortController();
    const earlier = t.call({ from: '+50460000004', answers: [{ digits: '0' }], signal: keep.signal });
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE from_e164 = '+50460000004' AND status = 'queued'")).rowCount);
    const later = t.call({ from: '+50460000005', answers: [{ digits: '0' }], signal: keep.signal });
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE from_e164 = '+50460000005' AND status = 'queued'")).rowCount);
    await setState(es, 'available');
    const offer = await eventually(async () => es.offers[0]);
    expect(offer.callerMasked).toBe('•••• 0004');
    expect(await es.socket.timeout(5000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const back = await t.twilio(`/twilio/voice/connect-result?agent=${es.id}&l=es`, { CallSid: offer.callSid, DialCallStatus: 'no-answer' });
    const twiml = await back.text();
    expect(twiml).toContain('Usted vuelve al primer lugar de la fila.');
    expect(twiml).toContain('<Enqueue');
    const queue = await (await t.api('/api/queue', { cookie: await t.login() })).json();
    expect(queue.waiting[0]).toMatchObject({ callSid: offer.callSid, position: 1 });
    const again = await eventually(async () => es.offers.find((o) => o.offerId !== offer.offerId), 5000);
    expect(again.callSid).toBe(offer.callSid);
    keep.abort();
    await Promise.all([earlier, later]);
  });

  it('when an agent holds, transfers and the other hangs up, then the caller follows and the case travels with the call', async () => {
    await t.sql.query("UPDATE users SET languages = '{es,en}' WHERE email = $1", [supervisor.email]);
    const first = await consoleOf(agent.email, agent.password);
    const second = await consoleOf(supervisor.email, supervisor.password);
    const transferred: Array<{ callSid: string; caseId: string | null }> = [];
    second.socket.on('call.transferred', (e: { callSid: string; caseId: string | null }) => transferred.push(e));
    await setState(first, 'break', 'pausa');
    await setState(first, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000010', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => first.offers.find((o) => o.callerMasked === '•••• 0010'));
    expect(await first.socket.timeout(5000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });

    expect(await first.socket.timeout(5000).emitWithAck('call.hold', { callSid: offer.callSid, hold: true })).toMatchObject({ ok: true });
    const hold = await (await t.twilio(`/twilio/voice/hold?agent=${first.id}&l=es`, { CallSid: offer.callSid })).text();
    expect(hold).toMatch(/Le pondremos en espera.*<Play loop="0">/s);
    expect(await first.socket.timeout(5000).emitWithAck('call.hold', { callSid: offer.callSid, hold: false })).toMatchObject({ ok: true });
    // Only the agent on the call controls it.
    expect(await second.socket.timeout(5000).emitWithAck('call.hangup', { callSid: offer.callSid })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await setState(second, 'available');
    expect(await first.socket.timeout(5000).emitWithAck('call.transfer', { callSid: offer.callSid, toAgentId: second.id })).toMatchObject({ ok: true });
    await eventually(async () => transferred.find((e) => e.callSid === offer.callSid && e.caseId === offer.caseId));
    expect((await t.sql.query('SELECT agent_id FROM calls WHERE call_sid = $1', [offer.callSid])).rows[0].agent_id).toBe(second.id);
    await eventually(async () => first.presence.some((p) => p.state === 'wrap_up'));
    await eventually(async () => second.presence.some((p) => p.state === 'on_call'));

    expect(await second.socket.timeout(5000).emitWithAck('call.hangup', { callSid: offer.callSid })).toMatchObject({ ok: true });
    const bye = await (await t.twilio(`/twilio/voice/goodbye?agent=${second.id}&l=es`, { CallSid: offer.callSid })).text();
    expect(bye).toMatch(/Gracias por llamar a ALHO Voz.*<Hangup\/>/s);
    await eventually(async () => second.presence.some((p) => p.state === 'wrap_up'));
    hangUp.abort();
    await call;
    await setState(first, 'offline');
    await setState(second, 'offline');
    await t.sql.query("UPDATE users SET languages = '{en}' WHERE email = $1", [supervisor.email]);
  });

  it('when a console reconnects while its agent has an offer, then it learns its state and gets the offer again', async () => {
    const before = await consoleOf(agent.email, agent.password);
    await setState(before, 'available');
    const hangUp = new AbortController();
    const call = t.call({ from: '+50460000011', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => before.offers.find((o) => o.callerMasked === '•••• 0011'));
    before.socket.close();
    const after = await consoleOf(agent.email, agent.password);
    await eventually(async () => after.presence.find((p) => p.agentId === after.id && p.state === 'available'));
    expect(await eventually(async () => after.offers.find((o) => o.offerId === offer.offerId))).toMatchObject({ callSid: offer.callSid });
    hangUp.abort();
    await call;
    await setState(after, 'offline');
  });

  it('when an agent has a phone on file, then it rings with the softphone; colleagues free for a transfer are listed to agents', async () => {
    const adminCookie = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
    const created = await t.api('/api/users', {
      method: 'POST', cookie: adminCookie,
      body: JSON.stringify({
        email: 'movil@alhovoz.test', name: 'Agente Móvil', role: 'agent', password: 'a-long-password-123',
        languages: ['es', 'en'], interpreterLanguages: ['miq'], phone: '+50499112233',
      }),
    });
    expect(created.status).toBe(201);
    const mobileId = (await created.json()).user.id as string;
    const bridge = parseTwiml(await (await t.twilio(`/twilio/voice/connect?agent=${mobileId}&l=es`, { CallSid: `CA${'5'.repeat(32)}` })).text());
    const dial = bridge.children.find((v) => v.name === 'Dial');
    expect(dial?.children.map((c) => c.name)).toEqual(['Client', 'Number']);
    expect(dial?.children[1]?.text).toBe('+50499112233');

    const mobile = await consoleOf('movil@alhovoz.test', 'a-long-password-123');
    const es = await consoleOf(agent.email, agent.password);
    await setState(mobile, 'available');
    await setState(es, 'break', 'pausa');
    const list = await (await t.api('/api/agents/available', { cookie: await t.login() })).json();
    expect(list.agents.map((a: AgentPresenceDto) => a.name)).toEqual(['Agente Móvil']);
    expect(list.agents[0].languages).toEqual(['es', 'en', 'miq']);
    expect((await t.api('/api/agents/available', { cookie: adminCookie })).status).toBe(403);
    await setState(mobile, 'offline');
    await setState(es, 'offline');
  });

  it('when an agent takes only some case categories, then other callers are not offered to them', async () => {
    await t.sql.query("UPDATE users SET categories = '{DETENCION}' WHERE email = $1", [agent.email]);
    const es = await consoleOf(agent.email, agent.password);
    await setState(es, 'available');
    const hangUp = new AbortController();
    const fraud = t.call({ from: '+50460000021', answers: [{ digits: '2' }, { digits: '5' }], signal: hangUp.signal });
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE from_e164 = '+50460000021' AND status = 'queued'")).rowCount);
    const detention = t.call({ from: '+50460000022', answers: [{ digits: '1' }, { digits: '1' }, { digits: '2' }, { digits: '2' }], signal: hangUp.signal });
    const offer = await eventually(async () => es.offers.find((o) => o.callerMasked === '•••• 0022'));
    expect(offer.category).toBe('DETENCION');
    expect(es.offers.some((o) => o.callerMasked === '•••• 0021')).toBe(false);
    await es.socket.timeout(3000).emitWithAck('offer.decline', { offerId: offer.offerId });
    await setState(es, 'offline');
    hangUp.abort();
    await Promise.all([fraud, detention]);
    await t.sql.query("UPDATE users SET categories = '{}' WHERE email = $1", [agent.email]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../../contracts/live-batch.js';
import type { OfferDto } from '../../contracts/events.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import type { Answer } from '../../testing/call-simulator.js';
import { DEMO_USERS } from '../auth/index.js';

/**
 * Two api processes (each with its workers) behind one Redis and one PostgreSQL, ten agents split
 * between them, fifty callers: offers and accepts race for real.
 */
let a: TestHotline;
let b: TestHotline;
const sockets: Socket[] = [];
const [admin] = DEMO_USERS;

beforeAll(async () => {
  a = await startTestHotline({ OFFER_TIMEOUT_S: '2', WRAP_UP_S: '0' });
  b = await startTestHotline({ OFFER_TIMEOUT_S: '2', WRAP_UP_S: '0' }, { sameAs: a });
  const adminCookie = await a.login(admin.email, admin.password);
  for (let i = 0; i < 10; i++) {
    const res = await a.api('/api/users', {
      method: 'POST', cookie: adminCookie,
      body: JSON.stringify({ email: `agente${i}@alhovoz.test`, name: `Agente ${i}`, role: 'agent', password: 'a-long-password-123' }),
    });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await b?.close();
  await a?.close();
});

interface Agent { socket: Socket; id: string; offers: OfferDto[] }

async function agentOn(t: TestHotline, i: number): Promise<Agent> {
  const cookie = await t.login(`agente${i}@alhovoz.test`, 'a-long-password-123');
  const id = (await (await t.api('/api/auth/me', { cookie })).json()).user.id as string;
  const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  receiveBatches(socket);
  sockets.push(socket);
  const agent: Agent = { socket, id, offers: [] };
  socket.on('offer.created', (o: OfferDto) => agent.offers.push(o));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return agent;
}

const PATHS: Array<{ answers: Answer[]; priority: number }> = [
  { answers: [{ digits: '1' }, { digits: '1' }, { digits: '1' }], priority: 1 },
  { answers: [{ digits: '1' }, { digits: '1' }, { digits: '2' }, { digits: '2' }], priority: 2 },
  { answers: [{ digits: '0' }], priority: 3 },
  { answers: [{ digits: '5' }, { digits: '2' }], priority: 4 },
];

describe('routing under races, with two api processes', () => {
  it('when 50 callers wait and 10 agents accept at once, then each caller is connected exactly once, in priority order', async () => {
    const hangUp = new AbortController();
    const calls = Array.from({ length: 50 }, (_, i) => {
      const t = i % 2 ? a : b;
      const kind = PATHS[i % PATHS.length] as (typeof PATHS)[number];
      return t.call({ from: `+5046100${String(i).padStart(4, '0')}`, answers: kind.answers, signal: hangUp.signal });
    });
    await eventually(async () => Number((await a.sql.query("SELECT count(*) FROM calls WHERE status = 'queued'")).rows[0].count) === 50, 20_000);

    const agents = await Promise.all(Array.from({ length: 10 }, (_, i) => agentOn(i % 2 ? a : b, i)));
    const accepted = new Map<string, string[]>();
    const offerOrder: OfferDto[] = [];
    for (const agent of agents) {
      agent.socket.on('offer.created', async (offer: OfferDto) => {
        offerOrder.push(offer);
        const res = await agent.socket.timeout(10_000).emitWithAck('offer.accept', { offerId: offer.offerId });
        if (!res.ok) return;
        accepted.set(offer.callSid, [...(accepted.get(offer.callSid) ?? []), agent.id]);
        // Twilio reports the agent leg over: wrap-up (0 s here) and the agent is offered the next caller.
        const t = agents.indexOf(agent) % 2 ? a : b;
        await t.twilio(`/twilio/voice/connect-result?agent=${agent.id}&l=es`, { CallSid: offer.callSid, DialCallStatus: 'completed' });
      });
    }
    await Promise.all(agents.map((agent) => agent.socket.timeout(5000).emitWithAck('presence.set', { state: 'available' })));

    await eventually(async () => accepted.size === 50, 60_000, 100);
    for (const [callSid, by] of accepted) expect(by, callSid).toHaveLength(1);
    const rows = (await a.sql.query('SELECT call_sid, agent_id FROM calls WHERE agent_id IS NOT NULL')).rows;
    expect(rows).toHaveLength(50);
    for (const r of rows) expect(accepted.get(r.call_sid)).toEqual([r.agent_id]);

    // Callers are offered highest priority first: in the order offers were made (their expiry, set at
    // creation, tells it; events reach the consoles in a looser order), priorities never go back up.
    const firstOffers = offerOrder
      .filter((o, i) => offerOrder.findIndex((x) => x.callSid === o.callSid) === i)
      // Within one millisecond the order is unknowable: only there does priority break the tie.
      .sort((x, y) => Date.parse(x.expiresAt) - Date.parse(y.expiresAt) || x.priority - y.priority);
    const priorities = firstOffers.map((o) => o.priority);
    expect(priorities).toEqual([...priorities].sort((x, y) => x - y));
    hangUp.abort();
    await Promise.all(calls);
    await Promise.all(agents.map((agent) => agent.socket.timeout(5000).emitWithAck('presence.set', { state: 'offline' })));
    for (const agent of agents) agent.socket.close();
  }, 120_000);

  it('when another agent comes free while an accepted caller is being taken off the queue, then that caller is not offered to them', async () => {
    const taker = await agentOn(a, 2);
    const other = await agentOn(a, 3);
    const hangUp = new AbortController();
    const call = a.call({ from: '+50462000002', answers: [{ digits: '0' }], signal: hangUp.signal });
    await taker.socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
    const offer = await eventually(async () => taker.offers[0], 10_000);

    // The other agent comes free in the middle of the accept, as the caller leaves the waiting set.
    const waiting = a.hotline.rt.waiting;
    const remove = waiting.remove.bind(waiting);
    waiting.remove = async (callSid: string) => {
      if (callSid === offer.callSid) {
        await other.socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
        await new Promise((r) => setTimeout(r, 300));
      }
      return remove(callSid);
    };
    try {
      expect(await taker.socket.timeout(10_000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    } finally {
      waiting.remove = remove;
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(other.offers.map((o) => o.callSid)).not.toContain(offer.callSid);
    hangUp.abort();
    await call;
    for (const agent of [taker, other]) await agent.socket.timeout(5000).emitWithAck('presence.set', { state: 'offline' });
  }, 60_000);

  it('when the api process holding an offer dies, then the offer expires and the caller reaches an agent on the other', async () => {
    const third = await startTestHotline({ OFFER_TIMEOUT_S: '2', WRAP_UP_S: '0' }, { sameAs: a });
    const doomed = await agentOn(third, 0);
    await doomed.socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
    const hangUp = new AbortController();
    const call = a.call({ from: '+50462000001', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => doomed.offers[0], 10_000);
    await third.close(); // the process and its sockets are gone, the offer is still in Redis
    const survivor = await agentOn(a, 1);
    await survivor.socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
    const again = await eventually(async () => survivor.offers.find((o) => o.callSid === offer.callSid), 15_000);
    expect(await survivor.socket.timeout(10_000).emitWithAck('offer.accept', { offerId: again.offerId })).toMatchObject({ ok: true });
    hangUp.abort();
    await call;
  }, 60_000);
});

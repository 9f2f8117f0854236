import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferDto } from '../../contracts/events.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { startDisposableRedis, type DisposableRedis } from '../../testing/disposable-redis.js';
import type { SimEvent, SimulationResult } from '../../testing/call-simulator.js';
import { DEMO_USERS } from '../auth/index.js';

/**
 * Redis restarted under a working hotline: its own Redis with the append-only file, stopped with
 * callers waiting and deadlines pending, calls arriving and ending while it is away, then back.
 */
let redis: DisposableRedis;
let t: TestHotline;
let supervisor: string;
beforeAll(async () => {
  redis = await startDisposableRedis();
  t = await startTestHotline({ REDIS_URL: redis.url, OFFER_TIMEOUT_S: '30' });
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await redis?.close();
});

const waitingSids = async (): Promise<string[]> =>
  ((await (await t.api('/api/queue', { cookie: supervisor })).json()) as { waiting: { callSid: string }[] }).waiting.map((w) => w.callSid);
const saidWhileWaiting = (events: SimEvent[]) => events.filter((e) => e.kind === 'say' && e.whileWaiting).map((e) => (e as { text: string }).text);
const APOLOGY = 'Lo sentimos, tenemos un problema técnico en este momento.';

describe('a Redis restart', () => {
  it('when Redis restarts with callers waiting, deadlines pending and calls coming and going, then nobody and nothing is lost, and nobody gone is kept', async () => {
    const hangUp = new AbortController();
    const events: Record<string, SimEvent[]> = { first: [], second: [], during: [] };
    const calls: Promise<SimulationResult>[] = [];
    const leavesDuringOutage = new AbortController();
    const wait = (from: string, name: string, signal = hangUp.signal) =>
      calls.push(t.call({ from, answers: [{ digits: '0' }], signal, onEvent: (e) => events[name]?.push(e) }));

    wait('+50431000001', 'first');
    await eventually(async () => (await waitingSids()).length === 1);
    wait('+50431000002', 'second', leavesDuringOutage.signal);
    await eventually(async () => (await waitingSids()).length === 2);
    const before = await waitingSids();

    // A case escalated to a consulate: its deadlines are delayed jobs in Redis.
    const caseId = (await t.sql.query('SELECT case_id FROM calls ORDER BY started_at LIMIT 1')).rows[0].case_id as string;
    const agent = await t.login();
    const patched = await t.api(`/api/cases/${caseId}`, {
      method: 'PATCH', cookie: agent,
      body: JSON.stringify({ version: 0, category: 'DETENCION', consent: { consulate: true, hostAuthorities: false }, situation: { country: 'MX', state: 'Chiapas' } }),
    });
    expect(patched.status).toBe(200);
    const escalated = await t.api(`/api/cases/${caseId}/escalations`, { method: 'POST', cookie: agent, body: JSON.stringify({ officeId: 'mx-tapachula', sendIncomplete: true }) });
    expect(escalated.status).toBe(201);
    const deadlines = t.hotline.rt.queues.raw('escalationDeadlines');
    const delayedBefore = (await deadlines.getDelayed()).map((j) => j.id).sort();
    expect(delayedBefore.length).toBeGreaterThan(0);

    await redis.stop();

    // While Redis is away: a new caller asks for a person, one who waited hangs up, and another calls and hangs up.
    wait('+50431000003', 'during');
    leavesDuringOutage.abort();
    const gone = await t.call({ from: '+50431000004', answers: [{ digits: '0' }], hangupAfterMs: 500 });
    expect(gone.enqueued).toBe(true);
    await eventually(async () => saidWhileWaiting(events.during ?? []).includes(APOLOGY), 10_000);
    await eventually(async () => saidWhileWaiting(events.first ?? []).includes(APOLOGY), 10_000);
    const during = (await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = '+50431000003'")).rows[0].call_sid as string;
    expect((await t.sql.query('SELECT status FROM calls WHERE call_sid = $1', [during])).rows[0].status).toBe('queued');
    for (const sid of [gone.callSid, before[1]]) {
      await eventually(async () => (await t.sql.query('SELECT status FROM calls WHERE call_sid = $1', [sid])).rows[0].status === 'abandoned', 10_000);
    }

    await redis.start();

    // The first kept their place, the caller of the outage joined behind, those who hung up are gone.
    expect(await eventually(async () => {
      const now = await waitingSids().catch((): string[] => []);
      return now.length === 2 && now.includes(during) ? now : undefined;
    }, 20_000)).toEqual([before[0], during]);
    expect((await deadlines.getDelayed()).map((j) => j.id).sort()).toEqual(delayedBefore);
    expect(t.logs.some((l) => l.includes('"msg":"waiting set reconciled with the database"') && l.includes('"added":1') && l.includes('"removed":1'))).toBe(true);

    // And routing works again: the first caller is offered to the agent who comes free.
    const { socket, seen } = await t.socket(agent);
    await socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
    const offer = await eventually(async () => seen.find((e) => e.event === 'offer.created')?.data as OfferDto | undefined, 10_000);
    expect(offer.callSid).toBe(before[0]);

    hangUp.abort();
    await Promise.all(calls);
  }, 90_000);
});

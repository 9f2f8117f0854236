import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { OfferDto } from '../contracts/events.js';
import { connectConsole, eventually, startTestHotline, type TestHotline } from '../testing/harness.js';
import { startApiProcess, type ApiProcess } from '../testing/api-process.js';
import { newCallSid } from '../testing/call-simulator.js';
import { computeSignature } from '../platform/twilio/signature.js';
import { CSRF_HEADER, CSRF_VALUE, DEMO_USERS } from '../modules/auth/index.js';

/**
 * An api process killed (SIGKILL: no goodbye) in the middle of its work, with a surviving process
 * and the worker carrying on. Twilio then asks the fallback URL; the console tries again elsewhere.
 */
const REPAIR = { REPAIR_EVERY_S: '2' };
let t: TestHotline;
const doomed: ApiProcess[] = [];
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestHotline({ ...REPAIR, OFFER_TIMEOUT_S: '3', WRAP_UP_S: '0' });
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(doomed.map((p) => p.kill()));
  await t?.close();
});

const params = (CallSid: string, i: number) => ({ CallSid, AccountSid: 'AC00000000000000000000000000000000', From: `+5043500${String(i).padStart(4, '0')}`, To: '+15005550006', CallStatus: 'in-progress' });
const webhook = (baseUrl: string, path: string, body: Record<string, string>) =>
  fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': computeSignature(t.config.twilio.authToken, t.config.publicBaseUrl + path, body) },
    body: new URLSearchParams(body).toString(),
  });

/** Starts `send(i)` every few milliseconds and kills the process once the first has been answered. */
async function killDuring<T>(victim: ApiProcess, count: number, send: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const sent: Promise<PromiseSettledResult<T>>[] = [];
  const stream = (async () => {
    for (let i = 0; i < count; i++) {
      sent.push(send(i).then((value) => ({ status: 'fulfilled', value }), (reason: unknown) => ({ status: 'rejected', reason })));
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
  })();
  await sent[0];
  await victim.kill();
  await stream;
  return Promise.all(sent);
}

describe('an api process killed mid-work', () => {
  it('when it dies while callers are being queued, then those it never answered hear the fallback and every queued caller is in the waiting set', async () => {
    const victim = await startApiProcess(t, REPAIR);
    doomed.push(victim);
    const sids = Array.from({ length: 30 }, () => newCallSid());
    for (const [i, sid] of sids.entries()) expect((await webhook(victim.baseUrl, '/twilio/voice', params(sid, i))).status).toBe(200);

    const answers = await killDuring(victim, sids.length, (i) => webhook(victim.baseUrl, '/twilio/voice/menu?n=main&l=es', { ...params(sids[i] as string, i), Digits: '0' }));
    const lost = answers.flatMap((a, i) => (a.status === 'rejected' ? [i] : []));
    expect(lost.length).toBeGreaterThan(0);
    // What Twilio does when the primary URL fails: the fallback URL, on a process that is alive.
    for (const i of lost) {
      const fallback = await webhook(t.baseUrl, '/twilio/voice/fallback', params(sids[i] as string, i));
      expect(fallback.status).toBe(200);
      expect(await fallback.text()).toMatch(/<Say[^>]*>Lo sentimos.*<Record/s);
    }

    const queued = (await t.sql.query("SELECT call_sid FROM calls WHERE call_sid = ANY($1) AND status = 'queued'", [sids])).rows.map((r) => r.call_sid as string);
    expect(queued.length).toBeGreaterThan(0);
    const waiting = await eventually(async () => {
      const set = new Set(await t.hotline.rt.waiting.callSids());
      return queued.every((sid) => set.has(sid)) ? set : undefined;
    }, 15_000);
    expect([...waiting].filter((sid) => sids.includes(sid)).sort()).toEqual([...queued].sort());
    const halfCases = await t.sql.query("SELECT count(*)::int AS n FROM cases WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'case.opened')");
    expect(halfCases.rows[0].n).toBe(0);
  }, 120_000);

  it('when it dies while agents escalate, then the console tries again elsewhere, each case is escalated once and every delivery and deadline is queued', async () => {
    const agent = await t.login();
    const caseIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const call = await t.call({ from: `+5043600${String(i).padStart(4, '0')}`, answers: [{ digits: '0' }], hangupAfterMs: 0 });
      const id = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
      const res = await t.api(`/api/cases/${id}`, {
        method: 'PATCH', cookie: agent,
        body: JSON.stringify({ version: 0, category: 'DETENCION', consent: { consulate: true, hostAuthorities: false }, situation: { country: 'MX', state: 'Chiapas' } }),
      });
      expect(res.status).toBe(200);
      caseIds.push(id);
    }
    const victim = await startApiProcess(t, REPAIR);
    doomed.push(victim);
    const escalate = (baseUrl: string, id: string) =>
      fetch(`${baseUrl}/api/cases/${id}/escalations`, {
        method: 'POST',
        headers: { cookie: agent, 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
        body: JSON.stringify({ officeId: 'mx-tapachula', sendIncomplete: true }),
      });
    const first = await killDuring(victim, caseIds.length, (i) => escalate(victim.baseUrl, caseIds[i] as string));
    for (const [i, outcome] of first.entries()) {
      // Answered before the kill: escalated (ten at once must not starve the process's connections).
      if (outcome.status === 'fulfilled') {
        expect(outcome.value.status).toBe(201);
        continue;
      }
      // The agent's console saw no answer and sends again, now to the process that is alive.
      expect([201, 409]).toContain((await escalate(t.baseUrl, caseIds[i] as string)).status);
    }

    const perCase = await t.sql.query('SELECT case_id, count(*)::int AS n FROM escalations WHERE case_id = ANY($1) GROUP BY case_id', [caseIds]);
    expect(perCase.rows.map((r) => r.n)).toEqual(Array(caseIds.length).fill(1));
    // Whatever the killed process wrote but never queued (deliveries, deadlines) the worker's repair run queues.
    const escalations = (await t.sql.query('SELECT id FROM escalations WHERE case_id = ANY($1)', [caseIds])).rows.map((r) => r.id as string);
    await eventually(async () => {
      const pending = await t.sql.query("SELECT count(*)::int AS n FROM escalation_deliveries WHERE status = 'pending' AND escalation_id = ANY($1)", [escalations]);
      const delayed = (await t.hotline.rt.queues.raw('escalationDeadlines').getDelayed()).map((j) => j.id ?? '');
      return pending.rows[0].n === 0 && escalations.every((id) => delayed.some((jobId) => jobId.startsWith(`esc-${id}-`)));
    }, 20_000);
  }, 120_000);

  it('when it dies holding an offer, then the offer expires and the caller is offered to an agent on the surviving process', async () => {
    const admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
    for (const n of [1, 2]) {
      const res = await t.api('/api/users', { method: 'POST', cookie: admin, body: JSON.stringify({ email: `muerte${n}@alhovoz.test`, name: `Agente ${n}`, role: 'agent', password: 'a-long-password-123' }) });
      expect(res.status).toBe(201);
    }
    const agentOn = async (baseUrl: string, n: number) => {
      const cookie = await t.login(`muerte${n}@alhovoz.test`, 'a-long-password-123');
      const { socket, seen } = await connectConsole(baseUrl, cookie);
      sockets.push(socket);
      await socket.timeout(5000).emitWithAck('presence.set', { state: 'available' });
      const offers = () => seen.filter((e) => e.event === 'offer.created').map((e) => e.data as OfferDto);
      return { socket, offers };
    };
    // Nobody else may take the offer: the callers of the tests before hang up first.
    const stillQueued = await t.sql.query("SELECT call_sid, from_e164 FROM calls WHERE status = 'queued'");
    for (const { call_sid: CallSid, from_e164: From } of stillQueued.rows) {
      await webhook(t.baseUrl, '/twilio/voice/status', { CallSid, From, To: '+15005550006', AccountSid: 'AC00000000000000000000000000000000', CallStatus: 'completed', CallDuration: '60' });
    }
    await eventually(async () => (await t.hotline.rt.waiting.callSids()).length === 0);

    const victim = await startApiProcess(t, REPAIR);
    doomed.push(victim);
    const onVictim = await agentOn(victim.baseUrl, 1);
    const hangUp = new AbortController();
    const call = t.call({ from: '+50437000001', answers: [{ digits: '0' }], signal: hangUp.signal });
    const offer = await eventually(async () => onVictim.offers()[0], 10_000);
    await victim.kill();

    const survivor = await agentOn(t.baseUrl, 2);
    const again = await eventually(async () => survivor.offers().find((o) => o.callSid === offer.callSid), 20_000);
    expect(await survivor.socket.timeout(10_000).emitWithAck('offer.accept', { offerId: again.offerId })).toMatchObject({ ok: true });
    expect((await t.sql.query('SELECT status, agent_id IS NOT NULL AS has_agent FROM calls WHERE call_sid = $1', [offer.callSid])).rows[0]).toEqual({ status: 'connected', has_agent: true });
    hangUp.abort();
    await call;
  }, 120_000);
});

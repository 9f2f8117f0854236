import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connectConsole, eventually, startTestHotline, type TestHotline } from '../testing/harness.js';
import { startApiProcess, type ApiProcess } from '../testing/api-process.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.js';
import { newCallSid } from '../testing/call-simulator.js';
import { computeSignature } from '../platform/twilio/signature.js';
import { CSRF_HEADER, CSRF_VALUE, DEMO_USERS } from '../modules/auth/index.js';

/**
 * Two api processes as production runs them (their own OS processes) and a worker, behind one
 * Redis and one PostgreSQL, with a load balancer in front.
 */
// Short for the test; the load balancer checks readiness every 100 ms.
const DRAIN = { SHUTDOWN_DRAIN_MS: '1000' };
let t: TestHotline;
const processes: ApiProcess[] = [];
let proxy: RoundRobinProxy;
beforeAll(async () => {
  t = await startTestHotline();
  processes.push(...(await Promise.all([startApiProcess(t, DRAIN), startApiProcess(t, DRAIN)])));
  proxy = await startRoundRobinProxy(processes.map((p) => p.port));
}, 120_000);
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  await proxy?.close();
  await Promise.all(processes.map((p) => p.kill()));
  await t?.close();
});

const webhook = async (baseUrl: string, path: string, params: Record<string, string>) => {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': computeSignature(t.config.twilio.authToken, t.config.publicBaseUrl + path, params) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
};

/** A console connected to one given process, noting every event it receives. */
async function consoleOn(baseUrl: string, cookie: string): Promise<{ event: string; data: unknown }[]> {
  const { socket, seen } = await connectConsole(baseUrl, cookie);
  sockets.push(socket);
  return seen;
}

describe('two api processes and a worker', () => {
  it('when a call comes through one process, its case is changed on the other and the worker ends it, then consoles on both see every event', async () => {
    const supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
    const [onA, onB] = [await consoleOn((processes[0] as ApiProcess).baseUrl, supervisor), await consoleOn((processes[1] as ApiProcess).baseUrl, supervisor)];
    const CallSid = newCallSid();
    const params = { CallSid, AccountSid: 'AC00000000000000000000000000000000', From: '+50433990001', To: '+15005550006', CallStatus: 'in-progress' };
    const a = (processes[0] as ApiProcess).baseUrl;
    expect((await webhook(a, '/twilio/voice', params)).status).toBe(200);
    expect((await webhook(a, '/twilio/voice/menu?n=main&l=es', { ...params, Digits: '0' })).body).toContain('<Enqueue');
    const caseId = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [CallSid])).rows[0].case_id as string;

    const patched = await fetch(`${(processes[1] as ApiProcess).baseUrl}/api/cases/${caseId}`, {
      method: 'PATCH',
      headers: { cookie: supervisor, 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
      body: JSON.stringify({ version: 0, narrative: 'Llamó desde la estación migratoria.' }),
    });
    expect(patched.status).toBe(200);
    // The status callback reaches process B; the worker ends the call and publishes that it left.
    expect((await webhook((processes[1] as ApiProcess).baseUrl, '/twilio/voice/status', { ...params, CallStatus: 'completed', CallDuration: '40' })).status).toBe(200);

    const expected = (seen: { event: string; data: unknown }[]) => ({
      created: seen.some((e) => e.event === 'case.created' && (e.data as { id: string }).id === caseId),
      joined: seen.some((e) => e.event === 'queue.changed' && (e.data as { kind: string; call?: { callSid: string } }).call?.callSid === CallSid),
      updated: seen.some((e) => e.event === 'case.updated' && (e.data as { id: string }).id === caseId),
      left: seen.some((e) => e.event === 'queue.changed' && (e.data as { kind: string; callSid?: string }).kind === 'left' && (e.data as { callSid: string }).callSid === CallSid),
    });
    const all = { created: true, joined: true, updated: true, left: true };
    await eventually(async () => JSON.stringify(expected(onA)) === JSON.stringify(all) && JSON.stringify(expected(onB)) === JSON.stringify(all), 10_000).catch(() => undefined);
    expect({ a: expected(onA), b: expected(onB) }).toEqual({ a: all, b: all });
  }, 60_000);

  it('when both api processes are restarted one after the other under load, then every webhook is answered and every case is whole', async () => {
    let running = true;
    const outcomes: Array<{ status: number; twiml: boolean }> = [];
    const callSids: string[] = [];
    const caller = async (n: number) => {
      for (let i = 0; running; i++) {
        const CallSid = newCallSid();
        callSids.push(CallSid);
        const params = { CallSid, AccountSid: 'AC00000000000000000000000000000000', From: `+504330${String(n).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`, To: '+15005550006', CallStatus: 'in-progress' };
        for (const [path, extra] of [['/twilio/voice', {}], ['/twilio/voice/menu?n=main&l=es', { Digits: '0' }]] as const) {
          const r = await webhook(proxy.baseUrl, path, { ...params, ...extra });
          outcomes.push({ status: r.status, twiml: /<Response>.*<(Gather|Enqueue)/s.test(r.body) });
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, n) => caller(n)));

    await eventually(async () => outcomes.length >= 50, 30_000);
    for (const index of [0, 1]) {
      const before = outcomes.length;
      const old = processes[index] as ApiProcess;
      expect(await old.terminate()).toBe(0);
      expect(old.output.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
      const fresh = await startApiProcess(t, DRAIN);
      processes[index] = fresh;
      proxy.upstreams[index] = fresh.port;
      // Work went on through the other process while this one restarted.
      expect(outcomes.length).toBeGreaterThan(before);
    }
    await eventually(async () => outcomes.length >= 50 + 50, 30_000);
    running = false;
    await load;

    expect(outcomes.filter((o) => o.status !== 200 || !o.twiml)).toEqual([]);
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS calls, count(*) FILTER (WHERE status = 'queued' AND case_id IS NOT NULL)::int AS queued
         FROM calls WHERE call_sid = ANY($1)`,
      [callSids],
    );
    expect(rows[0]).toEqual({ calls: callSids.length, queued: callSids.length });
  }, 240_000);
});

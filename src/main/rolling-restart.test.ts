import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHotline, type TestHotline } from '../testing/harness.js';
import { startApiProcess, type ApiProcess } from '../testing/api-process.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.js';
import { newCallSid } from '../testing/call-simulator.js';
import { computeSignature } from '../platform/twilio/signature.js';

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
afterAll(async () => {
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

describe('two api processes and a worker', () => {
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

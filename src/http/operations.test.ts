import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, eventually, type TestHotline } from '../testing/harness.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

describe('operations', () => {
  it('when probed, then /healthz, /readyz and /metrics answer', async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${t.baseUrl}/readyz`)).json()).toEqual({ ok: true, checks: { postgres: true, redis: true } });
    await t.call({ from: '+50412340000', answers: [{ digits: '9' }, { hangup: true }] });
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{[^}]*group="\/twilio\/voice\/menu"/);
    expect(metrics).toMatch(/process_resident_memory_bytes/);
  });

  it('when calls with numbers and names go through, then no phone number reaches the logs', async () => {
    const from = '+50498761234';
    const result = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 100 });
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'abandoned'", [result.callSid])).rowCount);
    await t.login();
    const all = t.logs.join('\n');
    expect(all).toContain(result.callSid);
    expect(all).not.toContain('98761234');
    expect(all).not.toContain('agente@alhovoz.test');
    expect(all).not.toMatch(/AlhoVoz-Agente/);
    // Every request line carries a request id.
    const requestLines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThan(3);
    for (const l of requestLines) expect(l.req.id).toMatch(/^[\w-]+$/);
  });

  it('when the console is asked for, then the built app is served under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${t.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' wss:\/\/\*\.twilio\.com https:\/\/eventgw\.twilio\.com/);
    expect((await fetch(`${t.baseUrl}/casos/123`)).status).toBe(200);
  });
});

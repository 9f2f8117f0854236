import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { startDisposablePostgres, type DisposablePostgres } from '../../testing/disposable-postgres.js';
import { newCallSid } from '../../testing/call-simulator.js';

/**
 * PostgreSQL restarted under a working hotline (its own server, stopped as a restart or failover
 * stops it): callers still hear something, requests fail cleanly, no case is half-written, and the
 * same processes carry on when it is back.
 */
let pg: DisposablePostgres;
let t: TestHotline;
beforeAll(async () => {
  pg = await startDisposablePostgres();
  t = await startTestHotline({ DATABASE_URL: pg.url });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await pg?.close();
});

const APOLOGY = 'Lo sentimos, tenemos un problema técnico en este momento.';
const callParams = (callSid: string, i: number) => ({ CallSid: callSid, AccountSid: 'AC00000000000000000000000000000000', From: `+5043200${String(i).padStart(4, '0')}`, To: '+15005550006', CallStatus: 'in-progress' });

async function consistency() {
  const q = async (sql: string) => Number((await t.sql.query(sql)).rows[0].n);
  return {
    casesWithoutCall: await q('SELECT count(*) AS n FROM cases WHERE NOT EXISTS (SELECT 1 FROM calls WHERE calls.case_id = cases.id)'),
    casesWithoutOpening: await q("SELECT count(*) AS n FROM cases WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'case.opened')"),
    queuedWithoutCase: await q("SELECT count(*) AS n FROM calls WHERE status = 'queued' AND case_id IS NULL"),
  };
}

describe('a PostgreSQL restart', () => {
  it('when PostgreSQL stops while cases are being opened, then every caller hears TwiML, no case is half-written, and the same processes recover', async () => {
    const agent = await t.login();
    const sids = Array.from({ length: 24 }, () => newCallSid());
    for (const [i, sid] of sids.entries()) expect((await t.twilio('/twilio/voice', callParams(sid, i))).status).toBe(200);

    // Callers asking for a person, one every few milliseconds, while the database goes: the first are
    // answered, some transactions are cut mid-way, the last find no database.
    const ask = (sid: string, i: number) => t.twilio('/twilio/voice/menu?n=main&l=es', { ...callParams(sid, i), Digits: '0' }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const answers: Promise<{ status: number; body: string }>[] = [];
    const stream = (async () => {
      for (const [i, sid] of sids.entries()) {
        answers.push(ask(sid, i));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await answers[0];
    await pg.stop();
    await stream;
    for (const answer of await Promise.all(answers)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/<Enqueue|<Say[^>]*>Lo sentimos/);
    }

    // While it is down: a new caller hears the apology, the console gets a clean 503.
    const greeting = await t.twilio('/twilio/voice', callParams(newCallSid(), 99));
    expect(greeting.status).toBe(200);
    expect(await greeting.text()).toContain(APOLOGY);
    const refused = await t.api('/api/cases', { cookie: agent });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'unavailable', message: expect.any(String) } });

    await pg.start();

    // The same processes, the same session: the console and the phone line work again.
    const back = await t.api('/api/cases', { cookie: agent });
    expect(back.status).toBe(200);
    expect(await consistency()).toEqual({ casesWithoutCall: 0, casesWithoutOpening: 0, queuedWithoutCase: 0 });
    const opened = Number((await t.sql.query('SELECT count(*) AS n FROM calls WHERE call_sid = ANY($1) AND case_id IS NOT NULL', [sids])).rows[0].n);
    const cases = Number((await t.sql.query('SELECT count(DISTINCT case_id) AS n FROM calls WHERE call_sid = ANY($1)', [sids])).rows[0].n);
    expect(cases).toBe(opened);
    expect(opened).toBeGreaterThan(0);
    const after = await t.call({ from: '+50432009999', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(after.enqueued).toBe(true);
  }, 90_000);
});

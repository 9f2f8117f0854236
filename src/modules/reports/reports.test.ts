import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../contracts/domain.js';
import { HN_DEPARTMENTS, SEXES } from '../../contracts/case-fields.js';
import { DEMO_USERS } from '../auth/index.js';
import { generateCases } from '../../testing/case-generator.js';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { suppress } from './open-data.js';

let t: TestHotline;
let supervisor: string;

beforeAll(async () => {
  t = await startTestHotline();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
});
afterAll(async () => t?.close());

const get = async (path: string, cookie = supervisor) => {
  const res = await t.api(path, { cookie });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};
let seq = 900_000;
async function insertCase(category: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = crypto.randomUUID();
  seq += 1;
  const columns = { id, seq, number: `AV-2026-${seq}`, category, priority: 3, language: 'es', created_at: '2026-11-02T15:00:00Z', ...extra };
  await t.sql.query(`INSERT INTO cases (${Object.keys(columns).join(', ')}) VALUES (${Object.keys(columns).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(columns));
  return id;
}
let callNo = 0;
/** A call on 2026-11-02, Honduras time (UTC-6), with its wait and what became of it. */
async function insertCall(c: { enqueued?: boolean; waitS?: number; answered?: boolean; talkS?: number; status: string; outcome?: string; caseId?: string; day?: string }) {
  callNo += 1;
  const start = new Date(`${c.day ?? '2026-11-02'}T15:00:00Z`).getTime() + callNo * 1000;
  const enq = c.enqueued === false ? null : new Date(start + 20_000);
  const answered = c.answered && enq ? new Date(enq.getTime() + (c.waitS ?? 0) * 1000) : null;
  const ended = answered ? new Date(answered.getTime() + (c.talkS ?? 0) * 1000) : new Date(start + 60_000);
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, started_at, enqueued_at, answered_at, ended_at, queue_wait_s, case_id)
     VALUES ($1, 'withheld', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [`CA${String(callNo).padStart(32, '0')}`, c.status, c.outcome ?? null, new Date(start), enq, answered, ended, enq ? (c.waitS ?? null) : null, c.caseId ?? null],
  );
}

describe('a hand-checkable day', () => {
  beforeAll(async () => {
    const nonData = await insertCase('ESCUCHA', { non_data: 'test' });
    await insertCall({ status: 'completed', waitS: 30, answered: true, talkS: 300 }); // answered within T
    await insertCall({ status: 'completed', waitS: 90, answered: true, talkS: 120 }); // answered late
    await insertCall({ status: 'abandoned', waitS: 5 }); // short abandon: not counted as abandoned
    await insertCall({ status: 'abandoned', waitS: 40 }); // abandoned
    await insertCall({ status: 'completed', waitS: 200, outcome: 'callback' }); // chose a callback
    await insertCall({ status: 'completed', waitS: 950, outcome: 'voicemail' }); // left a message
    await insertCall({ status: 'completed', enqueued: false }); // hung up in the IVR: not offered
    await insertCall({ status: 'completed', waitS: 10, answered: true, talkS: 60, caseId: nonData }); // a test call: not a statistic
  });

  it('when the calls of the day are reported, then each measure is what domain.md defines, with its formula', async () => {
    const { status, body } = await get('/api/reports/calls?from=2026-11-02&to=2026-11-02');
    expect(status).toBe(200);
    expect(body.rows).toEqual([{
      period: '2026-11-02', offered: 6, answered: 2, answeredWithin: 1, abandoned: 1, shortAbandoned: 1, callbacks: 1, voicemails: 1,
      asaS: 60, talkS: 210,
      serviceLevel: 0.25, // 1 / (6 − 1 short abandon − 1 callback)
      abandonmentRate: 0.167, // 1 / 6
    }]);
    expect(body.serviceLevelSeconds).toBe(60);
    expect(body.formulas.serviceLevel).toMatch(/answered within T/);
  });

  it('when the report is asked as CSV, then it downloads with a header row and the same figures', async () => {
    const { type, body } = await get('/api/reports/calls?from=2026-11-02&to=2026-11-02&format=csv');
    expect(type).toMatch(/text\/csv/);
    expect(body).toBe(
      'period,offered,answered,answeredWithin,abandoned,shortAbandoned,callbacks,voicemails,serviceLevel,abandonmentRate,asaS,talkS\r\n' +
      '2026-11-02,6,2,1,1,1,1,1,0.25,0.167,60,210\r\n',
    );
  });

  it('when cases are counted by category, then non-data contacts and merged duplicates are left out', async () => {
    const a = await insertCase('DETENCION', { created_at: '2026-11-03T15:00:00Z' });
    await insertCase('DETENCION', { created_at: '2026-11-03T16:00:00Z' });
    await insertCase('QUEJA', { created_at: '2026-11-03T17:00:00Z', non_data: 'abusive' });
    await insertCase('DETENCION', { created_at: '2026-11-03T18:00:00Z', merged_into: a });
    // 23:30 on the 3rd in Honduras is already the 4th in UTC: it belongs to the 3rd.
    await insertCase('FRAUDE', { created_at: '2026-11-04T05:30:00Z' });
    const { body } = await get('/api/reports/cases?from=2026-11-03&to=2026-11-03&by=category');
    expect(body.rows).toEqual([{ key: 'DETENCION', count: 2 }, { key: 'FRAUDE', count: 1 }]);
  });

  it('when an agent or a bad range asks, then it is refused', async () => {
    expect((await get('/api/reports/calls?from=2026-11-02&to=2026-11-02', await t.login())).status).toBe(403);
    expect((await get('/api/reports/calls?from=2026-11-05&to=2026-11-02')).status).toBe(422);
    expect((await get('/api/reports/calls?from=2026-02-30&to=2026-03-02')).status).toBe(422);
    expect((await get('/api/reports/cases?from=2026-11-02&to=2026-11-02&by=name')).status).toBe(422);
  });
});

describe('a large generated month', () => {
  it('when thousands of calls follow a known pattern, then the month adds up to what the pattern gives', async () => {
    const n = 6000;
    // Call i waits i mod 120 s; every 10th hangs up while waiting, every 7th of the rest asks for a callback, others are answered.
    await t.sql.query(
      `INSERT INTO calls (call_sid, from_kind, status, outcome, started_at, enqueued_at, answered_at, ended_at, queue_wait_s)
       SELECT 'CA' || 'f' || lpad(i::text, 31, '0'), 'withheld',
              CASE WHEN i % 10 = 0 THEN 'abandoned' ELSE 'completed' END,
              CASE WHEN i % 10 <> 0 AND i % 7 = 0 THEN 'callback' END,
              s, s + interval '20 seconds',
              CASE WHEN i % 10 <> 0 AND i % 7 <> 0 THEN s + interval '20 seconds' + (i % 120) * interval '1 second' END,
              s + interval '20 seconds' + (i % 120 + 180) * interval '1 second',
              i % 120
       FROM generate_series(1, ${n}) i, LATERAL (SELECT timestamptz '2026-10-01 06:00:00+00' + (i * 400) * interval '1 second' AS s) t`,
    );
    const expected = { offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, shortAbandoned: 0, callbacks: 0, waitSum: 0 };
    for (let i = 1; i <= n; i++) {
      const wait = i % 120;
      expected.offered += 1;
      if (i % 10 === 0) (wait > 10 ? expected.abandoned++ : expected.shortAbandoned++);
      else if (i % 7 === 0) expected.callbacks++;
      else {
        expected.answered++;
        expected.waitSum += wait;
        if (wait <= 60) expected.answeredWithin++;
      }
    }
    const { body } = await get('/api/reports/calls?from=2026-10-01&to=2026-10-31&granularity=month');
    const month = body.rows.find((r: { period: string }) => r.period === '2026-10-01');
    // Calls run to 2026-10-28: the whole pattern lies inside October in Honduras time.
    expect(month).toMatchObject({
      offered: expected.offered, answered: expected.answered, answeredWithin: expected.answeredWithin, abandoned: expected.abandoned,
      shortAbandoned: expected.shortAbandoned, callbacks: expected.callbacks, asaS: Math.round((expected.waitSum / expected.answered) * 10) / 10,
      serviceLevel: Math.round((expected.answeredWithin / (expected.offered - expected.shortAbandoned - expected.callbacks)) * 1000) / 1000,
    });
    const days = (await get('/api/reports/calls?from=2026-10-01&to=2026-10-31&granularity=day')).body.rows;
    expect(days.reduce((s: number, r: { offered: number }) => s + r.offered, 0)).toBe(n);
  });
});

describe('open data for the observatory', () => {
  it('when small counts would single people out, then they are withheld, with a second cell when one alone could be worked out', () => {
    expect(suppress([{ month: 'm', key: 'F', count: 40 }, { month: 'm', key: 'M', count: 3 }, { month: 'm', key: 'X', count: 12 }], 5)).toEqual([
      { month: 'm', key: 'F', count: 40 }, { month: 'm', key: 'M', count: null }, { month: 'm', key: 'X', count: null },
    ]);
    expect(suppress([{ month: 'm', key: 'a', count: 2 }, { month: 'm', key: 'b', count: 1 }, { month: 'm', key: 'c', count: 9 }], 5).map((c) => c.count)).toEqual([null, null, 9]);
  });

  it('when the export is made from generated cases, then only enumerations and counts leave, and every published count is at least the threshold', async () => {
    await generateCases(t.sql, 3000);
    const names = (await t.sql.query<{ full_name: string }>('SELECT full_name FROM people WHERE full_name IS NOT NULL LIMIT 200')).rows.map((r) => r.full_name);
    const from = '2024-01-01';
    const to = '2026-11-29';
    const { body } = await get(`/api/reports/open-data?from=${from}&to=${to}`);
    expect(body.suppressBelow).toBe(5);
    const allowed: Record<string, Set<string | null>> = {
      country: new Set(['US', 'MX', 'ROUTE', 'HN', 'OTHER', null]), sex: new Set([...SEXES, null]), ageBand: new Set(['0-11', '12-17', '18-29', '30-44', '45-59', '60+', null]),
      minor: new Set(['true', 'false', null]), department: new Set([...Object.keys(HN_DEPARTMENTS), null]), category: new Set(CATEGORIES),
    };
    let withheld = 0;
    for (const table of body.tables) {
      for (const row of table.rows) {
        expect(allowed[table.dimension]?.has(row.key), `${table.dimension}=${row.key}`).toBe(true);
        expect(row.month).toMatch(/^\d{4}-\d{2}$/);
        if (row.count === null) withheld++;
        else expect(row.count).toBeGreaterThanOrEqual(5);
      }
    }
    expect(withheld).toBeGreaterThan(0);
    const csv = (await get(`/api/reports/open-data?from=${from}&to=${to}&format=csv`)).body as string;
    expect(csv.split('\r\n')[0]).toBe('month,dimension,key,count');
    expect(csv).toContain(',<5\r\n');
    for (const name of names) expect(csv).not.toContain(name);
    expect(csv).not.toMatch(/\+\d{8,}|\d{13}/);
  });
});

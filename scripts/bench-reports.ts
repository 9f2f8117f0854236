/**
 * `npm run bench` (reports): what the wallboard costs to compute with 200 agents and 1,000 callers waiting,
 * and how long a monthly report takes over 1,000,000 calls.
 *
 *   baseline   one `SELECT 1` round trip through the same pool, measured in the same run
 *   wallboard  one snapshot (what the tick job computes and pushes every second)
 *   monthly    GET /api/reports/calls for a month holding 1,000,000 calls, by month and by day
 *
 * Writes bench-results/reports.json. BENCH_CALLS changes the number of calls.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { machineInfo, ms, percentile, table } from './bench/stats.js';
import { startTestHotline } from '../src/testing/harness.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const AGENTS = 200;
const WAITING = 1000;

async function time(runs: number, fn: () => Promise<unknown>) {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = performance.now();
    await fn();
    xs.push(performance.now() - at);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { runs, p50: round(percentile(xs, 50)), p99: round(percentile(xs, 99)), max: round(percentile(xs, 100)) };
}

async function main(): Promise<void> {
  const t = await startTestHotline({ LOG_LEVEL: 'warn' });
  const supervisor = await t.login('supervisora@alhovoz.test', 'AlhoVoz-Super-2026');
  const rt = t.hotline.rt;

  // 200 agents logged in, some on a break (the snapshot reads every agent's state whatever it is).
  for (let i = 0; i < AGENTS; i++) {
    const id = crypto.randomUUID();
    await t.sql.query(`INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, $3, 'agent', 'x')`, [id, `bench${i}@alhovoz.test`, `Agente ${i}`]);
    const user = { id, email: `bench${i}@alhovoz.test`, name: `Agente ${i}`, role: 'agent' as const, officeId: null };
    await rt.presence.setOwn(user, i % 4 === 0 ? 'break' : 'available', i % 4 === 0 ? 'almuerzo' : null);
  }
  // Today so far: 20,000 calls over the hours since midnight, and 1,000 waiting now.
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, language, started_at, enqueued_at, answered_at, ended_at, queue_wait_s)
     SELECT 'CA' || lpad(i::text, 32, '0'), 'withheld', CASE WHEN i % 10 = 0 THEN 'abandoned' WHEN i <= ${WAITING} THEN 'queued' ELSE 'completed' END,
            NULL, CASE WHEN i % 9 = 0 THEN 'en' ELSE 'es' END, s, s + interval '10 s',
            CASE WHEN i % 10 <> 0 AND i > ${WAITING} THEN s + interval '10 s' + (i % 90) * interval '1 s' END,
            CASE WHEN i > ${WAITING} THEN s + interval '300 s' END, CASE WHEN i > ${WAITING} THEN i % 90 END
     FROM generate_series(1, 20000) i, LATERAL (SELECT now() - (i % 1000) * interval '1 s' - (i / 1000) * interval '20 min' AS s) x
     WHERE s > date_trunc('day', now() AT TIME ZONE 'America/Tegucigalpa') AT TIME ZONE 'America/Tegucigalpa' OR i <= ${WAITING}`,
  );

  const baseline = await time(300, () => sql`SELECT 1`.execute(rt.db));
  await rt.wallboard.snapshot(); // the first one of the day computes and keeps the settled hours
  const wallboard = await time(300, () => rt.wallboard.snapshot());
  const snap = await rt.wallboard.snapshot();
  console.log(`wallboard: ${snap.overall.waiting} waiting, agents ${JSON.stringify(snap.agents)}, offered today ${snap.overall.today.offered}`);

  // A month of calls: October 2026 in Honduras.
  process.stdout.write(`inserting ${CALLS.toLocaleString('en')} calls… `);
  const started = performance.now();
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, language, started_at, enqueued_at, answered_at, ended_at, queue_wait_s)
     SELECT 'CA' || lpad((i + 100000)::text, 32, '0'), 'withheld', CASE WHEN i % 10 = 0 THEN 'abandoned' ELSE 'completed' END,
            CASE WHEN i % 10 <> 0 AND i % 7 = 0 THEN 'callback' END, 'es', s, s + interval '10 s',
            CASE WHEN i % 10 <> 0 AND i % 7 <> 0 THEN s + interval '10 s' + (i % 120) * interval '1 s' END, s + interval '400 s', i % 120
     FROM generate_series(1, ${CALLS}) i, LATERAL (SELECT timestamptz '2026-10-01 06:00:00+00' + (i::float8 / ${CALLS} * 30 * 86400) * interval '1 s' AS s) x`,
  );
  await t.sql.query('ANALYZE calls');
  console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
  const get = async (q: string) => {
    const res = await t.api(`/api/reports/calls?${q}`, { cookie: supervisor });
    if (res.status !== 200) throw new Error(`report refused: ${res.status}`);
    return res.json();
  };
  const oneDay = await time(10, () => get('from=2026-10-15&to=2026-10-15&granularity=day'));
  const month = await time(5, () => get('from=2026-10-01&to=2026-10-31&granularity=month'));
  const days = await time(5, () => get('from=2026-10-01&to=2026-10-31&granularity=day'));
  const check = (await get('from=2026-10-01&to=2026-10-31&granularity=month')) as { rows: { offered: number }[] };

  const summary = {
    machine: machineInfo(),
    baselineSelect1Ms: baseline,
    wallboard: { agents: AGENTS, waiting: snap.overall.waiting, ms: wallboard, vsBaselineP50: Math.round((wallboard.p50 / baseline.p50) * 10) / 10 },
    monthlyReport: { calls: check.rows[0]?.offered, byMonthMs: month, byDayMs: days, oneDayMs: oneDay, monthVsOneDayP50: Math.round((month.p50 / oneDay.p50) * 10) / 10 },
  };
  const m = summary.machine;
  const row = (label: string, x: { runs: number; p50: number; p99: number; max: number }, vs: string) => [label, String(x.runs), ms(x.p50), ms(x.p99), ms(x.max), vs];
  console.log(`\nReports (machine: ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemGiB} GiB RAM, node ${m.node}, load at start ${m.loadAvgAtStart.join(' ')})`);
  console.log(
    table(['measure (ms)', 'runs', 'p50', 'p99', 'max', 'p50 vs'], [
      row('SELECT 1 through the same pool (baseline)', baseline, '1.0× (baseline)'),
      row(`wallboard snapshot, ${AGENTS} agents, ${snap.overall.waiting} waiting`, wallboard, `${summary.wallboard.vsBaselineP50}× SELECT 1`),
      row(`monthly report, one day (${(check.rows[0]?.offered ?? 0).toLocaleString('en')} calls in the month)`, oneDay, '1.0× (baseline of the month)'),
      row('monthly report, the month by month', month, `${summary.monthlyReport.monthVsOneDayP50}× one day`),
      row('monthly report, the month by day', days, `${Math.round((days.p50 / oneDay.p50) * 10) / 10}× one day`),
    ]),
  );
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/reports.json', `${JSON.stringify(summary, null, 2)}\n`);
  await t.close();
}

await main();
process.exit(0);

/**
 * `npm run bench` (escalations): delivery of escalations to 100 offices by signed webhook, and what one
 * slow office does to the others.
 *
 *   baseline   every office's receiver answers at once
 *   slow       one office's receiver takes SLOW_MS to answer, and that office gets a tenth of the escalations
 *
 * Each office has at most 4 deliveries in flight (office-slots.ts), so the slow office waits on itself while
 * the other 28 worker slots keep serving the rest.
 * Measured per delivery: from the escalation's POST to its webhook reaching the receiver. The figure that
 * matters is the fast offices' latency in the slow round as a ratio of the baseline. Writes
 * bench-results/escalations.json.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { generateCases } from '../src/testing/case-generator.js';
import { int, machineInfo, ms, percentile, table } from './bench/stats.js';
import { startTestHotline, type TestHotline } from '../src/testing/harness.js';

const OFFICES = 100;
const PER_ROUND = Number(process.env.BENCH_ESCALATIONS ?? 1000);
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 3000);
const SLOW_SHARE = 0.1;

const listen = (server: Server) => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));
const officeId = (i: number) => `bench-office-${String(i).padStart(3, '0')}`;

async function main(): Promise<void> {
  let slowOffice: string | null = null;
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const office = (req.url ?? '').split('/').pop() ?? '';
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { escalation } = JSON.parse(body) as { escalation: { id: string } };
      arrivals.set(escalation.id, performance.now());
      if (office === slowOffice) setTimeout(() => res.writeHead(200).end(), SLOW_MS);
      else res.writeHead(200).end();
    });
  });
  const port = await listen(receiver);

  const t: TestHotline = await startTestHotline({ LOG_LEVEL: 'warn' });
  const agent = await t.login();
  for (let i = 1; i <= OFFICES; i++) {
    await t.sql.query(
      `INSERT INTO offices (id, name, kind, country, city, channels, webhook_url) VALUES ($1, $2, 'consulate', 'US', 'Bench', '{inbox,webhook}', $3)`,
      [officeId(i), `Bench office ${i}`, `http://127.0.0.1:${port}/o/${officeId(i)}`],
    );
  }
  process.stdout.write(`generating ${2 * PER_ROUND} cases… `);
  await generateCases(t.sql, 2 * PER_ROUND);
  await t.sql.query(`UPDATE cases SET status = 'in_progress'`);
  const caseIds = (await t.sql.query<{ id: string }>('SELECT id FROM cases ORDER BY seq')).rows.map((r) => r.id);
  console.log('done');

  async function round(name: string, cases: string[], slow: string | null) {
    slowOffice = slow;
    arrivals.clear();
    // The slow office gets a tenth of the work; the others share the rest evenly.
    const target = (i: number) => (slow && i % Math.round(1 / SLOW_SHARE) === 0 ? slow : officeId(2 + (i % (OFFICES - 1))));
    const sentAt = new Map<string, { at: number; office: string }>();
    const started = performance.now();
    let next = 0;
    const sender = async () => {
      for (;;) {
        const i = next++;
        if (i >= cases.length) return;
        const office = target(i);
        const at = performance.now();
        const res = await t.api(`/api/cases/${cases[i]}/escalations`, { method: 'POST', cookie: agent, body: JSON.stringify({ officeId: office, sendIncomplete: true }) });
        if (res.status !== 201) throw new Error(`escalation refused: ${res.status} ${await res.text()}`);
        sentAt.set(((await res.json()) as { id: string }).id, { at, office });
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    const sent = performance.now();
    while ([...sentAt.keys()].some((id) => !arrivals.has(id))) {
      if (performance.now() - sent > 120_000) throw new Error('deliveries did not all arrive within 2 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const finished = performance.now();
    const latency = (filter: (office: string) => boolean) =>
      [...sentAt.entries()].filter(([, s]) => filter(s.office)).map(([id, s]) => (arrivals.get(id) as number) - s.at);
    const fast = latency((o) => o !== slow);
    const result = {
      name,
      escalations: cases.length,
      /** Escalations accepted by the API per second (8 agents sending at once). */
      sentPerSecond: Math.round(cases.length / ((sent - started) / 1000)),
      /** Until the last delivery reached its office: the slow office's backlog sets it in the slow round. */
      allDeliveredS: Math.round((finished - started) / 100) / 10,
      fastOffices: { p50: percentile(fast, 50), p99: percentile(fast, 99), max: percentile(fast, 100) },
      ...(slow ? { slowOffice: { escalations: latency((o) => o === slow).length, p50: percentile(latency((o) => o === slow), 50) } } : {}),
    };
    console.log(name.padEnd(10), JSON.stringify(result));
    return result;
  }

  const baseline = await round('baseline', caseIds.slice(0, PER_ROUND), null);
  const slow = await round('slow', caseIds.slice(PER_ROUND), officeId(1));
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const summary = {
    machine: machineInfo(),
    offices: OFFICES,
    slowMs: SLOW_MS,
    baseline,
    slow,
    fastOfficesP50Ratio: ratio(slow.fastOffices.p50, baseline.fastOffices.p50),
    fastOfficesP99Ratio: ratio(slow.fastOffices.p99, baseline.fastOffices.p99),
  };
  console.log(`\nfast offices with one slow office, as a ratio of the baseline: p50 ${summary.fastOfficesP50Ratio}x, p99 ${summary.fastOfficesP99Ratio}x`);
  const m = summary.machine;
  console.log(`\nEscalations to ${OFFICES} offices (machine: ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemGiB} GiB RAM, node ${m.node}, load at start ${m.loadAvgAtStart.join(' ')})`);
  console.log(
    table(['round', 'escalations', 'sent/s', 'all delivered s', 'fast offices p50 ms', 'p99 ms', 'max ms', 'p99 vs baseline', 'slow office p50 ms'], [baseline, slow].map((r) => [
      r.name === 'baseline' ? 'every office answers at once (baseline)' : `one office answers in ${SLOW_MS / 1000} s`,
      int(r.escalations), int(r.sentPerSecond), String(r.allDeliveredS),
      ms(r.fastOffices.p50), ms(r.fastOffices.p99), ms(r.fastOffices.max),
      `${(r.fastOffices.p99 / baseline.fastOffices.p99).toFixed(2)}×`,
      'slowOffice' in r && r.slowOffice ? ms(r.slowOffice.p50) : '-',
    ])),
  );
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/escalations.json', `${JSON.stringify(summary, null, 2)}\n`);
  await t.close();
  receiver.close();
}

await main();
process.exit(0);

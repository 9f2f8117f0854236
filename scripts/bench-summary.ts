/**
 * `npm run bench` (last step): one table of every scenario the benches measured, each beside the
 * baseline it was measured against in the same run, read from the JSON files they wrote under
 * bench-results/ (latest.json, scaling.json, cases.json, escalations.json, reports.json, console.json).
 * A file that is missing or unreadable is reported as such; the step itself never measures anything.
 *
 * Writes bench-results/summary.json (the rows, which file each came from and when it was written,
 * and the machine this summary ran on, from scripts/bench/stats.ts machineInfo()).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, ms, int, table } from './bench/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'bench-results');

interface Row {
  bench: string;
  scenario: string;
  /** The figure, with its unit. */
  result: string;
  /** What it is compared with, measured in the same run. */
  baseline: string;
  /** result ÷ baseline, e.g. "31%" of a throughput or "2.8×" a latency. */
  ratio: string;
  /** stable / unstable, PASS / FAIL against a target, contended… */
  note: string;
}

interface Source { file: string; present: boolean; writtenAt: string | null; error?: string }

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of several shapes, read defensively

const sources: Source[] = [];
function load(file: string): J | null {
  const full = path.join(DIR, file);
  if (!existsSync(full)) {
    sources.push({ file, present: false, writtenAt: null });
    return null;
  }
  const writtenAt = statSync(full).mtime.toISOString();
  try {
    const j = JSON.parse(readFileSync(full, 'utf8')) as J;
    sources.push({ file, present: true, writtenAt });
    return j;
  } catch (e) {
    sources.push({ file, present: true, writtenAt, error: (e as Error).message });
    return null;
  }
}

const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN);
const pctOf = (a: unknown, b: unknown) => (Number.isFinite(n(a) / n(b)) ? `${((n(a) / n(b)) * 100).toFixed(0)}%` : '-');
const times = (a: unknown, b: unknown) => (Number.isFinite(n(a) / n(b)) ? `${(n(a) / n(b)).toFixed(1)}×` : '-');
const msv = (x: unknown) => `${ms(n(x))} ms`;
/** Figures of one latency summary, e.g. msOf(x, 'p50', 'p99') → "1.20 / 3.40 ms", in the order the scenario names them. */
const msOf = (x: J | undefined, ...keys: string[]) => `${keys.map((k) => ms(n(x?.[k]))).join(' / ')} ms`;
const mib = (x: unknown) => (Number.isFinite(n(x)) ? `${(n(x) / 2 ** 20).toFixed(0)} MiB` : '-');

function fromWebhooks(j: J): Row[] {
  const targets = (j.targets ?? []) as J[];
  const get = (id: string) => targets.find((t) => t.id === id);
  const node = get('node');
  const bare = get('bare');
  const ref = get('reference');
  const rows: Row[] = [];
  const verdictOf = (id: string): J | undefined => ((j.verdicts ?? []) as J[]).find((v) => v.id === id);
  for (const t of targets) {
    const tp = t.throughput ?? {};
    const verdict = verdictOf(t.id);
    const bases = [
      ['node', node],
      ['bare', bare],
      ['ref', ref],
    ].filter(([, b]) => b && b !== t) as [string, J][];
    const stable = tp.stable === true ? 'stable' : tp.stable === false ? 'UNSTABLE' : '?';
    const dev = Number.isFinite(n(tp.maxDeviation)) ? ` ±${(n(tp.maxDeviation) * 100).toFixed(1)}%` : Number.isFinite(n(tp.spread)) ? ` spread ${(n(tp.spread) * 100).toFixed(1)}%` : '';
    const proc = t.process ? `; CPU ${n(t.process.cpuPct).toFixed(0)}%, peak RSS ${mib(t.process.peakRssBytes)}` : '';
    rows.push({
      bench: 'webhooks',
      scenario: `${t.label}, max throughput`,
      result: `${int(n(tp.medianReqPerSec))} req/s`,
      baseline: bases.length ? bases.map(([l, b]) => `${l} ${int(n(b.throughput?.medianReqPerSec))}`).join(', ') : '(baseline)',
      ratio: bases.map(([l, b]) => `${pctOf(tp.medianReqPerSec, b.throughput?.medianReqPerSec)} of ${l}`).join(', ') || '100%',
      note: `${stable}${dev}${proc}${verdict?.throughputPass == null ? '' : `; target ≥ 80% of ref: ${verdict.throughputPass ? 'PASS' : 'FAIL'}`}`,
    });
    if (t.paced?.latency) {
      // Latency against the bare Express route (the node baseline when it was not run).
      const latBase = bare ?? node;
      const isBase = !latBase || t === latBase;
      const baseP99 = latBase?.paced?.latency?.p99;
      rows.push({
        bench: 'webhooks',
        scenario: `${t.label}, paced ${int(n(t.paced.targetRate))}/s p50 / p99 / max`,
        result: msOf(t.paced.latency, 'p50', 'p99', 'max'),
        baseline: isBase ? '(baseline)' : `${latBase.label} p99 ${msv(baseP99)}`,
        ratio: isBase ? '1.0×' : times(t.paced.latency.p99, baseP99),
        note: verdict ? `target p99 < ${verdict.targetP99Ms} ms: ${verdict.p99Pass ? 'PASS' : 'FAIL'}` : '',
      });
    }
  }
  if (n(j.failedRequests) > 0) rows.push({ bench: 'webhooks', scenario: 'failed requests', result: int(n(j.failedRequests)), baseline: '', ratio: '', note: 'FAILURES' });
  return rows;
}

function fromScaling(j: J): Row[] {
  const rows: Row[] = [];
  const wu = j.waitUrl as J | undefined;
  if (wu) {
    for (const size of ['10', '10000']) {
      const x = wu[size] as J | undefined;
      if (!x) continue;
      rows.push({
        bench: 'scaling',
        scenario: `wait URL, ${int(Number(size))} waiting, max throughput`,
        result: `${int(n(x.maxReqPerSec))} req/s`,
        baseline: `bare Express ${int(n(wu.baselineBareReqPerSec))} req/s`,
        ratio: pctOf(x.maxReqPerSec, wu.baselineBareReqPerSec),
        note: x.at500 ? `at 500/s p50 ${ms(n(x.at500.p50))}, p99 ${ms(n(x.at500.p99))} ms` : '',
      });
    }
    if (Number.isFinite(n(wu.costGrowth10to10000))) {
      rows.push({ bench: 'scaling', scenario: 'wait URL cost, 10,000 vs 10 waiting', result: `${n(wu.costGrowth10to10000).toFixed(2)}×`, baseline: '10 waiting', ratio: `${n(wu.costGrowth10to10000).toFixed(2)}×`, note: '1.00 = independent of the queue' });
    }
  }
  const r = j.routing as J | undefined;
  if (r) {
    for (const [label, x] of [
      ['agent available → offer on console', r.availableToOfferMs],
      ['accept → Twilio redirect request', r.acceptToRedirectMs],
    ] as [string, J | undefined][]) {
      if (!x) continue;
      rows.push({ bench: 'scaling', scenario: `${label}, p50 / p99 / max`, result: msOf(x, 'p50', 'p99', 'max'), baseline: '-', ratio: '-', note: `target p99 < 100 ms: ${n(x.p99) < 100 ? 'PASS' : 'FAIL'}` });
    }
  }
  return rows;
}

function fromCases(j: J): Row[] {
  const rows: Row[] = [];
  const sizes = (j.sizes ?? []) as J[];
  const full = sizes[sizes.length - 1];
  if (!full) return rows;
  const base = full.baseline?.sequential;
  const smallest = sizes.length > 1 ? sizes[0] : undefined;
  for (const k of (full.keys ?? []) as J[]) {
    const small = ((smallest?.keys ?? []) as J[]).find((s) => s.label === k.label);
    rows.push({
      bench: 'cases',
      scenario: `search ${k.label} at ${int(n(full.cases))} cases, p50 / p99`,
      result: msOf(k.sequential, 'p50', 'p99'),
      baseline: `GET /api/auth/me p99 ${msv(base?.p99)}`,
      ratio: times(k.sequential?.p99, base?.p99),
      note: [
        small ? `p99 ${times(k.sequential?.p99, small.sequential?.p99)} of ${int(n(smallest?.cases))} cases` : '',
        k.cpu && n(k.cpu.otherPct) > 20 ? 'contended' : '',
      ].filter(Boolean).join('; '),
    });
  }
  const ch = full.changes as J | undefined;
  if (ch?.toEvent) {
    rows.push({
      bench: 'cases',
      scenario: 'case change → case.updated on another console, p50 / p99',
      result: msOf(ch.toEvent, 'p50', 'p99'),
      baseline: `session.ping p99 ${msv(ch.ping?.p99)}`,
      ratio: times(ch.toEvent.p99, ch.ping?.p99),
      note: `event before the answer in ${ch.eventBeforeResponse ?? '?'} of ${ch.changes ?? '?'}`,
    });
  }
  return rows;
}

function fromEscalations(j: J): Row[] {
  const rows: Row[] = [];
  const b = j.baseline as J | undefined;
  const s = j.slow as J | undefined;
  if (b?.fastOffices) {
    rows.push({
      bench: 'escalations',
      scenario: `${int(n(b.escalations))} escalations to ${int(n(j.offices))} offices, p50 / p99`,
      result: msOf(b.fastOffices, 'p50', 'p99'),
      baseline: '(baseline: every office answers at once)',
      ratio: '1.0×',
      note: `${int(n(b.sentPerSecond))} sent/s`,
    });
  }
  if (s?.fastOffices) {
    rows.push({
      bench: 'escalations',
      scenario: `the same with one office answering in ${(n(j.slowMs) / 1000).toFixed(0)} s: the other offices, p50 / p99`,
      result: msOf(s.fastOffices, 'p50', 'p99'),
      baseline: `round above p99 ${msv(b?.fastOffices?.p99)}`,
      ratio: times(s.fastOffices.p99, b?.fastOffices?.p99),
      note: s.slowOffice ? `the slow office's own p50 ${msv(s.slowOffice.p50)}` : '',
    });
  }
  return rows;
}

function fromReports(j: J): Row[] {
  const rows: Row[] = [];
  const base = j.baselineSelect1Ms as J | undefined;
  const wb = j.wallboard as J | undefined;
  if (wb?.ms) {
    rows.push({
      bench: 'reports',
      scenario: `wallboard, ${int(n(wb.agents))} agents and ${int(n(wb.waiting))} waiting, p50 / p99`,
      result: msOf(wb.ms, 'p50', 'p99'),
      baseline: `SELECT 1 p50 ${msv(base?.p50)}`,
      ratio: times(wb.ms.p50, base?.p50),
      note: '',
    });
  }
  const mr = j.monthlyReport as J | undefined;
  if (mr?.byMonthMs) {
    rows.push({
      bench: 'reports',
      scenario: `monthly report over ${int(n(mr.calls))} calls, p50 / max`,
      result: msOf(mr.byMonthMs, 'p50', 'max'),
      baseline: `one day's report p50 ${msv(mr.oneDayMs?.p50)}`,
      ratio: times(mr.byMonthMs.p50, mr.oneDayMs?.p50),
      note: '',
    });
  }
  return rows;
}

function fromConsole(j: J): Row[] {
  const rows: Row[] = [];
  const o = j.options ?? {};
  const m = j.toEvent?.measuredConsoles as J | undefined;
  const idle = j.pingIdle as J | undefined;
  if (m) {
    rows.push({
      bench: 'console',
      scenario: `new call → case.created, ${int(n(o.rate))} calls/s, ${int(n(o.consoles))} consoles, p50 / p99 / max`,
      result: msOf(m, 'p50', 'p99', 'max'),
      baseline: `session.ping idle p99 ${msv(idle?.p99)}`,
      ratio: times(m.p99, idle?.p99),
      note:
        `target p99 < ${j.verdict?.targetP99Ms ?? 100} ms: ${j.verdict?.pass ? 'PASS' : 'FAIL'}${n(j.cpu?.otherPct) > 20 ? ', contended' : ''}` +
        (j.rounds?.p99s?.length > 1 ? `; p99 by ${j.rounds.seconds} s round ${(j.rounds.p99s as number[]).map((x) => ms(x)).join(' / ')}${j.rounds.stable ? '' : ' UNSTABLE'}` : ''),
    });
  }
  const menu = j.webhooks?.menu as J | undefined;
  if (menu) {
    rows.push({
      bench: 'console',
      scenario: 'the menu webhook that opens the case, during it, p50 / p99',
      result: msOf(menu, 'p50', 'p99'),
      baseline: `session.ping under load p99 ${msv(j.pingUnderLoad?.p99)}`,
      ratio: times(menu.p99, j.pingUnderLoad?.p99),
      note: j.hotlineProcess ? `hotline CPU ${n(j.hotlineProcess.cpuPct).toFixed(0)}%, peak RSS ${mib(j.hotlineProcess.peakRssBytes)}` : '',
    });
  }
  return rows;
}

async function main(): Promise<number> {
  const machine = machineInfo();
  const parts: [string, (j: J) => Row[]][] = [
    ['latest.json', fromWebhooks],
    ['scaling.json', fromScaling],
    ['cases.json', fromCases],
    ['escalations.json', fromEscalations],
    ['reports.json', fromReports],
    ['console.json', fromConsole],
  ];
  const rows: Row[] = [];
  for (const [file, read] of parts) {
    const j = load(file);
    if (!j) continue;
    try {
      rows.push(...read(j));
    } catch (e) {
      const s = sources.find((x) => x.file === file);
      if (s) s.error = `unexpected shape: ${(e as Error).message}`;
    }
  }
  const out: string[] = [];
  out.push('', `ALHO Voz benchmarks, summary of bench-results/ at ${new Date().toISOString()}`);
  out.push(`machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB RAM, ${machine.os}, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}`);
  out.push(
    'sources: ' +
      sources
        .map((s) => `${s.file} ${!s.present ? 'MISSING (bench not run)' : s.error ? `UNREADABLE (${s.error})` : `written ${s.writtenAt?.slice(0, 19).replace('T', ' ')} UTC`}`)
        .join('; '),
  );
  out.push('');
  out.push(table(['bench', 'scenario', 'result', 'baseline (same run)', 'vs baseline', 'note'], rows.map((r) => [r.bench, r.scenario, r.result, r.baseline, r.ratio, r.note]), (c) => c === 2 || c === 4));
  console.log(out.join('\n'));
  await mkdir(DIR, { recursive: true });
  const file = path.join(DIR, 'summary.json');
  await writeFile(file, `${JSON.stringify({ timestamp: new Date().toISOString(), machine, sources, rows }, null, 2)}\n`);
  console.error(`[bench-summary] wrote ${path.relative(process.cwd(), file)}`);
  return sources.some((s) => s.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

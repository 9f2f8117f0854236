/**
 * `npm run bench`: how fast the Twilio webhooks answer, against three baselines measured in the same run.
 *
 *   0  bare Node `http` server (no Express: reads and parses the form body, fixed TwiML)
 *   A  bare Express 5 route (form body parser, fixed TwiML)
 *   B  reference webhook: the same plus our Twilio signature check
 *   /twilio/voice        the real hotline: records each call in PostgreSQL, answers the greeting menu
 *   /twilio/voice/menu   the real hotline: one pure IVR step (Digits=2 in the main menu, no write)
 *   /twilio/voice/status the real hotline: CallStatus=completed for a call that exists (calls seeded
 *                        in the IVR beforehand); queues the call-ended job the worker then records
 *
 * The load generator (autocannon) runs here; each server runs in its own child process, the hotline
 * through startTestHotline() with its own database and Redis prefix, dropped at the end.
 * For each target: max throughput (closed loop, N connections) in short rounds repeated until the
 * last 3 agree within ±5% of their median (at least --min-runs, at most --max-runs; a row that never
 * settles is marked unstable), then latency at a fixed rate, measured twice: autocannon's
 * `overallRate` and an open-loop evenly paced generator. For each scenario, the server process's CPU
 * and its peak resident memory (VmHWM, reset at the start of the scenario) from /proc.
 *
 * Options: --min-runs 3 --max-runs 5 --duration 5 --warmup 2 --connections 10 --rate 500 --rate-duration 10
 *          --paced-duration 5 --only node,bare,reference,voice,menu,status --quick (shorter phases)
 * Writes bench-results/latest.json. Exits 1 if any request failed (non-200, error or timeout).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { launch, runMain, type LaunchedServer } from './bench/launch.js';
import { pacedLoad } from './bench/paced.js';
import type { Probe, ReadyInfo } from './bench/protocol.js';
import { int, median, ms, spread, summarize, table, machineInfo, saveResult, finishReport, resultHeader } from './bench/stats.js';
import { machineTimes, processStats, servicesCpuByPid, servicesCpuDeltaMs, type ProcessStats } from './bench/procfs.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { signedCalls, type CallFactory } from './bench/twilio-requests.js';

const { values: args } = parseArgs({
  options: {
    'min-runs': { type: 'string', default: '3' },
    'max-runs': { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    'rate-duration': { type: 'string', default: '10' },
    'paced-duration': { type: 'string', default: '5' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const num = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const opts = {
  minRuns: args.quick ? 3 : num(args['min-runs'], 'min-runs'),
  maxRuns: args.quick ? 3 : Math.max(num(args['max-runs'], 'max-runs'), num(args['min-runs'], 'min-runs')),
  durationS: args.quick ? 2 : num(args.duration, 'duration'),
  warmupS: args.quick ? 1 : num(args.warmup, 'warmup'),
  connections: num(args.connections, 'connections'),
  rate: num(args.rate, 'rate'),
  rateDurationS: args.quick ? 3 : num(args['rate-duration'], 'rate-duration'),
  pacedDurationS: args.quick ? 2 : num(args['paced-duration'], 'paced-duration'),
};
/** Throughput rounds are stable when the last STABLE_WINDOW all lie within ±STABLE_TOLERANCE of their median. */
const STABLE_TOLERANCE = 0.05;
const STABLE_WINDOW = 3;
/** Calls inserted before the status-callback scenario; requests beyond wrap round (later SequenceNumber). */
const SEEDED_CALLS = 100_000;
/** CPU (% of one core) taken by programs outside the bench above which a phase is called contended. */
const NOISE_PCT = 20;
/** Issue 9's targets for the incoming call and a menu step on this machine. */
const P99_TARGET_MS = 25;
const THROUGHPUT_TARGET_VS_REFERENCE = 0.8;

type TargetId = 'node' | 'bare' | 'reference' | 'voice' | 'menu' | 'status';
interface Target {
  id: TargetId;
  label: string;
  server: 'server-node.ts' | 'server-bare.ts' | 'server-reference.ts' | 'server-hotline.ts';
  path: string;
  extra?: Record<string, string>;
  /** What a correct answer looks like, checked once before loading. */
  expect: RegExp;
  /** The signature is checked: a tampered signature must get 403. */
  signed: boolean;
  /** Each 200 must leave one row in `calls`. */
  recordsCalls: boolean;
  /** Requests are about calls inserted beforehand (status callbacks); each must end up recorded as ended. */
  seededCalls?: boolean;
}

const TARGETS: Target[] = [
  { id: 'node', label: '0 bare Node http /bare', server: 'server-node.ts', path: '/bare', expect: /^<Response\/>$/, signed: false, recordsCalls: false },
  { id: 'bare', label: 'A bare Express /bare', server: 'server-bare.ts', path: '/bare', expect: /^<Response\/>$/, signed: false, recordsCalls: false },
  { id: 'reference', label: 'B reference webhook', server: 'server-reference.ts', path: '/twilio/voice', expect: /<Response><Say/, signed: true, recordsCalls: false },
  { id: 'voice', label: 'hotline /twilio/voice', server: 'server-hotline.ts', path: '/twilio/voice', expect: /<Gather[^>]*action="\/twilio\/voice\/menu\?n=main/, signed: true, recordsCalls: true },
  {
    id: 'menu', label: 'hotline /voice/menu D=2', server: 'server-hotline.ts', path: '/twilio/voice/menu?n=main&l=es', extra: { Digits: '2' },
    expect: /<Gather[^>]*action="\/twilio\/voice\/menu\?n=m2&amp;l=es&amp;p=2"/, signed: true, recordsCalls: false,
  },
  {
    id: 'status', label: 'hotline /voice/status', server: 'server-hotline.ts', path: '/twilio/voice/status',
    extra: { CallStatus: 'completed', CallDuration: '42', Direction: 'inbound' },
    expect: /^(<\?xml[^>]*\?>)?<Response\s*\/>$|^(<\?xml[^>]*\?>)?<Response><\/Response>$/, signed: true, recordsCalls: false, seededCalls: true,
  },
];
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;
const selected = TARGETS.filter((t) => !only || only.has(t.id));
if (!selected.length) throw new Error(`--only matches no target (${TARGETS.map((t) => t.id).join(', ')})`);

const log = (...parts: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// ---------------------------------------------------------------------------------------------

interface Failures {
  non200: Record<string, number>;
  errors: number;
  timeouts: number;
}
const noFailures = (): Failures => ({ non200: {}, errors: 0, timeouts: 0 });
const failureCount = (f: Failures) => Object.values(f.non200).reduce((a, b) => a + b, 0) + f.errors + f.timeouts;

interface CannonRun {
  result: autocannon.Result;
  /** Every response's own latency (ms, float), as autocannon measured it before any correction. */
  raw: number[];
  ok200: number;
}

function cannon(baseUrl: string, calls: CallFactory, o: { durationS: number; overallRate?: number }, failures: Failures): Promise<CannonRun> {
  return new Promise((resolve, reject) => {
    const raw: number[] = [];
    const instance = autocannon(
      {
        url: baseUrl,
        connections: opts.connections,
        duration: o.durationS,
        requests: calls.autocannonRequests(),
        timeout: 10,
        ...(o.overallRate ? { overallRate: o.overallRate } : {}),
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err);
        let ok200 = 0;
        for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
          if (code === '200') ok200 += count;
          else failures.non200[code] = (failures.non200[code] ?? 0) + count;
        }
        failures.errors += result.errors - result.timeouts;
        failures.timeouts += result.timeouts;
        resolve({ result, raw, ok200 });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => raw.push(responseTime));
  });
}

interface CpuShare {
  /** Share of one core used by the server process (can exceed 100% with worker threads or GC threads). */
  serverPct: number;
  /** Share of one core used by this process: the load generator. */
  generatorPct: number;
  /** Share of the whole machine busy (all cores), PostgreSQL and Redis included. */
  machineBusyPct: number;
  /** Share of one core used by PostgreSQL and Redis processes (null without /proc). */
  servicesPct: number | null;
  /** Share of one core used by anything else on the machine meanwhile: noise (null without /proc). */
  otherPct: number | null;
}

interface Window {
  cpu: CpuShare;
  /** Inside the server: how late its event loop ran (ms) and its GC pauses, over the window. */
  loopDelay: Probe['loopDelay'];
  gc: Probe['gc'];
}

/** Starts a measurement window (CPU shares, server event-loop delay, GC); the returned function closes it. */
async function openWindow(server: LaunchedServer): Promise<() => Promise<Window>> {
  const s0 = (await server.probe()).usage;
  const g0 = process.cpuUsage();
  const m0 = machineTimes();
  const d0 = servicesCpuByPid();
  const t0 = performance.now();
  return async () => {
    const wallUs = (performance.now() - t0) * 1000;
    const p = await server.probe();
    const s1 = p.usage;
    const g = process.cpuUsage(g0);
    const m1 = machineTimes();
    const d1 = servicesCpuByPid();
    const serverPct = ((s1.user - s0.user + s1.system - s0.system) / wallUs) * 100;
    const generatorPct = ((g.user + g.system) / wallUs) * 100;
    // os.cpus() times are ms per core: busy ms over wall ms is in "% of one core", like the others.
    const busyOfOneCorePct = ((m1.busy - m0.busy) / (wallUs / 1000)) * 100;
    const servicesMs = servicesCpuDeltaMs(d0, d1);
    const servicesPct = servicesMs === null ? null : (servicesMs / (wallUs / 1000)) * 100;
    return {
      cpu: {
        serverPct,
        generatorPct,
        machineBusyPct: ((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100,
        servicesPct,
        otherPct: servicesPct === null ? null : Math.max(0, busyOfOneCorePct - serverPct - generatorPct - servicesPct),
      },
      loopDelay: p.loopDelay,
      gc: p.gc,
    };
  };
}

async function preflight(t: Target, ready: ReadyInfo, calls: CallFactory, server: LaunchedServer): Promise<string[]> {
  const problems: string[] = [];
  const before = t.recordsCalls ? await server.countCalls() : null;
  const good = calls.next();
  const res = await fetch(ready.baseUrl + good.path, { method: 'POST', headers: good.headers, body: good.body });
  const body = await res.text();
  if (res.status !== 200) problems.push(`a signed request got ${res.status}: ${body.slice(0, 200)}`);
  else if (!t.expect.test(body)) problems.push(`unexpected TwiML (wanted ${t.expect}): ${body.slice(0, 300)}`);
  if (t.signed) {
    const bad = calls.next();
    const tampered = { ...bad.headers, 'x-twilio-signature': 'A' + (bad.headers['x-twilio-signature'] ?? '').slice(1) };
    const r = await fetch(ready.baseUrl + bad.path, { method: 'POST', headers: tampered, body: bad.body });
    await r.arrayBuffer();
    if (r.status !== 403) problems.push(`a tampered signature got ${r.status}, not 403`);
  }
  if (t.recordsCalls && before !== null) {
    const after = await server.countCalls();
    if (after !== before + 1) problems.push(`one good and one tampered request left ${(after ?? 0) - before} rows in calls, not 1`);
  }
  return problems;
}

interface TargetResult {
  id: TargetId;
  label: string;
  path: string;
  preflightProblems: string[];
  throughput: {
    connections: number;
    durationS: number;
    runs: ({ reqPerSec: number; p50: number; p99: number; max: number; requests: number } & Window)[];
    /** Median of the last STABLE_WINDOW rounds (all rounds when fewer). */
    medianReqPerSec: number;
    /** (max - min) / median of those rounds. */
    spread: number;
    /** Largest distance of one of those rounds from their median, as a fraction of it. */
    maxDeviation: number;
    /** The last STABLE_WINDOW rounds agreed within ±STABLE_TOLERANCE. */
    stable: boolean;
    /** Latency over the rounds the median is taken from (every response, closed loop). */
    latency: { p50: number; p99: number; max: number };
  };
  /** The server process over the whole scenario (warm-up to the end of the paced phase), from /proc. */
  process: ProcessWindow | null;
  status?: { seededCalls: number; sent: number; endedInDatabase: number; drainS: number; drained: boolean; note: string };
  fixedRate: {
    targetRate: number;
    durationS: number;
    achievedRate: number;
    raw: { p50: number; p90: number; p99: number; max: number; count: number };
    autocannonCorrected: { p50: number; p90: number; p99: number; max: number };
    server: Window;
  };
  paced: {
    targetRate: number;
    durationS: number;
    achievedRate: number;
    maxSendLagMs: number;
    latency: { p50: number; p90: number; p99: number; max: number; count: number };
    server: Window;
  };
  integrity?: { callsRecorded: number; ok200: number; note: string };
  failures: Failures;
}

interface ProcessWindow {
  pid: number;
  wallS: number;
  /** CPU time of the process during the scenario, ms, and as % of one core. */
  cpuMs: number;
  cpuPct: number;
  /** Highest resident memory during the scenario (VmHWM, reset at its start when the kernel allows). */
  peakRssBytes: number;
  /** false: the kernel refused the reset, so the peak is since the process started. */
  peakSinceScenarioStart: boolean;
  rssStartBytes: number;
  rssEndBytes: number;
}

/** Resets the process's resident-memory high-water mark (VmHWM) to its current RSS (Linux 4.0+). */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return /VmHWM/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function openProcessWindow(pid: number): () => ProcessWindow | null {
  const reset = resetPeakRss(pid);
  const s0: ProcessStats | null = processStats(pid);
  const t0 = performance.now();
  return () => {
    const s1 = processStats(pid);
    if (!s0 || !s1) return null;
    const wallMs = performance.now() - t0;
    return {
      pid,
      wallS: wallMs / 1000,
      cpuMs: s1.cpuMs - s0.cpuMs,
      cpuPct: ((s1.cpuMs - s0.cpuMs) / wallMs) * 100,
      peakRssBytes: s1.peakRssBytes,
      peakSinceScenarioStart: reset,
      rssStartBytes: s0.rssBytes,
      rssEndBytes: s1.rssBytes,
    };
  };
}

/** The last STABLE_WINDOW rounds, their median and how far the farthest one lies from it. */
function settle(rps: readonly number[]) {
  const last = rps.slice(-STABLE_WINDOW);
  const med = median(last);
  const maxDeviation = last.length ? Math.max(...last.map((x) => Math.abs(x - med) / med)) : Number.NaN;
  return { last, median: med, spread: spread(last), maxDeviation, stable: last.length >= STABLE_WINDOW && maxDeviation <= STABLE_TOLERANCE };
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

async function benchTarget(t: Target, server: LaunchedServer): Promise<TargetResult> {
  const { ready } = server;
  let seeded: { prefix: string; count: number } | null = null;
  if (t.seededCalls) {
    const prefix = randomBytes(4).toString('hex');
    log(`${t.label}: inserting ${int(SEEDED_CALLS)} calls in the IVR for the status callbacks`);
    const rows = await server.seedCalls(prefix, SEEDED_CALLS);
    if (rows !== SEEDED_CALLS) throw new Error(`${t.label}: the server inserted ${rows} calls, not ${SEEDED_CALLS}`);
    seeded = { prefix, count: SEEDED_CALLS };
  }
  const calls = signedCalls({
    authToken: ready.authToken,
    publicBaseUrl: ready.publicBaseUrl,
    path: t.path,
    ...(t.extra ? { extra: t.extra } : {}),
    ...(seeded ? { callSids: seeded } : {}),
  });
  const failures = noFailures();
  const closeProcess = openProcessWindow(server.pid);
  const preflightProblems = await preflight(t, ready, calls, server);
  for (const p of preflightProblems) log(`${t.label}: PREFLIGHT FAILED: ${p}`);
  const rowsBefore = t.recordsCalls ? await server.countCalls() : null;
  let ok200 = 0;

  log(`${t.label}: warm-up ${opts.warmupS} s`);
  ok200 += (await cannon(ready.baseUrl, calls, { durationS: opts.warmupS }, failures)).ok200;

  const runs: TargetResult['throughput']['runs'] = [];
  const raws: number[][] = [];
  for (let i = 0; i < opts.maxRuns; i++) {
    const close = await openWindow(server);
    const run = await cannon(ready.baseUrl, calls, { durationS: opts.durationS }, failures);
    const w = await close();
    const { cpu } = w;
    ok200 += run.ok200;
    const s = summarize(run.raw);
    runs.push({ reqPerSec: run.raw.length / run.result.duration, p50: s.p50, p99: s.p99, max: s.max, requests: run.raw.length, ...w });
    raws.push(run.raw);
    log(
      `${t.label}: throughput round ${i + 1} (${opts.minRuns} to ${opts.maxRuns}): ${int(runs[i]!.reqPerSec)} req/s (p99 ${ms(s.p99)} ms at ${opts.connections} connections; ` +
        `CPU server ${cpu.serverPct.toFixed(0)}%, generator ${cpu.generatorPct.toFixed(0)}%, machine ${cpu.machineBusyPct.toFixed(0)}%)`,
    );
    if (runs.length >= opts.minRuns && settle(runs.map((r) => r.reqPerSec)).stable) break;
  }
  const settled = settle(runs.map((r) => r.reqPerSec));
  const windowLatency = summarize(raws.slice(-STABLE_WINDOW).flat());
  log(`${t.label}: ${int(settled.median)} req/s, ${settled.stable ? 'stable' : 'UNSTABLE'} (last ${settled.last.length} rounds within ±${(settled.maxDeviation * 100).toFixed(1)}%)`);

  log(`${t.label}: autocannon overallRate ${opts.rate}/s for ${opts.rateDurationS} s`);
  const closeFixed = await openWindow(server);
  const fixed = await cannon(ready.baseUrl, calls, { durationS: opts.rateDurationS, overallRate: opts.rate }, failures);
  const fixedWindow = await closeFixed();
  ok200 += fixed.ok200;
  const fixedRaw = summarize(fixed.raw);
  const corrected = fixed.result.latency;

  log(`${t.label}: paced open loop ${opts.rate}/s for ${opts.pacedDurationS} s`);
  const closePaced = await openWindow(server);
  const paced = await pacedLoad({ baseUrl: ready.baseUrl, rate: opts.rate, durationS: opts.pacedDurationS, next: calls.next });
  const pacedWindow = await closePaced();
  for (const [code, n] of Object.entries(paced.statusCounts)) {
    if (code === '200') ok200 += n;
    else failures.non200[code] = (failures.non200[code] ?? 0) + n;
  }
  failures.errors += paced.errors;
  const pacedS = summarize(paced.latenciesMs);

  let status: TargetResult['status'];
  if (seeded) {
    // Each 200 queued a call-ended job: wait (part of the scenario's CPU) until the worker has recorded them.
    // The preflight's tampered request names a call that stays open; autocannon may leave a few unsent.
    const sent = Math.min(calls.issued, seeded.count);
    const slack = opts.connections * (runs.length + 2) + 1;
    const t0 = performance.now();
    let ended = 0;
    let lastChange = t0;
    for (;;) {
      const now = (await server.countEnded(seeded.prefix)) ?? 0;
      if (now !== ended) lastChange = performance.now();
      ended = now;
      if (ended >= sent - slack && performance.now() - lastChange > 500) break;
      if (performance.now() - lastChange > 5000 || performance.now() - t0 > 60_000) break;
      await sleep(250);
    }
    const drainS = (performance.now() - t0) / 1000;
    const drained = ended >= sent - slack;
    status = {
      seededCalls: seeded.count,
      sent,
      endedInDatabase: ended,
      drainS,
      drained,
      note: drained
        ? `ok: ${int(ended)} of ${int(sent)} calls recorded as ended, the last ${drainS.toFixed(1)} s after the load stopped`
        : `BACKLOG: only ${int(ended)} of ${int(sent)} calls recorded as ended ${drainS.toFixed(0)} s after the load stopped`,
    };
    log(`${t.label}: ${status.note}`);
    if (!drained) preflightProblems.push(status.note);
  }
  const processWindow = closeProcess();

  let integrity: TargetResult['integrity'];
  if (t.recordsCalls && rowsBefore !== null) {
    const rowsAfter = (await server.countCalls()) ?? 0;
    const recorded = rowsAfter - rowsBefore;
    // autocannon stops with requests in flight: the server may record up to one per connection per run
    // whose answer nobody read. Fewer rows than 200s would be a call answered but not recorded.
    const slack = opts.connections * (runs.length + 2);
    const ok = recorded >= ok200 && recorded - ok200 <= slack;
    integrity = {
      callsRecorded: recorded,
      ok200,
      note: ok ? `ok (${recorded - ok200} answered after the load generator stopped reading)` : `MISMATCH: ${recorded} rows for ${ok200} answers`,
    };
    if (!ok) preflightProblems.push(integrity.note);
  }

  return {
    id: t.id,
    label: t.label,
    path: t.path,
    preflightProblems,
    throughput: {
      connections: opts.connections,
      durationS: opts.durationS,
      runs,
      medianReqPerSec: settled.median,
      spread: settled.spread,
      maxDeviation: settled.maxDeviation,
      stable: settled.stable,
      latency: { p50: windowLatency.p50, p99: windowLatency.p99, max: windowLatency.max },
    },
    process: processWindow,
    ...(status ? { status } : {}),
    fixedRate: {
      targetRate: opts.rate,
      durationS: opts.rateDurationS,
      achievedRate: fixed.raw.length / fixed.result.duration,
      raw: fixedRaw,
      autocannonCorrected: { p50: corrected.p50, p90: corrected.p90, p99: corrected.p99, max: corrected.max },
      server: fixedWindow,
    },
    paced: { targetRate: opts.rate, durationS: opts.pacedDurationS, achievedRate: paced.achievedRate, maxSendLagMs: paced.maxSendLagMs, latency: pacedS, server: pacedWindow },
    ...(integrity ? { integrity } : {}),
    failures,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const machine = { ...machineInfo(), autocannon: '9.0.0' };
  log(`${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}`);

  const results: TargetResult[] = [];
  let serverInfo: Record<string, string> = {};
  const byServer = new Map<Target['server'], Target[]>();
  for (const t of selected) byServer.set(t.server, [...(byServer.get(t.server) ?? []), t]);
  for (const [file, targets] of byServer) {
    log(`starting ${file}`);
    const server = await launch(`./${file}`);
    try {
      if (server.ready.info) serverInfo = { ...serverInfo, ...server.ready.info };
      for (const t of targets) results.push(await benchTarget(t, server));
    } finally {
      await server.stop();
    }
  }

  // ------------------------------------------------------------------------- report
  const get = (id: TargetId) => results.find((r) => r.id === id);
  const node = get('node');
  const bare = get('bare');
  const reference = get('reference');
  const ratio = (r: TargetResult, base: TargetResult | undefined) => (base ? r.throughput.medianReqPerSec / base.throughput.medianReqPerSec : Number.NaN);
  /** Unstable and rising round after round usually means the server was still warming up (JIT, caches). */
  const contended = (w: Window) => (w.cpu.otherPct ?? 0) > NOISE_PCT;
  const stability = (r: TargetResult) => {
    const rps = r.throughput.runs.map((x) => x.reqPerSec);
    const base = r.throughput.stable
      ? `stable (${rps.length} rounds)`
      : rps.length >= 2 && rps.every((x, i) => i === 0 || x > (rps[i - 1] as number))
        ? 'UNSTABLE, rising'
        : rps.length >= 2 && rps.every((x, i) => i === 0 || x < (rps[i - 1] as number))
          ? 'UNSTABLE, falling'
          : 'UNSTABLE';
    return r.throughput.runs.some(contended) ? `${base}, CONTENDED` : base;
  };
  const fmtRatio = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '-');
  const mib = (b: number | undefined) => (b !== undefined && Number.isFinite(b) ? `${(b / 2 ** 20).toFixed(0)} MiB` : '-');

  const throughputTable = table(
    ['target', `req/s rounds (${opts.connections} conn, ${opts.durationS} s)`, 'median req/s', '±', 'stable?', 'vs 0 node', 'vs A bare', 'vs B ref', 'p50 ms', 'p99 ms', 'max ms', 'CPU srv/gen/db/other'],
    results.map((r) => [
      r.label,
      r.throughput.runs.map((x) => int(x.reqPerSec)).join(' / '),
      int(r.throughput.medianReqPerSec),
      `${(r.throughput.maxDeviation * 100).toFixed(1)}%`,
      stability(r),
      fmtRatio(ratio(r, node)),
      fmtRatio(ratio(r, bare)),
      fmtRatio(ratio(r, reference)),
      ms(r.throughput.latency.p50),
      ms(r.throughput.latency.p99),
      ms(r.throughput.latency.max),
      (['serverPct', 'generatorPct', 'servicesPct', 'otherPct'] as const)
        .map((k) => {
          const xs = r.throughput.runs.map((x) => x.cpu[k]).filter((x): x is number => x !== null);
          return xs.length ? (k === 'otherPct' ? Math.max(...xs) : median(xs)).toFixed(0) : '?';
        })
        .join('/') + '%',
    ]),
  );
  const processTable = table(
    ['target', 'server pid', 'scenario s', 'server CPU s', 'server CPU % of a core', 'peak RSS (VmHWM)', 'RSS start → end'],
    results.map((r) => {
      const p = r.process;
      return [
        r.label,
        p ? String(p.pid) : '-',
        p ? p.wallS.toFixed(0) : '-',
        p ? (p.cpuMs / 1000).toFixed(1) : '-',
        p ? `${p.cpuPct.toFixed(0)}%` : '-',
        p ? `${mib(p.peakRssBytes)}${p.peakSinceScenarioStart ? '' : ' (since start)'}` : '-',
        p ? `${mib(p.rssStartBytes)} → ${mib(p.rssEndBytes)}` : '-',
      ];
    }),
  );
  const latencyTable = table(
    ['target', 'achieved/s', 'p50', 'p99', 'max', 'ac-corr p99', 'paced/s', 'paced p50', 'paced p99', 'paced max', 'loop max', 'GC max', 'CPU srv/db/other', 'failed'],
    results.map((r) => [
      r.label,
      int(r.fixedRate.achievedRate),
      ms(r.fixedRate.raw.p50),
      ms(r.fixedRate.raw.p99),
      ms(r.fixedRate.raw.max),
      ms(r.fixedRate.autocannonCorrected.p99),
      int(r.paced.achievedRate),
      ms(r.paced.latency.p50),
      ms(r.paced.latency.p99),
      ms(r.paced.latency.max),
      ms(r.paced.server.loopDelay.max),
      ms(r.paced.server.gc.maxMs),
      [r.paced.server.cpu.serverPct, r.paced.server.cpu.servicesPct, r.paced.server.cpu.otherPct].map((x) => (x === null ? '?' : x.toFixed(0))).join('/') + '%',
      String(failureCount(r.failures)),
    ]),
  );

  const contendedPhases = results.flatMap((r) => [
    ...r.throughput.runs.flatMap((w, i) => (contended(w) ? [`${r.label} throughput run ${i + 1}`] : [])),
    ...(contended(r.fixedRate.server) ? [`${r.label} autocannon ${opts.rate}/s`] : []),
    ...(contended(r.paced.server) ? [`${r.label} paced ${opts.rate}/s`] : []),
  ]);
  const totalFailures = results.reduce((n, r) => n + failureCount(r.failures), 0);
  const problems = results.flatMap((r) => r.preflightProblems.map((p) => `${r.label}: ${p}`));
  const voice = get('voice');
  // The p99 judged is the open-loop paced one (requests evenly spaced, latency from when each was due);
  // autocannon's two are reported beside it.
  const verdicts = (['voice', 'menu'] as const).flatMap((id) => {
    const r = get(id);
    if (!r) return [];
    const vsReference = reference ? ratio(r, reference) : null;
    return [{
      id,
      label: r.label,
      targetP99Ms: P99_TARGET_MS,
      autocannonRawP99: r.fixedRate.raw.p99,
      autocannonCorrectedP99: r.fixedRate.autocannonCorrected.p99,
      pacedP99: r.paced.latency.p99,
      p99Pass: r.paced.latency.p99 < P99_TARGET_MS,
      targetVsReference: THROUGHPUT_TARGET_VS_REFERENCE,
      vsReference,
      throughputPass: vsReference === null ? null : vsReference >= THROUGHPUT_TARGET_VS_REFERENCE,
    }];
  });

  const out: string[] = [];
  out.push('', `ALHO Voz webhook bench, ${new Date(started).toISOString()}`);
  out.push(`machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB RAM, ${machine.os}, node ${machine.node}, load at start ${machine.loadAvgAtStart.join(' ')}`);
  if (Object.keys(serverInfo).length) out.push(`hotline: ${Object.entries(serverInfo).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('load generator: autocannon 9.0.0 in the parent process; each server in its own child process');
  if ((machine.loadAvgAtStart[0] ?? 0) > machine.cpuCount / 2) {
    out.push(`WARNING: the machine was already busy at start (1-min load ${machine.loadAvgAtStart[0]} on ${machine.cpuCount} cores): figures may be low and noisy`);
  }
  out.push('');
  out.push(
    `Max throughput (closed loop, after ${opts.warmupS} s warm-up), ${opts.durationS} s rounds repeated (${opts.minRuns} to ${opts.maxRuns}) until the last ${STABLE_WINDOW} ` +
      `lie within ±${STABLE_TOLERANCE * 100}% of their median; median req/s, "±" (farthest of them from it) and p50/p99/max over those ${STABLE_WINDOW} rounds`,
  );
  out.push(throughputTable);
  out.push(
    `CPU in % of one core (${machine.cpuCount} cores = ${machine.cpuCount * 100}%), median of runs: server process / load generator / PostgreSQL+Redis / ` +
      `"other" = every other program on the machine meanwhile (worst run; above ${NOISE_PCT}% the figures are marked contended)`,
    '',
  );
  out.push(`Latency at a fixed ${opts.rate} req/s, ms. Left: autocannon overallRate for ${opts.rateDurationS} s, ${opts.connections} connections`);
  out.push(`(raw per-response latencies; "ac-corr" = autocannon's own coordinated-omission-corrected histogram). Right: open-loop`);
  out.push(`generator, requests evenly spaced for ${opts.pacedDurationS} s, latency from when each request was due; "loop max" and`);
  out.push(`"GC max": the server's worst event-loop delay and GC pause during the paced phase, measured inside it; "CPU srv/db/other":`);
  out.push(`server, PostgreSQL+Redis and every other program during the paced phase, in % of one core.`);
  out.push(latencyTable, '');
  out.push('Each server process over its whole scenario (warm-up to the end of the paced phase; for /voice/status also until the worker');
  out.push('has recorded the call-ended jobs), from /proc: CPU, and the resident-memory high-water mark reset at the scenario start.');
  out.push(processTable, '');
  const statusRow = get('status');
  if (statusRow?.status) out.push(`status callbacks: ${statusRow.status.note}`);
  if (voice?.integrity) out.push(`calls recorded by /twilio/voice: ${int(voice.integrity.callsRecorded)} rows for ${int(voice.integrity.ok200)} 200 answers: ${voice.integrity.note}`);
  for (const v of verdicts) {
    out.push(
      `${v.label}: target p99 < ${P99_TARGET_MS} ms at ${opts.rate} req/s: ${v.p99Pass ? 'PASS' : 'FAIL'} (paced ${ms(v.pacedP99)}; autocannon raw ${ms(v.autocannonRawP99)}, corrected ${ms(v.autocannonCorrectedP99)}); ` +
        `target ≥ ${THROUGHPUT_TARGET_VS_REFERENCE * 100}% of the reference's throughput: ` +
        (v.vsReference === null ? 'not judged (reference not run)' : `${v.throughputPass ? 'PASS' : 'FAIL'} (${(v.vsReference * 100).toFixed(0)}%)`),
    );
  }
  out.push(`failed requests (non-200, errors, timeouts): ${totalFailures}${totalFailures ? ` ${JSON.stringify(results.map((r) => [r.id, r.failures]))}` : ''}`);
  for (const p of problems) out.push(`PROBLEM: ${p}`);
  if (contendedPhases.length) {
    out.push(`WARNING: other programs took over ${NOISE_PCT}% of a core during: ${contendedPhases.join('; ')}. Those figures measure the machine, not the hotline: run again when it is quiet.`);
  }
  const loadAvgAtEnd = finishReport(out, started);

  const file = await saveResult('latest.json', {
    ...resultHeader(started, machine, loadAvgAtEnd),
    server: serverInfo,
    options: { ...opts, stableTolerance: STABLE_TOLERANCE, stableWindow: STABLE_WINDOW, seededCalls: SEEDED_CALLS },
    targets: results.map((r) => ({ ...r, ratioVsNode: ratio(r, node), ratioVsBare: ratio(r, bare), ratioVsReference: ratio(r, reference) })),
    verdicts,
    failedRequests: totalFailures,
    contendedPhases,
    problems,
  });
  log(`wrote ${path.relative(process.cwd(), file)}`);
  return totalFailures || problems.length ? 1 : 0;
}

runMain(main, log);

import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpuByPid, machineTimes, processStats } from '../bench/procfs.js';

/**
 * What the machine does during the run, once a second: memory and CPU of each hotline process
 * (and of Prism and of this load generator, which share the machine), PostgreSQL and Redis
 * together, and the whole machine, so that CPU taken by other programs shows as such.
 */
export interface Watched {
  name: string;
  pid: number;
}

export interface ProcessSeries {
  name: string;
  pid: number;
  rssMiB: number[];
  /** % of one core, per second. */
  cpuPct: number[];
  peakRssMiB: number;
  endRssMiB: number;
  startRssMiB: number;
  cpuMsTotal: number;
}

export interface MachineSeries {
  /** Whole machine busy, % of all cores, per second. */
  busyPct: number[];
  /** PostgreSQL backends connected to the run's database, % of one core, per second. */
  postgresPct: number[];
  /** The Redis server (shared with whatever else uses it), % of one core, per second. */
  redisPct: number[];
  /** Everything else on the machine (other engineers' work), % of one core, per second. */
  otherPct: number[];
}

/** The pid of a program whose command line holds every one of `parts` (Prism, started by src/testing/prism.ts). */
export function findPid(parts: string[]): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ');
      if (parts.every((p) => cmd.includes(p))) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** CPU ms used between two per-pid readings by processes present in both (a process that exits takes its time with it). */
function delta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? cpu);
  return ms;
}

export function startMonitor(watched: Watched[], databaseName: string) {
  const series: ProcessSeries[] = watched.map((w) => ({ name: w.name, pid: w.pid, rssMiB: [], cpuPct: [], peakRssMiB: 0, endRssMiB: 0, startRssMiB: 0, cpuMsTotal: 0 }));
  const machine: MachineSeries = { busyPct: [], postgresPct: [], redisPct: [], otherPct: [] };
  const services = () => ({ postgres: cpuByPid('postgres', databaseName), redis: cpuByPid('redis-server') });
  const mib = (b: number) => b / 2 ** 20;
  const first = series.map((s) => processStats(s.pid));
  series.forEach((s, i) => (s.startRssMiB = mib(first[i]?.rssBytes ?? 0)));
  let last = { at: performance.now(), cpu: first.map((f) => f?.cpuMs ?? 0), services: services(), machine: machineTimes() };
  const timer = setInterval(() => {
    const at = performance.now();
    const wallMs = at - last.at;
    const now = series.map((s) => processStats(s.pid));
    let known = 0;
    now.forEach((p, i) => {
      const s = series[i] as ProcessSeries;
      if (!p) return;
      const pct = ((p.cpuMs - (last.cpu[i] ?? 0)) / wallMs) * 100;
      known += pct;
      s.cpuPct.push(pct);
      s.rssMiB.push(mib(p.rssBytes));
      s.peakRssMiB = Math.max(s.peakRssMiB, mib(p.peakRssBytes));
      s.endRssMiB = mib(p.rssBytes);
      s.cpuMsTotal = p.cpuMs;
    });
    const svc = services();
    const m = machineTimes();
    const postgresPct = (delta(last.services.postgres, svc.postgres) / wallMs) * 100;
    const redisPct = (delta(last.services.redis, svc.redis) / wallMs) * 100;
    const busyOfOneCore = ((m.busy - last.machine.busy) / wallMs) * 100;
    machine.busyPct.push(((m.busy - last.machine.busy) / Math.max(1, m.total - last.machine.total)) * 100);
    machine.postgresPct.push(postgresPct);
    machine.redisPct.push(redisPct);
    machine.otherPct.push(Math.max(0, busyOfOneCore - known - postgresPct - redisPct));
    last = { at, cpu: now.map((p, i) => p?.cpuMs ?? last.cpu[i] ?? 0), services: svc, machine: m };
  }, 1000);
  return {
    series,
    machine,
    stop: () => clearInterval(timer),
  };
}

/**
 * Baselines measured all through the run, with the same HTTP client as the webhooks: GET /healthz on
 * the api (the same event loop and middleware, no work: what any request waits for) and a bare
 * Express route in its own process (the machine's floor for a local HTTP round trip under this load).
 */
export function startBaselines(targets: { name: string; url: string; init?: RequestInit }[], everyMs: number) {
  const samples: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  const failures: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
  const timer = setInterval(() => {
    for (const t of targets) {
      const t0 = performance.now();
      fetch(t.url, { ...t.init, signal: AbortSignal.timeout(10_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.ok) samples[t.name]?.push(performance.now() - t0);
          else failures[t.name] = (failures[t.name] ?? 0) + 1;
        })
        .catch(() => (failures[t.name] = (failures[t.name] ?? 0) + 1));
    }
  }, everyMs);
  return { samples, failures, stop: () => clearInterval(timer) };
}

/**
 * PostgreSQL seen from inside, once a second: what the run's connections are doing (active, idle,
 * waiting on a lock or on the WAL), and how long a commit takes (a transaction that takes an xid
 * must flush its commit record: the disk's share of every webhook that writes).
 */
export function startPostgresWatch(sql: { query: <R extends object>(text: string, values?: unknown[]) => Promise<{ rows: R[] }> }, databaseName: string) {
  const commitMs: number[] = [];
  const states: Array<{ at: number; commitMs: number; active: number; idle: number; waits: Record<string, number> }> = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      // One statement, its own transaction: taking an xid makes its commit flush the WAL.
      const t0 = performance.now();
      await sql.query('SELECT txid_current()');
      const commit = performance.now() - t0;
      commitMs.push(commit);
      const { rows } = await sql.query<{ state: string | null; wait: string | null; n: number }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1, 2`,
        [databaseName],
      );
      const s = { at: Date.now(), commitMs: commit, active: 0, idle: 0, waits: {} as Record<string, number> };
      for (const r of rows) {
        if (r.state === 'active' || r.state === 'idle in transaction') s.active += r.n;
        else s.idle += r.n;
        if (r.wait && r.state !== 'idle' && !/^Client:ClientRead$/.test(r.wait)) s.waits[r.wait] = (s.waits[r.wait] ?? 0) + r.n;
      }
      states.push(s);
    })()
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 1000);
  return { commitMs, states, stop: () => clearInterval(timer) };
}

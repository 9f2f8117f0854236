import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;
const SERVICES = new Set(['postgres', 'redis-server']);

/**
 * CPU time (ms) used so far by every PostgreSQL and Redis process on this machine, from /proc;
 * null where /proc is not there. With the server's and the generator's own CPU, it lets the
 * bench tell the CPU the system under test used from CPU some other program took meanwhile.
 */
export function serviceCpuMs(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (!SERVICES.has(stat.slice(open + 1, close))) continue;
    // Fields after the command: state is field 3, utime 14, stime 15 (1-based, man 5 proc).
    const rest = stat.slice(close + 2).split(' ');
    ticks += Number(rest[11]) + Number(rest[12]);
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}

export interface ProcessStats {
  /** Resident memory now (VmRSS), bytes. */
  rssBytes: number;
  /** Highest resident memory since the process started (VmHWM, kept by the kernel), bytes. */
  peakRssBytes: number;
  /** CPU time (user + system) used so far, ms. */
  cpuMs: number;
}

/** One process's memory and CPU time from /proc; null when it is gone or /proc is not there. */
export function processStats(pid: number): ProcessStats | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM'), cpuMs: ((Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND) * 1000 };
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) so far of each process whose command name is `comm` and whose command line holds
 * `cmdlinePart` when given (PostgreSQL names a backend's database in its title: "postgres: … user db …").
 * Per pid, so that a caller can count only processes seen twice (a backend that exits takes its time with it).
 */
export function cpuByPid(comm: string, cmdlinePart?: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== comm) continue;
      if (cmdlinePart && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(cmdlinePart)) continue;
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), ((Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND) * 1000);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU ms so far of each PostgreSQL and Redis process, by pid (null without /proc or when none runs). */
export function servicesCpuByPid(): Map<number, number> | null {
  const m = new Map([...cpuByPid('postgres'), ...cpuByPid('redis-server')]);
  return m.size ? m : null;
}

/**
 * CPU (ms) the services used between two servicesCpuByPid() samples, counting only processes seen in
 * both: a PostgreSQL backend that exits meanwhile takes its time with it, so summing every process
 * (serviceCpuMs) can even go backwards.
 */
export function servicesCpuDeltaMs(a: Map<number, number> | null, b: Map<number, number> | null): number | null {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t1] of b) {
    const t0 = a.get(pid);
    if (t0 !== undefined) ms += Math.max(0, t1 - t0);
  }
  return ms;
}

/**
 * CPU time (ms, summed over every core) the whole machine has been busy and has counted in all, so far.
 * Two samples give the machine's load over a window, the services' and everyone else's included.
 */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

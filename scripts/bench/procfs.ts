import { readdirSync, readFileSync } from 'node:fs';

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

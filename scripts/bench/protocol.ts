import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { TestHotline } from '../../src/testing/harness.js';

/**
 * The little IPC protocol between `scripts/bench.ts` (the load generator, parent process) and the
 * server under test (a child process started with `--import tsx`), so that the two do not share
 * an event loop and compete for the same core only as much as the operating system decides.
 */

/** What a server child tells the parent once it listens. */
export interface ReadyInfo {
  baseUrl: string;
  /** What Twilio signs: the server's PUBLIC_BASE_URL. */
  publicBaseUrl: string;
  authToken: string;
  /** Free-form facts about the server (versions of PostgreSQL and Redis for the hotline). */
  info?: Record<string, string>;
}

/**
 * What a child running the test hotline announces: where it listens, what Twilio signs, and the
 * PostgreSQL and Redis versions it ran on (written beside the figures), then the child's own `info`.
 */
export async function hotlineReady(t: TestHotline, info: Record<string, string>): Promise<ReadyInfo> {
  const [postgres, redisInfo] = await Promise.all([
    t.sql.query<{ server_version: string }>('SHOW server_version').then((r) => r.rows[0]?.server_version ?? '?'),
    t.redis.info('server'),
  ]);
  const redis = /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? '?';
  return { baseUrl: t.baseUrl, publicBaseUrl: t.config.publicBaseUrl, authToken: t.config.twilio.authToken, info: { postgres: String(postgres), redis, ...info } };
}

export type ChildMessage =
  | { type: 'ready'; ready: ReadyInfo }
  | { type: 'count'; id: number; calls: number | null }
  | { type: 'probe'; id: number; probe: Probe }
  | { type: 'seeded'; id: number; rows: number | null }
  | { type: 'ended'; id: number; rows: number | null }
  | { type: 'failed'; error: string };

export type ParentMessage =
  | { type: 'count'; id: number }
  | { type: 'probe'; id: number }
  | { type: 'seed'; id: number; sidPrefix: string; count: number }
  | { type: 'ended'; id: number; sidPrefix: string }
  | { type: 'close' };

/** The server process seen from inside, since the previous probe. */
export interface Probe {
  /** process.cpuUsage() so far (µs, cumulative). */
  usage: NodeJS.CpuUsage;
  /** How late the event loop ran its timers (ms): the time a request could not be served at all. */
  loopDelay: { p50: number; p99: number; max: number };
  /** Garbage collection pauses. */
  gc: { count: number; totalMs: number; maxMs: number };
}

function startProbes(): () => Probe {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gc = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  return () => {
    const probe: Probe = {
      usage: process.cpuUsage(),
      loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      gc: { ...gc, totalMs: +gc.totalMs.toFixed(2), maxMs: +gc.maxMs.toFixed(2) },
    };
    loop.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    return probe;
  };
}

export interface ChildServer {
  ready: ReadyInfo;
  /** Rows in the hotline's `calls` table; null for servers that record nothing. */
  countCalls?: () => Promise<number>;
  /**
   * Inserts `count` calls in the IVR whose CallSids are `CA` + sidPrefix (8 hex) + n as 24 hex digits
   * (n = 0 … count-1), as signedCalls({ callSids }) sends them: calls that exist, for status callbacks.
   */
  seedCalls?: (sidPrefix: string, count: number) => Promise<number>;
  /** How many of those calls the hotline has recorded as ended (twilio_status set). */
  countEnded?: (sidPrefix: string) => Promise<number>;
  close: () => Promise<void>;
}

/** Child side: start the server, announce it, answer the parent, and clean up however the run ends. */
export function serveChild(start: () => Promise<ChildServer>): void {
  if (!process.send) {
    console.error('This file is started by scripts/bench.ts (npm run bench), not directly.');
    process.exit(2);
  }
  const send = (m: ChildMessage) => process.send?.(m);
  const probe = startProbes();
  let server: ChildServer | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = (code: number) => {
    closing ??= (async () => {
      try {
        await server?.close();
      } catch (e) {
        console.error('bench server: close failed:', e);
        code = 1;
      }
      process.exit(code);
    })();
  };
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'close') shutdown(0);
    if (m.type === 'probe') send({ type: 'probe', id: m.id, probe: probe() });
    if (m.type === 'count') send({ type: 'count', id: m.id, calls: server?.countCalls ? await server.countCalls() : null });
    if (m.type === 'seed') send({ type: 'seeded', id: m.id, rows: server?.seedCalls ? await server.seedCalls(m.sidPrefix, m.count) : null });
    if (m.type === 'ended') send({ type: 'ended', id: m.id, rows: server?.countEnded ? await server.countEnded(m.sidPrefix) : null });
  });
  // The parent died or was interrupted: still drop the benchmark database and Redis keys.
  process.on('disconnect', () => shutdown(1));
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));
  start().then(
    (s) => {
      server = s;
      send({ type: 'ready', ready: s.ready });
    },
    (e: unknown) => {
      send({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exit(1);
    },
  );
}

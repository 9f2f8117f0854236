import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, Probe, ReadyInfo } from './protocol.js';

export interface LaunchedServer {
  ready: ReadyInfo;
  pid: number;
  countCalls: () => Promise<number | null>;
  /** Inserts calls that exist (see ChildServer.seedCalls); null for servers that record nothing. */
  seedCalls: (sidPrefix: string, count: number) => Promise<number | null>;
  /** How many of the seeded calls are recorded as ended; null for servers that record nothing. */
  countEnded: (sidPrefix: string) => Promise<number | null>;
  /** The server process's CPU time so far, and its event-loop delay and GC pauses since the previous probe. */
  probe: () => Promise<Probe>;
  stop: () => Promise<void>;
}

const live = new Set<ChildProcess>();

/** Ask every server still running to close (it drops its database); used on Ctrl-C. */
export function stopAll(): void {
  for (const child of live) if (child.connected) child.send({ type: 'close' } satisfies ParentMessage);
}

/** Starts `scripts/bench/<file>` in its own Node process (through tsx) and waits until it listens. */
export async function launch(file: string, timeoutMs = 60_000): Promise<LaunchedServer> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (open in Chrome DevTools).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  // A send to a child that has died fails through this event; the caller learns it from `ask`.
  child.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { live.delete(child); resolve(code); }));

  const ready = await new Promise<ReadyInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') { clearTimeout(timer); resolve(m.ready); }
      if (m.type === 'failed') { clearTimeout(timer); reject(new Error(`${file} failed to start:\n${m.error}`)); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`${file} exited with ${code} before it was ready`)); });
  });

  let nextId = 0;
  /** One question to the child, answered by the message that carries the same id. */
  const ask = <T>(question: ParentMessage & { id: number }, pick: (m: ChildMessage) => T | undefined, timeoutMs = 10_000) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error(`${file} (pid ${child.pid}) is gone (exit code ${child.exitCode}, signal ${child.signalCode})`));
        return;
      }
      const timer = setTimeout(() => { child.off('message', onMessage); reject(new Error(`${question.type} timed out`)); }, timeoutMs);
      const onMessage = (m: ChildMessage) => {
        if (!('id' in m) || m.id !== question.id) return;
        const value = pick(m);
        if (value === undefined) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(value);
      };
      child.on('message', onMessage);
      child.send(question);
    });
  return {
    ready,
    pid: child.pid ?? -1,
    countCalls: () => ask({ type: 'count', id: ++nextId }, (m) => (m.type === 'count' ? m.calls : undefined)),
    probe: () => ask({ type: 'probe', id: ++nextId }, (m) => (m.type === 'probe' ? m.probe : undefined)),
    seedCalls: (sidPrefix, count) => ask({ type: 'seed', id: ++nextId, sidPrefix, count }, (m) => (m.type === 'seeded' ? m.rows : undefined), 120_000),
    countEnded: (sidPrefix) => ask({ type: 'ended', id: ++nextId, sidPrefix }, (m) => (m.type === 'ended' ? m.rows : undefined)),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'close' } satisfies ParentMessage);
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        throw new Error(`${file} (pid ${child.pid}) did not close within 30 s; killed`);
      }
      if (code !== 0) throw new Error(`${file} closed with exit code ${code}`);
    },
  };
}

/**
 * Runs a benchmark's main: Ctrl-C and failures close every launched server (each drops its database)
 * before the process exits with main's code.
 */
export function runMain(main: () => Promise<number>, log: (...parts: unknown[]) => void): void {
  process.on('SIGINT', () => {
    log('interrupted: closing servers');
    stopAll();
    setTimeout(() => process.exit(130), 5000).unref();
  });
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      stopAll();
      setTimeout(() => process.exit(1), 3000).unref();
    },
  );
}

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

export type ChildMessage =
  | { type: 'ready'; ready: ReadyInfo }
  | { type: 'count'; id: number; calls: number | null }
  | { type: 'failed'; error: string };

export type ParentMessage = { type: 'count'; id: number } | { type: 'close' };

export interface ChildServer {
  ready: ReadyInfo;
  /** Rows in the hotline's `calls` table; null for servers that record nothing. */
  countCalls?: () => Promise<number>;
  close: () => Promise<void>;
}

/** Child side: start the server, announce it, answer the parent, and clean up however the run ends. */
export function serveChild(start: () => Promise<ChildServer>): void {
  if (!process.send) {
    console.error('This file is started by scripts/bench.ts (npm run bench), not directly.');
    process.exit(2);
  }
  const send = (m: ChildMessage) => process.send?.(m);
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
    if (m.type === 'count') send({ type: 'count', id: m.id, calls: server?.countCalls ? await server.countCalls() : null });
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

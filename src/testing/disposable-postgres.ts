import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort } from './disposable-redis.js';

export interface DisposablePostgres {
  /** A database URL on this server (the hotline creates the database itself). */
  url: string;
  /** `pg_ctl stop -m fast`, what a restart or failover does: sessions cut, open transactions rolled back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function runner(): (bin: string, args: string[]) => Promise<void> {
  const bin = path.join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1) as string, 'bin');
  const asRoot = userInfo().uid === 0;
  // Asynchronous: the hotline under test runs in this process and must go on while the server stops.
  return async (tool, args) =>
    void (await promisify(execFile)(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args));
}

/** A PostgreSQL server of a test's own, so a test can restart it without disturbing anyone else. */
export async function startDisposablePostgres(): Promise<DisposablePostgres> {
  const run = runner();
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'alho-pg-'));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () => run('pg_ctl', ['start', '-w', '-D', data, '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`]);
  const stop = () => run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/alho_voz`,
    stop,
    start,
    async close() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

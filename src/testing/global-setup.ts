import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { parseConfig } from '../config/env.js';
import { startPrism } from './prism.js';

/**
 * Once per run: the console is built for the browser test, test databases left by an interrupted
 * earlier run (whose process is gone) are dropped, and Prism serves Twilio's API description to every test file
 * (their hotlines get TWILIO_API_BASE_URL pointing at it through the environment).
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default async function setup(): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const prism = startPrism(root);
  // Always rebuilt, so the browser test never drives a stale console.
  execFileSync('npx', ['vite', 'build', '--config', 'agent-console/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!existsSync(path.join(root, 'agent-console/dist/index.html'))) throw new Error('console build produced no index.html');
  const config = parseConfig({ ...process.env, NODE_ENV: 'test' });
  const url = new URL(config.databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const stale = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'alho_test_%'");
  for (const { datname } of stale.rows) {
    // Named alho_test_<pid>_<random>: a database whose process still runs belongs to a live run.
    const pid = Number(/^alho_test_(\d+)_/.exec(datname)?.[1]);
    if (pid && isAlive(pid)) continue;
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await client.end();
  const { url: prismUrl, stop } = await prism;
  process.env.TWILIO_API_BASE_URL = prismUrl;
  return stop;
}

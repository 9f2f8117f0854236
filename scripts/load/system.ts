import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { parseConfig } from '../../src/config/env.js';
import { prepareDatabase } from '../../src/main/prepare.js';
import { createDb } from '../../src/platform/db/database.js';
import { createAuthRepository, createAuthService, SESSION_COOKIE } from '../../src/modules/auth/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { ALWAYS_OPEN } from '../../src/testing/harness.js';
import { freePort } from '../../src/testing/disposable-redis.js';
import { startPrism } from '../../src/testing/prism.js';
import { sleep } from './random.js';
import type { AgentLogin } from './agents.js';

/**
 * The hotline as in production, on this machine: a fresh PostgreSQL database (created and migrated
 * as a first start does), its own Redis prefix, Prism serving Twilio's REST description behind the
 * load's REST proxy, then the api process(es) and the worker, each its own OS process started as the
 * containers start them (`node --import tsx src/main/<api|worker>.ts`), NODE_ENV=production.
 */
export interface HotlineProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  baseUrl?: string;
}

export interface System {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  publicBaseUrl: string;
  authToken: string;
  prismUrl: string;
  apis: HotlineProcess[];
  worker: HotlineProcess;
  sql: pg.Pool;
  agents: AgentLogin[];
  supervisor: AgentLogin;
  stop: (options: { keep: boolean }) => Promise<void>;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC_BASE_URL = 'https://voz.alho.test';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Databases of load runs that were killed before they could drop theirs (alho_load_<pid>_*, that pid gone). */
async function dropStaleDatabases(databaseUrl: string, log: (...parts: unknown[]) => void): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'alho\\_load\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^alho_load_(\d+)_/.exec(datname)?.[1]);
      if (!pid || isAlive(pid)) continue;
      log(`dropping ${datname}, left by an interrupted run`);
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Prism first (it takes a while), so the REST proxy in front of it can be started before the hotline. */
export async function startTwilioApi(): Promise<{ url: string; stop: () => void }> {
  return startPrism(ROOT);
}

export async function startSystem(options: {
  twilioApiUrl: string;
  prismUrl: string;
  apiProcesses: number;
  agents: number;
  env: Record<string, string>;
  logDir: string;
  log: (...parts: unknown[]) => void;
}): Promise<System> {
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const base = parseConfig({ ...process.env, NODE_ENV: 'test' });
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/alho_load_${id}`;
  const databaseUrl = dbUrl.toString();
  const redisPrefix = `alhoload_${id}`;
  const authToken = randomBytes(24).toString('hex');
  const sessionSecret = randomBytes(32).toString('hex');

  await dropStaleDatabases(databaseUrl, options.log);
  const config = parseConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, SESSION_SECRET: sessionSecret });
  await prepareDatabase(config);
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  // Open around the clock, as in the tests: the load is about the open line, not the after-hours menu.
  await sql.query("INSERT INTO hotline_settings (key, value) VALUES ('hours', $1)", [JSON.stringify(ALWAYS_OPEN)]);

  // Agents (a third of them also take English calls) and one supervisor watching the wallboard,
  // created and signed in through the auth module itself, with the secret the api processes get.
  const { db } = createDb(databaseUrl, { max: 2 });
  const auth = createAuthService({ repo: createAuthRepository(db), clock: systemClock, sessionSecret, sessionTtlMs: 12 * 3600_000 });
  const password = randomBytes(12).toString('hex');
  const login = async (email: string, role: 'agent' | 'supervisor', name: string, languages: string[]): Promise<AgentLogin> => {
    const user = await auth.createUser({ email, name, role, officeId: null, password, languages });
    const { token } = await auth.login(email, password);
    return { id: user.id, email, cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, languages };
  };
  const agents: AgentLogin[] = [];
  for (let i = 0; i < options.agents; i++) {
    agents.push(await login(`agente${i}@carga.alhovoz.test`, 'agent', `Agente ${i}`, i % 3 === 0 ? ['es', 'en'] : ['es']));
  }
  const supervisor = await login('supervisora@carga.alhovoz.test', 'supervisor', 'Supervisora', ['es', 'en']);
  await db.destroy();

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL,
    DATABASE_URL: databaseUrl,
    REDIS_URL: base.redisUrl,
    REDIS_PREFIX: redisPrefix,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_API_BASE_URL: options.twilioApiUrl,
    SESSION_SECRET: sessionSecret,
    ESCALATION_SIGNING_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO_USERS: 'never',
    ...options.env,
  };
  mkdirSync(options.logDir, { recursive: true });
  const started: HotlineProcess[] = [];
  const run = (name: string, file: string, extra: Record<string, string>): HotlineProcess => {
    const logFile = path.join(options.logDir, `${name}.log`);
    const fd = openSync(logFile, 'w');
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env, ...extra }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const p: HotlineProcess = { name, pid: child.pid ?? -1, child, logFile };
    started.push(p);
    return p;
  };
  const waitFor = async (p: HotlineProcess, ready: () => Promise<boolean>) => {
    const deadline = Date.now() + 120_000;
    while (!(await ready().catch(() => false))) {
      if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}:\n${readFileSync(p.logFile, 'utf8').slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`${p.name} not ready within 120 s (log: ${p.logFile})`);
      await sleep(250);
    }
  };

  const stop = async ({ keep }: { keep: boolean }) => {
    await Promise.all(
      started.map(async (p) => {
        if (p.child.exitCode !== null || p.child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
        p.child.kill('SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(25_000).then(() => true)]);
        if (timedOut) {
          options.log(`${p.name} (pid ${p.pid}) did not stop within 25 s: killed`);
          p.child.kill('SIGKILL');
        }
      }),
    );
    await sql.end();
    if (keep) {
      options.log(`kept: database ${databaseUrl.replace(/\/\/[^@]*@/, '//')}, Redis prefix ${redisPrefix}`);
      return;
    }
    const redis = new Redis(base.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
    const adminUrl = new URL(databaseUrl);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  };

  try {
    const apis: HotlineProcess[] = [];
    for (let i = 0; i < options.apiProcesses; i++) {
      const port = await freePort();
      const p = run(`api-${i + 1}`, 'src/main/api.ts', { PORT: String(port) });
      p.baseUrl = `http://127.0.0.1:${port}`;
      apis.push(p);
    }
    const worker = run('worker', 'src/main/worker.ts', {});
    for (const p of apis) await waitFor(p, async () => (await fetch(`${p.baseUrl}/readyz`)).ok);
    await waitFor(worker, async () => /"msg":"worker started"/.test(readFileSync(worker.logFile, 'utf8')));
    return { databaseUrl, redisUrl: base.redisUrl, redisPrefix, publicBaseUrl: PUBLIC_BASE_URL, authToken, prismUrl: options.prismUrl, apis, worker, sql, agents, supervisor, stop };
  } catch (e) {
    await stop({ keep: false }).catch(() => undefined);
    throw e;
  }
}

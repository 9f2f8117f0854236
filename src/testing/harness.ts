import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { receiveBatches } from '../contracts/live-batch.js';
import { parseConfig, type Config } from '../config/env.js';
import { startHotline, type Hotline } from '../main/all-in-one.js';
import { createLogger } from '../shared/logger.js';
import type { Clock } from '../shared/clock.js';
import { CSRF_HEADER, CSRF_VALUE, DEMO_USERS } from '../modules/auth/index.js';
import { simulateCall, type SimulateOptions, type SimulationResult } from './call-simulator.js';
import { computeSignature } from '../platform/twilio/signature.js';

export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
/** Tests sign for a public URL that is not where the server listens, as behind a proxy in production. */
export const TEST_PUBLIC_BASE_URL = 'https://voz.alho.test';

const adminUrl = (databaseUrl: string) => {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
};

export interface TestHotline {
  baseUrl: string;
  config: Config;
  hotline: Hotline;
  /** Direct SQL on this test file's own database, to check what was recorded. */
  sql: pg.Pool;
  redis: Redis;
  /** Everything the hotline logged, one JSON line each. */
  logs: string[];
  call: (opts: Omit<SimulateOptions, 'baseUrl' | 'authToken' | 'publicBaseUrl'>) => Promise<SimulationResult>;
  login: (email?: string, password?: string) => Promise<string>;
  api: (path: string, init?: RequestInit & { cookie?: string }) => Promise<Response>;
  /** One webhook request signed as Twilio signs it, for what the simulator does not do (retries, odd bodies). */
  twilio: (path: string, params: Record<string, string>, headers?: Record<string, string>) => Promise<Response>;
  /** A console's socket with this session cookie, connected, noting every event it receives; closed with the hotline. */
  socket: (cookie: string) => Promise<{ socket: Socket; seen: { event: string; data: unknown }[] }>;
  close: () => Promise<void>;
}

/**
 * The whole hotline (api and worker in one process) on port 0, with its own PostgreSQL database
 * and its own Redis key prefix, so test files run side by side without seeing each other.
 */
export const ALWAYS_OPEN = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]])) };

/**
 * Tests run at any hour, so by default the hotline is open around the clock; the after-hours tests
 * set their own hours through the API as a supervisor would.
 */
export async function startTestHotline(
  env: Record<string, string> = {},
  options: {
    hours?: 'always-open' | 'default';
    /** A second process of the same hotline: same database, Redis and secrets. */
    sameAs?: TestHotline;
    /** A clock the test moves (deadlines); the hotline's jobs still wait in real time unless promoted. */
    clock?: Clock;
  } = {},
): Promise<TestHotline> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const base = parseConfig({ ...process.env, NODE_ENV: 'test' });
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/alho_test_${id}`;
  const shared = options.sameAs?.config;
  const config = parseConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: shared?.databaseUrl ?? dbUrl.toString(),
    REDIS_PREFIX: shared?.redisPrefix ?? `alhotest_${id}`,
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    SESSION_SECRET: shared?.sessionSecret ?? randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: config.logLevel, name: 'test', destination: sink });
  const hotline = await startHotline(config, { logger, loginLimitPerMinute: 1000, ...(options.clock ? { clock: options.clock } : {}) });
  const address = hotline.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const sql = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  sql.on('error', () => undefined);
  if (!shared && (options.hours ?? 'always-open') === 'always-open') {
    await sql.query("INSERT INTO hotline_settings (key, value) VALUES ('hours', $1)", [JSON.stringify(ALWAYS_OPEN)]);
  }
  const redis = new Redis(config.redisUrl);
  // Tests that restart Redis expect this connection to notice; the hotline's own log what matters.
  redis.on('error', () => undefined);

  const api = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set(CSRF_HEADER, CSRF_VALUE);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    if (init.cookie) headers.set('cookie', init.cookie);
    return fetch(baseUrl + path, { ...init, headers });
  };

  const sockets: Socket[] = [];
  return {
    baseUrl,
    config,
    hotline,
    sql,
    redis,
    logs,
    call: (opts) => simulateCall({ baseUrl, publicBaseUrl: config.publicBaseUrl, authToken: config.twilio.authToken, waitPollMs: 200, strict: true, ...opts }),
    login: async (email = DEMO_USERS[2].email, password: string = DEMO_USERS[2].password) => {
      const res = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0] as string;
    },
    api,
    twilio: (path, params, headers = {}) =>
      fetch(baseUrl + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': computeSignature(config.twilio.authToken, config.publicBaseUrl + path, params),
          ...headers,
        },
        body: new URLSearchParams(params).toString(),
      }),
    async socket(cookie) {
      const opened = await connectConsole(baseUrl, cookie);
      sockets.push(opened.socket);
      return opened;
    },
    async close() {
      for (const s of sockets) s.close();
      await hotline.close();
      await sql.end();
      if (shared) {
        await redis.quit();
        return;
      }
      const keys = await redis.keys(`${config.redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      const admin = new pg.Client({ connectionString: adminUrl(config.databaseUrl) });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "alho_test_${id}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A console's socket to one server (any process of the hotline), connected, noting every event it receives. */
export async function connectConsole(baseUrl: string, cookie: string): Promise<{ socket: Socket; seen: { event: string; data: unknown }[] }> {
  const socket = connectSocket(baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  const seen: { event: string; data: unknown }[] = [];
  receiveBatches(socket);
  socket.onAny((event: string, data: unknown) => event !== 'events.batch' && seen.push({ event, data }));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return { socket, seen };
}

/** Polls until `check` returns a truthy value; for effects of background jobs. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig } from '../../src/config/env.js';
import { startTestHotline } from '../../src/testing/harness.js';
import { serveChild } from './protocol.js';

/**
 * The real hotline (api and worker in one process, as `npm start`), with its own PostgreSQL
 * database and Redis prefix, dropped again on close. Logs at warn: info logs every request.
 *
 * The database is named alho_bench_*, not the harness's alho_test_*: the test suite's global setup
 * drops every alho_test_* database it finds, which would kill a bench running beside `npm test`.
 */
serveChild(async () => {
  const databaseUrl = new URL(parseConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl);
  const dbName = `alho_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  databaseUrl.pathname = `/${dbName}`;
  const t = await startTestHotline({ LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl.toString() });
  const [pgVersion, redisInfo] = await Promise.all([
    t.sql.query<{ server_version: string }>('SHOW server_version').then((r) => r.rows[0]?.server_version ?? '?'),
    t.redis.info('server'),
  ]);
  const redisVersion = /redis_version:(\S+)/.exec(redisInfo)?.[1] ?? '?';
  const [pgFsync, pgSyncCommit] = await Promise.all(
    ['fsync', 'synchronous_commit'].map((name) => t.sql.query<Record<string, string>>(`SHOW ${name}`).then((r) => Object.values(r.rows[0] ?? {})[0] ?? '?')),
  );
  return {
    ready: {
      baseUrl: t.baseUrl,
      publicBaseUrl: t.config.publicBaseUrl,
      authToken: t.config.twilio.authToken,
      info: {
        postgres: String(pgVersion),
        redis: redisVersion,
        'postgres fsync': String(pgFsync),
        'postgres synchronous_commit': String(pgSyncCommit),
        process: 'all-in-one (api + worker), as npm start',
      },
    },
    countCalls: async () => Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM calls')).rows[0]?.n ?? 0),
    close: async () => {
      // The harness drops only the alho_test_* database it would have made; this one is ours to drop.
      try {
        await t.close();
      } finally {
        const adminUrl = new URL(databaseUrl);
        adminUrl.pathname = '/postgres';
        const admin = new pg.Client({ connectionString: adminUrl.toString() });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        await admin.end();
      }
    },
  };
});

import { startTestHotline } from '../../src/testing/harness.js';
import { hotlineReady, serveChild } from './protocol.js';

/**
 * The real hotline (api and worker in one process, as `npm start`), with its own PostgreSQL
 * database and Redis prefix, dropped again on close. Logs at warn: info logs every request.
 * Its database is the harness's alho_test_<pid>_*, which the test setup leaves alone while this
 * process lives and drops if a bench was killed before it could clean up.
 */
serveChild(async () => {
  const t = await startTestHotline({ LOG_LEVEL: 'warn' });
  const [pgFsync, pgSyncCommit] = await Promise.all(
    ['fsync', 'synchronous_commit'].map((name) => t.sql.query<Record<string, string>>(`SHOW ${name}`).then((r) => Object.values(r.rows[0] ?? {})[0] ?? '?')),
  );
  return {
    ready: await hotlineReady(t, {
      'postgres fsync': String(pgFsync),
      'postgres synchronous_commit': String(pgSyncCommit),
      process: 'all-in-one (api + worker), as npm start',
    }),
    countCalls: async () => Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM calls')).rows[0]?.n ?? 0),
    // Calls still in the menus, as /twilio/voice leaves them, with the CallSids signedCalls({ callSids }) sends.
    seedCalls: async (sidPrefix, count) => {
      if (!/^[0-9a-f]{8}$/.test(sidPrefix)) throw new Error('sidPrefix must be 8 hex digits');
      const r = await t.sql.query(
        `INSERT INTO calls (call_sid, account_sid, from_e164, from_kind, to_number, started_at)
         SELECT 'CA' || $1::text || lpad(to_hex(g), 24, '0'), 'AC' || repeat('0', 32), '+1305555' || lpad((g % 10000)::text, 4, '0'), 'e164', '+15005550006', now()
         FROM generate_series(0, $2::int - 1) AS g`,
        [sidPrefix, count],
      );
      await t.sql.query('ANALYZE calls');
      return r.rowCount ?? 0;
    },
    countEnded: async (sidPrefix) =>
      Number(
        (await t.sql.query<{ n: string }>("SELECT count(*) AS n FROM calls WHERE call_sid LIKE $1 AND twilio_status IS NOT NULL", [`CA${sidPrefix}%`])).rows[0]?.n ?? 0,
      ),
    close: () => t.close(),
  };
});

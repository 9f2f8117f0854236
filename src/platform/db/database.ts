import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

// Return int8 (counts, bigserial) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// A date is a calendar day, not an instant: keep 'YYYY-MM-DD' rather than a Date at local midnight.
pg.types.setTypeParser(1082, (v) => v);

export function createDb(databaseUrl: string, options: { max?: number } = {}): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // A client losing its connection (database restart) must not crash the process: idle ones report
  // to the pool, and a client checked out between two queries of a transaction reports to itself.
  // The query in progress, or the next one, fails and is answered as an outage.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

import type { Config } from '../config/env.js';
import { ensureDatabase, migrate } from '../platform/db/migrate.js';

/** First start on a fresh machine: create the database if missing, then migrate it. */
export async function prepareDatabase(config: Config): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(config.databaseUrl);
  const applied = await migrate(config.databaseUrl);
  return { created, applied };
}

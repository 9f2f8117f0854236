// Fills DATABASE_URL (or --database) with generated cases for search benchmarks: npm run generate-cases -- 1000000
import pg from 'pg';
import { parseConfig } from '../src/config/env.js';
import { ensureDatabase, migrate } from '../src/platform/db/migrate.js';
import { createDb } from '../src/platform/db/database.js';
import { createOfficeDirectory } from '../src/modules/escalations/index.js';
import { generateCases } from '../src/testing/case-generator.js';

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const dbArg = args.find((a) => a.startsWith('--database='))?.slice('--database='.length);
const config = parseConfig({ ...process.env, ...(dbArg ? { DATABASE_URL: dbArg } : {}) });

await ensureDatabase(config.databaseUrl);
await migrate(config.databaseUrl);
const { db } = createDb(config.databaseUrl);
await createOfficeDirectory({ db }).seed();
await db.destroy();

const client = new pg.Client({ connectionString: config.databaseUrl });
await client.connect();
const started = Date.now();
await generateCases(client, count, { onProgress: (done) => process.stdout.write(`\r${done.toLocaleString('en')} / ${count.toLocaleString('en')} cases`) });
await client.end();
console.log(`\ngenerated ${count.toLocaleString('en')} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);

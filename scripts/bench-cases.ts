/**
 * `npm run bench` (third part): case search with many cases, and how fast a case change reaches another console.
 *
 *   search   GET /api/cases through the real HTTP API, logged in as the demo agent, for each search key,
 *            with 100,000 and then 1,000,000 generated cases: p50/p99 of 200 sequential requests, then of
 *            200 at concurrency 4. Needles are taken from the data by SQL, so each query finds something.
 *            Baseline in the same run: GET /api/auth/me (session check and JSON, no case query), measured
 *            before, between and after the search keys.
 *   changes  agent A PATCHes a case; supervisor B's Socket.IO connection (logged in with its cookie)
 *            receives case.updated: from sending the PATCH to B's event, p50/p99 over 200 changes.
 *            Baseline: session.ping with its ack on the same connection, interleaved with the changes.
 *
 * The cases live in their own databases, alho_bench_cases for 1,000,000 (alho_bench_cases_<n> for another
 * count; the 100,000 one is also the starting point of the million), generated once (about 3 minutes for
 * a million) and reused while they hold the requested count and the generator and the migrations they were
 * made with are unchanged (hashes in the database's comment; migrations added since are applied). They are
 * kept after the run: drop them with
 * `DROP DATABASE alho_bench_cases` (and alho_bench_cases_100000) to reclaim the disk space.
 * The hotline runs in its own child process (scripts/bench/launch.ts), as in bench.ts; this process is the client.
 *
 * Environment: BENCH_CASES=100000 for a smaller (or larger) count than 1,000,000.
 * Options: --sequential 200 --concurrent 200 --concurrency 4 --changes 200 --max-phase-s 60 --only number,seq,phone,...
 *          --explain (EXPLAIN ANALYZE every key, not only the slow ones) --regenerate --quick
 * Writes bench-results/cases.json. Exits 1 if a request failed or a needle found nothing.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../src/contracts/live-batch.js';
import { launch, runMain, type LaunchedServer } from './bench/launch.js';
import { hotlineReady, serveChild } from './bench/protocol.js';
import { serviceCpuMs } from './bench/procfs.js';
import { int, ms, summarize, table, machineInfo, saveResult, finishReport, resultHeader } from './bench/stats.js';
import { startTestHotline } from '../src/testing/harness.js';
import { generateCases } from '../src/testing/case-generator.js';
import { parseConfig } from '../src/config/env.js';
import { createDb, type Db } from '../src/platform/db/database.js';
import type { Database } from '../src/platform/db/schema.js';
import { ensureDatabase, migrate } from '../src/platform/db/migrate.js';
import { createOfficeDirectory } from '../src/modules/escalations/index.js';
import { CSRF_HEADER, CSRF_VALUE, DEMO_USERS } from '../src/modules/auth/index.js';
import { searchQuerySchema, toFilters } from '../src/modules/cases/case-search.js';
import { createCaseSearchRepository } from '../src/modules/cases/case-search.repository.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/contracts/events.js';
import type { CaseSummaryDto } from '../src/contracts/rest.js';

/** Set by the parent for the child it forks from this same file: the database the hotline serves. */
const SERVE_ENV = 'BENCH_CASES_SERVE_DATABASE_URL';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// --------------------------------------------------------------------------------------- child

/** The real hotline (api and worker in one process, as `npm start`) on the bench database, kept on close. */
function serve(databaseUrl: string): void {
  serveChild(async () => {
    // hours 'default': the bench database outlives the run, so the harness must not insert its hours row again.
    const t = await startTestHotline({ LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl }, { hours: 'default' });
    return {
      ready: await hotlineReady(t, { process: 'all-in-one (api + worker), as npm start' }),
      // The harness drops its own alho_test_* database (never created here) and its Redis keys, not ours.
      close: () => t.close(),
    };
  });
}

// --------------------------------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    sequential: { type: 'string', default: '200' },
    concurrent: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    changes: { type: 'string', default: '200' },
    'max-phase-s': { type: 'string', default: '60' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});
const num = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};
const opts = {
  cases: num(process.env.BENCH_CASES ?? '1000000', 'BENCH_CASES'),
  sequential: args.quick ? 50 : num(args.sequential, '--sequential'),
  concurrent: args.quick ? 50 : num(args.concurrent, '--concurrent'),
  concurrency: num(args.concurrency, '--concurrency'),
  changes: args.quick ? 50 : num(args.changes, '--changes'),
  /** A phase stops sending after this long, so that one pathological key cannot hold the bench for many minutes. */
  maxPhaseS: num(args['max-phase-s'], '--max-phase-s'),
};
/** The smaller counts measured first, on the way to the requested one (each database seeds the next). */
const STEPS = [1_000, 100_000];
/** p99 above which a search key at the full count is called slow and explained. */
const SLOW_P99_MS = 100;
/** CPU (% of one core) taken by programs outside the bench above which a phase is called contended. */
const NOISE_PCT = 20;
/** Distinct needles per key, cycled through by the requests. */
const NEEDLES = 50;

const log = (...parts: unknown[]) => console.error(`[bench-cases ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// --------------------------------------------------------------------------------------- databases

const baseConfig = () => parseConfig({ ...process.env, NODE_ENV: 'test' });
const dbName = (count: number) => (count === 1_000_000 ? 'alho_bench_cases' : `alho_bench_cases_${count}`);
const dbUrl = (name: string) => {
  const url = new URL(baseConfig().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const adminUrl = () => dbUrl('postgres');

/**
 * What the data depends on: the generator and each migration file. A database is reused while the generator
 * and every migration it was made with are unchanged; migrations added since are applied to it (an edited
 * one is never applied again, so it means regenerating).
 */
interface Fingerprint {
  generator: string;
  migrations: Record<string, string>;
}
async function fingerprint(): Promise<Fingerprint> {
  const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);
  const dir = path.join(ROOT, 'src/platform/db/migrations');
  const migrations: Record<string, string> = {};
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.sql')).sort()) migrations[f] = hash(await readFile(path.join(dir, f)));
  return { generator: hash(await readFile(path.join(ROOT, 'src/testing/case-generator.ts'))), migrations };
}
/** Why a database made with `was` cannot serve for `now`, or null when it can. */
function staleBecause(was: Partial<Fingerprint>, now: Fingerprint): string | null {
  if (was.generator !== now.generator) return 'the generator changed';
  if (!was.migrations) return 'no record of its migrations';
  const edited = Object.keys(was.migrations).filter((f) => now.migrations[f] !== was.migrations?.[f]);
  return edited.length ? `migration ${edited.join(', ')} changed since` : null;
}

interface Meta extends Fingerprint {
  count: number;
  generatedAt: string;
  generationS: number;
}
interface BenchDb extends Meta {
  name: string;
  url: string;
  reused: boolean;
  /** Cases generated by this run (the rest came from the smaller database). */
  generatedNow: number;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function readMeta(name: string): Promise<Meta | null> {
  const comment = await withAdmin(async (c) => (await c.query<{ c: string | null }>("SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1", [name])).rows[0]?.c);
  if (!comment) return null;
  try {
    return JSON.parse(comment) as Meta;
  } catch {
    return null;
  }
}

async function countCases(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

/**
 * A database holding exactly `count` generated cases: reused when it already does (see staleBecause),
 * else made from `from` (a smaller one, copied as a template, then topped up) or from scratch.
 * The comment is written last: a generation interrupted half-way is never taken for a finished one.
 */
async function prepareCases(count: number, fp: Fingerprint, from: BenchDb | undefined): Promise<BenchDb> {
  const name = dbName(count);
  const url = dbUrl(name);
  const meta = args.regenerate ? null : await readMeta(name);
  const stale = meta ? staleBecause(meta, fp) : null;
  if (meta && meta.count === count && !stale) {
    const actual = await countCases(url);
    if (actual === count) {
      const applied = await migrate(url);
      log(`${name}: reusing ${int(count)} cases generated ${meta.generatedAt}${applied.length ? `; applied ${applied.join(', ')}` : ''}`);
      return { ...meta, name, url, reused: true, generatedNow: 0 };
    }
    log(`${name}: holds ${int(actual)} cases, not ${int(count)}: regenerating`);
  } else if (meta) {
    log(`${name}: made for ${int(meta.count)} cases${stale ? `, and ${stale}` : ''}: regenerating`);
  }
  const started = performance.now();
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  let have = 0;
  if (from && from.count < count && !staleBecause(from, fp)) {
    log(`${name}: copying ${from.name} (${int(from.count)} cases) as a template`);
    // Autovacuum may still be visiting the template after its generation: retry for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${from.name}"`));
        break;
      } catch (e) {
        if (attempt >= 15 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    have = from.count;
  } else {
    await ensureDatabase(url);
    await migrate(url);
    const { db } = createDb(url, { max: 1 });
    await createOfficeDirectory({ db }).seed();
    await db.destroy();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const n = count - have;
    log(`${name}: generating ${int(n)} cases${have ? ` on top of ${int(have)}` : ''}`);
    let lastPrint = 0;
    await generateCases(client, n, {
      onProgress: (done) => {
        if (performance.now() - lastPrint > 5000 || done === n) {
          lastPrint = performance.now();
          log(`${name}: ${int(have + done)} / ${int(count)} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
      },
    });
    // What autovacuum would do in the first minutes of a real database (and would otherwise do during the bench).
    log(`${name}: VACUUM ANALYZE`);
    await client.query('VACUUM (ANALYZE) cases, people, case_people');
  } finally {
    await client.end();
  }
  const m: Meta = { count, ...fp, generatedAt: new Date().toISOString(), generationS: +((performance.now() - started) / 1000).toFixed(1) };
  await withAdmin((c) => c.query(`COMMENT ON DATABASE "${name}" IS '${JSON.stringify(m).replace(/'/g, "''")}'`));
  log(`${name}: ${int(count)} cases ready in ${m.generationS} s`);
  return { ...m, name, url, reused: false, generatedNow: count - have };
}

// --------------------------------------------------------------------------------------- HTTP client

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

interface Answer {
  status: number;
  ms: number;
  body: string;
  /** The first Set-Cookie, name=value only. */
  cookie?: string;
}

/** One request, timed from before it is written until its whole body has arrived. */
function request(baseUrl: string, method: 'GET' | 'PATCH' | 'POST', p: string, cookie: string | null, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { [CSRF_HEADER]: CSRF_VALUE, accept: 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const t0 = performance.now();
    const req = http.request(baseUrl + p, { method, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const t1 = performance.now();
        const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
        resolve({ status: res.statusCode ?? 0, ms: t1 - t0, body: Buffer.concat(chunks).toString(), ...(setCookie ? { cookie: setCookie } : {}) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${p} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function login(baseUrl: string, who: (typeof DEMO_USERS)[number]): Promise<string> {
  const res = await request(baseUrl, 'POST', '/api/auth/login', null, { email: who.email, password: who.password });
  if (res.status !== 200 || !res.cookie) throw new Error(`login as ${who.email} failed: ${res.status} ${res.body.slice(0, 200)}`);
  return res.cookie;
}
const demo = (role: 'agent' | 'supervisor') => DEMO_USERS.find((u) => u.role === role) as (typeof DEMO_USERS)[number];

// --------------------------------------------------------------------------------------- CPU shares

interface Cpu {
  /** % of one core: the hotline process, this process (the client), PostgreSQL+Redis, everything else. */
  serverPct: number;
  clientPct: number;
  servicesPct: number | null;
  otherPct: number | null;
}
function machineBusyMs(): number {
  let busy = 0;
  for (const c of os.cpus()) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return busy;
}
async function cpuWindow(server: LaunchedServer): Promise<() => Promise<Cpu>> {
  const s0 = (await server.probe()).usage;
  const c0 = process.cpuUsage();
  const d0 = serviceCpuMs();
  const m0 = machineBusyMs();
  const t0 = performance.now();
  return async () => {
    const wallMs = performance.now() - t0;
    const s1 = (await server.probe()).usage;
    const c = process.cpuUsage(c0);
    const d1 = serviceCpuMs();
    const serverPct = ((s1.user - s0.user + s1.system - s0.system) / 1000 / wallMs) * 100;
    const clientPct = ((c.user + c.system) / 1000 / wallMs) * 100;
    // A PostgreSQL backend that exits meanwhile takes its ticks with it: never below zero.
    const servicesPct = d0 === null || d1 === null ? null : Math.max(0, ((d1 - d0) / wallMs) * 100);
    const busyPct = ((machineBusyMs() - m0) / wallMs) * 100;
    return { serverPct, clientPct, servicesPct, otherPct: servicesPct === null ? null : Math.max(0, busyPct - serverPct - clientPct - servicesPct) };
  };
}
const contended = (cpu: Cpu) => (cpu.otherPct ?? 0) > NOISE_PCT;
const fmtCpu = (cpu: Cpu) => [cpu.serverPct, cpu.servicesPct, cpu.otherPct].map((x) => (x === null ? '?' : x.toFixed(0))).join('/') + '%';

// --------------------------------------------------------------------------------------- needles

/** Deterministic: the same count gives the same needles from run to run. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  seq: number;
  number: string;
  caller_phone: string | null;
  category: string;
  status: string;
  office_id: string | null;
  day: string;
  affected_name: string | null;
  dni: string | null;
}

interface Key {
  id: string;
  label: string;
  /** Query strings for GET /api/cases, each expected to find at least one case. */
  needles: string[];
}

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const shiftDay = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const distinct = <T>(xs: T[]) => [...new Set(xs)];

async function pickNeedles(pool: pg.Pool, count: number, timeZone: string): Promise<Key[]> {
  const rng = mulberry32(2026);
  const seqs = distinct(Array.from({ length: 600 }, () => 1 + Math.floor(rng() * count)));
  const { rows } = await pool.query<Sample>(
    `SELECT c.seq::int8 AS seq, c.number, c.caller_phone, c.category, c.status, c.office_id,
            to_char(c.created_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, pa.search_name AS affected_name, pa.dni
       FROM cases c
       LEFT JOIN case_people cp ON cp.case_id = c.id AND cp.role = 'affected'
       LEFT JOIN people pa ON pa.id = cp.person_id
      WHERE c.seq = ANY($1::int8[]) AND c.merged_into IS NULL AND c.non_data IS NULL
      ORDER BY array_position($1::int8[], c.seq::int8)`,
    [seqs, timeZone],
  );
  // The rarest full names (people are named first name, surname, surname: about 30 cases each per million).
  const rare = await pool.query<{ search_name: string; n: string }>(
    `SELECT search_name, count(*) AS n FROM people WHERE search_name LIKE '% % %' GROUP BY search_name ORDER BY count(*), search_name LIMIT ${NEEDLES}`,
  );
  const take = (xs: string[]) => distinct(xs).slice(0, NEEDLES);
  const words = (name: string | null) => (name ?? '').split(' ').filter(Boolean);
  const surnames = take(['lopez', ...rows.map((r) => words(r.affected_name).at(-1) ?? '').filter(Boolean)]);
  const firstTwo = take(['maria jose', ...rows.map((r) => words(r.affected_name).slice(0, 2).join(' ')).filter((x) => x.includes(' '))]);
  const keys: Key[] = [
    { id: 'number', label: 'case number (q=AV-YYYY-NNNNNN)', needles: take(rows.map((r) => qs({ q: r.number }))) },
    // q reads 1 to 6 digits as a case's sequence number (7 and more are a phone ending).
    { id: 'seq', label: 'seq digits (q=NNNNNN)', needles: take(rows.filter((r) => r.seq <= 999_999).map((r) => qs({ q: String(r.seq) }))) },
    { id: 'phone', label: 'phone, exact E.164 (q=+...)', needles: take(rows.filter((r) => r.caller_phone).map((r) => qs({ q: r.caller_phone as string }))) },
    {
      id: 'ending', label: 'phone ending, 8 digits (q=NNNNNNNN)',
      needles: take(rows.filter((r) => r.caller_phone?.startsWith('+504')).map((r) => qs({ q: (r.caller_phone as string).slice(-8) }))),
    },
    { id: 'name1', label: 'name, one word (q=lopez)', needles: surnames.map((q) => qs({ q })) },
    { id: 'name2', label: 'name, two words (q=maria jose)', needles: firstTwo.map((q) => qs({ q })) },
    { id: 'rare', label: 'name, rare full name', needles: take(rare.rows.map((r) => qs({ q: r.search_name }))) },
    { id: 'dni', label: 'DNI, 13 digits (q=...)', needles: take(rows.filter((r) => r.dni).map((r) => qs({ q: r.dni as string }))) },
    { id: 'catstatus', label: 'category + status', needles: take(rows.map((r) => qs({ category: r.category, status: r.status }))) },
    { id: 'office', label: 'office', needles: take(rows.filter((r) => r.office_id).map((r) => qs({ office: r.office_id as string }))) },
    { id: 'dates', label: 'date range, 7 days', needles: take(rows.map((r) => qs({ from: shiftDay(r.day, -3), to: shiftDay(r.day, 3) }))) },
    {
      id: 'combined', label: 'category + date range, 30 days',
      needles: take(rows.map((r) => qs({ category: r.category, from: shiftDay(r.day, -15), to: shiftDay(r.day, 14) }))),
    },
  ];
  const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;
  const selected = keys.filter((k) => !only || only.has(k.id));
  if (!selected.length) throw new Error(`--only matches no key (${keys.map((k) => k.id).join(', ')})`);
  return selected;
}

// --------------------------------------------------------------------------------------- measuring

interface Latency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface Measured {
  sequential: Latency;
  concurrent: Latency & { concurrency: number; reqPerSec: number };
  cpu: Cpu;
  failures: number;
  /** The needle of the slowest single request, for EXPLAIN. */
  slowest: { needle: string; ms: number };
}
interface KeyResult extends Measured {
  id: string;
  label: string;
  example: string;
  needles: number;
  /** Cases on the first page (at most 50) per needle. */
  found: { min: number; median: number; max: number };
  problems: string[];
  /** A phase reached --max-phase-s before its count of requests. */
  cut: boolean;
  plan?: { sql: string; parameters: unknown[]; plan: string };
}

/** opts.sequential requests one after another, then opts.concurrent by opts.concurrency clients, cycling through `paths`. */
async function measure(server: LaunchedServer, cookie: string, paths: string[], ok: (a: Answer) => boolean): Promise<Measured> {
  const base = server.ready.baseUrl;
  let failures = 0;
  let slowest = { needle: paths[0] as string, ms: 0 };
  const one = async (i: number) => {
    const p = paths[i % paths.length] as string;
    const a = await request(base, 'GET', p, cookie);
    if (!ok(a)) failures++;
    if (a.ms > slowest.ms) slowest = { needle: p, ms: a.ms };
    return a.ms;
  };
  const close = await cpuWindow(server);
  const seq: number[] = [];
  const seqEnd = performance.now() + opts.maxPhaseS * 1000;
  for (let i = 0; i < opts.sequential && performance.now() < seqEnd; i++) seq.push(await one(i));
  const conc: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const concEnd = t0 + opts.maxPhaseS * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.concurrent && performance.now() < concEnd) conc.push(await one(next++));
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const cpu = await close();
  return { sequential: summarize(seq), concurrent: { ...summarize(conc), concurrency: opts.concurrency, reqPerSec: conc.length / wallS }, cpu, failures, slowest };
}

const foundIn = (a: Answer) => {
  try {
    return (JSON.parse(a.body) as { cases?: unknown[] }).cases?.length ?? -1;
  } catch {
    return -1;
  }
};

async function benchKey(server: LaunchedServer, cookie: string, key: Key): Promise<KeyResult> {
  const problems: string[] = [];
  const paths = key.needles.map((n) => `/api/cases?${n}`);
  if (!paths.length) problems.push('no needle found in the data');
  // Each needle once: it must answer 200 and find something. This is also the warm-up.
  const found: number[] = [];
  for (const p of paths) {
    const a = await request(server.ready.baseUrl, 'GET', p, cookie);
    const n = foundIn(a);
    if (a.status !== 200) problems.push(`${p} answered ${a.status}: ${a.body.slice(0, 200)}`);
    else if (n <= 0) problems.push(`${p} found nothing`);
    found.push(n);
  }
  const sorted = [...found].sort((a, b) => a - b);
  const m = await measure(server, cookie, paths.length ? paths : ['/api/cases?q=none'], (a) => a.status === 200);
  const example = decodeURIComponent((key.needles[0] ?? '').replace(/\+/g, ' '));
  log(
    `${key.label}: p50 ${ms(m.sequential.p50)} ms, p99 ${ms(m.sequential.p99)} ms; at ${opts.concurrency} p50 ${ms(m.concurrent.p50)}, p99 ${ms(m.concurrent.p99)}, ` +
      `${int(m.concurrent.reqPerSec)}/s; found ${sorted[0]}..${sorted.at(-1)} (CPU srv/db/other ${fmtCpu(m.cpu)})`,
  );
  return { id: key.id, label: key.label, example, needles: paths.length, found: { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 }, problems,
    cut: m.sequential.count < opts.sequential || m.concurrent.count < opts.concurrent, ...m };
}

/** The SQL the API runs for one needle, captured from the repository itself, and its EXPLAIN ANALYZE. */
async function explain(url: string, needlePath: string, timeZone: string): Promise<{ sql: string; parameters: unknown[]; plan: string }> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let compiled: CompiledQuery | undefined;
  const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') compiled = e.query; } });
  try {
    const params = Object.fromEntries(new URLSearchParams(needlePath.replace(/^[^?]*\?/, '')));
    const filters = toFilters(searchQuerySchema.parse(params), timeZone);
    await createCaseSearchRepository(db).search({ ...filters, limit: filters.limit + 1 });
    if (!compiled) throw new Error('no query captured');
    const { sql, parameters } = compiled;
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters as unknown[]);
    return { sql, parameters: [...parameters], plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n') };
  } finally {
    await db.destroy();
  }
}

// --------------------------------------------------------------------------------------- changes

interface ChangesResult {
  changes: number;
  cases: number;
  toEvent: Latency;
  toResponse: Latency;
  ping: Latency;
  /** Changes whose event arrived before the PATCH response did. */
  eventBeforeResponse: number;
  cpu: Cpu;
  failures: number;
}

async function benchChanges(server: LaunchedServer, pool: pg.Pool): Promise<ChangesResult> {
  const base = server.ready.baseUrl;
  const cookieA = await login(base, demo('agent'));
  const cookieB = await login(base, demo('supervisor'));
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(base, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookieB } });
  receiveBatches(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  try {
    // Cases an agent may edit: open, neither merged nor non-data nor anonymised.
    const { rows } = await pool.query<{ id: string; version: number }>(
      `SELECT id, version FROM cases WHERE status IN ('new', 'in_progress', 'waiting_caller') AND non_data IS NULL AND merged_into IS NULL
          AND anonymised_at IS NULL ORDER BY seq LIMIT 10`,
    );
    if (!rows.length) throw new Error('no open case to change');
    const versions = new Map(rows.map((r) => [r.id, r.version]));
    const waiting = new Map<string, (at: number) => void>();
    socket.on('case.updated', (c: CaseSummaryDto) => {
      const at = performance.now();
      waiting.get(c.id)?.(at);
    });
    let failures = 0;
    let eventBeforeResponse = 0;
    const change = async (i: number) => {
      const { id } = rows[i % rows.length] as { id: string };
      const event = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => { waiting.delete(id); reject(new Error(`no case.updated for ${id} within 10 s`)); }, 10_000);
        waiting.set(id, (at) => { clearTimeout(timer); waiting.delete(id); resolve(at); });
      });
      const t0 = performance.now();
      const res = await request(base, 'PATCH', `/api/cases/${id}`, cookieA, { version: versions.get(id), narrative: `Bench change ${i}, ${new Date().toISOString()}` });
      const tResponse = t0 + res.ms;
      if (res.status !== 200) {
        failures++;
        waiting.delete(id);
        throw new Error(`PATCH /api/cases/${id} answered ${res.status}: ${res.body.slice(0, 300)}`);
      }
      versions.set(id, (JSON.parse(res.body) as { version: number }).version);
      const tEvent = await event;
      if (tEvent < tResponse) eventBeforeResponse++;
      return { toEvent: tEvent - t0, toResponse: res.ms };
    };
    const ping = async () => {
      const t0 = performance.now();
      const r = await socket.timeout(10_000).emitWithAck('session.ping');
      if (!r.ok) throw new Error(`session.ping: ${JSON.stringify(r)}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 10; i++) {
      await ping();
      await change(i);
    }
    eventBeforeResponse = 0;
    const close = await cpuWindow(server);
    const toEvent: number[] = [];
    const toResponse: number[] = [];
    const pings: number[] = [];
    for (let i = 0; i < opts.changes; i++) {
      pings.push(await ping());
      const c = await change(10 + i);
      toEvent.push(c.toEvent);
      toResponse.push(c.toResponse);
    }
    const cpu = await close();
    return { changes: toEvent.length, cases: rows.length, toEvent: summarize(toEvent), toResponse: summarize(toResponse), ping: summarize(pings), eventBeforeResponse, cpu, failures };
  } finally {
    socket.close();
  }
}

// --------------------------------------------------------------------------------------- one count

interface SizeResult {
  cases: number;
  database: BenchDb;
  baselineBlocks: Measured[];
  baseline: { sequential: Latency; concurrent: Latency & { reqPerSec: number } };
  keys: KeyResult[];
  changes: ChangesResult | null;
}

async function benchSize(db: BenchDb, withChanges: boolean, timeZone: string): Promise<SizeResult> {
  process.env[SERVE_ENV] = db.url;
  const server = await launch('../bench-cases.ts');
  delete process.env[SERVE_ENV];
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  try {
    const cookie = await login(server.ready.baseUrl, demo('agent'));
    log(`${int(db.count)} cases: picking needles`);
    const keys = await pickNeedles(pool, db.count, timeZone);
    const me = ['/api/auth/me'];
    const meOk = (a: Answer) => a.status === 200;
    // Warm-up of the server itself (JIT, pools), then the baseline before, between and after the keys.
    for (let i = 0; i < 100; i++) await request(server.ready.baseUrl, 'GET', me[0] as string, cookie);
    const blocks: Measured[] = [await measure(server, cookie, me, meOk)];
    log(`baseline GET /api/auth/me: p50 ${ms(blocks[0]!.sequential.p50)} ms, p99 ${ms(blocks[0]!.sequential.p99)} ms`);
    const results: KeyResult[] = [];
    for (const [i, key] of keys.entries()) {
      if (i === Math.floor(keys.length / 2) && i > 0) blocks.push(await measure(server, cookie, me, meOk));
      results.push(await benchKey(server, cookie, key));
    }
    blocks.push(await measure(server, cookie, me, meOk));
    log(`baseline blocks p50 ${blocks.map((b) => ms(b.sequential.p50)).join(' / ')} ms`);
    for (const r of results) {
      if (!args.explain && r.sequential.p99 <= SLOW_P99_MS) continue;
      r.plan = await explain(db.url, r.slowest.needle, timeZone);
      if (r.sequential.p99 > SLOW_P99_MS) log(`${r.label}: SLOW (p99 ${ms(r.sequential.p99)} ms); plan for ${r.slowest.needle}:\n${r.plan.plan}`);
    }
    const changes = withChanges ? await benchChanges(server, pool) : null;
    if (changes) log(`changes: PATCH -> case.updated p50 ${ms(changes.toEvent.p50)} ms, p99 ${ms(changes.toEvent.p99)} ms; ping p50 ${ms(changes.ping.p50)} ms`);
    return {
      cases: db.count,
      database: db,
      baselineBlocks: blocks,
      baseline: poolBlocks(blocks),
      keys: results,
      changes,
    };
  } finally {
    await pool.end();
    await server.stop();
  }
}

/** The baseline blocks as one: the median block's percentiles (the blocks are the same size). */
function poolBlocks(blocks: Measured[]): SizeResult['baseline'] {
  const mid = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;
  const seq = mid(blocks, (b) => b.sequential.p50).sequential;
  const conc = mid(blocks, (b) => b.concurrent.p50).concurrent;
  return { sequential: seq, concurrent: conc };
}

// --------------------------------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = Date.now();
  const machine = machineInfo();
  log(`${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}`);
  const timeZone = baseConfig().hotlineTimeZone;
  const fp = await fingerprint();
  const counts = [...STEPS.filter((n) => n < opts.cases), opts.cases];
  const sizes: SizeResult[] = [];
  let previous: BenchDb | undefined;
  for (const count of counts) {
    const db = await prepareCases(count, fp, previous);
    sizes.push(await benchSize(db, count === opts.cases, timeZone));
    previous = db;
  }

  // ------------------------------------------------------------------------- report
  const full = sizes.at(-1) as SizeResult;
  const small = sizes.length > 1 ? sizes[0] : undefined;
  const x = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '-');
  const out: string[] = [];
  out.push('', `ALHO Voz case bench, ${new Date(started).toISOString()}`);
  out.push(`machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB RAM, ${machine.os}, node ${machine.node}, load at start ${machine.loadAvgAtStart.join(' ')}`);
  for (const s of sizes) {
    const d = s.database;
    out.push(`${int(s.cases)} cases in ${d.name}: ${d.reused ? `reused (generated ${d.generatedAt} in ${d.generationS} s)` : `generated now in ${d.generationS} s (${int(d.generatedNow)} new)`}`);
  }
  out.push(
    `Search: GET /api/cases as the demo agent, page of 50, newest first; per key ${NEEDLES} needles from the data cycled through, ${opts.sequential} requests`,
    `one after another, then ${opts.concurrent} at concurrency ${opts.concurrency} ("c${opts.concurrency}"); ms from writing the request to the last byte, client in`,
    `this process, hotline in a child process. ×base = the key's figure over the same figure of GET /api/auth/me (session check,`,
    `no case query) measured in the same run (median of ${full.baselineBlocks.length} blocks: before, between and after the keys).`,
  );
  for (const s of sizes) {
    const b = s.baseline;
    out.push('', `${int(s.cases)} cases`);
    out.push(
      table(
        ['search key', 'example', 'found', 'p50', 'p99', 'max', '×base p50', '×base p99', `c${opts.concurrency} p50`, `c${opts.concurrency} p99`, `c${opts.concurrency} req/s`, 'CPU srv/db/other'],
        [
          ['baseline GET /api/auth/me', '', '', ms(b.sequential.p50), ms(b.sequential.p99), ms(b.sequential.max), '1.0×', '1.0×', ms(b.concurrent.p50), ms(b.concurrent.p99), int(b.concurrent.reqPerSec), fmtCpu(s.baselineBlocks[0]!.cpu)],
          ...s.keys.map((k) => [
            k.label + (k.sequential.p99 > SLOW_P99_MS && s === full ? ' SLOW' : '') + (contended(k.cpu) ? ' (contended)' : ''),
            k.example.length > 34 ? k.example.slice(0, 33) + '…' : k.example,
            k.found.min === k.found.max ? String(k.found.min) : `${k.found.min}-${k.found.max}`,
            ms(k.sequential.p50),
            ms(k.sequential.p99),
            ms(k.sequential.max),
            x(k.sequential.p50, b.sequential.p50),
            x(k.sequential.p99, b.sequential.p99),
            ms(k.concurrent.p50),
            ms(k.concurrent.p99),
            int(k.concurrent.reqPerSec),
            fmtCpu(k.cpu),
          ]),
        ],
        (c) => c > 1,
      ),
    );
  }
  if (small) {
    out.push('', `Growth from ${int(small.cases)} to ${int(full.cases)} cases (p50 and p99 at ${int(full.cases)} over the same at ${int(small.cases)}; 1.0× = independent of the count)`);
    out.push(
      table(
        ['search key', `p50 ${int(small.cases)}`, `p50 ${int(full.cases)}`, 'p50 growth', `p99 ${int(small.cases)}`, `p99 ${int(full.cases)}`, 'p99 growth'],
        full.keys.map((k) => {
          const s = small.keys.find((y) => y.id === k.id);
          return s
            ? [k.label, ms(s.sequential.p50), ms(k.sequential.p50), x(k.sequential.p50, s.sequential.p50), ms(s.sequential.p99), ms(k.sequential.p99), x(k.sequential.p99, s.sequential.p99)]
            : [k.label, '-', ms(k.sequential.p50), '-', '-', ms(k.sequential.p99), '-'];
        }),
      ),
    );
  }
  const ch = full.changes;
  if (ch) {
    out.push('', `Case change to another console, ${int(full.cases)} cases: agent A PATCHes /api/cases/:id (narrative, ${ch.cases} open cases in turn), supervisor B's`);
    out.push(`socket receives case.updated; ${ch.changes} changes, each after a session.ping on B's socket (the baseline). ms; ×ping = over the ping's figure.`);
    out.push(
      table(
        ['measure', 'p50', 'p90', 'p99', 'max', '×ping p50', '×ping p99'],
        [
          ['session.ping ack round trip (baseline)', ms(ch.ping.p50), ms(ch.ping.p90), ms(ch.ping.p99), ms(ch.ping.max), '1.0×', '1.0×'],
          ['PATCH sent -> case.updated at B', ms(ch.toEvent.p50), ms(ch.toEvent.p90), ms(ch.toEvent.p99), ms(ch.toEvent.max), x(ch.toEvent.p50, ch.ping.p50), x(ch.toEvent.p99, ch.ping.p99)],
          ['PATCH sent -> PATCH response at A', ms(ch.toResponse.p50), ms(ch.toResponse.p90), ms(ch.toResponse.p99), ms(ch.toResponse.max), x(ch.toResponse.p50, ch.ping.p50), x(ch.toResponse.p99, ch.ping.p99)],
        ],
      ),
    );
    out.push(`case.updated reached B before A had the PATCH response in ${ch.eventBeforeResponse} of ${ch.changes} changes; CPU srv/db/other ${fmtCpu(ch.cpu)}${contended(ch.cpu) ? ' (CONTENDED)' : ''}`);
  }
  const problems = sizes.flatMap((s) => s.keys.flatMap((k) => k.problems.map((p) => `${int(s.cases)} cases, ${k.label}: ${p}`)));
  const failures = sizes.reduce((n, s) => n + s.keys.reduce((m, k) => m + k.failures, 0) + s.baselineBlocks.reduce((m, k) => m + k.failures, 0) + (s.changes?.failures ?? 0), 0);
  const slow = full.keys.filter((k) => k.sequential.p99 > SLOW_P99_MS);
  const contendedPhases = sizes.flatMap((s) => [...s.keys.filter((k) => contended(k.cpu)).map((k) => `${int(s.cases)} ${k.label}`), ...(s.changes && contended(s.changes.cpu) ? [`${int(s.cases)} changes`] : [])]);
  out.push('');
  out.push(`slow keys (p99 over ${SLOW_P99_MS} ms at ${int(full.cases)}): ${slow.length ? slow.map((k) => k.label).join('; ') + ' (EXPLAIN ANALYZE in bench-results/cases.json)' : 'none'}`);
  out.push(`failed requests: ${failures}`);
  for (const s of sizes) {
    for (const k of s.keys.filter((y) => y.cut)) {
      out.push(`NOTE: ${int(s.cases)} cases, ${k.label}: cut at ${opts.maxPhaseS} s (${k.sequential.count} sequential, ${k.concurrent.count} concurrent requests measured)`);
    }
  }
  for (const p of problems.slice(0, 20)) out.push(`PROBLEM: ${p}`);
  if (problems.length > 20) out.push(`... and ${problems.length - 20} more problems (bench-results/cases.json)`);
  const phases = sizes.reduce((n, s) => n + s.keys.length + (s.changes ? 1 : 0), 0);
  if (contendedPhases.length) {
    const which = contendedPhases.length > 6 ? `${contendedPhases.length} of ${phases} phases (marked "contended" above)` : contendedPhases.join('; ');
    out.push(`WARNING: other programs took over ${NOISE_PCT}% of a core during ${which}. Ratios to the baseline hold better than absolute figures; run again when the machine is quiet.`);
  }
  const loadAvgAtEnd = finishReport(out, started);

  const file = await saveResult('cases.json', {
    ...resultHeader(started, machine, loadAvgAtEnd),
    options: { ...opts, slowP99Ms: SLOW_P99_MS, needlesPerKey: NEEDLES },
    sizes: sizes.map((s) => ({
      ...s,
      keys: s.keys.map((k) => ({ ...k, ratioP50VsBaseline: k.sequential.p50 / s.baseline.sequential.p50, ratioP99VsBaseline: k.sequential.p99 / s.baseline.sequential.p99 })),
    })),
    failedRequests: failures,
    problems,
    contendedPhases,
  });
  log(`wrote ${path.relative(process.cwd(), file)}`);
  return failures || problems.length ? 1 : 0;
}

if (process.env[SERVE_ENV]) {
  serve(process.env[SERVE_ENV]);
} else {
  runMain(main, log);
}

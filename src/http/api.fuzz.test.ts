import { pauseBackgroundWork, resumeBackgroundWork } from '../testing/background-work.js';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../modules/auth/index.js';
import { startTestHotline, type TestHotline } from '../testing/harness.js';

/**
 * Generated JSON against the console API: every writing route, as the role allowed to use it, with
 * real ids so bodies reach validation. Whatever the body, the answer is never a 5xx; a refusal is a
 * 4xx with {error: {code, message}} and leaves the database exactly as it was. Background jobs are
 * paused meanwhile, so every change seen comes from the request itself. FUZZ_SEED=<n> replays or
 * explores (failures print the seed); FUZZ_SCALE=10 runs ten times as many cases.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260613);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const run = <T>(property: fc.IAsyncProperty<T>, numRuns: number) => fc.assert(property, { seed: SEED, numRuns: Math.round(numRuns * SCALE) });

let t: TestHotline;
type Role = 'agent' | 'supervisor' | 'admin' | 'consulate';
const cookies = {} as Record<Role, string>;
/** Real ids, filled into paths and bodies where a generated value says `$name`. */
const ids: Record<string, string> = {};
let settingsNow: Record<string, unknown> = {};

// ---- The database, before and after ---------------------------------------------------------

const TABLES = [
  'cases', 'case_events', 'case_audit', 'case_people', 'people', 'calls', 'callbacks', 'recordings', 'escalations', 'escalation_events',
  'escalation_deliveries', 'hotline_settings', 'settings_audit', 'offices', 'offices_audit', 'users', 'blocked_numbers',
];
const SNAPSHOT_SQL = TABLES.map((table) => `SELECT '${table}' AS t, count(*)::int AS n, coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS h FROM ${table} r`).join(' UNION ALL ');
/** Row count and a hash of every row, table by table. */
async function snapshot(): Promise<Record<string, string>> {
  const { rows } = await t.sql.query(SNAPSHOT_SQL);
  return Object.fromEntries(rows.map((r: { t: string; n: number; h: string }) => [r.t, `${r.n}:${r.h}`]));
}
const changedTables = (a: Record<string, string>, b: Record<string, string>) => TABLES.filter((k) => a[k] !== b[k]);


// ---- Generators ----------------------------------------------------------------------------

/** Strings that have broken servers before: NUL, lone surrogates, bidi, markup, SQL, prototype names, impossible dates. */
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'nota\u0000oculta', '\uD800', 'a\uDFFFb', '\u202Egnp.exe', '\uFEFF', '<script>alert(1)</script>', "'; DROP TABLE cases; --", '../../etc/passwd',
  '%00', '{{7*7}}', '${process.env}', 'null', 'undefined', 'NaN', '-1', '1e309', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '+50499990000', '+0',
  '2026-02-30', '9999-12-31', '0000-00-00', '2026-13-01', 'AV-2026-000001', 'es', 'en', 'RIESGO_VIDA', 'closed', 'mx-tapachula', 'x@y', 'a@b.c',
);
/** Characters PostgreSQL refuses (NUL, lone surrogates) or that often trip code up, to slip into otherwise valid text. */
const oddChar = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDC00') },
  { weight: 1, arbitrary: fc.constantFrom('\u0001', '\u001B', '\u202E', '\uFEFF', '\uFFFF', '\u2028', '👩‍👩‍👧', 'e\u0301', '\n', "'", '"', '\\', '%', '_') },
);
const taint = (text: string) => fc.tuple(oddChar, fc.nat()).map(([c, at]) => text.slice(0, at % (text.length + 1)) + c + text.slice(at % (text.length + 1)));
const bigString = fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'ñ'.repeat(n));
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 50 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 2 ** 53 + 2, 1e308, -(2 ** 31) - 1, 0.5, 3)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: bigString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nasty, fc.integer(), fc.constant(null)), { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(nasty, fc.string({ maxLength: 10 })), fc.oneof(nasty, fc.integer(), fc.constant(null)), { maxKeys: 5 }) },
);
/** Whole bodies that are nothing like what the route wants. */
const junkBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.object({ maxDepth: 3, values: [junkValue] }),
  fc.array(junkValue, { maxLength: 10 }),
  fc.dictionary(fc.constantFrom('value', 'text', 'version', 'officeId', 'phone', 'email', 'reason', 'intoCaseId', 'caseId', 'status'), junkValue),
);

type Path = (string | number)[];
function leafPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => leafPaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out);
  return out;
}
type Op = 'replace' | 'taint' | 'delete' | 'extra' | 'null' | 'wrap';
/**
 * The value at `path` with one defect: replaced by junk, an odd character slipped into its text (at `at`),
 * removed, set to null, wrapped in an array, or joined by a key nobody expects.
 */
function mutate(template: unknown, path: Path, op: Op, junk: unknown, extraKey: string, char: string, at: number): unknown {
  const root = structuredClone(template);
  if (path.length === 0) return op === 'taint' ? junk : op === 'delete' ? undefined : op === 'wrap' ? [root] : op === 'extra' && root && typeof root === 'object' ? Object.assign(root, { [extraKey]: junk }) : junk;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (op === 'replace') parent[last] = junk;
  else if (op === 'taint') {
    const text = parent[last];
    parent[last] = typeof text === 'string' ? text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1)) : junk;
  }
  else if (op === 'null') parent[last] = null;
  else if (op === 'wrap') parent[last] = [parent[last]];
  else if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[extraKey] = junk;
    else parent[last] = junk;
  }
  return root;
}
const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'id', 'version', ''), fc.string({ maxLength: 12 }));
/** A valid body, a body with one defect somewhere, or junk. */
function bodyFor(template: () => unknown): fc.Arbitrary<unknown> {
  const t0 = template();
  const paths = leafPaths(t0);
  // Text fields are where odd characters get in: they are tainted more often than other defects are made.
  const ops: Op[] = ['replace', 'replace', 'taint', 'taint', 'taint', 'delete', 'extra', 'null', 'wrap'];
  const mutated = fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom(...ops), junkValue, extraKey, oddChar, fc.nat())
    .map(([path, op, junk, key, char, at]) => mutate(template(), path, op, junk, key, char, at));
  return fc.oneof({ weight: 1, arbitrary: fc.constant(t0) }, { weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: junkBody });
}

/** A path parameter: `real` is what a well-behaved client sends; generated ones are usually that, sometimes not an id at all. */
interface Param {
  real: string;
  arb: fc.Arbitrary<string>;
}
const idParam = (name: string, real = `$${name}`): Param => ({ real, arb: fc.oneof({ weight: 5, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: fc.oneof(nasty, fc.uuid(), fc.string({ maxLength: 20 })) }) });

interface WriteRoute {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  params: Record<string, Param>;
  role: Role | null;
  /** What a well-behaved console sends. */
  template?: () => unknown;
  body: fc.Arbitrary<unknown>;
}
const route = (method: WriteRoute['method'], path: string, role: Role | null, template: () => unknown, params: Record<string, Param> = {}): WriteRoute => ({
  method, path, role, params, template, body: bodyFor(template),
});
/** Valid bodies that work once and are refused afterwards (or must be): left to the fuzzing itself. */
const ONE_WAY = new Set(['POST /api/cases/:id/merge', 'POST /api/people/:id/merge', 'POST /api/cases/:id/non-data', 'POST /api/escalations/:id/close', 'POST /api/auth/login', 'POST /api/cases/:id/escalations', 'POST /api/escalations/deliveries/:id/retry']);

const person = () => ({ fullName: 'Ana María López', aliases: ['Anita'], sex: 'F', birthDate: '1990-05-01', dni: '0801-1990-12345', phone: '+50499887766', language: 'es', interpreterNeeded: false, vulnerabilities: ['minor'] });
const flowTargets = fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'main', 'gone', '');

function writeRoutes(): WriteRoute[] {
  const setting = (key: string) => route('PUT', `/api/settings/${key}`, 'supervisor', () => ({ value: structuredClone(settingsNow[key]) }));
  return [
    route('PATCH', '/api/cases/:id', 'agent', () => ({
      version: '$version', status: 'in_progress', category: 'DETENCION', subcategory: 'immigration', priority: 2, priorityReason: 'Detenido en Texas', notifyCaller: false,
      affected: person(), relationship: 'parent', requester: { fullName: 'José López' }, consent: { consulate: true, hostAuthorities: false },
      situation: { country: 'US', state: 'Texas', city: 'Houston', facilityType: 'ICE', aNumber: 'A123456789', detainedOn: '2026-01-10', removalOn: '2026-03-01' },
      categoryFields: {}, narrative: 'Llamó la madre.', request: 'Visita consular', requestTypes: ['visit', 'legal_referral'],
    }), { id: idParam('case') }),
    route('POST', '/api/cases/:id/notes', 'agent', () => ({ text: 'Llamará mañana.' }), { id: idParam('case') }),
    route('POST', '/api/cases/:id/non-data', 'agent', () => ({ reason: 'silent' }), { id: idParam('case2') }),
    route('POST', '/api/cases/:id/merge', 'agent', () => ({ intoCaseId: '$case' }), { id: idParam('case3') }),
    route('POST', '/api/calls/:callSid/link', 'agent', () => ({ caseId: '$case' }), { callSid: idParam('callSid') }),
    route('POST', '/api/people/:id/merge', 'agent', () => ({ intoPersonId: '$person2' }), { id: idParam('person') }),
    route('POST', '/api/cases/:id/escalations', 'agent', () => ({ officeId: 'us-houston', sendIncomplete: true }), { id: idParam('case') }),
    // The office acknowledges, acts, asks and closes; the hotline writes notes and answers what was asked.
    ...(['ack', 'actions', 'notes', 'info-requests', 'info'] as const).map((a) =>
      route('POST', `/api/escalations/:id/${a}`, a === 'notes' || a === 'info' ? 'agent' : 'consulate', () => (a === 'ack' ? {} : { text: 'Visita programada.' }), { id: idParam('escalation') }),
    ),
    route('POST', '/api/escalations/:id/close', 'consulate', () => ({ outcome: 'visit_done', note: 'Visitado.' }), { id: idParam('escalation') }),
    route('POST', '/api/escalations/:id/notify-caller', 'agent', () => ({}), { id: idParam('escalation') }),
    route('POST', '/api/escalations/deliveries/:id/retry', 'supervisor', () => ({}), { id: idParam('delivery') }),
    route('PUT', '/api/offices/:id', 'admin', () => ({
      name: 'Consulado de Honduras en Houston', kind: 'consulate', country: 'US', city: 'Houston', jurisdiction: ['US-TX', 'US-OK'], address: '4151 Southwest Fwy',
      phone: '+17136220100', contact: 'Cónsul', hours: 'L-V 8:00-15:00', timeZone: 'America/Chicago', channels: ['inbox'], webhookUrl: null, emailTo: ['houston@example.org'], smsTo: null, department: null,
    }), { id: idParam('office', 'us-houston') }),
    ...['hours', 'holidays', 'onCall', 'queue', 'sms', 'retention', 'escalationDeadlines', 'reports', 'wallboard', 'abuse', 'flow'].map(setting),
    {
      // A flow whose links point at names every JavaScript object has: the checker must say so, not fail.
      method: 'PUT', path: '/api/settings/flow', role: 'supervisor', params: {},
      body: fc.tuple(fc.nat(), fc.nat(), flowTargets, fc.boolean()).map(([n, o, target, asStart]) => {
        const flow = structuredClone(settingsNow.flow) as { start: string; nodes: Record<string, { options: { then: unknown }[] }> };
        if (asStart) flow.start = target;
        else {
          const nodes = Object.values(flow.nodes).filter((node) => node.options.length > 0);
          const node = nodes[n % nodes.length] as { options: { then: unknown }[] };
          (node.options[o % node.options.length] as { then: unknown }).then = { go: target };
        }
        return { value: flow };
      }),
    },
    route('POST', '/api/blocked-numbers', 'supervisor', () => ({ phone: '+50488887777', minutes: 60, reason: 'Llamadas abusivas' })),
    { method: 'DELETE', path: '/api/blocked-numbers/:phone', role: 'supervisor', params: { phone: idParam('phone', '+50488887777') }, body: fc.constant(undefined) },
    route('POST', '/api/agents/:id/offline', 'supervisor', () => ({}), { id: idParam('agent') }),
    route('POST', '/api/users', 'admin', () => ({ email: 'nuevo.agente@alhovoz.test', name: 'Nuevo Agente', role: 'agent', officeId: null, password: 'Una-clave-larga-2026', languages: ['es', 'en'] })),
    route('POST', '/api/auth/login', null, () => ({ email: 'nadie@alhovoz.test', password: 'no-es-la-clave' })),
  ];
}

/** `$name` strings become the real id (or the case's current version), anywhere in a path or body. */
async function fill(value: unknown): Promise<unknown> {
  if (value === '$version') return Number((await t.sql.query('SELECT version FROM cases WHERE id = $1', [ids.case])).rows[0]?.version ?? 0);
  if (typeof value === 'string' && value.startsWith('$') && value.slice(1) in ids) return ids[value.slice(1)];
  if (Array.isArray(value)) return Promise.all(value.map(fill));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await fill(v);
    return out;
  }
  return value;
}
/** Percent-encodes every byte but the unreserved ones; a lone surrogate goes as its UTF-8 replacement, as a browser sends it. */
const encodeSegment = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
async function pathOf(r: WriteRoute, params: Record<string, string>): Promise<string> {
  let path = r.path;
  for (const [name, value] of Object.entries(params)) {
    const raw = String(await fill(value));
    // Now and then a segment that is not valid percent-encoding at all.
    path = path.replace(`:${name}`, raw === '%00' ? '%E0%A4%A' : encodeSegment(raw));
  }
  return path;
}

const ERROR_CODES = ['bad_request', 'validation_failed', 'unauthenticated', 'invalid_credentials', 'forbidden', 'csrf_failed', 'not_found', 'conflict', 'stale_version', 'rate_limited', 'payload_too_large', 'unavailable', 'account_locked'];
/** Never a 5xx; a refusal is one JSON error with a known code and a message, and changes nothing. */
async function expectAnswer(res: Response, label: string, before: Record<string, string>): Promise<'accepted' | 'refused'> {
  const text = await res.text();
  expect(res.status, `${label} -> ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return 'accepted';
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(body.error, label).toBeDefined();
  expect(typeof body.error?.message).toBe('string');
  expect(ERROR_CODES, `${label} -> ${text.slice(0, 300)}`).toContain(body.error?.code);
  const after = await snapshot();
  expect(changedTables(before, after), `${label} was refused (${res.status}) but changed the database`).toEqual([]);
  return 'refused';
}

async function send(method: string, path: string, role: Role | null, body: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
  return t.api(path, { method, ...(role ? { cookie: cookies[role] } : {}), ...(body === undefined ? {} : { body }), headers: { 'accept-language': 'es', ...headers } });
}

beforeAll(async () => {
  t = await startTestHotline();
  cookies.admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
  cookies.supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
  cookies.agent = await t.login(DEMO_USERS[2].email, DEMO_USERS[2].password);

  // Three cases from simulated calls, people on two of them, and an escalation with its delivery.
  const caseOf = async (from: string) => {
    const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const row = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0] as { case_id: string };
    return { callSid: call.callSid, caseId: row.case_id };
  };
  const first = await caseOf('+50499123456');
  const second = await caseOf('+50499123457');
  const third = await caseOf('+50499123458');
  Object.assign(ids, { case: first.caseId, case2: second.caseId, case3: third.caseId, callSid: third.callSid });
  for (const [id, name] of [[first.caseId, 'Ana María López'], [second.caseId, 'Ana M. López']] as const) {
    const version = Number((await t.sql.query('SELECT version FROM cases WHERE id = $1', [id])).rows[0].version);
    const res = await send('PATCH', `/api/cases/${id}`, 'agent', JSON.stringify({ version, affected: { fullName: name }, situation: { country: 'US', state: 'Texas' } }));
    expect(res.status, await res.text()).toBe(200);
  }
  const people = (await t.sql.query('SELECT person_id, case_id FROM case_people')).rows as { person_id: string; case_id: string }[];
  ids.person = people.find((p) => p.case_id === first.caseId)?.person_id as string;
  ids.person2 = people.find((p) => p.case_id === second.caseId)?.person_id as string;
  const escalated = await send('POST', `/api/cases/${second.caseId}/escalations`, 'agent', JSON.stringify({ officeId: 'mx-tapachula', sendIncomplete: true }));
  expect(escalated.status, await escalated.clone().text()).toBe(201);
  ids.escalation = ((await escalated.json()) as { id: string }).id;
  // The seeded offices deliver to the console inbox only, so there is no delivery row to retry: an unknown one is refused.
  ids.delivery = ((await t.sql.query('SELECT id FROM escalation_deliveries LIMIT 1')).rows[0]?.id as string | undefined) ?? randomUUID();
  ids.agent = (await t.sql.query('SELECT id FROM users WHERE email = $1', [DEMO_USERS[2].email])).rows[0].id as string;
  const consul = { email: 'consul.tapachula@alhovoz.test', name: 'Cónsul Tapachula', role: 'consulate', officeId: 'mx-tapachula', password: 'Consulado-2026-largo' };
  expect((await send('POST', '/api/users', 'admin', JSON.stringify(consul))).status).toBe(201);
  cookies.consulate = await t.login(consul.email, consul.password);
  for (const [name, value] of Object.entries(ids)) expect(value, name).toBeTruthy();
  settingsNow = ((await (await send('GET', '/api/settings', 'supervisor', undefined)).json()) as { settings: Record<string, unknown> }).settings;

  await pauseBackgroundWork(t);
});
afterAll(async () => {
  await t?.close();
});

describe('console API under generated input', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const outcomes: Record<string, { accepted: number; refused: number }> = {};

  it('when a writing route is added to the API, then this file fuzzes it too', async () => {
    const modules = new URL('../modules/', import.meta.url);
    const declared: string[] = [];
    for (const dir of await readdir(modules)) {
      for (const file of (await readdir(new URL(`${dir}/`, modules))).filter((f) => f.endsWith('.routes.ts'))) {
        const source = await readFile(new URL(`${dir}/${file}`, modules), 'utf8');
        for (const m of source.matchAll(/router\.(post|patch|put|delete)\(\s*['`]([^'`]+)['`]/g)) {
          const [method, path] = [(m[1] as string).toUpperCase(), `/api${m[2] as string}`];
          // The escalation actions are declared in a loop over their names.
          const paths = path.includes('${path}') ? ['ack', 'actions', 'notes', 'info-requests', 'info', 'close'].map((a) => path.replace('${path}', a)) : [path];
          declared.push(...paths.map((x) => `${method} ${x}`));
        }
      }
    }
    // Logging out is not fuzzed: it would end the session the other requests use.
    const fuzzed = new Set(writeRoutes().map((r) => `${r.method} ${r.path.startsWith('/api/settings/') ? '/api/settings/:key' : r.path}`));
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((d) => d !== 'POST /api/auth/logout' && !fuzzed.has(d))).toEqual([]);
  });

  it('when each writing route gets what the console sends, then it is accepted: generated bodies start from valid ones', async () => {
    const refused: string[] = [];
    for (const r of writeRoutes()) {
      if (!r.template || ONE_WAY.has(`${r.method} ${r.path}`)) continue;
      const path = await pathOf(r, Object.fromEntries(Object.entries(r.params).map(([k, p]) => [k, p.real])));
      const res = await send(r.method, path, r.role, JSON.stringify(await fill(r.template())));
      if (res.status >= 300) refused.push(`${r.method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    expect(refused).toEqual([]);
  });

  it('when a writing route gets a generated body as the role allowed to use it, then never a 5xx, and a refusal changes nothing', async () => {
    const routes = writeRoutes();
    const paramsOf = (r: WriteRoute) => fc.record(Object.fromEntries(Object.entries(r.params).map(([k, p]) => [k, p.arb]))) as fc.Arbitrary<Record<string, string>>;
    // Drawn by label (what a counterexample prints), then its parameters and body.
    const byLabel = new Map(routes.map((r, i) => [`${i}: ${r.method} ${r.path}`, r]));
    // Each setting key is a route of its own: together they weigh as much as two other routes.
    const weightOf = (r: WriteRoute) => (r.path.startsWith('/api/settings/') && r.template ? 1 : 6);
    const request = fc.oneof(...[...byLabel].map(([label, r]) => ({ weight: weightOf(r), arbitrary: fc.tuple(fc.constant(label), paramsOf(r), r.body) })));
    await run(
      fc.asyncProperty(request, async ([label, params, rawBody]) => {
        const r = byLabel.get(label) as WriteRoute;
        const path = await pathOf(r, params);
        const body = rawBody === undefined ? undefined : JSON.stringify(await fill(rawBody));
        const before = await snapshot();
        const res = await send(r.method, path, r.role, body);
        const outcome = await expectAnswer(res, `${r.method} ${path} ${(body ?? '').slice(0, 300)}`, before);
        const key = `${r.method} ${r.path}`;
        outcomes[key] ??= { accepted: 0, refused: 0 };
        outcomes[key][outcome]++;
        // A successful edit moves the case on; later edits read its version afresh.
        if (outcome === 'accepted' && r.path === '/api/settings/:key') settingsNow = ((await (await send('GET', '/api/settings', 'supervisor', undefined)).json()) as { settings: Record<string, unknown> }).settings;
      }),
      160,
    );
    if (process.env.FUZZ_VERBOSE) console.log(outcomes); // how far the generated bodies got, route by route
    // Most routes were tried, and both answers were seen: the generators reach past validation.
    expect(Object.keys(outcomes).length).toBeGreaterThan(routes.length / 2);
    const totals = Object.values(outcomes).reduce((a, o) => ({ accepted: a.accepted + o.accepted, refused: a.refused + o.refused }), { accepted: 0, refused: 0 });
    expect(totals.accepted).toBeGreaterThan(0);
    expect(totals.refused).toBeGreaterThan(0);
  });

  it('when any text a writing route takes holds a NUL or half a surrogate pair, then it is refused with a 4xx and changes nothing', async () => {
    // Not random: every text field of every route's valid body (at most 12 a route, spread over it), in turn.
    const UNSTORABLE = ['\u0000', '\uD800', '\uDC00'];
    let sent = 0;
    for (const r of writeRoutes()) {
      if (!r.template) continue;
      const body = r.template();
      const textAt = (path: Path) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], body);
      // Text the client writes (not the `$id` placeholders this file fills in).
      const texts = leafPaths(body).filter((path) => path.length > 0 && typeof textAt(path) === 'string' && !(textAt(path) as string).startsWith('$'));
      const step = Math.max(1, Math.ceil(texts.length / 12));
      const path = await pathOf(r, Object.fromEntries(Object.entries(r.params).map(([k, p]) => [k, p.real])));
      for (let i = 0; i < texts.length; i += step) {
        const tainted = mutate(body, texts[i] as Path, 'taint', null, '', UNSTORABLE[sent % 3] as string, 1);
        const json = JSON.stringify(await fill(tainted));
        const before = await snapshot();
        const res = await send(r.method, path, r.role, json);
        expect(await expectAnswer(res, `${r.method} ${path} ${json.slice(0, 300)}`, before)).toBe('refused');
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(50);
  });

  it('when a body is not JSON, too large, oddly typed or built to pollute prototypes, then it is refused with a 4xx and changes nothing', async () => {
    const routes = writeRoutes().filter((r) => r.method !== 'DELETE');
    const rawBody = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom(
        '{', '{"text":', 'null', '"text"', '42', 'true', '[]', '{"text":"a"}garbage', "{'text':'single quotes'}", '{"text":"\\ud800"}', '{"text":"\\u0000"}',
        '{"__proto__":{"role":"admin","isAdmin":true},"text":"hola"}', '{"constructor":{"prototype":{"polluted":1}}}', '{"version":0,"__proto__":{"status":"closed"}}',
        '{"value":{"__proto__":{"polluted":true}}}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      ),
      fc.constant(JSON.stringify({ text: 'x'.repeat(110_000) })),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16');
    await run(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), rawBody, contentType, async (i, body, type) => {
        const r = routes[i] as WriteRoute;
        const path = await pathOf(r, Object.fromEntries(Object.entries(r.params).map(([k, p]) => [k, p.real])));
        const before = await snapshot();
        const res = await send(r.method, path, r.role, body, { 'content-type': type });
        await expectAnswer(res, `${r.method} ${path} [${type}] ${body.slice(0, 120)}`, before);
      }),
      30,
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when the search and report routes get generated query strings, then never a 5xx and a refusal is a JSON error', async () => {
    const key = fc.oneof(
      fc.constantFrom('q', 'number', 'phone', 'name', 'document', 'category', 'status', 'office', 'from', 'to', 'nonData', 'cursor', 'limit', 'caseId', 'open', 'breached', 'format', 'officeId'),
      fc.string({ maxLength: 8 }),
    );
    const plausible = fc.constantFrom('', 'López', 'AV-2026-000001', '+50499123456', '504991', 'new,closed', 'RIESGO_VIDA', 'true', 'false', '2026-01-01', '2026-02-30', '1999-01-01', '100', '0', '-1', '101', 'csv', 'json', 'us-houston', '$case');
    const value = fc.oneof(
      plausible,
      plausible.chain(taint),
      nasty,
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 300 }),
    );
    const query = fc.oneof(
      fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.constantFrom('q=%E0%A4%A', 'q=%', 'status[]=new', 'status[a]=1', 'limit=1e3', 'cursor=AAAA', 'cursor=' + Buffer.from('2026-01-01T00:00:00.000Z|x').toString('base64url'), 'q=a&q=b', 'from=2026-01-01&to=2020-01-01', 'from=1900-01-01&to=2100-01-01'),
    );
    const routes: { path: string; role: Role }[] = [
      { path: '/api/cases', role: 'agent' }, { path: '/api/cases', role: 'supervisor' }, { path: '/api/cases', role: 'admin' }, { path: '/api/people', role: 'agent' },
      { path: '/api/escalations', role: 'agent' }, { path: '/api/cases/$case/escalation-preview', role: 'agent' },
      ...['calls', 'cases', 'escalations', 'agents', 'open-data'].map((r) => ({ path: `/api/reports/${r}`, role: 'supervisor' as Role })),
    ];
    await run(
      fc.asyncProperty(fc.constantFrom(...routes), query, async (r, q) => {
        const path = `${r.path.replace('$case', ids.case as string)}?${q.replace('%24case', ids.case as string)}`;
        const before = await snapshot();
        const res = await send('GET', path, r.role, undefined);
        await expectAnswer(res, `GET ${path}`, before);
      }),
      60,
    );
    // Not random: each key a route reads, with a NUL in its value (PostgreSQL compares no such text).
    const reads: Record<string, string[]> = {
      '/api/cases': ['q', 'number', 'phone', 'name', 'document', 'category', 'status', 'office', 'from', 'to', 'nonData', 'cursor'],
      '/api/people': ['name', 'document', 'phone'],
      '/api/escalations': ['caseId', 'open', 'breached', 'office'],
      '/api/cases/$case/escalation-preview': ['officeId'],
      ...Object.fromEntries(['calls', 'cases', 'escalations', 'agents', 'open-data'].map((r) => [`/api/reports/${r}`, ['from', 'to', 'category', 'office', 'format']])),
    };
    for (const r of routes.filter((x, i) => routes.findIndex((y) => y.path === x.path) === i)) {
      for (const key of reads[r.path] ?? []) {
        const dated = r.path.startsWith('/api/reports/') && key !== 'from' && key !== 'to' ? '&from=2026-01-01&to=2026-01-31' : '';
        const path = `${r.path.replace('$case', ids.case as string)}?${key}=ab%00cd${dated}`;
        const before = await snapshot();
        await expectAnswer(await send('GET', path, r.role, undefined), `GET ${path}`, before);
      }
    }
  });

  it('when the fuzzing is over, then the hotline still answers, its background work resumes and a new caller reaches the queue', async () => {
    await resumeBackgroundWork(t);
    expect((await send('GET', `/api/cases/${ids.case}`, 'agent', undefined)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
    const call = await t.call({ from: '+50499555444', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(call.enqueued).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../contracts/domain.js';
import { DEMO_USERS } from '../modules/auth/index.js';
import { eventually, startTestHotline, type TestHotline } from '../testing/harness.js';

/**
 * Who may use each API route and each socket event, proved against the running app: the routes are
 * read from Express's own router, so a route added without a line here fails this file.
 */

const A: Role = 'agent';
const S: Role = 'supervisor';
const AD: Role = 'admin';
const C: Role = 'consulate';
const ROLES = [A, S, AD, C] as const;
const PUBLIC = 'public' as const;

/** Roles not refused (any answer but 401/403); every other role must get 403, and nobody logged out gets past 401. */
const ROUTES: Record<string, readonly Role[] | typeof PUBLIC> = {
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': [A, S, AD, C],
  'POST /api/users': [AD],

  'GET /api/cases': [A, S, AD],
  'GET /api/cases/:id': [A, S, AD],
  'PATCH /api/cases/:id': [A, S],
  'POST /api/cases/:id/notes': [A, S],
  'POST /api/cases/:id/non-data': [A, S],
  'POST /api/cases/:id/merge': [A, S],
  'GET /api/cases/:id/earlier': [A, S, AD],
  'GET /api/cases/:id/audit': [S, AD],
  'GET /api/cases/:id/export': [S],
  'POST /api/calls/:callSid/link': [A, S],
  'GET /api/people': [A, S],
  'POST /api/people/:id/merge': [A, S],
  'GET /api/recordings/:sid/audio': [A, S],

  'GET /api/queue': [A, S, AD],
  'GET /api/agents': [S, AD],
  'GET /api/agents/available': [A, S],
  'POST /api/agents/:id/offline': [S, AD],
  'GET /api/voice/token': [A, S],

  'GET /api/blocked-numbers': [S],
  'POST /api/blocked-numbers': [S],
  'DELETE /api/blocked-numbers/:phone': [S],

  'GET /api/wallboard': [S],
  'GET /api/reports/calls': [S, AD],
  'GET /api/reports/cases': [S, AD],
  'GET /api/reports/escalations': [S, AD],
  'GET /api/reports/agents': [S, AD],
  'GET /api/reports/open-data': [S, AD],

  'GET /api/settings': [S, AD],
  'PUT /api/settings/:key': [S, AD],
  'GET /api/settings/audit': [S, AD],

  'GET /api/offices': [A, S, AD],
  'GET /api/offices/:id': [S, AD],
  'PUT /api/offices/:id': [AD],
  'GET /api/offices/:id/audit': [AD],
  'GET /api/offices/:id/webhook-secret': [AD],

  'GET /api/cases/:id/escalation-preview': [A, S],
  'POST /api/cases/:id/escalations': [A, S],
  'GET /api/escalations': [A, S, C],
  'GET /api/escalations/dead-letters': [S],
  'POST /api/escalations/deliveries/:id/retry': [S],
  'GET /api/escalations/:id': [A, S, C],
  'POST /api/escalations/:id/notify-caller': [A, S],
  // What the office does, and what the hotline does, to an escalation (decided in the service).
  'POST /api/escalations/:id/ack': [C],
  'POST /api/escalations/:id/actions': [C],
  'POST /api/escalations/:id/info-requests': [C],
  'POST /api/escalations/:id/close': [C],
  'POST /api/escalations/:id/notes': [A, S, C],
  'POST /api/escalations/:id/info': [A, S],
};

/** Routes outside /api: public by nature (probes, metrics, hold music, the console's files). */
const OUTSIDE_API = ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /media/hold-music.wav'];

/**
 * Bodies valid enough to reach the decisions made past the route (the escalation service decides
 * which side may do what); elsewhere `{}`, which the route's role check refuses before parsing.
 */
const BODIES: Record<string, unknown> = {
  'POST /api/escalations/:id/actions': { text: 'Visita programada' },
  'POST /api/escalations/:id/info-requests': { text: '¿Número A?' },
  'POST /api/escalations/:id/notes': { text: 'Nota' },
  'POST /api/escalations/:id/info': { text: 'Dato nuevo' },
  'POST /api/escalations/:id/close': { outcome: 'located', note: null },
};

const CONSULATE_PASSWORD = 'Consulado-2026-largo';
let t: TestHotline;
const cookies = {} as Record<Role, string>;
let otherConsulate: string;
let fixture: { caseId: string; escalationId: string };

const json = (method: string, body?: unknown) => ({ method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const errorCode = async (res: Response) => ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;

async function consulateUser(officeId: string, email: string): Promise<string> {
  const res = await t.api('/api/users', { cookie: cookies.admin, ...json('POST', { email, name: `Cónsul ${officeId}`, role: 'consulate', officeId, password: CONSULATE_PASSWORD }) });
  expect(res.status).toBe(201);
  return t.login(email, CONSULATE_PASSWORD);
}

/** A case from a call, completed enough and escalated to the office in Tapachula. */
async function escalatedCase(from: string): Promise<{ caseId: string; escalationId: string }> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const caseId = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
  const patched = await t.api(`/api/cases/${caseId}`, {
    cookie: cookies.agent,
    ...json('PATCH', { version: 0, category: 'DESAPARECIDO', consent: { consulate: true, hostAuthorities: false }, situation: { country: 'MX', state: 'Chiapas' } }),
  });
  expect(patched.status).toBe(200);
  const sent = await t.api(`/api/cases/${caseId}/escalations`, { cookie: cookies.agent, ...json('POST', { officeId: 'mx-tapachula', sendIncomplete: true }) });
  expect(sent.status).toBe(201);
  return { caseId, escalationId: ((await sent.json()) as { id: string }).id };
}

/** Every route of the running app, read from Express 5's router: route layers, and routers mounted at a path. */
function walkRoutes(app: Express): string[] {
  type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle: { stack?: Layer[] }; rawPath?: unknown };
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') continue; // the console's catch-all pattern
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/**
 * The Express app serving this hotline. Socket.IO wraps the server's request listeners in its own, so
 * the app is taken from a request it has just handled: Express gives every request `req.app`.
 */
async function runningApp(): Promise<Express> {
  let app: Express | undefined;
  const spy = (req: IncomingMessage) => {
    app ??= (req as IncomingMessage & { app?: Express }).app;
  };
  t.hotline.server.on('request', spy);
  try {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  } finally {
    t.hotline.server.off('request', spy);
  }
  if (!app) throw new Error('no Express app behind the server');
  return app;
}

/** The path with real ids where the test has them, otherwise well-formed ids of nothing. */
function urlFor(route: string): string {
  const path = route.slice(route.indexOf(' ') + 1);
  const values: Record<string, string> = {
    'cases/:id': fixture.caseId,
    'escalations/:id': fixture.escalationId,
    'deliveries/:id': randomUUID(),
    'offices/:id': 'mx-tapachula',
    'people/:id': randomUUID(),
    'agents/:id': randomUUID(),
    'calls/:callSid': `CA${'0'.repeat(32)}`,
    'recordings/:sid': `RE${'0'.repeat(32)}`,
    'settings/:key': 'hours',
    'blocked-numbers/:phone': encodeURIComponent('+50499990000'),
  };
  return path.replace(/([\w-]+)\/:(\w+)/g, (whole, segment: string) => {
    const value = values[whole];
    if (!value) throw new Error(`no value for ${whole} in ${route}: add one to urlFor`);
    return `${segment}/${value}`;
  });
}

const request = (route: string, cookie?: string) => {
  const method = route.slice(0, route.indexOf(' '));
  const body = method === 'GET' || method === 'DELETE' ? undefined : (BODIES[route] ?? {});
  return t.api(urlFor(route), { ...json(method, body), ...(cookie ? { cookie } : {}) });
};

beforeAll(async () => {
  t = await startTestHotline();
  const [admin, supervisor, agent] = DEMO_USERS;
  cookies.admin = await t.login(admin.email, admin.password);
  cookies.supervisor = await t.login(supervisor.email, supervisor.password);
  cookies.agent = await t.login(agent.email, agent.password);
  // The consulate column is the office the fixture's escalation went to; another office is tested apart.
  cookies.consulate = await consulateUser('mx-tapachula', 'tapachula@alhovoz.test');
  otherConsulate = await consulateUser('us-houston', 'houston@alhovoz.test');
  fixture = await escalatedCase('+50431000001');
});
afterAll(async () => {
  await t?.close();
});

describe('API routes by role', () => {
  it('when the routes of the running app are listed, then each has a line in the table, and each line a route', async () => {
    const found = walkRoutes(await runningApp());
    expect(found.filter((r) => !r.includes(' /api/') && !r.includes(' /twilio/')).sort()).toEqual([...OUTSIDE_API].sort());
    expect(found.filter((r) => r.includes(' /api/')).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('when nobody is logged in, then every route but login and logout answers 401 unauthenticated', async () => {
    for (const route of Object.keys(ROUTES)) {
      const res = await request(route);
      if (ROUTES[route] === PUBLIC) {
        expect(res.status, route).not.toBe(401);
        expect(res.status, route).not.toBe(403);
        continue;
      }
      expect(res.status, route).toBe(401);
      expect(await errorCode(res), route).toBe('unauthenticated');
    }
  });

  it('when someone sends a cookie that is no session, then every protected route answers 401', async () => {
    const forged = `alho_sid=${'x'.repeat(43)}`;
    for (const route of Object.keys(ROUTES).filter((r) => ROUTES[r] !== PUBLIC)) {
      expect((await request(route, forged)).status, route).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`when a ${role} calls every route, then only the routes in the table for ${role} are let through, and the rest answer 403`, async () => {
      const wrong: string[] = [];
      for (const [route, allowed] of Object.entries(ROUTES)) {
        if (allowed === PUBLIC) continue;
        const res = await request(route, cookies[role]);
        const refused = res.status === 401 || res.status === 403;
        if (allowed.includes(role) ? refused : res.status !== 403 || (await errorCode(res)) !== 'forbidden') wrong.push(`${route} → ${res.status}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('when an agent calls admin routes with a valid body, then 403 and nothing changes', async () => {
    const users = async () => Number((await t.sql.query('SELECT count(*) AS n FROM users')).rows[0].n);
    const before = await users();
    const create = await t.api('/api/users', { cookie: cookies.agent, ...json('POST', { email: 'nuevo@alhovoz.test', name: 'Nuevo', role: 'admin', password: 'Una-clave-larga-2026' }) });
    expect(create.status).toBe(403);
    expect(await users()).toBe(before);
    const name = async () => (await t.sql.query("SELECT name FROM offices WHERE id = 'mx-tapachula'")).rows[0].name as string;
    const before2 = await name();
    const update = await t.api('/api/offices/mx-tapachula', { cookie: cookies.agent, ...json('PUT', { name: 'Consulado tomado' }) });
    expect(update.status).toBe(403);
    expect(await name()).toBe(before2);
    const secret = await t.api('/api/offices/mx-tapachula/webhook-secret', { cookie: cookies.agent });
    expect(secret.status).toBe(403);
    expect(await secret.text()).not.toMatch(/secret"\s*:/);
  });
});

describe("another office's escalation", () => {
  it('when a consulate user asks for an escalation sent to another office, then it is not found, not listed and cannot be touched', async () => {
    const { escalationId } = await escalatedCase('+50431000002');
    // The office it was sent to sees it: the refusals below are about the office, not the request.
    expect((await t.api(`/api/escalations/${escalationId}`, { cookie: cookies.consulate })).status).toBe(200);

    const detail = await t.api(`/api/escalations/${escalationId}`, { cookie: otherConsulate });
    expect(detail.status).toBe(404);
    expect(await detail.text()).not.toContain('mx-tapachula');
    for (const query of ['', '?office=mx-tapachula', '?open=true']) {
      const list = await t.api(`/api/escalations${query}`, { cookie: otherConsulate });
      expect(list.status, query).toBe(200);
      expect(((await list.json()) as { escalations: { id: string }[] }).escalations.map((e) => e.id), query).not.toContain(escalationId);
    }
    for (const [path, body] of [['ack', {}], ['notes', { text: 'Intruso' }], ['close', { outcome: 'other', note: null }]] as const) {
      const res = await t.api(`/api/escalations/${escalationId}/${path}`, { cookie: otherConsulate, ...json('POST', body) });
      expect(res.status, path).toBe(404);
    }
    expect((await t.sql.query('SELECT status, acknowledged_at FROM escalations WHERE id = $1', [escalationId])).rows[0]).toMatchObject({ status: 'sent', acknowledged_at: null });
    const byOther = await t.sql.query(
      "SELECT kind FROM escalation_events WHERE escalation_id = $1 AND actor = (SELECT id FROM users WHERE email = 'houston@alhovoz.test')", [escalationId],
    );
    expect(byOther.rows).toEqual([]);
  });

  it('when a consulate user asks for the case behind an escalation, then 403', async () => {
    expect((await t.api(`/api/cases/${fixture.caseId}`, { cookie: otherConsulate })).status).toBe(403);
    expect((await t.api(`/api/cases/${fixture.caseId}`, { cookie: cookies.consulate })).status).toBe(403);
  });
});

/** What each role may send over its socket; everything else is refused as forbidden. */
const SOCKET_EVENTS: Record<string, { roles: readonly Role[]; args: unknown[] }> = {
  'session.ping': { roles: [A, S, AD, C], args: [] },
  'presence.set': { roles: [A, S], args: [{ state: 'offline' }] },
  'presence.heartbeat': { roles: [A, S], args: [] },
  'offer.accept': { roles: [A, S], args: [{ offerId: randomUUID() }] },
  'offer.decline': { roles: [A, S], args: [{ offerId: randomUUID() }] },
  'call.hold': { roles: [A, S], args: [{ callSid: `CA${'1'.repeat(32)}`, hold: true }] },
  'call.transfer': { roles: [A, S], args: [{ callSid: `CA${'1'.repeat(32)}`, toAgentId: randomUUID() }] },
  'call.hangup': { roles: [A, S], args: [{ callSid: `CA${'1'.repeat(32)}` }] },
};

type Answer = { ok: boolean; error?: { code: string } };

describe('socket events by role', () => {
  it('when a socket connects without a session or with a forged one, then it is refused as unauthorized', async () => {
    const attempts: Record<string, string>[] = [{}, { cookie: `alho_sid=${'y'.repeat(43)}` }];
    for (const extraHeaders of attempts) {
      const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders });
      const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
      socket.close();
      expect(err.message).toBe('unauthorized');
    }
  });

  it('when the handlers of a connected socket are listed, then each event has a line in the table, and each line a handler', async () => {
    const { socket } = await t.socket(cookies.agent);
    const server = t.hotline.rt.io.of('/').sockets.get(socket.id as string);
    expect(server, 'the server side of the socket').toBeDefined();
    const handled = server!.eventNames().map(String).filter((e) => !['disconnect', 'disconnecting', 'error'].includes(e));
    expect(handled.sort()).toEqual(Object.keys(SOCKET_EVENTS).sort());
  });

  for (const role of ROLES) {
    it(`when a ${role} sends every event, then only those in the table for ${role} are let through, and the rest are refused as forbidden`, async () => {
      const { socket } = await t.socket(cookies[role]);
      const wrong: string[] = [];
      for (const [event, { roles, args }] of Object.entries(SOCKET_EVENTS)) {
        const answer = (await socket.timeout(5000).emitWithAck(event, ...args)) as Answer;
        const refused = !answer.ok && (answer.error?.code === 'forbidden' || answer.error?.code === 'unauthenticated');
        if (roles.includes(role) ? refused : answer.error?.code !== 'forbidden') wrong.push(`${event} → ${JSON.stringify(answer)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('when a socket sends an event nobody handles, then it is refused rather than ignored', async () => {
    const { socket } = await t.socket(cookies.supervisor);
    expect(await socket.timeout(5000).emitWithAck('constructor', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('when a case is created, updated and escalated, then staff hear of it, a consulate hears only its own office escalation and never case or queue events', async () => {
    const agent = await t.socket(cookies.agent);
    const own = await t.socket(cookies.consulate);
    const other = await t.socket(otherConsulate);
    const { caseId, escalationId } = await escalatedCase('+50431000003');
    await eventually(async () => agent.seen.some((e) => e.event === 'escalation.created' && (e.data as { id: string }).id === escalationId));
    expect(agent.seen.some((e) => e.event === 'case.created' && (e.data as { id: string }).id === caseId)).toBe(true);
    // Events on one connection arrive in order: after this answer, anything sent with the agent's is in.
    for (const s of [own, other]) await s.socket.timeout(5000).emitWithAck('session.ping');

    const names = (seen: { event: string }[]) => seen.map((e) => e.event);
    expect(own.seen.filter((e) => e.event === 'escalation.created').map((e) => (e.data as { id: string }).id)).toEqual([escalationId]);
    expect(names(own.seen).filter((n) => !n.startsWith('escalation.'))).toEqual([]);
    expect(names(other.seen)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { DEMO_USERS } from './demo-users.js';

let t: TestHotline;
const [admin, supervisor, agent] = DEMO_USERS;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('logging in', () => {
  it('when a demo user logs in, then an HttpOnly SameSite session cookie is set and /me answers', async () => {
    const res = await t.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: agent.email, password: agent.password }) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/alho_sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await t.api('/api/auth/me', { cookie: setCookie.split(';')[0] });
    expect((await me.json()).user).toMatchObject({ email: agent.email, role: 'agent' });
  });

  it('when the password is wrong or the user unknown, then 401 invalid_credentials with the same message', async () => {
    const wrong = await t.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: agent.email, password: 'nope' }) });
    const unknown = await t.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'nobody@x.test', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
  });

  it('when the body is malformed, then a clear 4xx error in the common shape', async () => {
    const notJson = await t.api('/api/auth/login', { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('bad_request');
    const missing = await t.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'x' }) });
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).message).toMatch(/email/);
  });

  it('when a write comes without the console header, then it is refused as CSRF', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: agent.email, password: agent.password }) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('csrf_failed');
  });

  it('when a user logs out, then the session no longer opens anything', async () => {
    const cookie = await t.login();
    expect((await t.api('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await t.api('/api/queue', { cookie })).status).toBe(401);
  });

  it('when passwords are stored, then only scrypt hashes are', async () => {
    const rows = (await t.sql.query('SELECT password_hash FROM users')).rows;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('authorisation by role', () => {
  it('when nobody is logged in, then every API route answers 401', async () => {
    for (const path of ['/api/queue', '/api/cases', '/api/auth/me', `/api/cases/${crypto.randomUUID()}`]) {
      const res = await t.api(path);
      expect(res.status, path).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
  });

  it('when an agent or supervisor creates a user, then 403; when an admin does, then 201', async () => {
    const body = JSON.stringify({ email: 'consul@alhovoz.test', name: 'Cónsul', role: 'consulate', officeId: 'us-houston', password: 'a-long-password-123' });
    for (const who of [agent, supervisor]) {
      const res = await t.api('/api/users', { method: 'POST', body, cookie: await t.login(who.email, who.password) });
      expect(res.status, who.role).toBe(403);
    }
    const created = await t.api('/api/users', { method: 'POST', body, cookie: await t.login(admin.email, admin.password) });
    expect(created.status).toBe(201);
    expect((await created.json()).user).toMatchObject({ role: 'consulate', officeId: 'us-houston' });
    const again = await t.api('/api/users', { method: 'POST', body, cookie: await t.login(admin.email, admin.password) });
    expect(again.status).toBe(409);
  });

  it('when a consulate user asks for the queue or the cases, then 403', async () => {
    const cookie = await t.login('consul@alhovoz.test', 'a-long-password-123');
    expect((await t.api('/api/queue', { cookie })).status).toBe(403);
    expect((await t.api('/api/cases', { cookie })).status).toBe(403);
  });

  it('when an unknown API route or a bad id is asked for, then 404 or 422 in the common shape', async () => {
    const cookie = await t.login();
    const missing = await t.api('/api/nothing-here', { cookie });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    expect((await t.api('/api/cases/not-a-uuid', { cookie })).status).toBe(422);
    expect((await t.api(`/api/cases/${crypto.randomUUID()}`, { cookie })).status).toBe(404);
  });
});

describe('sockets', () => {
  const open = (cookie?: string) =>
    connect(t.baseUrl, { transports: ['websocket'], reconnection: false, ...(cookie ? { extraHeaders: { cookie } } : {}) });

  it('when a socket connects without a session, then it is refused as unauthorized', async () => {
    const socket = open();
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
    socket.close();
  });

  it('when a socket connects with a session cookie, then it is authenticated as that user', async () => {
    const socket = open(await t.login());
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const res = await socket.timeout(2000).emitWithAck('session.ping');
    expect(res).toMatchObject({ ok: true });
    socket.close();
  });
});

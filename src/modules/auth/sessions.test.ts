import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { DEMO_USERS } from './demo-users.js';
import { SESSION_COOKIE } from './session.cookie.js';

let t: TestHotline;
const [, supervisor, agent] = DEMO_USERS;
// The default idle time (an hour): the tests move the session's timestamps rather than wait.
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

/** The sessions row of a cookie: tokens are stored as an HMAC keyed with the session secret. */
const hashOf = (cookie: string) => createHmac('sha256', t.config.sessionSecret).update(decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1))).digest('base64url');
const unusedFor = async (cookie: string, minutes: number) => {
  const res = await t.sql.query(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2) WHERE token_hash = $1`, [hashOf(cookie), minutes]);
  // Moving no row would make every test below pass for nothing.
  expect(res.rowCount).toBe(1);
};
const lastSeen = async (cookie: string) =>
  (await t.sql.query<{ last_seen_at: Date; age_s: number }>('SELECT last_seen_at, extract(epoch FROM now() - last_seen_at)::float AS age_s FROM sessions WHERE token_hash = $1', [hashOf(cookie)])).rows[0];
const me = async (cookie: string) => (await t.api('/api/auth/me', { cookie })).status;

describe('sessions that expire', () => {
  it('when a session has been unused for longer than the idle time, then it no longer opens anything', async () => {
    const cookie = await t.login();
    await unusedFor(cookie, 61);
    expect(await me(cookie)).toBe(401);
    expect((await t.api('/api/queue', { cookie })).status).toBe(401);
    const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(err.message).toBe('unauthorized');
    // Use does not bring it back.
    expect(await me(cookie)).toBe(401);
  });

  it('when a session is used within the idle time, then it stays open and its idle time starts again', async () => {
    const cookie = await t.login();
    await unusedFor(cookie, 59);
    expect(await me(cookie)).toBe(200);
    expect((await lastSeen(cookie))?.age_s).toBeLessThan(60);
    // Another 59 minutes after that use: still open, since the clock restarted at the use.
    await unusedFor(cookie, 59);
    expect(await me(cookie)).toBe(200);
  });

  it('when requests follow each other closely, then last use is written once, not on every request', async () => {
    const cookie = await t.login();
    await unusedFor(cookie, 5);
    expect(await me(cookie)).toBe(200);
    const first = (await lastSeen(cookie))?.last_seen_at;
    for (let i = 0; i < 3; i++) expect(await me(cookie)).toBe(200);
    expect((await lastSeen(cookie))?.last_seen_at).toEqual(first);
  });

  it('when a session is past its absolute expiry, then it is refused however recently it was used', async () => {
    const cookie = await t.login();
    const { rows } = await t.sql.query<{ hours: number }>(
      'SELECT extract(epoch FROM expires_at - created_at)::float / 3600 AS hours FROM sessions WHERE token_hash = $1', [hashOf(cookie)],
    );
    expect(rows[0]?.hours).toBeCloseTo(12, 1);
    await t.sql.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashOf(cookie)]);
    expect(await me(cookie)).toBe(401);
  });

  it("when a console's socket keeps sending heartbeats, then that counts as use", async () => {
    const cookie = await t.login(supervisor.email, supervisor.password);
    const { socket } = await t.socket(cookie);
    await unusedFor(cookie, 59);
    expect(await socket.timeout(2000).emitWithAck('presence.heartbeat')).toMatchObject({ ok: true });
    expect((await lastSeen(cookie))?.age_s).toBeLessThan(60);
  });

  it('when the session behind an open socket ends, then its next event is refused as unauthenticated and the socket is dropped', async () => {
    const cookie = await t.login(agent.email, agent.password);
    const { socket } = await t.socket(cookie);
    expect(await socket.timeout(2000).emitWithAck('session.ping')).toMatchObject({ ok: true });
    await unusedFor(cookie, 61);
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    expect(await socket.timeout(2000).emitWithAck('session.ping')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dropped).toBe('io server disconnect');
  });

  it('when a user logs out, then an open socket of that session is refused at its next event', async () => {
    const cookie = await t.login(agent.email, agent.password);
    const { socket } = await t.socket(cookie);
    expect((await t.api('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await socket.timeout(2000).emitWithAck('presence.heartbeat')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

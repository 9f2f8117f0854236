import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { DEMO_USERS } from './demo-users.js';

const LIMIT = 3;
let t: TestHotline;
let admin: string;
beforeAll(async () => {
  t = await startTestHotline({ LOGIN_LOCK_AFTER_FAILURES: String(LIMIT), LOGIN_LOCK_WINDOW_MINUTES: '15', LOGIN_LOCK_MINUTES: '15' });
  admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = 'Una-clave-larga-2026';
let n = 0;
/** A fresh agent account per test, so one test's failures never lock another's account. */
async function newAgent(): Promise<{ email: string; id: string }> {
  const email = `lock${++n}@alhovoz.test`;
  const res = await t.api('/api/users', { method: 'POST', cookie: admin, body: JSON.stringify({ email, name: `Agente ${n}`, role: 'agent', password: PASSWORD }) });
  expect(res.status).toBe(201);
  return { email, id: ((await res.json()) as { user: { id: string } }).user.id };
}

const attempt = async (email: string, password: string, on: TestHotline = t) => {
  const res = await on.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, code: body.error?.code ?? 'ok', message: body.error?.message ?? '', retryAfter: res.headers.get('retry-after') };
};

const lockKeys = () => t.redis.keys(`${t.config.redisPrefix}:login-lock:*`);

describe('locking an account after repeated failed logins', () => {
  it('when an account gets the limit of wrong passwords, then it is locked and even the right password is refused with when to try again', async () => {
    const { email } = await newAgent();
    const answers = [];
    for (let i = 0; i < LIMIT; i++) answers.push(await attempt(email, `wrong-${i}`));
    expect(answers.slice(0, LIMIT - 1).map((a) => a.code)).toEqual(Array(LIMIT - 1).fill('invalid_credentials'));
    expect(answers[LIMIT - 1]).toMatchObject({ status: 429, code: 'account_locked' });

    const right = await attempt(email, PASSWORD);
    expect(right).toMatchObject({ status: 429, code: 'account_locked' });
    expect(right.message).toMatch(/try again in 15 minutes/i);
    expect(Number(right.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(right.retryAfter)).toBeLessThanOrEqual(15 * 60);
  });

  it('when one account is locked, then other accounts still log in', async () => {
    const locked = await newAgent();
    const other = await newAgent();
    for (let i = 0; i < LIMIT; i++) await attempt(locked.email, 'wrong');
    expect((await attempt(locked.email, PASSWORD)).code).toBe('account_locked');
    expect(await attempt(other.email, PASSWORD)).toMatchObject({ status: 200, code: 'ok' });
  });

  it('when the e-mail is unknown, then the answers are exactly those a real account gets, lock included', async () => {
    const real = await newAgent();
    const seq = async (email: string) => {
      const out = [];
      for (let i = 0; i <= LIMIT; i++) out.push(await attempt(email, 'wrong'));
      return out.map(({ status, code, message }) => ({ status, code, message }));
    };
    const forReal = await seq(real.email);
    const forUnknown = await seq('nadie-existe@alhovoz.test');
    expect(forUnknown).toEqual(forReal);
    expect(forReal.at(-1)?.code).toBe('account_locked');
  });

  it('when the e-mail is typed in other capitals, then it counts against the same account', async () => {
    const { email } = await newAgent();
    for (let i = 0; i < LIMIT; i++) await attempt(i % 2 ? email.toUpperCase() : email, 'wrong');
    expect((await attempt(email, PASSWORD)).code).toBe('account_locked');
  });

  it('when a login succeeds, then the count of failures starts again', async () => {
    const { email } = await newAgent();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMIT - 1; i++) expect((await attempt(email, 'wrong')).code).toBe('invalid_credentials');
      expect((await attempt(email, PASSWORD)).status, `round ${round}`).toBe(200);
    }
  });

  it('when the lock runs out, then the right password works again', async () => {
    const { email } = await newAgent();
    const before = new Set(await lockKeys());
    for (let i = 0; i < LIMIT; i++) await attempt(email, 'wrong');
    const added = (await lockKeys()).filter((k) => !before.has(k));
    expect(added).toHaveLength(1);
    const ttl = await t.redis.pttl(added[0] as string);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    // What Redis does when the TTL ends, without waiting 15 minutes.
    await t.redis.del(added[0] as string);
    expect(await attempt(email, PASSWORD)).toMatchObject({ status: 200, code: 'ok' });
  });

  it('when the account is locked, then the lock is logged with the account and without the e-mail', async () => {
    const { email, id } = await newAgent();
    for (let i = 0; i < LIMIT; i++) await attempt(email, 'wrong');
    const line = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'login locked after repeated failures' && l.userId === id);
    expect(line).toMatchObject({ level: 40, knownAccount: true, lockedForS: 15 * 60, failures: LIMIT });
    expect(t.logs.filter((l) => l.includes(email))).toEqual([]);
  });

  it('when failures come through two api processes, then they add up, and the lock holds on both', async () => {
    const second = await startTestHotline({ LOGIN_LOCK_AFTER_FAILURES: String(LIMIT) }, { sameAs: t });
    try {
      const { email } = await newAgent();
      for (let i = 0; i < LIMIT; i++) await attempt(email, 'wrong', i % 2 ? second : t);
      expect((await attempt(email, PASSWORD, t)).code).toBe('account_locked');
      expect((await attempt(email, PASSWORD, second)).code).toBe('account_locked');
    } finally {
      await second.close();
    }
  });

  it('when many wrong passwords arrive at once, then fewer than the limit are answered as a wrong password and the rest as locked', async () => {
    const { email } = await newAgent();
    const answers = await Promise.all(Array.from({ length: LIMIT * 3 }, () => attempt(email, 'wrong')));
    const checked = answers.filter((a) => a.code === 'invalid_credentials').length;
    expect(checked).toBeLessThan(LIMIT);
    expect(answers.filter((a) => a.code === 'account_locked').length).toBe(LIMIT * 3 - checked);
    expect((await attempt(email, PASSWORD)).code).toBe('account_locked');
  });
});

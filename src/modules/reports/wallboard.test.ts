import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallboardDto } from '../../contracts/wallboard.js';
import { DEMO_USERS } from '../auth/index.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let supervisor: string;

beforeAll(async () => {
  t = await startTestHotline();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
});
afterAll(async () => t?.close());

let n = 0;
/** A call that began a minute ago, with its wait and what became of it. */
async function call(c: { waitS: number; answered?: boolean; talkS?: number; status: string; outcome?: string; language?: string; queued?: boolean }) {
  n += 1;
  const start = Date.now() - 60_000;
  const enq = new Date(start + 5_000);
  const answered = c.answered ? new Date(enq.getTime() + c.waitS * 1000) : null;
  const ended = c.queued ? null : answered ? new Date(answered.getTime() + (c.talkS ?? 0) * 1000) : new Date(enq.getTime() + c.waitS * 1000);
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, language, started_at, enqueued_at, answered_at, ended_at, queue_wait_s) VALUES ($1, 'withheld', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [`CA${'b'.repeat(28)}${String(n).padStart(4, '0')}`, c.status, c.outcome ?? null, c.language ?? 'es', new Date(start), enq, answered, ended, c.queued ? null : c.waitS],
  );
}

describe('the live wallboard', () => {
  it('when calls of the last minute are known, then today and the last hour show domain.md measures per queue and overall', async () => {
    await call({ status: 'completed', waitS: 20, answered: true, talkS: 100 });
    await call({ status: 'completed', waitS: 80, answered: true, talkS: 200, language: 'en' });
    await call({ status: 'abandoned', waitS: 30 });
    await call({ status: 'abandoned', waitS: 4 });
    await call({ status: 'completed', waitS: 50, outcome: 'callback' });
    await call({ status: 'queued', waitS: 0, queued: true, language: 'en' });
    const res = await t.api('/api/wallboard', { cookie: supervisor });
    expect(res.status).toBe(200);
    const w = (await res.json()) as WallboardDto;
    expect(w.overall.today).toMatchObject({ offered: 6, answered: 2, abandoned: 1, shortAbandoned: 1, callbacks: 1, asaS: 50 });
    // Answered within 60 s: 1, over offered − short abandons − callbacks = 6 − 1 − 1.
    expect(w.overall.today.serviceLevel).toBe(0.25);
    expect(w.overall.today.abandonmentRate).toBe(0.167);
    expect(w.overall.lastHour).toEqual(w.overall.today);
    expect(w.queues.find((q) => q.language === 'en')).toMatchObject({ waiting: 1, today: { offered: 2, answered: 1, asaS: 80 } });
    expect(w.overall.waiting).toBe(1);
    expect(w.overall.longestWaitS).toBeGreaterThanOrEqual(55);
    expect(w.levels).toMatchObject({ serviceLevel: 'red', abandonmentRate: 'red' });
    expect(w.formulas.serviceLevel).toMatch(/answered within T/);
    expect((await t.api('/api/wallboard', { cookie: await t.login() })).status).toBe(403);
  });

  it('when agents change state, then occupancy counts their time on calls and wrap-up against time available', async () => {
    await t.sql.query("UPDATE users SET languages = '{es}' WHERE email = $1", [DEMO_USERS[2].email]);
    const agentId = (await t.sql.query('SELECT id FROM users WHERE email = $1', [DEMO_USERS[2].email])).rows[0].id as string;
    const presence = t.hotline.rt.presence;
    const user = { id: agentId, email: DEMO_USERS[2].email, name: DEMO_USERS[2].name, role: 'agent' as const, officeId: null };
    await presence.setOwn(user, 'available', null);
    await new Promise((r) => setTimeout(r, 300));
    await presence.setOwn(user, 'offline', null);
    const seconds = await t.hotline.rt.wallboard.snapshot();
    expect(seconds.agents.offline).toBeGreaterThanOrEqual(1);
    // Available only so far: occupancy 0 of some time available.
    expect(seconds.overall.today.occupancy).toBe(0);
    const counted = await t.redis.keys(`${t.config.redisPrefix}:wb:agent:h:*`);
    expect(counted.length).toBeGreaterThan(0);
  });

  it('when a supervisor console is open, then the wallboard arrives on its socket about once a second, and not on an agent socket', async () => {
    const sup = await t.socket(supervisor);
    const agent = await t.socket(await t.login());
    const started = Date.now();
    await eventually(async () => sup.seen.filter((s) => s.event === 'wallboard.updated').length >= 3, 8000);
    const count = sup.seen.filter((s) => s.event === 'wallboard.updated').length;
    // Pushed by one tick job whatever the number of processes: never more than once a second.
    expect(count).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 950) + 1);
    expect(agent.seen.some((s) => s.event === 'wallboard.updated')).toBe(false);
  });
});

describe('the wallboard with two api processes', () => {
  it('when agents change state on one process, then the other process shows the same figures, and its supervisors get the pushes', async () => {
    const other = await startTestHotline({}, { sameAs: t });
    try {
      const agentId = (await t.sql.query('SELECT id FROM users WHERE email = $1', [DEMO_USERS[2].email])).rows[0].id as string;
      const user = { id: agentId, email: DEMO_USERS[2].email, name: DEMO_USERS[2].name, role: 'agent' as const, officeId: null };
      await other.hotline.rt.presence.setOwn(user, 'available', null);
      const here = await t.hotline.rt.wallboard.snapshot();
      const there = await other.hotline.rt.wallboard.snapshot();
      expect(here.agents).toEqual(there.agents);
      expect(here.agents.available).toBeGreaterThanOrEqual(1);
      expect(here.overall.today.offered).toBe(there.overall.today.offered);
      await other.hotline.rt.presence.setOwn(user, 'offline', null);
      const sup = await other.socket(await other.login(DEMO_USERS[1].email, DEMO_USERS[1].password));
      await eventually(async () => sup.seen.some((s) => s.event === 'wallboard.updated'), 8000);
    } finally {
      await other.close();
    }
  });
});

import type { Redis } from 'ioredis';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';

export type Verdict = 'ok' | 'blocked' | 'too_many';

/**
 * One step, atomic: a blocked number is turned away; otherwise this call joins the number's last hour
 * (once per CallSid, so a retried webhook is not counted twice) and the count decides.
 */
const CHECK = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 'blocked' end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - 3600000)
redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], 3600000)
if redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[3]) then return 'too_many' end
return 'ok'`;
/** ioredis sends a defined command by hash (EVALSHA), and its text only when Redis does not hold it (first call, after a restart). */
const CHECK_COMMAND = 'alhoCallerCheck';
type CheckCommand = (recentKey: string, blockedKey: string, nowMs: string, callSid: string, maxPerHour: string) => Promise<Verdict>;

/**
 * Toll fraud and floods, as helplines handle them: a number calling more than the configured times an
 * hour hears a recorded message; supervisors block a number for a time. The check is one Redis script on
 * the greeting; blocks live in PostgreSQL and are mirrored into Redis (with their expiry) for that check.
 */
export function createCallerGuard(deps: { redis: Redis; prefix: string; db: Db; clock: Clock; maxPerHour: () => Promise<number> }) {
  const recent = (e164: string) => `${deps.prefix}:calls-from:${e164}`;
  const blocked = (e164: string) => `${deps.prefix}:blocked:${e164}`;
  deps.redis.defineCommand(CHECK_COMMAND, { numberOfKeys: 2, lua: CHECK });
  const runCheck = (deps.redis as unknown as Record<typeof CHECK_COMMAND, CheckCommand>)[CHECK_COMMAND].bind(deps.redis);

  return {
    async check(e164: string, callSid: string): Promise<Verdict> {
      return runCheck(recent(e164), blocked(e164), String(deps.clock.now().getTime()), callSid, String(await deps.maxPerHour()));
    },

    async block(e164: string, minutes: number, reason: string, actorId: string) {
      const until = new Date(deps.clock.now().getTime() + minutes * 60_000);
      await deps.db
        .insertInto('blocked_numbers')
        .values({ phone_e164: e164, until, reason, blocked_by: actorId })
        .onConflict((oc) => oc.column('phone_e164').doUpdateSet({ until, reason, blocked_by: actorId, created_at: deps.clock.now() }))
        .execute();
      await deps.redis.set(blocked(e164), '1', 'PX', minutes * 60_000);
      return { phone: e164, until: until.toISOString(), reason };
    },

    async unblock(e164: string): Promise<void> {
      const removed = await deps.db.deleteFrom('blocked_numbers').where('phone_e164', '=', e164).executeTakeFirst();
      await deps.redis.del(blocked(e164));
      if (!Number(removed.numDeletedRows)) throw new AppError('not_found', 'That number is not blocked');
    },

    async list() {
      const rows = await deps.db
        .selectFrom('blocked_numbers as b')
        .leftJoin('users as u', 'u.id', 'b.blocked_by')
        .select(['b.phone_e164', 'b.until', 'b.reason', 'u.name as blocked_by_name'])
        .where('b.until', '>', deps.clock.now())
        .orderBy('b.until')
        .execute();
      return rows.map((r) => ({ phone: r.phone_e164, until: r.until.toISOString(), reason: r.reason, blockedBy: r.blocked_by_name }));
    },

    /** At start: blocks still running are put back into Redis (after a Redis restart without them). */
    async restore(): Promise<number> {
      const rows = await deps.db.selectFrom('blocked_numbers').select(['phone_e164', 'until']).where('until', '>', deps.clock.now()).execute();
      for (const r of rows) await deps.redis.set(blocked(r.phone_e164), '1', 'PX', Math.max(1, r.until.getTime() - deps.clock.now().getTime()));
      return rows.length;
    },
  };
}

export type CallerGuard = ReturnType<typeof createCallerGuard>;

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface LockoutPolicy {
  /** Failed logins for one e-mail, within windowMs of the first, that lock it. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts the attempt before the password is checked, so that parallel guesses cannot all slip in
 * under the limit. Returns [attempt number, 0], or [0, ms left] when the e-mail is locked.
 */
const BEGIN = `
local left = redis.call('PTTL', KEYS[2])
if left > 0 then return {0, left} end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {0, tonumber(ARGV[3])}
end
return {n, 0}
`;

/**
 * After a wrong password: locks when the count has reached the limit (or a parallel attempt
 * locked it meanwhile). Returns [1 if this call locked, ms left], or [0, 0] when not locked.
 */
const FAILED = `
local left = redis.call('PTTL', KEYS[2])
if left > 0 then return {0, left} end
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n < tonumber(ARGV[1]) then return {0, 0} end
local set = redis.call('SET', KEYS[2], '1', 'PX', ARGV[2], 'NX')
redis.call('DEL', KEYS[1])
return {set and 1 or 0, redis.call('PTTL', KEYS[2])}
`;

export function lockedError(msLeft: number): AppError {
  const minutes = Math.max(1, Math.ceil(msLeft / 60_000));
  return new AppError('account_locked', `Too many failed logins: this account is locked. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    details: { retryAfterS: Math.max(1, Math.ceil(msLeft / 1000)) },
  });
}

/**
 * Per e-mail, not per user: unknown e-mails are counted and locked exactly like real ones, so the
 * answers never tell which accounts exist. Kept in Redis so every api process sees the same count.
 */
export function createLoginLockout(deps: { redis: Redis; prefix: string; policy: LockoutPolicy; logger: Logger }) {
  // Hashed: e-mail addresses stay out of Redis keys (and whatever dumps or monitors them).
  const id = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
  const keys = (email: string) => [`${deps.prefix}:login-failures:${id(email)}`, `${deps.prefix}:login-lock:${id(email)}`] as const;
  const run = async (script: string, email: string, args: (string | number)[]): Promise<[number, number]> => {
    try {
      return (await deps.redis.eval(script, 2, ...keys(email), ...args.map(String))) as [number, number];
    } catch (e) {
      throw new AppError('unavailable', 'Logging in is unavailable for a moment; try again', { cause: e });
    }
  };

  return {
    policy: deps.policy,

    /** Throws account_locked while the e-mail is locked; otherwise counts this attempt. */
    async begin(email: string): Promise<void> {
      const [, left] = await run(BEGIN, email, [deps.policy.maxFailures, deps.policy.windowMs, deps.policy.lockMs]);
      if (left > 0) throw lockedError(left);
    },

    /** The password was wrong (or the account unknown or disabled): throws account_locked if that was one too many. */
    async failed(email: string, userId: string | null): Promise<void> {
      const [lockedNow, left] = await run(FAILED, email, [deps.policy.maxFailures, deps.policy.lockMs]);
      if (!lockedNow && left <= 0) return;
      if (lockedNow) {
        // The audit trail of locks: users have no audit table, and the log keeps who and until when.
        deps.logger.warn({ userId, knownAccount: userId !== null, lockedForS: Math.ceil(left / 1000), failures: deps.policy.maxFailures }, 'login locked after repeated failures');
      }
      throw lockedError(left);
    },

    async succeeded(email: string): Promise<void> {
      await deps.redis.del(keys(email)[0]);
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;

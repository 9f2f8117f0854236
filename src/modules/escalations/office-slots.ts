import type { Redis } from 'ioredis';

/**
 * Deliveries in flight per office, shared by every worker process: a slow or failing office may hold a
 * few delivery slots, never the whole queue. A slot is a member of a sorted set scored with its start
 * time, so a process that dies mid-delivery leaks nothing: slots older than `staleMs` no longer count.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export function createOfficeSlots(deps: { redis: Redis; prefix: string; perOffice: number; staleMs: number }) {
  const key = (officeId: string) => `${deps.prefix}:office-slots:${officeId}`;
  return {
    async take(officeId: string, deliveryId: string): Promise<boolean> {
      return (await deps.redis.eval(TAKE, 1, key(officeId), String(Date.now()), String(deps.staleMs), String(deps.perOffice), deliveryId)) === 1;
    },
    async release(officeId: string, deliveryId: string): Promise<void> {
      await deps.redis.zrem(key(officeId), deliveryId);
    },
  };
}

export type OfficeSlots = ReturnType<typeof createOfficeSlots>;

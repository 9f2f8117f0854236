import type { Redis } from 'ioredis';
import type { AgentState } from '../../contracts/domain.js';

export interface PresenceRecord {
  agentId: string;
  name: string;
  state: AgentState;
  reason: string | null;
  since: number;
  languages: string[];
  /** Case categories the agent takes; empty = all. */
  categories: string[];
  lastSeen: number;
  /** An offer waiting for this agent's answer; while it stands the agent is out of the available set. */
  offer: string | null;
}

/**
 * Agent presence in Redis, shared by every api process and the worker. Besides one hash per agent:
 * a sorted set of last heartbeats (to find the silent ones without a scan) and one of available
 * agents by the moment they became idle (longest idle first, for offers).
 */
export function createPresenceStore(redis: Redis, prefix: string) {
  const key = (id: string) => `${prefix}:presence:agent:${id}`;
  const agentsKey = `${prefix}:presence:agents`;
  const seenKey = `${prefix}:presence:seen`;
  const availableKey = `${prefix}:presence:available`;

  const parse = (id: string, h: Record<string, string>): PresenceRecord | null =>
    h.state
      ? {
          agentId: id,
          name: h.name ?? '',
          state: h.state as AgentState,
          reason: h.reason || null,
          since: Number(h.since),
          languages: JSON.parse(h.languages ?? '[]') as string[],
          categories: JSON.parse(h.categories ?? '[]') as string[],
          lastSeen: Number(h.lastSeen),
          offer: h.offer || null,
        }
      : null;

  return {
    async get(agentId: string): Promise<PresenceRecord | null> {
      return parse(agentId, await redis.hgetall(key(agentId)));
    },

    async list(): Promise<PresenceRecord[]> {
      const ids = await redis.smembers(agentsKey);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(key(id));
      const results = (await pipeline.exec()) ?? [];
      return ids.flatMap((id, i) => {
        const record = parse(id, (results[i]?.[1] ?? {}) as Record<string, string>);
        return record ? [record] : [];
      });
    },

    /** Writes the new state and keeps both indexes in step, in one transaction. */
    async put(r: PresenceRecord): Promise<void> {
      const tx = redis
        .multi()
        .sadd(agentsKey, r.agentId)
        .hset(key(r.agentId), {
          name: r.name, state: r.state, reason: r.reason ?? '', since: String(r.since), languages: JSON.stringify(r.languages),
          categories: JSON.stringify(r.categories), lastSeen: String(r.lastSeen),
        });
      if (r.state === 'offline') tx.zrem(seenKey, r.agentId);
      else tx.zadd(seenKey, r.lastSeen, r.agentId);
      if (r.state === 'available' && !r.offer) tx.zadd(availableKey, r.since, r.agentId);
      else tx.zrem(availableKey, r.agentId);
      if (!r.offer) tx.hdel(key(r.agentId), 'offer');
      await tx.exec();
    },

    /** Records a heartbeat; false when the agent is offline (they must set a state first). */
    async touch(agentId: string, now: number): Promise<boolean> {
      const touched = await redis.eval(
        `local s = redis.call('HGET', KEYS[1], 'state')
         if (not s) or s == 'offline' then return 0 end
         redis.call('HSET', KEYS[1], 'lastSeen', ARGV[1])
         redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
         return 1`,
        '2', key(agentId), seenKey, String(now), agentId,
      );
      return touched === 1;
    },

    /** Agents whose last heartbeat is older than `before`. */
    async silentSince(before: number): Promise<string[]> {
      return redis.zrangebyscore(seenKey, '-inf', `(${before}`);
    },

    keys: { agent: key, available: availableKey },

    async availableByIdle(): Promise<string[]> {
      return redis.zrange(availableKey, '0', '-1');
    },
  };
}

export type PresenceStore = ReturnType<typeof createPresenceStore>;

import type { Redis } from 'ioredis';
import { partsIn } from '../../shared/clock.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Seconds agents spent in each state, counted when they leave it, in Redis buckets per hour (for today)
 * and per minute (for the last hour), shared by every process. Occupancy is read from these sums and
 * the states agents are in now, never by replaying the day.
 */
export function createAgentTime(deps: { redis: Redis; prefix: string; timeZone: string }) {
  const hourKey = (ms: number) => {
    const p = partsIn(new Date(ms), deps.timeZone);
    return `${deps.prefix}:wb:agent:h:${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}${String(p.hour).padStart(2, '0')}`;
  };
  const minuteKey = (ms: number) => `${deps.prefix}:wb:agent:m:${Math.floor(ms / MINUTE)}`;

  /** Splits [from, to) at bucket edges: an afternoon available adds to each hour it covers. */
  function split(from: number, to: number, size: number, key: (ms: number) => string): Map<string, number> {
    const out = new Map<string, number>();
    let at = from;
    while (at < to) {
      // Hours are cut on the hotline's clock; its zone has whole-hour offsets, so UTC hour edges coincide.
      const edge = Math.min(to, Math.floor(at / size) * size + size);
      const k = key(at);
      out.set(k, (out.get(k) ?? 0) + (edge - at) / 1000);
      at = edge;
    }
    return out;
  }

  return {
    async record(state: string, from: number, to: number): Promise<void> {
      if (to <= from) return;
      const pipe = deps.redis.pipeline();
      for (const [key, seconds] of split(from, to, HOUR, hourKey)) pipe.hincrbyfloat(key, state, seconds).expire(key, 2 * 86_400);
      // Minutes only matter for the last hour's figures.
      for (const [key, seconds] of split(Math.max(from, to - 65 * MINUTE), to, MINUTE, minuteKey)) pipe.hincrbyfloat(key, state, seconds).expire(key, 2 * 3600);
      await pipe.exec();
    },

    /** Seconds per state in [from, now): whole hours from the hour buckets, or the last hour from minutes. */
    async sum(from: number, now: number, granularity: 'hour' | 'minute'): Promise<Record<string, number>> {
      const size = granularity === 'hour' ? HOUR : MINUTE;
      const keys: string[] = [];
      for (let at = Math.floor(from / size) * size; at < now; at += size) keys.push(granularity === 'hour' ? hourKey(at) : minuteKey(at));
      const pipe = deps.redis.pipeline();
      for (const k of keys) pipe.hgetall(k);
      const totals: Record<string, number> = {};
      for (const [, value] of (await pipe.exec()) ?? []) {
        for (const [state, seconds] of Object.entries((value ?? {}) as Record<string, string>)) totals[state] = (totals[state] ?? 0) + Number(seconds);
      }
      return totals;
    },
  };
}

export type AgentTime = ReturnType<typeof createAgentTime>;

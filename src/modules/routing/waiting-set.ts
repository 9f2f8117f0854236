import type { Redis } from 'ioredis';
import type { QueueDto, WaitingCallDto } from '../../contracts/rest.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';

/** How many waiting callers the console lists at once; the count is always exact. */
const LIST_LIMIT = 500;
/** The answer rate is measured over this window. */
const RATE_WINDOW_MS = 30 * 60_000;
/** Fewer answers than this in the window and the rate is a guess: use the configured default. */
const MIN_ANSWERS_FOR_RATE = 3;

/**
 * The callers waiting for a person: one BullMQ job per call, id = CallSid (so Twilio retries add
 * nothing), priority = the case priority. BullMQ keeps prioritized jobs in a sorted set ordered by
 * priority then arrival, so a caller's position is one ZRANK: the cost does not grow with the queue.
 * A caller who asks for a callback keeps the same job, and so the same place.
 */
export function createWaitingSet(deps: { queues: Queues; redis: Redis; prefix: string }) {
  const queue = () => deps.queues.raw('waiting');
  const answersKey = `${deps.prefix}:waiting:answered`;

  return {
    async add(entry: WaitingCallPayload): Promise<void> {
      await deps.queues.add('waiting', 'waiting-call', entry, { jobId: entry.callSid, priority: entry.priority });
    },

    /** True when the caller was there: BullMQ's own remove answers 1 even for a job that never existed. */
    async remove(callSid: string): Promise<boolean> {
      if (!(await queue().getJob(callSid))) return false;
      await queue().remove(callSid);
      return true;
    },

    async get(callSid: string): Promise<WaitingCallPayload | null> {
      const job = await queue().getJob(callSid);
      return (job?.data as WaitingCallPayload | undefined) ?? null;
    },

    /** Turns a waiting call into a callback in the same place. */
    async markCallback(callSid: string): Promise<WaitingCallPayload | null> {
      const job = await queue().getJob(callSid);
      if (!job) return null;
      const data = { ...(job.data as WaitingCallPayload), kind: 'callback' as const };
      await job.updateData(data);
      return data;
    },

    /**
     * Back at the front of its priority, as when an agent's leg failed: BullMQ itself scores a
     * pushed-back job as priority x 2^32 with no counter, ahead of everyone of that priority.
     */
    async addAtFront(entry: WaitingCallPayload): Promise<void> {
      await this.add(entry);
      await deps.redis.zadd(queue().keys.prioritized as string, 'XX', entry.priority * 0x100000000, entry.callSid);
    },

    /** Every waiting CallSid, in order: for the reconciler, which compares them with the database. */
    async callSids(): Promise<string[]> {
      return deps.redis.zrange(queue().keys.prioritized as string, '0', '-1');
    },

    async position(callSid: string): Promise<number | null> {
      const rank = await deps.redis.zrank(queue().keys.prioritized as string, callSid);
      return rank === null ? null : rank + 1;
    },

    /** Routing reports each caller answered; the recent rate gives the estimated wait. */
    async recordAnswered(at: Date, callSid: string): Promise<void> {
      await deps.redis
        .multi()
        .zadd(answersKey, at.getTime(), callSid)
        .zremrangebyscore(answersKey, 0, at.getTime() - RATE_WINDOW_MS)
        .exec();
    },

    /** Seconds until the caller at `position` is answered, from the answers of the last 30 minutes. */
    async estimateWaitSeconds(position: number, now: Date, defaultSecondsPerCaller: number): Promise<number> {
      const answered = await deps.redis.zcount(answersKey, now.getTime() - RATE_WINDOW_MS, '+inf');
      const secondsPerCaller = answered >= MIN_ANSWERS_FOR_RATE ? RATE_WINDOW_MS / 1000 / answered : defaultSecondsPerCaller;
      return Math.round(position * secondsPerCaller);
    },

    async list(): Promise<QueueDto> {
      const [jobs, total] = await Promise.all([
        queue().getJobs(['prioritized'], 0, LIST_LIMIT - 1, true),
        queue().getJobCountByTypes('prioritized'),
      ]);
      const waiting = jobs
        .filter((j) => j?.data)
        .map((j, i): WaitingCallDto => ({ ...(j.data as WaitingCallPayload), position: i + 1 }) as WaitingCallDto);
      return { waiting, total };
    },
  };
}

export type WaitingSet = ReturnType<typeof createWaitingSet>;

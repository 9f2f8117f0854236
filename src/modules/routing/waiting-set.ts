import type { Redis } from 'ioredis';
import type { QueueDto, WaitingCallDto } from '../../contracts/rest.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';

/** How many waiting callers the console lists at once; the count is always exact. */
const LIST_LIMIT = 500;

/**
 * The callers waiting for a person: one BullMQ job per call, id = CallSid (so Twilio retries add
 * nothing), priority = the case priority. BullMQ keeps prioritized jobs in a sorted set ordered by
 * priority then arrival, so a caller's position is one ZRANK: the cost does not grow with the queue.
 */
export function createWaitingSet(deps: { queues: Queues; redis: Redis }) {
  const queue = () => deps.queues.raw('waiting');

  return {
    async add(entry: WaitingCallPayload): Promise<void> {
      await deps.queues.add('waiting', 'waiting-call', entry, { jobId: entry.callSid, priority: entry.priority });
    },

    async remove(callSid: string): Promise<boolean> {
      const removed = await queue().remove(callSid);
      return removed === 1;
    },

    async position(callSid: string): Promise<number | null> {
      const rank = await deps.redis.zrank(queue().keys.prioritized as string, callSid);
      return rank === null ? null : rank + 1;
    },

    async list(): Promise<QueueDto> {
      const [jobs, total] = await Promise.all([
        queue().getJobs(['prioritized'], 0, LIST_LIMIT - 1, true),
        queue().getJobCountByTypes('prioritized'),
      ]);
      const waiting = jobs
        .filter((j) => j?.data)
        .map((j, i) => ({ ...(j.data as WaitingCallPayload), position: i + 1 }) as WaitingCallDto);
      return { waiting, total };
    },
  };
}

export type WaitingSet = ReturnType<typeof createWaitingSet>;

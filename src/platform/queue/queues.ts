import { Queue, Worker, UnrecoverableError, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { REGISTRY, type JobName, type JobPayload, type QueueKey } from './registry.js';

export interface QueueOptions {
  connection: ConnectionOptions;
  prefix: string;
}

/** Typed producers over the registry: payloads are validated before they reach Redis. */
export class Queues {
  private readonly queues = new Map<QueueKey, Queue>();

  constructor(private readonly options: QueueOptions) {
    // Made at once: a queue first made while Redis is down would wait for it instead of failing fast.
    for (const key of Object.keys(REGISTRY) as QueueKey[]) this.raw(key);
  }

  raw(key: QueueKey): Queue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue(REGISTRY[key].name, {
        connection: this.options.connection,
        prefix: this.options.prefix,
        defaultJobOptions: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } },
      });
      // Connection errors are logged once by the connection's own listener (main/runtime.ts).
      queue.on('error', () => undefined);
      this.queues.set(key, queue);
    }
    return queue;
  }

  async add<Q extends QueueKey, J extends JobName<Q>>(
    key: Q,
    job: J,
    payload: JobPayload<Q, J>,
    opts: JobsOptions & { jobId: string },
  ): Promise<Job> {
    const schema = (REGISTRY[key].jobs as Record<string, z.ZodType>)[job];
    if (!schema) throw new AppError('internal', `Job ${job} is not registered on queue ${key}`);
    const data = schema.parse(payload);
    return this.raw(key).add(job, data, opts);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export type JobHandlers = {
  [Q in QueueKey as (typeof REGISTRY)[Q]['processed'] extends true ? Q : never]: {
    /** `token` is the worker's lock on the job, for handlers that move it back to delayed themselves. */
    [J in JobName<Q>]: (payload: JobPayload<Q, J>, job: Job, token?: string) => Promise<unknown>;
  };
};

/**
 * Starts one worker per processed queue. Fails at boot when a registered job has no handler,
 * and turns payloads that fail their schema into unrecoverable errors instead of endless retries.
 */
export function startWorkers(
  handlers: JobHandlers,
  options: QueueOptions & { logger: Logger; concurrency?: number },
): Worker[] {
  const workers: Worker[] = [];
  for (const key of Object.keys(REGISTRY) as QueueKey[]) {
    const entry = REGISTRY[key];
    if (!entry.processed) continue;
    const queueHandlers = (handlers as unknown as Record<string, Record<string, (p: unknown, j: Job, token?: string) => Promise<unknown>>>)[key];
    for (const jobName of Object.keys(entry.jobs)) {
      if (!queueHandlers?.[jobName]) throw new Error(`No handler for job ${entry.name}/${jobName}`);
    }
    const worker = new Worker(
      entry.name,
      async (job, token) => {
        const schema = (entry.jobs as Record<string, z.ZodType>)[job.name];
        const handler = queueHandlers?.[job.name];
        if (!schema || !handler) throw new UnrecoverableError(`Unknown job ${job.name}`);
        const parsed = schema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}`);
        try {
          return await handler(parsed.data, job, token);
        } catch (e) {
          if (e instanceof AppError && !e.retryable) throw new UnrecoverableError(`${e.code}: ${e.message}`);
          throw e;
        }
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: ('concurrency' in entry ? entry.concurrency : undefined) ?? options.concurrency ?? 8,
      },
    );
    worker.on('failed', (job, err) =>
      options.logger.warn({ queue: entry.name, job: job?.name, jobId: job?.id, err: err.message }, 'job failed'),
    );
    worker.on('error', (err) => options.logger.error({ queue: entry.name, err: err.message }, 'worker error'));
    workers.push(worker);
  }
  return workers;
}

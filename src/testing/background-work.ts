import { REGISTRY, type QueueKey } from '../platform/queue/registry.js';
import { eventually, type TestHotline } from './harness.js';

const PROCESSED = (Object.keys(REGISTRY) as QueueKey[]).filter((k) => REGISTRY[k].processed);

/**
 * While a test compares the database before and after a request, background jobs wait (requests still
 * add them): every change seen is then the request's own. Jobs already running finish first.
 */
export async function pauseBackgroundWork(t: TestHotline): Promise<void> {
  for (const key of PROCESSED) await t.hotline.rt.queues.raw(key).pause();
  await eventually(async () => {
    for (const key of PROCESSED) if ((await t.hotline.rt.queues.raw(key).getActiveCount()) > 0) return false;
    return true;
  }, 15_000);
}

export async function resumeBackgroundWork(t: TestHotline): Promise<void> {
  for (const key of PROCESSED) await t.hotline.rt.queues.raw(key).resume();
}

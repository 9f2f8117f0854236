import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createOfficeSlots } from './office-slots.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `alhotest_slots_${process.pid}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('delivery slots per office', () => {
  it('when an office has its share in flight, then it waits while other offices go on; a released slot is free again', async () => {
    const slots = createOfficeSlots({ redis, prefix, perOffice: 2, staleMs: 60_000 });
    expect(await slots.take('slow', 'd1')).toBe(true);
    expect(await slots.take('slow', 'd2')).toBe(true);
    expect(await slots.take('slow', 'd3')).toBe(false);
    expect(await slots.take('fast', 'd4')).toBe(true);
    await slots.release('slow', 'd1');
    expect(await slots.take('slow', 'd3')).toBe(true);
  });

  it('when a process died holding a slot, then the slot stops counting after the stale time', async () => {
    const slots = createOfficeSlots({ redis, prefix, perOffice: 1, staleMs: 50 });
    expect(await slots.take('crashy', 'lost')).toBe(true);
    expect(await slots.take('crashy', 'next')).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(await slots.take('crashy', 'next')).toBe(true);
  });
});

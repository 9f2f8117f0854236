import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES, deadlinesFor, dueAt, reminderAt } from './deadlines.js';

const CHICAGO = 'America/Chicago';

describe('deadlines in the office time zone', () => {
  it('when a P1 is sent, then it must be acknowledged within 15 minutes', () => {
    const sent = new Date('2026-11-27T15:00:00Z');
    expect(deadlinesFor(DEFAULT_DEADLINES, 1, sent, CHICAGO).ackDueAt.toISOString()).toBe('2026-11-27T15:15:00.000Z');
  });

  it('when a P2 is sent in the morning, then the end of that day in the office; late in the evening, the end of the next', () => {
    // 09:00 in Chicago (UTC-6 in November): due at midnight Chicago = 06:00 UTC next day.
    expect(dueAt({ endOfDay: true }, new Date('2026-11-27T15:00:00Z'), CHICAGO).toISOString()).toBe('2026-11-28T06:00:00.000Z');
    // 23:00 in Chicago: one hour left is not a day; the end of the next day.
    expect(dueAt({ endOfDay: true }, new Date('2026-11-28T05:00:00Z'), CHICAGO).toISOString()).toBe('2026-11-29T06:00:00.000Z');
  });

  it('when a P3 is sent on a Thursday, then three working days skip the weekend and land on Tuesday at the same hour', () => {
    const thursday = new Date('2026-11-26T16:30:00Z'); // 10:30 in Chicago
    expect(dueAt({ workingDays: 3 }, thursday, CHICAGO).toISOString()).toBe('2026-12-01T16:30:00.000Z');
  });

  it('when a deadline crosses a daylight-saving change, then it keeps the office wall-clock hour', () => {
    const friday = new Date('2026-10-30T15:00:00Z'); // 10:00 CDT
    expect(dueAt({ workingDays: 1 }, friday, CHICAGO).toISOString()).toBe('2026-11-02T16:00:00.000Z'); // Monday 10:00 CST
  });

  it('when the reminder share is two thirds, then the reminder comes two thirds of the way', () => {
    const sent = new Date('2026-11-27T15:00:00Z');
    expect(reminderAt(sent, new Date('2026-11-27T15:15:00Z'), 2 / 3).toISOString()).toBe('2026-11-27T15:10:00.000Z');
  });
});

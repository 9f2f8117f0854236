import { instantAt, partsIn } from '../../shared/clock.js';

/** How long an office has, from when the escalation was sent. */
export type DeadlineRule = { minutes: number } | { endOfDay: true } | { workingDays: number };

export interface DeadlineSettings {
  byPriority: Record<'1' | '2' | '3' | '4', { ack: DeadlineRule; action: DeadlineRule | null }>;
  /** Share of the time allowed after which the office is reminded (0.66: two thirds of the way). */
  remindAt: number;
}

/** domain.md: P1 acknowledged within 15 minutes, P2 the same day with a first action within 24 h, P3 three working days. */
export const DEFAULT_DEADLINES: DeadlineSettings = {
  byPriority: {
    '1': { ack: { minutes: 15 }, action: { minutes: 24 * 60 } },
    '2': { ack: { endOfDay: true }, action: { minutes: 24 * 60 } },
    '3': { ack: { workingDays: 3 }, action: null },
    '4': { ack: { workingDays: 5 }, action: null },
  },
  remindAt: 0.66,
};

/** Less than this left in the office's day, "the same day" means the end of the next one. */
const MIN_SAME_DAY_MS = 2 * 3600_000;

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** When a rule runs out for something sent at `from`, in the office's time zone (working days: Monday to Friday). */
export function dueAt(rule: DeadlineRule, from: Date, timeZone: string): Date {
  if ('minutes' in rule) return new Date(from.getTime() + rule.minutes * 60_000);
  const local = partsIn(from, timeZone);
  if ('endOfDay' in rule) {
    const end = instantAt(addDays(local, 1), { hour: 0, minute: 0 }, timeZone);
    return end.getTime() - from.getTime() >= MIN_SAME_DAY_MS ? end : instantAt(addDays(local, 2), { hour: 0, minute: 0 }, timeZone);
  }
  let date = { year: local.year, month: local.month, day: local.day };
  let weekday = local.weekday;
  let left = rule.workingDays;
  while (left > 0) {
    date = addDays(date, 1);
    weekday = (weekday + 1) % 7;
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return instantAt(date, { hour: local.hour, minute: local.minute, second: local.second }, timeZone);
}

export function deadlinesFor(settings: DeadlineSettings, priority: number, sentAt: Date, timeZone: string): { ackDueAt: Date; actionDueAt: Date | null } {
  const rules = settings.byPriority[String(priority) as '1'] ?? settings.byPriority['3'];
  return { ackDueAt: dueAt(rules.ack, sentAt, timeZone), actionDueAt: rules.action ? dueAt(rules.action, sentAt, timeZone) : null };
}

/** When to remind: `remindAt` of the way from sending to the deadline. */
export const reminderAt = (sentAt: Date, due: Date, share: number): Date => new Date(sentAt.getTime() + (due.getTime() - sentAt.getTime()) * share);

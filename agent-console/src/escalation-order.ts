import type { EscalationDto } from '../../src/contracts/index.js';

/** The deadline the office is working against now: acknowledging first, then the first action; none once met or closed. */
export function nextDeadline(e: EscalationDto): { which: 'ack' | 'action'; at: string } | null {
  if (e.status === 'closed') return null;
  if (!e.acknowledgedAt) return { which: 'ack', at: e.ackDueAt };
  if (e.actionDueAt && !e.firstActionAt) return { which: 'action', at: e.actionDueAt };
  return null;
}

/** Open and past a deadline: what supervisors must see first. */
export const isBreached = (e: EscalationDto): boolean => e.status !== 'closed' && e.breaches.length > 0;

const dueMs = (e: EscalationDto): number => {
  const next = nextDeadline(e);
  return next ? Date.parse(next.at) : Number.POSITIVE_INFINITY;
};

/**
 * Most urgent first: open before closed, breached before the rest, then the nearest deadline, then
 * priority; among equals (and among closed ones) the newest first.
 */
export function byUrgency(a: EscalationDto, b: EscalationDto): number {
  return Number(a.status === 'closed') - Number(b.status === 'closed')
    || Number(isBreached(b)) - Number(isBreached(a))
    || dueMs(a) - dueMs(b)
    || a.priority - b.priority
    || Date.parse(b.createdAt) - Date.parse(a.createdAt)
    || a.id.localeCompare(b.id);
}

export const sortByUrgency = (list: readonly EscalationDto[]): EscalationDto[] => [...list].sort(byUrgency);

/**
 * Adds or replaces by id. An older copy never overwrites a newer one: events can cross a refetch,
 * and every change raises the server's version.
 */
export function upsertEscalation(list: readonly EscalationDto[], next: EscalationDto): EscalationDto[] {
  const current = list.find((e) => e.id === next.id);
  if (current && current.version > next.version) return [...list];
  return [next, ...list.filter((e) => e.id !== next.id)];
}

/** A span as the countdowns show it: m:ss under an hour, hours and minutes under two days, then days and hours. */
export function formatSpan(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (total < 3600) return `${minutes}:${String(seconds).padStart(2, '0')}`;
  if (total < 2 * 86_400) return `${days * 24 + hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${days} d ${hours} h`;
}

import type { CaseSummaryDto, QueueChange, WaitingCallDto } from '../../src/contracts/index.js';

/**
 * Queue order is priority first, then time waited. Positions are recomputed from this order
 * after every change, so the server's `position` only breaks exact ties.
 */
export function sortWaiting(calls: WaitingCallDto[]): WaitingCallDto[] {
  return [...calls]
    .sort((a, b) =>
      a.priority - b.priority
      || Date.parse(a.enqueuedAt) - Date.parse(b.enqueuedAt)
      || a.position - b.position
      || a.callSid.localeCompare(b.callSid))
    .map((c, i) => (c.position === i + 1 ? c : { ...c, position: i + 1 }));
}

export function applyQueueChange(calls: WaitingCallDto[], change: QueueChange): WaitingCallDto[] {
  if (change.kind === 'joined') {
    return sortWaiting([...calls.filter((c) => c.callSid !== change.call.callSid), change.call]);
  }
  if (!calls.some((c) => c.callSid === change.callSid)) return calls;
  return sortWaiting(calls.filter((c) => c.callSid !== change.callSid));
}

export function sortCases(cases: CaseSummaryDto[]): CaseSummaryDto[] {
  return [...cases].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number.localeCompare(a.number));
}

/** Adds or replaces by id; an older copy never overwrites a newer one (events can cross a refetch). */
export function upsertCase(cases: CaseSummaryDto[], next: CaseSummaryDto): CaseSummaryDto[] {
  const current = cases.find((c) => c.id === next.id);
  if (current && Date.parse(current.updatedAt) > Date.parse(next.updatedAt)) return cases;
  return sortCases([next, ...cases.filter((c) => c.id !== next.id)]);
}

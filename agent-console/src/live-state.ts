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

/** The first callers (the server caps the list) and the exact number waiting. */
export interface WaitingState { calls: WaitingCallDto[]; total: number }

/**
 * A `joined` for a caller already listed replaces it without counting it twice (a waiting caller
 * who asks for a call back keeps their place). A `left` counts down even for a caller beyond the
 * capped list; the count never drops below the callers actually listed.
 */
export function applyQueueChange(state: WaitingState, change: QueueChange): WaitingState {
  if (change.kind === 'joined') {
    const known = state.calls.some((c) => c.callSid === change.call.callSid);
    const calls = sortWaiting([...state.calls.filter((c) => c.callSid !== change.call.callSid), change.call]);
    return { calls, total: Math.max(known ? state.total : state.total + 1, calls.length) };
  }
  const calls = state.calls.some((c) => c.callSid === change.callSid)
    ? sortWaiting(state.calls.filter((c) => c.callSid !== change.callSid))
    : state.calls;
  return { calls, total: Math.max(state.total - 1, calls.length) };
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

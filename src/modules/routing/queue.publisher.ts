import type { QueueChange } from '../../contracts/events.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';
import type { EventPublisher } from '../../platform/realtime/events.js';
import { STAFF_AUDIENCES } from '../cases/index.js';
import type { WaitingSet } from './waiting-set.js';

/**
 * Pushes a change of the waiting list to the staff, to the same audiences as the cases: on a busy
 * hotline a call's case and its place in the queue then reach each console in one batch.
 */
export function emitQueueChange(events: EventPublisher, change: QueueChange): void {
  for (const audience of STAFF_AUDIENCES) events.emit(audience, 'queue.changed', change);
}

/** A caller is in the waiting set: the staff see them join, at the place they now hold. */
export async function announceJoined(deps: { waiting: WaitingSet; events: EventPublisher }, entry: WaitingCallPayload): Promise<void> {
  const position = (await deps.waiting.position(entry.callSid)) ?? 0;
  emitQueueChange(deps.events, { kind: 'joined', call: { ...entry, position } });
}

import type { QueueChange } from '../../contracts/events.js';
import type { EventPublisher } from '../../platform/realtime/events.js';
import { STAFF_AUDIENCES } from '../cases/index.js';

/**
 * Pushes a change of the waiting list to the staff, to the same audiences as the cases: on a busy
 * hotline a call's case and its place in the queue then reach each console in one batch.
 */
export function emitQueueChange(events: EventPublisher, change: QueueChange): void {
  for (const audience of STAFF_AUDIENCES) events.emit(audience, 'queue.changed', change);
}

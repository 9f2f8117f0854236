import type { Role } from '../../contracts/domain.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import { seesPersonalData, toCaseSummary, type CaseRow } from './case.dto.js';

const STAFF_ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** Pushes a case to every console, each role receiving only what it may see. */
export function emitCase(events: EventPublisher, event: 'case.created' | 'case.updated', row: CaseRow): void {
  for (const role of STAFF_ROLES) events.emit(rooms.role(role), event, toCaseSummary(row, seesPersonalData(role)));
}

import type { Role } from '../../contracts/domain.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import { seesPersonalData, toCaseSummary, type CaseRow } from './case.dto.js';

const STAFF_ROLES: Role[] = ['agent', 'supervisor', 'admin'];

const roomsBySight = (sees: boolean) => STAFF_ROLES.filter((role) => seesPersonalData(role) === sees).map(rooms.role);
const WITH_PERSONAL_DATA = roomsBySight(true);
const WITHOUT_PERSONAL_DATA = roomsBySight(false);
/** The staff's rooms, grouped by what they may see of a case; every push about calls and cases goes to these. */
export const STAFF_AUDIENCES = [WITH_PERSONAL_DATA, WITHOUT_PERSONAL_DATA].filter((audience) => audience.length > 0);

/**
 * Pushes a case to every console, each role receiving only what it may see: one broadcast per shape
 * of the case, not per role (a case opened reaches every console, many times a second at peaks).
 */
export function emitCase(events: EventPublisher, event: 'case.created' | 'case.updated', row: CaseRow): void {
  if (WITH_PERSONAL_DATA.length) events.emit(WITH_PERSONAL_DATA, event, toCaseSummary(row, true));
  if (WITHOUT_PERSONAL_DATA.length) events.emit(WITHOUT_PERSONAL_DATA, event, toCaseSummary(row, false));
}

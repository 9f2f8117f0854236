export type * from './domain.js';
export type * from './rest.js';
export type * from './events.js';
export { CATEGORIES, CASE_STATUSES } from './domain.js';
export * from './case-fields.js';
export type * from './escalation.js';
export { ESCALATION_STATUSES, OUTCOME_CODES, DELIVERY_CHANNELS } from './escalation.js';
export type * from './wallboard.js';
export * from './live-batch.js';

export { hotlineFlow } from './menu.flow.js';
export {
  startCall, step, caseLookupAnswer, officeLookupAnswer, resolveRequest, spellCaseNumber,
  type IvrInput, type IvrState, type IvrStep, type MenuStep, type StepContext, type ResolvedRequest,
} from './ivr.step.js';
export { decodeState, encodeState } from './ivr.state.js';
export { validateFlow } from './flow.validate.js';
export * from './ivr.twiml.js';
export { officeText, positionMessage, waitAnnouncement, WAIT_MESSAGES } from './wait.messages.js';
export { OFFICE_PLACEHOLDER } from './flow.types.js';
export type { Flow, Text } from './flow.types.js';

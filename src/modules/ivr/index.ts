export { hotlineFlow } from './menu.flow.js';
export { startCall, step, type IvrInput, type IvrState, type IvrStep } from './ivr.step.js';
export { decodeState, encodeState } from './ivr.state.js';
export { IVR_PATHS, renderApology, renderEmpty, renderEnqueue, renderMenu, renderWait } from './ivr.twiml.js';
export { positionMessage } from './wait.messages.js';
export type { Flow, Text } from './flow.types.js';

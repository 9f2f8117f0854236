export { createWaitingSet, type WaitingSet } from './waiting-set.js';
export { queueRouter } from './queue.routes.js';

export { createWaitingSet, type WaitingSet } from './waiting-set.js';
export { queueRouter } from './queue.routes.js';
export { createPresenceStore } from './presence.store.js';
export { createPresenceService, type PresenceService } from './presence.service.js';
export { registerPresenceHandlers, acknowledge } from './presence.socket.js';
export { agentsRouter } from './agents.routes.js';
export { clientIdentity, createVoiceTokenIssuer, type VoiceTokenIssuer } from './voice-token.js';
export { voiceTokenRouter } from './voice-token.routes.js';

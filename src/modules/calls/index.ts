export { createCallsRepository, type CallsRepository } from './calls.repository.js';
export { createIvrCallService } from './ivr-call.service.js';
export { createQueueWaitService } from './queue-wait.service.js';
export { createCallEndService } from './call-end.service.js';
export { createVoicemailService } from './voicemail.service.js';
export { voiceWebhooks, type VoiceServices } from './voice.webhooks.js';
export type { CallDeps } from './call.context.js';
export { createConnectService, CONNECT_PATHS } from './connect.service.js';
export { createCallbackDialService, CALLBACK_PATHS } from './callback-dial.service.js';

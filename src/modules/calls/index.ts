export { createCallsRepository, type CallsRepository } from './calls.repository.js';
export { createCallFlowService, type CallFlowService } from './call-flow.service.js';
export { voiceWebhooks } from './voice.webhooks.js';

export { createOfficeDirectory, officeForPlace, type OfficeDirectory, type OfficeRef, type OfficeCard, type PlaceMatch } from './office-directory.js';
export { officesRouter } from './offices.routes.js';
export { escalationsRouter } from './escalations.routes.js';
export { createEscalationsRepository, type EscalationsRepository } from './escalations.repository.js';
export { createEscalationService, type EscalationService } from './escalation.service.js';
export { createDeliveryService, type DeliveryService } from './delivery.service.js';
export { createDeliveryChannels, signWebhook, officeWebhookSecret } from './delivery.channels.js';
export { createOfficeAdmin, type OfficeAdmin } from './office-admin.js';
export { createOfficeSlots, type OfficeSlots } from './office-slots.js';

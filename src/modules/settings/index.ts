export { createSettingsRepository } from './settings.repository.js';
export { createSettingsService, type SettingsService, type HotlineSettings } from './settings.service.js';
export { settingsRouter } from './settings.routes.js';
export { isOpen } from './hours.js';

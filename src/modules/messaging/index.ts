export { createSmsService, type SmsService } from './sms.service.js';
export { createCaseTexts, type CaseTexts } from './case-texts.js';

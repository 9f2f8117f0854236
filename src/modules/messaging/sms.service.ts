import type { SendSmsPayload } from '../../platform/queue/registry.js';
import type { TwilioRest } from '../../platform/twilio/rest.js';
import type { Logger } from '../../shared/logger.js';
import type { CasesRepository } from '../cases/index.js';
import type { Db } from '../../platform/db/database.js';

/** Job: one SMS through Twilio's Messages API; failures worth retrying are retried by BullMQ. */
export function createSmsService(deps: { rest: TwilioRest; cases: CasesRepository; db: Db; logger: Logger }) {
  return {
    async send(payload: SendSmsPayload): Promise<{ sid: string }> {
      const message = await deps.rest.sendSms({ to: payload.to, body: payload.body });
      if (payload.caseId) await deps.cases.addEvent(deps.db, payload.caseId, 'sms.sent', 'system', { sid: message.sid, purpose: payload.purpose });
      deps.logger.info({ sid: message.sid, purpose: payload.purpose }, 'sms sent');
      return { sid: message.sid };
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;

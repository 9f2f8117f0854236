import type { SendSmsPayload } from '../../platform/queue/registry.js';
import type { TwilioRest } from '../../platform/twilio/rest.js';
import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { CasesRepository } from '../cases/index.js';
import type { Db } from '../../platform/db/database.js';

/** Twilio refused the request before taking it (rate limit): sending it again cannot text twice. */
const refusedBeforeTaken = (e: unknown) => isAppError(e) && (e.details as { status?: number } | undefined)?.status === 429;

/**
 * Job: one SMS through Twilio's Messages API. Only a 429 is retried: after a 5xx or no answer the
 * text may have gone, and a second one would reach the caller twice. A text that did not surely go
 * is put in front of a person instead: a flag on the case and an entry in its timeline.
 */
export function createSmsService(deps: { rest: TwilioRest; cases: CasesRepository; db: Db; logger: Logger }) {
  async function surface(payload: SendSmsPayload, e: unknown): Promise<void> {
    const status = isAppError(e) ? ((e.details as { status?: number } | undefined)?.status ?? null) : null;
    deps.logger.warn({ purpose: payload.purpose, caseId: payload.caseId, status, err: (e as Error).message }, 'sms not sent; left to an agent');
    if (!payload.caseId) return;
    const caseId = payload.caseId;
    await deps.db.transaction().execute(async (trx) => {
      await deps.cases.addFlag(trx, caseId, 'sms_failed');
      await deps.cases.addEvent(trx, caseId, 'sms.failed', 'system', { purpose: payload.purpose, twilioStatus: status });
    });
  }

  return {
    async send(payload: SendSmsPayload, attempt: { last: boolean } = { last: true }): Promise<{ sid: string | null }> {
      let sid: string;
      try {
        sid = (await deps.rest.sendSms({ to: payload.to, body: payload.body })).sid;
      } catch (e) {
        if (refusedBeforeTaken(e) && !attempt.last) throw e;
        await surface(payload, e);
        return { sid: null };
      }
      if (payload.caseId) await deps.cases.addEvent(deps.db, payload.caseId, 'sms.sent', 'system', { sid, purpose: payload.purpose });
      deps.logger.info({ sid, purpose: payload.purpose }, 'sms sent');
      return { sid };
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;

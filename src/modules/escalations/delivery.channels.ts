import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { AppError } from '../../shared/errors.js';

/**
 * The signature an office verifies on each webhook: HMAC-SHA256 over "<timestamp>.<raw body>" with the
 * office's secret, sent as `X-AlhoVoz-Signature: v1=<hex>` beside `X-AlhoVoz-Timestamp` (Unix seconds).
 * Receivers should refuse timestamps more than five minutes old, which stops replays.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Each office's webhook secret, derived from the one in the environment: nothing secret is stored. */
export const officeWebhookSecret = (signingSecret: string, officeId: string): string => createHmac('sha256', signingSecret).update(`office:${officeId}`).digest('hex');

export interface DeliveryChannels {
  webhook(input: { url: string; secret: string; deliveryId: string; body: string }): Promise<void>;
  email(input: { to: string[]; subject: string; text: string }): Promise<void>;
  sms(input: { to: string; body: string }): Promise<void>;
}

export function createDeliveryChannels(deps: {
  timeoutMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  sendSms: (input: { to: string; body: string }) => Promise<unknown>;
  now: () => Date;
}): DeliveryChannels {
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  return {
    async webhook({ url, secret, deliveryId, body }) {
      const timestamp = Math.floor(deps.now().getTime() / 1000);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'ALHO-Voz-Escalations/1',
            'x-alhovoz-delivery': deliveryId,
            'x-alhovoz-timestamp': String(timestamp),
            'x-alhovoz-signature': signWebhook(secret, timestamp, body),
          },
          body,
          redirect: 'error',
          // A slow office must not hold a worker slot for long: it is retried later instead.
          signal: AbortSignal.timeout(deps.timeoutMs),
        });
      } catch (e) {
        throw new AppError('unavailable', `webhook unreachable: ${(e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message}`);
      }
      await res.body?.cancel();
      if (!res.ok) throw new AppError('unavailable', `webhook answered ${res.status}`);
    },

    async email({ to, subject, text }) {
      if (!transport) throw new AppError('unavailable', 'no SMTP server configured (SMTP_URL)');
      if (to.length === 0) throw new AppError('bad_request', 'the office has no e-mail address');
      try {
        await transport.sendMail({ from: deps.mailFrom, to, subject, text });
      } catch (e) {
        throw new AppError('unavailable', `SMTP refused: ${(e as Error).message.split('\n')[0]}`);
      }
    },

    async sms(input) {
      await deps.sendSms(input);
    },
  };
}

import twilio from 'twilio';
import { AppError } from '../../shared/errors.js';


/** The Twilio REST calls the hotline makes, behind one small interface. */
export interface TwilioRest {
  sendSms(input: { to: string; body: string }): Promise<{ sid: string; status: string }>;
  /** A recording's audio (MP3), fetched with the account's credentials: Twilio URLs are not public. */
  fetchRecordingAudio(recordingUrl: string): Promise<{ body: ArrayBuffer; contentType: string }>;
}

/**
 * Twilio's own client, pointed at TWILIO_API_BASE_URL when set (tests use Prism serving Twilio's
 * OpenAPI description). Failures become AppErrors: 429 and 5xx are worth retrying, 4xx are not.
 */
export function createTwilioRest(options: { accountSid: string; authToken: string; apiBaseUrl?: string | undefined; from: string }): TwilioRest {
  const base = options.apiBaseUrl?.replace(/\/+$/, '');
  class RebasedClient extends twilio.RequestClient {
    override request<T>(opts: Parameters<twilio.RequestClient['request']>[0]) {
      if (base && typeof opts.uri === 'string') opts.uri = opts.uri.replace(/^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/, base);
      return super.request<T>(opts as never);
    }
  }
  const client = twilio(options.accountSid, options.authToken, { httpClient: new RebasedClient({ timeout: 10_000 }) });

  const translate = (e: unknown): never => {
    const status = (e as { status?: number }).status;
    const message = `Twilio answered ${status ?? 'no response'}: ${(e as Error).message}`;
    if (status && status >= 400 && status < 500 && status !== 429) throw new AppError('bad_request', message, { cause: e });
    throw new AppError('unavailable', message, { cause: e });
  };

  const authHeader = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const rebase = (url: string) => (base ? url.replace(/^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/, base) : url);

  return {
    async fetchRecordingAudio(recordingUrl) {
      if (!/^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com\//.test(recordingUrl)) throw new AppError('bad_request', 'Not a Twilio recording URL');
      let res: Response;
      try {
        res = await fetch(`${rebase(recordingUrl)}.mp3`, { headers: { authorization: authHeader }, signal: AbortSignal.timeout(15_000) });
      } catch (e) {
        throw new AppError('unavailable', 'Twilio did not answer for the recording', { cause: e });
      }
      if (res.status === 404) throw new AppError('not_found', 'Twilio has no such recording (it may have been deleted)');
      if (!res.ok) throw new AppError('unavailable', `Twilio answered ${res.status} for the recording`);
      return { body: await res.arrayBuffer(), contentType: res.headers.get('content-type') ?? 'audio/mpeg' };
    },

    async sendSms({ to, body }) {
      try {
        const message = await client.messages.create({ to, from: options.from, body });
        return { sid: message.sid, status: String(message.status) };
      } catch (e) {
        return translate(e);
      }
    },
  };
}

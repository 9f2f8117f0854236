import twilio from 'twilio';
import { AppError } from '../../shared/errors.js';


/** The Twilio REST calls the hotline makes, behind one small interface. */
export interface TwilioRest {
  sendSms(input: { to: string; body: string }): Promise<{ sid: string; status: string }>;
  /** A recording's audio (MP3), fetched with the account's credentials: Twilio URLs are not public. */
  fetchRecordingAudio(recordingUrl: string): Promise<{ body: ArrayBuffer; contentType: string }>;
  /** Erases a recording at Twilio (after the retention period). A recording already gone counts as erased. */
  deleteRecording(recordingSid: string): Promise<void>;
  /** Points a live call at new TwiML (fetched with POST). Retried on 429, 5xx and network errors. */
  redirectCall(callSid: string, url: string): Promise<void>;
  /** Takes a member out of a Twilio queue to new TwiML (fetched with POST). Retried like redirectCall. */
  updateQueueMember(queueSid: string, callSid: string, url: string): Promise<void>;
  /**
   * Places an outbound call from the configured caller id, paced to `callsPerSecond`, never retried here.
   * A second call with the same idempotencyKey in this process returns the first call's sid.
   */
  createCall(input: { to: string; url: string; statusCallback: string; idempotencyKey: string }): Promise<{ sid: string }>;
}

export interface TwilioRestOptions {
  accountSid: string;
  authToken: string;
  apiBaseUrl?: string | undefined;
  from: string;
  /** Outbound call creations per second (Twilio's default account limit is 1). */
  callsPerSecond?: number;
}

const TWILIO_HOST = /^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/;
const RETRY_DELAYS_MS = [200, 400];
const REMEMBERED_CALL_KEYS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** No status means no answer at all (refused, reset, timed out): Twilio may be down, so worth another try. */
function isTransient(e: unknown): boolean {
  const status = statusOf(e);
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Twilio's own client, pointed at TWILIO_API_BASE_URL when set (tests use Prism serving Twilio's
 * OpenAPI description). Failures become AppErrors: 429, 5xx and network failures are 'unavailable'
 * (worth retrying), 404 is 'not_found', other 4xx are 'bad_request' (they would fail again).
 */
export function createTwilioRest(options: TwilioRestOptions): TwilioRest {
  const base = options.apiBaseUrl?.replace(/\/+$/, '');
  class RebasedClient extends twilio.RequestClient {
    override request<T>(opts: Parameters<twilio.RequestClient['request']>[0]) {
      if (base && typeof opts.uri === 'string') opts.uri = opts.uri.replace(TWILIO_HOST, base);
      return super.request<T>(opts as never);
    }
  }
  const client = twilio(options.accountSid, options.authToken, { httpClient: new RebasedClient({ timeout: 10_000 }) });

  const translate = (e: unknown): never => {
    const status = statusOf(e);
    const twilioCode = typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : undefined;
    const message = `Twilio answered ${status ?? 'no response'}: ${(e as Error).message}`;
    const details = { status, twilioCode };
    if (status === 404) throw new AppError('not_found', message, { cause: e, details });
    if (status && status >= 400 && status < 500 && status !== 429) throw new AppError('bad_request', message, { cause: e, details });
    throw new AppError('unavailable', message, { cause: e, details });
  };

  // Twilio's client would otherwise throw "password is required" before sending, which reads as an outage
  // ('unavailable', retried forever); missing credentials are a configuration fault that no retry fixes.
  const requireCredentials = () => {
    if (!options.accountSid || !options.authToken) throw new AppError('bad_request', 'Twilio credentials are missing (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)');
  };

  /** Only for requests that do the same thing however often they land (an update to the same URL). */
  const withRetries = async (send: () => Promise<unknown>): Promise<void> => {
    requireCredentials();
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return;
      } catch (e) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isTransient(e)) return translate(e);
        await sleep(delay);
      }
    }
  };

  // Twilio queues call creations beyond the account's calls-per-second and fails them after a while, so
  // creations are spaced here. The chain lives in this wrapper, built once per process (main/runtime.ts):
  // it paces one process only; several processes placing calls would need a limiter shared through Redis.
  const spacingMs = 1000 / (options.callsPerSecond ?? 1);
  let lastSlot: Promise<void> = Promise.resolve();
  const nextCallSlot = (): Promise<void> => {
    const mine = lastSlot;
    lastSlot = mine.then(() => sleep(spacingMs));
    return mine;
  };

  // Twilio's 2010 Calls API takes no idempotency key, so a repeated creation can only be caught here, within
  // this process (a job retried in place, two offers racing). Failures are forgotten: the caller's job decides.
  const callsByKey = new Map<string, Promise<{ sid: string }>>();

  const authHeader = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const rebase = (url: string) => (base ? url.replace(TWILIO_HOST, base) : url);

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
      requireCredentials();
      try {
        const message = await client.messages.create({ to, from: options.from, body });
        return { sid: message.sid, status: String(message.status) };
      } catch (e) {
        return translate(e);
      }
    },

    async deleteRecording(recordingSid) {
      try {
        // Deleting twice ends the same way, so a transient failure may be retried.
        await withRetries(() => client.recordings(recordingSid).remove());
      } catch (e) {
        if ((e as AppError).code !== 'not_found') throw e;
      }
    },

    async redirectCall(callSid, url) {
      await withRetries(() => client.calls(callSid).update({ url, method: 'POST' }));
    },

    async updateQueueMember(queueSid, callSid, url) {
      await withRetries(() => client.queues(queueSid).members(callSid).update({ url, method: 'POST' }));
    },

    createCall({ to, url, statusCallback, idempotencyKey }) {
      const known = callsByKey.get(idempotencyKey);
      if (known) return known;
      const created = (async () => {
        requireCredentials();
        await nextCallSlot();
        try {
          const call = await client.calls.create({
            to,
            from: options.from,
            url,
            method: 'POST',
            statusCallback,
            statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
            statusCallbackMethod: 'POST',
          });
          return { sid: call.sid };
        } catch (e) {
          return translate(e);
        }
      })();
      callsByKey.set(idempotencyKey, created);
      created.catch(() => {
        if (callsByKey.get(idempotencyKey) === created) callsByKey.delete(idempotencyKey);
      });
      if (callsByKey.size > REMEMBERED_CALL_KEYS) {
        const oldest = callsByKey.keys().next().value;
        if (oldest !== undefined) callsByKey.delete(oldest);
      }
      return created;
    },
  };
}

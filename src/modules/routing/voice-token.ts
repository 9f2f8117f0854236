import twilio from 'twilio';
import { AppError } from '../../shared/errors.js';

export interface VoiceTokenIssuer {
  /** False when the softphone's keys are not configured: agents then take calls on their phone. */
  enabled: boolean;
  issue(agentId: string): { token: string; identity: string; expiresAt: string };
}

/** Twilio refuses access tokens that live longer than a day. */
const MAX_TTL_SECONDS = 86_400;

/**
 * The Twilio Client identity of an agent's browser softphone: the token carries it and routing dials
 * `<Client>` with it, so both must come from here. Twilio rejects spaces and delimiters in client names
 * (error 31105), hence the narrow alphabet.
 */
export function clientIdentity(agentId: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(agentId)) throw new AppError('bad_request', 'An agent id must be 1 to 100 letters, digits, - or _');
  return `agent-${agentId}`;
}

/** Access tokens that let an agent's browser receive calls for its identity and place calls through the TwiML app. */
export function createVoiceTokenIssuer(options: {
  accountSid: string;
  apiKeySid: string | undefined;
  apiKeySecret: string | undefined;
  twimlAppSid: string | undefined;
  ttlSeconds?: number;
}): VoiceTokenIssuer {
  const { accountSid, apiKeySid, apiKeySecret, twimlAppSid, ttlSeconds = 3600 } = options;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new Error(`ttlSeconds must be a whole number from 1 to ${MAX_TTL_SECONDS}`);
  }
  if (!apiKeySid || !apiKeySecret || !twimlAppSid) {
    return {
      enabled: false,
      issue() {
        throw new AppError('unavailable', 'The browser softphone is not configured (TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID)');
      },
    };
  }
  return {
    enabled: true,
    issue(agentId) {
      const identity = clientIdentity(agentId);
      const token = new twilio.jwt.AccessToken(accountSid, apiKeySid, apiKeySecret, { identity, ttl: ttlSeconds });
      token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: twimlAppSid }));
      const jwt = token.toJwt();
      // The signer stamps iat itself; reading exp back keeps expiresAt exact rather than a second off.
      const { exp } = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
      return { token: jwt, identity, expiresAt: new Date(exp * 1000).toISOString() };
    },
  };
}

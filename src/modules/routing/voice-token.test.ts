import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/env.js';
import { AppError } from '../../shared/errors.js';
import { clientIdentity, createVoiceTokenIssuer } from './voice-token.js';

const accountSid = `AC${'0'.repeat(32)}`;
const apiKeySid = `SK${'1'.repeat(32)}`;
const apiKeySecret = 'softphone-key-secret-for-tests';
const twimlAppSid = `AP${'2'.repeat(32)}`;

const segment = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));

/** Decoded and checked by hand, as Twilio would: the token must stand on its own, not on our library's say-so. */
function verify(token: string, secret: string) {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature ?? '', 'base64url');
  return { header: segment(header), payload: segment(payload), signed: actual.length === expected.length && timingSafeEqual(actual, expected) };
}

describe('voice access tokens', () => {
  it('when the keys are configured, then the token is signed with the API key secret and grants the agent\'s client identity', () => {
    const issuer = createVoiceTokenIssuer({ accountSid, apiKeySid, apiKeySecret, twimlAppSid, ttlSeconds: 600 });
    expect(issuer.enabled).toBe(true);
    const before = Math.floor(Date.now() / 1000);
    const { token, identity, expiresAt } = issuer.issue('3f0c2b1e-0000-4000-8000-000000000001');

    const { header, payload, signed } = verify(token, apiKeySecret);
    expect(signed).toBe(true);
    expect(verify(token, 'another-secret').signed).toBe(false);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(payload.iss).toBe(apiKeySid);
    expect(payload.sub).toBe(accountSid);
    expect(payload.grants.identity).toBe('agent-3f0c2b1e-0000-4000-8000-000000000001');
    expect(payload.grants.voice.incoming.allow).toBe(true);
    expect(payload.grants.voice.outgoing.application_sid).toBe(twimlAppSid);
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.iat).toBeGreaterThanOrEqual(before);

    expect(identity).toBe(payload.grants.identity);
    expect(identity).toBe(clientIdentity('3f0c2b1e-0000-4000-8000-000000000001'));
    expect(expiresAt).toBe(new Date(payload.exp * 1000).toISOString());
  });

  it('when no lifetime is given, then the token lives an hour', () => {
    const { token } = createVoiceTokenIssuer({ accountSid, apiKeySid, apiKeySecret, twimlAppSid }).issue('a1');
    const { payload } = verify(token, apiKeySecret);
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('when the keys are not configured, then the issuer is disabled and says which variables to set', () => {
    const issuer = createVoiceTokenIssuer({ accountSid, apiKeySid: undefined, apiKeySecret: undefined, twimlAppSid: undefined });
    expect(issuer.enabled).toBe(false);
    let thrown: unknown;
    try {
      issuer.issue('a1');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'unavailable', message: expect.stringContaining('TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID') });
  });

  it('when only some of the keys are configured, then the issuer is disabled rather than signing half a grant', () => {
    const issuer = createVoiceTokenIssuer({ accountSid, apiKeySid, apiKeySecret, twimlAppSid: undefined });
    expect(issuer.enabled).toBe(false);
    expect(() => issuer.issue('a1')).toThrow(AppError);
  });

  it('when an agent id holds characters Twilio forbids in client names, then no identity is made', () => {
    expect(() => clientIdentity('a b')).toThrow(AppError);
    expect(() => clientIdentity('')).toThrow(AppError);
    expect(() => clientIdentity('x<y')).toThrow(AppError);
  });
});

describe('softphone configuration', () => {
  const production = { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'production-token', SESSION_SECRET: 's'.repeat(32), ESCALATION_SIGNING_SECRET: 'e'.repeat(32), PUBLIC_BASE_URL: 'https://hotline.example' } as const;
  const keys = { TWILIO_API_KEY_SID: apiKeySid, TWILIO_API_KEY_SECRET: apiKeySecret, TWILIO_TWIML_APP_SID: twimlAppSid };

  it('when the three softphone variables are set, then the config carries them and the issuer is enabled', () => {
    const { twilio } = parseConfig({ ...production, ...keys });
    expect(twilio).toMatchObject({ apiKeySid, apiKeySecret, twimlAppSid });
    expect(createVoiceTokenIssuer(twilio).enabled).toBe(true);
  });

  it('when none is set in production, then the hotline still starts, without a softphone', () => {
    const { twilio } = parseConfig({ ...production });
    expect([twilio.apiKeySid, twilio.apiKeySecret, twilio.twimlAppSid]).toEqual([undefined, undefined, undefined]);
    expect(createVoiceTokenIssuer(twilio).enabled).toBe(false);
  });

  it('when only some are set, or a sid has the wrong shape, then the configuration is refused at boot', () => {
    expect(() => parseConfig({ TWILIO_API_KEY_SID: apiKeySid })).toThrow(/TWILIO_API_KEY_SECRET is required when any of/);
    expect(() => parseConfig({ ...keys, TWILIO_TWIML_APP_SID: 'AP123' })).toThrow(/TWILIO_TWIML_APP_SID/);
    expect(() => parseConfig({ ...keys, TWILIO_API_KEY_SID: `AC${'1'.repeat(32)}` })).toThrow(/TWILIO_API_KEY_SID/);
  });
});

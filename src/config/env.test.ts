import { describe, expect, it } from 'vitest';
import { parseConfig } from './env.js';

/** What a real production start sets: every secret its own, long enough. */
const production = {
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://voz.alho.example',
  TWILIO_AUTH_TOKEN: 'f3a9c1d27e5b48a6b0c4d9e8f7a6b5c4',
  SESSION_SECRET: 'Zq4v9L2m8T1x6R3p0W7k5N8b2C4j6H1s',
  ESCALATION_SIGNING_SECRET: 'Y7u2D5f8G1h4J7k0L3z6X9c2V5b8N1m4',
} as const;

const problemsOf = (env: Record<string, string>): string => {
  try {
    parseConfig(env);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('secrets at a production start', () => {
  it('when every secret is set to a value of its own, then the configuration is accepted', () => {
    const config = parseConfig({ ...production });
    expect(config.isProduction).toBe(true);
    expect(config.sessionSecret).toBe(production.SESSION_SECRET);
    expect(config.devFallbacks).toEqual([]);
  });

  it('when a secret is missing, then the start is refused naming it', () => {
    for (const key of ['TWILIO_AUTH_TOKEN', 'SESSION_SECRET', 'ESCALATION_SIGNING_SECRET', 'PUBLIC_BASE_URL'] as const) {
      const { [key]: _gone, ...rest } = production;
      expect(problemsOf(rest), key).toMatch(new RegExp(`${key}: ${key} is required in production`));
    }
  });

  it('when a secret is set explicitly to the documented development value, then the start is refused naming it', () => {
    // The values the development fallbacks use, as a fresh machine would log them.
    const dev = parseConfig({ NODE_ENV: 'development' });
    const published = { TWILIO_AUTH_TOKEN: dev.twilio.authToken, SESSION_SECRET: dev.sessionSecret, ESCALATION_SIGNING_SECRET: dev.escalations.signingSecret };
    for (const [key, value] of Object.entries(published)) {
      expect(problemsOf({ ...production, [key]: value }), key).toMatch(new RegExp(`${key}: .*development value`));
    }
    // One development value used for another secret is just as public.
    expect(problemsOf({ ...production, SESSION_SECRET: dev.escalations.signingSecret })).toMatch(/SESSION_SECRET: .*development value/);
  });

  it('when the session or escalation secret is shorter than 32 characters, then the start is refused', () => {
    expect(problemsOf({ ...production, SESSION_SECRET: 'x'.repeat(31) })).toMatch(/SESSION_SECRET/);
    expect(problemsOf({ ...production, ESCALATION_SIGNING_SECRET: 'x'.repeat(31) })).toMatch(/ESCALATION_SIGNING_SECRET/);
    expect(problemsOf({ ...production, SESSION_SECRET: 'x'.repeat(32) })).toBe('');
  });

  it('when not in production, then the development values are still used and named for the warning', () => {
    const config = parseConfig({ NODE_ENV: 'development' });
    expect(config.devFallbacks).toEqual(['TWILIO_AUTH_TOKEN', 'SESSION_SECRET', 'ESCALATION_SIGNING_SECRET']);
    expect(problemsOf({ NODE_ENV: 'test', SESSION_SECRET: config.sessionSecret })).toBe('');
  });
});

describe('session and login limits', () => {
  it('when nothing is set, then sessions idle out after an hour and five failures in 15 minutes lock an account for 15 minutes', () => {
    const config = parseConfig({ NODE_ENV: 'development' });
    expect(config.sessionTtlMs).toBe(12 * 3600_000);
    expect(config.sessionIdleMs).toBe(60 * 60_000);
    expect(config.loginLockout).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  });

  it('when the limits are set, then they are read, and nonsense is refused', () => {
    const config = parseConfig({ SESSION_IDLE_MINUTES: '5', LOGIN_LOCK_AFTER_FAILURES: '3', LOGIN_LOCK_WINDOW_MINUTES: '10', LOGIN_LOCK_MINUTES: '30' });
    expect(config.sessionIdleMs).toBe(5 * 60_000);
    expect(config.loginLockout).toEqual({ maxFailures: 3, windowMs: 10 * 60_000, lockMs: 30 * 60_000 });
    expect(problemsOf({ LOGIN_LOCK_AFTER_FAILURES: '0' })).toMatch(/LOGIN_LOCK_AFTER_FAILURES/);
    expect(problemsOf({ SESSION_IDLE_MINUTES: '-1' })).toMatch(/SESSION_IDLE_MINUTES/);
  });
});

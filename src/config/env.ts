import { userInfo } from 'node:os';
import { z } from 'zod';

/**
 * Every setting of the hotline, parsed once at boot. Outside production the secrets fall back
 * to documented development values so that `npm ci && npm start` works on a fresh machine;
 * in production a missing secret stops the process before it listens.
 */
const DEV_AUTH_TOKEN = 'dev-twilio-auth-token-not-secret';
const DEV_SESSION_SECRET = 'dev-session-secret-not-secret-0123456789';
const DEV_ESCALATION_SECRET = 'dev-escalation-signing-secret-not-secret';
/** Published in this file and the README: anyone could sign webhooks or forge sessions with them. */
const DEV_SECRETS = new Set([DEV_AUTH_TOKEN, DEV_SESSION_SECRET, DEV_ESCALATION_SECRET]);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z.url().optional(),
    DATABASE_URL: z.string().default('postgres://localhost:5432/alho_voz'),
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('alho'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/).default('AC00000000000000000000000000000000'),
    TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
    TWILIO_API_BASE_URL: z.url().optional(),
    TWILIO_CALLER_ID: z.string().default('+15005550006'),
    // The browser softphone's access tokens; optional everywhere, since agents may take calls on their phone.
    TWILIO_API_KEY_SID: z.string().regex(/^SK[0-9a-fA-F]{32}$/).optional(),
    TWILIO_API_KEY_SECRET: z.string().min(1).optional(),
    TWILIO_TWIML_APP_SID: z.string().regex(/^AP[0-9a-fA-F]{32}$/).optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
    // A console left open on a shared desk should not stay signed in through the night.
    SESSION_IDLE_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(60),
    // Per account (the per-IP limit alone lets a botnet guess one agent's password slowly).
    LOGIN_LOCK_AFTER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_WINDOW_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
    LOGIN_LOCK_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
    TZ_HOTLINE: z.string().default('America/Tegucigalpa'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOLD_MUSIC_URL: z.url().optional(),
    TWILIO_QUEUE_NAME: z.string().default('alho-voz'),
    SEED_DEMO_USERS: z.enum(['auto', 'never']).default('auto'),
    AGENT_HEARTBEAT_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(30),
    OFFER_TIMEOUT_S: z.coerce.number().int().min(1).max(300).default(20),
    WRAP_UP_S: z.coerce.number().int().min(0).max(3600).default(60),
    CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    CALLBACK_RETRY_S: z.coerce.number().int().min(1).max(86_400).default(300),
    // Each office's webhook secret is derived from this one (HMAC with the office id): nothing to store.
    ESCALATION_SIGNING_SECRET: z.string().min(32).optional(),
    ESCALATION_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
    ESCALATION_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // On SIGTERM, readiness fails this long before the listener closes, so the load balancer's health
    // checks take the process out of rotation before it stops accepting connections.
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    // How often the worker repairs what a dying process or a Redis outage left half-done.
    REPAIR_EVERY_S: z.coerce.number().int().min(1).max(3600).default(30),
    SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
    MAIL_FROM: z.string().default('ALHO Voz <no-reply@alhovoz.test>'),
  })
  .superRefine((env, ctx) => {
    // Half a softphone setup is a typo, not a choice: say so at boot rather than when an agent logs in.
    const softphone = ['TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET', 'TWILIO_TWIML_APP_SID'] as const;
    const missing = softphone.filter((key) => !env[key]);
    if (missing.length > 0 && missing.length < softphone.length) {
      for (const key of missing) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when any of ${softphone.join(', ')} is set` });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['TWILIO_AUTH_TOKEN', 'SESSION_SECRET', 'PUBLIC_BASE_URL', 'ESCALATION_SIGNING_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in production` });
    }
    for (const key of ['TWILIO_AUTH_TOKEN', 'SESSION_SECRET', 'ESCALATION_SIGNING_SECRET'] as const) {
      const value = env[key];
      if (value && DEV_SECRETS.has(value)) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is a published development value; set a secret of your own in production` });
    }
  });

export type RawEnv = z.infer<typeof schema>;

export interface Config {
  nodeEnv: RawEnv['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  publicBaseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  twilio: {
    accountSid: string;
    authToken: string;
    apiBaseUrl: string | undefined;
    callerId: string;
    /** Softphone credentials: all three set, or all undefined. */
    apiKeySid: string | undefined;
    apiKeySecret: string | undefined;
    twimlAppSid: string | undefined;
    queueName: string;
    holdMusicUrl: string;
  };
  sessionSecret: string;
  /** Absolute lifetime of a console session, from login. */
  sessionTtlMs: number;
  /** A session unused this long no longer opens anything. */
  sessionIdleMs: number;
  /** This many failed logins for one e-mail within the window lock that e-mail for lockMs. */
  loginLockout: { maxFailures: number; windowMs: number; lockMs: number };
  hotlineTimeZone: string;
  /** An agent whose console sends no heartbeat for this long is set offline. */
  heartbeatTimeoutMs: number;
  /** SIGTERM: not ready for this long, then stop accepting, finish what is in flight, close. */
  shutdownDrainMs: number;
  /** The waiting set and escalation deliveries are compared with PostgreSQL this often, and repaired. */
  repairEveryMs: number;
  /** An offer not accepted in this time goes to the next agent. */
  offerTimeoutMs: number;
  /** After a call, the agent stays in wrap-up this long (or until they finish their notes). */
  wrapUpMs: number;
  /** A callback nobody answers is tried this many times, this far apart, then its case is flagged. */
  callbacks: { maxAttempts: number; retryMs: number };
  escalations: {
    signingSecret: string;
    deliveryAttempts: number;
    retryBaseMs: number;
    webhookTimeoutMs: number;
    /** Unset: offices with e-mail as a channel get their deliveries dead-lettered, which supervisors see. */
    smtpUrl: string | undefined;
    mailFrom: string;
  };
  logLevel: RawEnv['LOG_LEVEL'];
  seedDemoUsers: boolean;
  /** Names of secrets that fell back to development values, for a loud warning at boot. */
  devFallbacks: string[];
}

/** Served by the api itself (see platform/twilio/hold-music.ts): its length sets the announcement cadence. */
const HOLD_MUSIC_PATH = '/media/hold-music.wav';

export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const devFallbacks: string[] = [];
  if (!env.TWILIO_AUTH_TOKEN) devFallbacks.push('TWILIO_AUTH_TOKEN');
  if (!env.SESSION_SECRET) devFallbacks.push('SESSION_SECRET');
  if (!env.ESCALATION_SIGNING_SECRET) devFallbacks.push('ESCALATION_SIGNING_SECRET');
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    publicBaseUrl,
    databaseUrl: withDefaultUser(env.DATABASE_URL, source),
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    twilio: {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN ?? DEV_AUTH_TOKEN,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
      callerId: env.TWILIO_CALLER_ID,
      apiKeySid: env.TWILIO_API_KEY_SID,
      apiKeySecret: env.TWILIO_API_KEY_SECRET,
      twimlAppSid: env.TWILIO_TWIML_APP_SID,
      queueName: env.TWILIO_QUEUE_NAME,
      holdMusicUrl: env.HOLD_MUSIC_URL ?? publicBaseUrl + HOLD_MUSIC_PATH,
    },
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    sessionIdleMs: Math.round(env.SESSION_IDLE_MINUTES * 60_000),
    loginLockout: {
      maxFailures: env.LOGIN_LOCK_AFTER_FAILURES,
      windowMs: Math.round(env.LOGIN_LOCK_WINDOW_MINUTES * 60_000),
      lockMs: Math.round(env.LOGIN_LOCK_MINUTES * 60_000),
    },
    hotlineTimeZone: env.TZ_HOTLINE,
    heartbeatTimeoutMs: env.AGENT_HEARTBEAT_TIMEOUT_S * 1000,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
    repairEveryMs: env.REPAIR_EVERY_S * 1000,
    offerTimeoutMs: env.OFFER_TIMEOUT_S * 1000,
    wrapUpMs: env.WRAP_UP_S * 1000,
    callbacks: { maxAttempts: env.CALLBACK_MAX_ATTEMPTS, retryMs: env.CALLBACK_RETRY_S * 1000 },
    escalations: {
      signingSecret: env.ESCALATION_SIGNING_SECRET ?? DEV_ESCALATION_SECRET,
      deliveryAttempts: env.ESCALATION_DELIVERY_ATTEMPTS,
      retryBaseMs: env.ESCALATION_RETRY_BASE_MS,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
    },
    logLevel: env.LOG_LEVEL,
    seedDemoUsers: !env.NODE_ENV.startsWith('prod') && env.SEED_DEMO_USERS === 'auto',
    devFallbacks,
  };
}

/**
 * libpq falls back to the login name when a URL names no user; node-postgres reads $USER, which
 * service managers and CI often leave unset. Fill it in the way libpq would.
 */
function withDefaultUser(databaseUrl: string, source: NodeJS.ProcessEnv): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('Invalid configuration:\n  DATABASE_URL: not a URL');
  }
  if (url.username) return databaseUrl;
  url.username = source.PGUSER || source.USER || userInfo().username;
  return url.toString();
}

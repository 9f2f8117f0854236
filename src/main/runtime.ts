import { Redis } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import type { Config } from '../config/env.js';
import { createDb, type Db } from '../platform/db/database.js';
import { Queues } from '../platform/queue/queues.js';
import { createRealtimeServer } from '../platform/realtime/server.js';
import { createEventPublisher, type TypedServer } from '../platform/realtime/events.js';
import { createTwilioRest, type TwilioRest } from '../platform/twilio/rest.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createAuthRepository, createAuthService, createLoginLockout, type AuthService } from '../modules/auth/index.js';
import { createCaseSearchRepository, createCasesRepository, createCaseService, createPeopleRepository, createRetentionService, type CaseService, type RetentionService } from '../modules/cases/index.js';
import {
  CONNECT_PATHS, createCallerGuard, type CallerGuard, createWaitingReconciler, type WaitingReconciler, createCallbackDialService, createCallEndService, createCallsRepository, createConnectService, createIvrCallService, createQueueWaitService, createVoicemailService, type VoiceServices,
} from '../modules/calls/index.js';
import {
  createDeliveryChannels, createDeliveryService, createOfficeSlots, createEscalationService, createEscalationsRepository, createOfficeAdmin, createOfficeDirectory,
  type DeliveryService, type EscalationService, type OfficeAdmin, type OfficeDirectory,
} from '../modules/escalations/index.js';
import { createCaseTexts, createSmsService, type SmsService } from '../modules/messaging/index.js';
import {
  createCallControlService, createPresenceService, createPresenceStore, createRoutingService, createWaitingSet,
  type CallControlService, type PresenceService, type RoutingService, type WaitingSet,
} from '../modules/routing/index.js';
import {
  createAgentTime, createCaseStatistics, createReportService, createReportsRepository, createWallboardService, type ReportService, type WallboardService,
} from '../modules/reports/index.js';
import { createSettingsRepository, createSettingsService, type SettingsService } from '../modules/settings/index.js';

/** Everything a process needs, built once from the config. The only place concrete adapters are made. */
export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Db;
  redis: Redis;
  queueConnection: ConnectionOptions;
  queues: Queues;
  io: TypedServer;
  auth: AuthService;
  cases: CaseService;
  retention: RetentionService;
  reports: ReportService;
  guard: CallerGuard;
  wallboard: WallboardService;
  voice: VoiceServices;
  waiting: WaitingSet;
  settings: SettingsService;
  offices: OfficeDirectory;
  officeAdmin: OfficeAdmin;
  escalations: EscalationService;
  deliveries: DeliveryService;
  sms: SmsService;
  twilioRest: TwilioRest;
  presence: PresenceService;
  routing: RoutingService;
  callControl: CallControlService;
  reconciler: WaitingReconciler;
  /** From now on /readyz says no: the process is about to stop (SIGTERM). */
  startDraining(): void;
  /** Called each time Redis answers again after the connection was lost. */
  onRedisReturn(listener: () => void): void;
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  close(): Promise<void>;
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function buildRuntime(config: Config, options: { logger?: Logger; clock?: Clock; name?: string } = {}): Runtime {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: options.name ?? 'alho-voz' });
  const clock = options.clock ?? systemClock;
  const { db } = createDb(config.databaseUrl);

  // A webhook must answer within Twilio's 15 s whatever Redis does: commands give up after a couple
  // of reconnection attempts, or after 2 s on a Redis that accepts and never answers.
  const redisOptions = { maxRetriesPerRequest: 2, commandTimeout: 2000 } as const;
  const redis = new Redis(config.redisUrl, redisOptions);
  // BullMQ's workers need connections that retry forever for their blocking commands...
  const queueRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  // ...while adding a job from a webhook must fail at once when Redis is down (BullMQ's "failing fast"),
  // so the caller hears an answer and the reconciler repairs the waiting set when Redis is back.
  const producerRedis = new Redis(config.redisUrl, { ...redisOptions, enableOfflineQueue: false });
  const pub = new Redis(config.redisUrl, redisOptions);
  const sub = pub.duplicate();
  for (const [name, conn] of Object.entries({ redis, queueRedis, producerRedis, pub, sub })) {
    conn.on('error', (err) => logger.warn({ conn: name, err: err.message }, 'redis connection error'));
  }
  const queueConnection = queueRedis as unknown as ConnectionOptions;
  const queues = new Queues({ connection: producerRedis as unknown as ConnectionOptions, prefix: config.redisPrefix });
  const io = createRealtimeServer({ pub, sub, prefix: config.redisPrefix });
  const events = createEventPublisher(io);
  const rest = createTwilioRest({
    accountSid: config.twilio.accountSid,
    authToken: config.twilio.authToken,
    apiBaseUrl: config.twilio.apiBaseUrl,
    from: config.twilio.callerId,
  });

  const auth = createAuthService({
    repo: createAuthRepository(db), clock, sessionSecret: config.sessionSecret, sessionTtlMs: config.sessionTtlMs, sessionIdleMs: config.sessionIdleMs,
    lockout: createLoginLockout({ redis, prefix: config.redisPrefix, policy: config.loginLockout, logger }),
  });
  const casesRepo = createCasesRepository(db);
  const waiting = createWaitingSet({ queues, redis, prefix: config.redisPrefix });
  const settings = createSettingsService({ repo: createSettingsRepository(db), clock, logger, timeZone: config.hotlineTimeZone });
  const offices = createOfficeDirectory({ db });
  const texts = createCaseTexts({ queues, settings });
  const cases = createCaseService({
    cases: casesRepo,
    people: createPeopleRepository(db),
    search: createCaseSearchRepository(db),
    events,
    texts,
    clock,
    logger,
    timeZone: config.hotlineTimeZone,
    officeExists: async (id) => !!(await offices.card(id)),
  });
  const escalationsRepo = createEscalationsRepository(db);
  const escalations: EscalationService = createEscalationService({
    repo: escalationsRepo,
    cases: casesRepo,
    caseForPacket: (id) => cases.forEscalation(id),
    offices,
    settings,
    queues,
    events,
    texts,
    clock,
    logger,
    hotlineTimeZone: config.hotlineTimeZone,
    delivery: { attempts: config.escalations.deliveryAttempts, retryBaseMs: config.escalations.retryBaseMs },
    sweepGraceMs: config.repairEveryMs,
  });
  const deliveries = createDeliveryService({
    repo: escalationsRepo,
    cases: casesRepo,
    channels: createDeliveryChannels({
      timeoutMs: config.escalations.webhookTimeoutMs,
      smtpUrl: config.escalations.smtpUrl,
      mailFrom: config.escalations.mailFrom,
      sendSms: (m) => rest.sendSms(m),
      now: () => clock.now(),
    }),
    escalations: () => escalations,
    events,
    clock,
    logger,
    signingSecret: config.escalations.signingSecret,
    slots: createOfficeSlots({ redis, prefix: config.redisPrefix, perOffice: 4, staleMs: 2 * config.escalations.webhookTimeoutMs + 30_000 }),
  });
  const officeAdmin = createOfficeAdmin({ db, directory: offices, signingSecret: config.escalations.signingSecret });
  const reportsRepo = createReportsRepository(db, config.hotlineTimeZone);
  const reports = createReportService({ repo: reportsRepo, stats: createCaseStatistics(db, config.hotlineTimeZone), settings });
  const retention = createRetentionService({ db, settings, clock, logger, timeZone: config.hotlineTimeZone, deleteRecording: (sid) => rest.deleteRecording(sid) });
  const sms = createSmsService({ rest, cases: casesRepo, db, logger });
  const presenceStore = createPresenceStore(redis, config.redisPrefix);
  const agentTime = createAgentTime({ redis, prefix: config.redisPrefix, timeZone: config.hotlineTimeZone });
  const presence = createPresenceService({
    stateTime: agentTime,
    store: presenceStore,
    agents: { skills: (id) => auth.agentSkills(id) },
    events,
    clock,
    logger,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
  });
  const callsRepo = createCallsRepository(db, casesRepo);
  const routing = createRoutingService({
    redis,
    prefix: config.redisPrefix,
    queues,
    waiting,
    presence,
    presenceStore,
    events,
    clock,
    logger,
    offerTimeoutMs: config.offerTimeoutMs,
    wrapUpMs: config.wrapUpMs,
    connect: (callSid, agentId, entry) =>
      entry.kind === 'callback'
        ? voice.callbacks.dial(entry, agentId)
        : rest.redirectCall(callSid, `${config.publicBaseUrl}${CONNECT_PATHS.bridge}?${new URLSearchParams({ agent: agentId, l: entry.language })}`),
    markAnswered: (callSid, agentId) => callsRepo.markConnected(callSid, agentId),
    markRequeued: (callSid) => callsRepo.markRequeued(callSid),
  });
  const wallboard = createWallboardService({
    repo: reportsRepo, agentTime, agents: () => presence.list(), redis, prefix: config.redisPrefix, settings, events, clock, timeZone: config.hotlineTimeZone,
  });
  presence.whenAvailable(async (agentId) => void (await routing.offerTo(agentId)));
  presence.whenOfferDropped((offerId) => routing.withdraw(offerId));
  const guard = createCallerGuard({ redis, prefix: config.redisPrefix, db, clock, maxPerHour: async () => (await settings.snapshot()).abuse.maxCallsPerHour });
  const callDeps = {
    calls: callsRepo,
    cases: casesRepo,
    waiting,
    queues,
    events,
    settings,
    offices,
    clock,
    logger,
    config: { queueName: config.twilio.queueName, holdMusicUrl: config.twilio.holdMusicUrl, timeZone: config.hotlineTimeZone, callerId: config.twilio.callerId },
    texts,
    guard,
    onQueued: () => routing.requestDispatch(),
    onCallerLeft: (callSid: string) => routing.callerLeft(callSid),
  };
  const ended = createCallEndService(callDeps);
  const voice: VoiceServices = {
    callbacks: createCallbackDialService(
      {
        ...callDeps, rest, publicBaseUrl: config.publicBaseUrl, maxAttempts: config.callbacks.maxAttempts, retryMs: config.callbacks.retryMs,
        agentPhone: (id) => auth.agentPhone(id),
      },
      () => routing,
    ),
    connect: createConnectService({ ...callDeps, agentPhone: (id) => auth.agentPhone(id) }, () => routing),
    ivr: createIvrCallService(callDeps),
    wait: createQueueWaitService(callDeps, ended),
    ended,
    voicemail: createVoicemailService(callDeps),
  };
  const reconciler = createWaitingReconciler({ ...callDeps, isConnecting: (callSid) => routing.isConnecting(callSid) });
  const returnListeners: Array<() => void> = [];
  let redisLost = false;
  redis.on('close', () => {
    redisLost = true;
  });
  redis.on('ready', () => {
    if (!redisLost) return;
    redisLost = false;
    logger.info('redis is back');
    for (const listener of returnListeners) listener();
  });
  const callControl = createCallControlService({
    findCall: async (callSid) => {
      const c = await callsRepo.findCall(callSid);
      return c && { callSid, agentId: c.agent_id, caseId: c.case_id, language: c.language, status: c.status };
    },
    setAgent: (callSid, agentId) => callsRepo.setAgent(callSid, agentId),
    redirect: (callSid, to, agentId, language) => {
      const paths = { hold: CONNECT_PATHS.hold, agent: CONNECT_PATHS.bridge, goodbye: CONNECT_PATHS.goodbye } as const;
      return rest.redirectCall(callSid, `${config.publicBaseUrl}${paths[to]}?${new URLSearchParams({ agent: agentId, l: language })}`);
    },
    presence,
    presenceStore,
    events,
    logger,
    startWrapUp: (callSid, agentId) => routing.callEnded(callSid, agentId),
  });

  let closing: Promise<void> | undefined;
  let draining = false;
  return {
    config, logger, clock, db, redis, queueConnection, queues, io, auth, cases, retention, reports, guard, wallboard, voice, waiting, settings, offices, officeAdmin, escalations, deliveries, sms, twilioRest: rest, presence, routing, callControl, reconciler,
    onRedisReturn: (listener) => void returnListeners.push(listener),
    startDraining: () => {
      draining = true;
    },
    async ready() {
      if (draining) return { ok: false, checks: { draining: true } as Record<string, boolean> };
      const [pg, rd] = await Promise.all([
        withTimeout(db.selectNoFrom((eb) => eb.val(1).as('one')).execute(), 2000).then(() => true, () => false),
        withTimeout(redis.ping(), 2000).then((r) => r === 'PONG', () => false),
      ]);
      return { ok: pg && rd, checks: { postgres: pg, redis: rd } };
    },
    close() {
      closing ??= (async () => {
        // Held events still reach consoles of other processes through Redis, or this one's before it closes.
        events.flush();
        // A worker's Socket.IO server only publishes and was never attached: it has no engine to close.
        if ((io as unknown as { engine?: unknown }).engine) await new Promise<void>((resolve) => io.close(() => resolve()));
        await queues.close();
        await Promise.all([redis, queueRedis, producerRedis, pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
        await db.destroy();
      })();
      return closing;
    },
  };
}

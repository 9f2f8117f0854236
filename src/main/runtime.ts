import { Redis } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import type { Config } from '../config/env.js';
import { createDb, type Db } from '../platform/db/database.js';
import { Queues } from '../platform/queue/queues.js';
import { createRealtimeServer } from '../platform/realtime/server.js';
import { createEventPublisher, type TypedServer } from '../platform/realtime/events.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createAuthRepository, createAuthService, type AuthService } from '../modules/auth/index.js';
import { createCasesRepository, createCaseService, type CaseService } from '../modules/cases/index.js';
import { createCallsRepository, createCallFlowService, type CallFlowService } from '../modules/calls/index.js';
import { createWaitingSet, type WaitingSet } from '../modules/routing/index.js';
import { hotlineFlow } from '../modules/ivr/index.js';

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
  callFlow: CallFlowService;
  waiting: WaitingSet;
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  close(): Promise<void>;
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function buildRuntime(config: Config, options: { logger?: Logger; clock?: Clock; name?: string } = {}): Runtime {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: options.name ?? 'alho-voz' });
  const clock = options.clock ?? systemClock;
  const { db } = createDb(config.databaseUrl);

  const redisOptions = { maxRetriesPerRequest: 2, lazyConnect: false } as const;
  const redis = new Redis(config.redisUrl, redisOptions);
  // BullMQ needs connections that retry forever for its blocking commands.
  const queueRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const pub = new Redis(config.redisUrl, redisOptions);
  const sub = pub.duplicate();
  for (const [name, conn] of Object.entries({ redis, queueRedis, pub, sub })) {
    conn.on('error', (err) => logger.warn({ conn: name, err: err.message }, 'redis connection error'));
  }
  const queueConnection = queueRedis as unknown as ConnectionOptions;
  const queues = new Queues({ connection: queueConnection, prefix: config.redisPrefix });
  const io = createRealtimeServer({ pub, sub, prefix: config.redisPrefix });
  const events = createEventPublisher(io);

  const auth = createAuthService({ repo: createAuthRepository(db), clock, sessionSecret: config.sessionSecret, sessionTtlMs: config.sessionTtlMs });
  const casesRepo = createCasesRepository(db);
  const cases = createCaseService({ cases: casesRepo });
  const waiting = createWaitingSet({ queues, redis });
  const callFlow = createCallFlowService({
    calls: createCallsRepository(db, casesRepo),
    waiting,
    queues,
    events,
    flow: () => hotlineFlow,
    clock,
    logger,
    settings: { queueName: config.twilio.queueName, holdMusicUrl: config.twilio.holdMusicUrl, timeZone: config.hotlineTimeZone },
  });

  let closing: Promise<void> | undefined;
  return {
    config, logger, clock, db, redis, queueConnection, queues, io, auth, cases, callFlow, waiting,
    async ready() {
      const [pg, rd] = await Promise.all([
        withTimeout(db.selectNoFrom((eb) => eb.val(1).as('one')).execute(), 2000).then(() => true, () => false),
        withTimeout(redis.ping(), 2000).then((r) => r === 'PONG', () => false),
      ]);
      return { ok: pg && rd, checks: { postgres: pg, redis: rd } };
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await queues.close();
        await Promise.all([redis, queueRedis, pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
        await db.destroy();
      })();
      return closing;
    },
  };
}

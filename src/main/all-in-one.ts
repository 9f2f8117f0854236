import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { Config } from '../config/env.js';
import type { Logger } from '../shared/logger.js';
import type { Clock } from '../shared/clock.js';
import { parseConfig } from '../config/env.js';
import { seedDemoUsers } from '../modules/auth/index.js';
import { startApi } from './api.js';
import { prepareDatabase } from './prepare.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { installShutdown } from './shutdown.js';
import { startWorker } from './worker.js';

export interface Hotline {
  rt: Runtime;
  server: Server;
  close: () => Promise<void>;
}

/** api and worker in one process, for one machine: what `npm start` runs and what the tests drive. */
export async function startHotline(
  config: Config,
  options: { consoleMiddleware?: RequestHandler; server?: Server; loginLimitPerMinute?: number; logger?: Logger; clock?: Clock } = {},
): Promise<Hotline> {
  const prepared = await prepareDatabase(config);
  const rt = buildRuntime(config, { ...(options.logger ? { logger: options.logger } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  if (prepared.created) rt.logger.info('database created');
  if (prepared.applied.length) rt.logger.info({ migrations: prepared.applied }, 'migrations applied');
  const seededOffices = await rt.offices.seed();
  if (seededOffices) rt.logger.info({ offices: seededOffices }, 'office directory seeded');
  if (config.seedDemoUsers) await seedDemoUsers(rt.auth, rt.logger);
  for (const name of config.devFallbacks) rt.logger.warn(`${name} is not set: using the development value (never in production)`);
  const api = await startApi(rt, options);
  const worker = startWorker(rt);
  let closed: Promise<void> | undefined;
  return {
    rt,
    server: api.server,
    close: () =>
      (closed ??= (async () => {
        await api.close();
        await worker.close();
        await rt.close();
      })()),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const config = parseConfig();
  const hotline = await startHotline(config);
  const address = hotline.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  hotline.rt.logger.info(`ALHO Voz listening: console http://localhost:${port}, Twilio voice URL ${config.publicBaseUrl}/twilio/voice`);
  installShutdown(hotline.rt, [hotline.close]);
}

import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { parseConfig } from '../config/env.js';
import { createApp } from '../http/app.js';
import { createHttpMetrics } from '../http/metrics.js';
import { authRouter, sessionMiddleware, socketAuth } from '../modules/auth/index.js';
import { casesRouter } from '../modules/cases/index.js';
import { blockedNumbersRouter, voiceWebhooks } from '../modules/calls/index.js';
import {
  agentsRouter, createVoiceTokenIssuer, queueRouter, registerCallControlHandlers, registerOfferHandlers, registerPresenceHandlers, voiceTokenRouter,
} from '../modules/routing/index.js';
import { settingsRouter } from '../modules/settings/index.js';
import { escalationsRouter, officesRouter } from '../modules/escalations/index.js';
import { reportsRouter } from '../modules/reports/index.js';
import { dayIn } from '../shared/clock.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { prepareDatabase } from './prepare.js';
import { installShutdown } from './shutdown.js';

export const CONSOLE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../agent-console/dist');

export interface ApiOptions {
  consoleMiddleware?: RequestHandler;
  /** Created before the app when a dev server must share it (Vite's hot reload). */
  server?: Server;
  loginLimitPerMinute?: number;
}

/** The api process: webhooks, console API and sockets on one HTTP server. */
export async function startApi(rt: Runtime, options: ApiOptions = {}): Promise<{ server: Server; close: () => Promise<void> }> {
  // Blocks live in PostgreSQL; Redis holds them for the greeting's check and may have lost them.
  await rt.guard.restore().catch((err: Error) => rt.logger.warn({ err: err.message }, 'blocked numbers not restored'));
  const metrics = createHttpMetrics();
  const app = createApp({
    logger: rt.logger,
    metrics,
    twilio: { authToken: rt.config.twilio.authToken, publicBaseUrl: rt.config.publicBaseUrl, webhooks: voiceWebhooks(rt.voice) },
    api: {
      session: sessionMiddleware(rt.auth),
      routers: [
        authRouter(rt.auth, { secureCookies: rt.config.publicBaseUrl.startsWith('https:'), loginLimitPerMinute: options.loginLimitPerMinute ?? 20 }),
        casesRouter(rt.cases, (url) => rt.twilioRest.fetchRecordingAudio(url), () => dayIn(rt.clock.now(), rt.config.hotlineTimeZone)),
        queueRouter(rt.waiting),
        officesRouter(rt.offices),
        blockedNumbersRouter(rt.guard),
        reportsRouter(rt.reports, rt.wallboard, rt.config.hotlineTimeZone),
        escalationsRouter(rt.escalations, rt.deliveries, rt.officeAdmin),
        settingsRouter(rt.settings),
        agentsRouter(rt.presence),
        voiceTokenRouter(createVoiceTokenIssuer({
          accountSid: rt.config.twilio.accountSid,
          apiKeySid: rt.config.twilio.apiKeySid,
          apiKeySecret: rt.config.twilio.apiKeySecret,
          twimlAppSid: rt.config.twilio.twimlAppSid,
        })),
      ],
    },
    health: { ready: () => rt.ready() },
    console: options.consoleMiddleware ? { middleware: options.consoleMiddleware } : { distDir: CONSOLE_DIST },
    devMode: Boolean(options.consoleMiddleware),
  });
  const server = options.server ?? createServer();
  server.on('request', app);
  rt.io.attach(server);
  rt.io.use(socketAuth(rt.auth));
  rt.io.on('connection', (socket) => {
    socket.on('session.ping', (ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: { userId: socket.data.user.id } });
    });
    registerPresenceHandlers(socket, rt.presence);
    registerOfferHandlers(socket, rt.routing, rt.presence);
    registerCallControlHandlers(socket, rt.callControl);
  });
  // Longer than a load balancer's idle timeout, so it closes idle connections first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(rt.config.port, rt.config.host, () => resolve());
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Open websockets would keep the server from closing; their consoles reconnect elsewhere.
        rt.io.disconnectSockets(true);
      }),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const config = parseConfig();
  await prepareDatabase(config);
  const rt = buildRuntime(config, { name: 'api' });
  await rt.offices.seed();
  const api = await startApi(rt);
  rt.logger.info({ port: config.port }, 'api listening');
  installShutdown(rt, [api.close]);
}

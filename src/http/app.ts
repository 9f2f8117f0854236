import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorSerializer, type Logger } from '../shared/logger.js';
import { AppError } from '../shared/errors.js';
import { twilioSignatureCheck } from '../platform/twilio/signature.middleware.js';
import { HOLD_MUSIC_PATH, holdMusicWav } from '../platform/twilio/hold-music.js';
import { csrfGuard } from '../modules/auth/index.js';
import { apiErrorHandler, twilioErrorHandler } from './error-handlers.js';
import type { HttpMetrics } from './metrics.js';

export interface AppParts {
  logger: Logger;
  metrics: HttpMetrics;
  twilio: { authToken: string; publicBaseUrl: string; webhooks: Router };
  api: { session: RequestHandler; routers: Router[] };
  health: { ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }> };
  /** Built console to serve, or a dev middleware (Vite) that serves it with hot reload. */
  console: { distDir: string } | { middleware: RequestHandler };
  /** Relaxed only in development, where Vite's client needs a websocket to itself. */
  devMode?: boolean;
}

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id: the caller's x-request-id when well formed, else a fresh UUID; echoed in the response. */
    id: string;
  }
}

const REQUEST_ID = /^[\w-]{1,64}$/;
const isTwilioPath = (url: string) => url.startsWith('/twilio/') || url === '/twilio';

/** Skips a middleware for Twilio's webhooks (signature-checked, TwiML only). */
function exceptTwilio(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => (isTwilioPath(req.url) ? next() : middleware(req, res, next));
}

/**
 * One line per request when it ends: id, method, path (never the query string: it may hold phone numbers),
 * status and time, as pino-http logged them, without a child logger and serializers per request.
 */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const url = req.url;
    if (url === '/healthz' || url === '/metrics') {
      next();
      return;
    }
    const started = Date.now();
    // 'close' follows 'finish' on every response, and also ends one whose client went away.
    res.once('close', () => {
      if (!logger.isLevelEnabled('info')) return;
      const q = url.indexOf('?');
      const line = {
        req: { id, method: req.method, path: q === -1 ? url : url.slice(0, q) },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (res.statusCode >= 500) logger.info({ ...line, err: errorSerializer(new Error(`failed with status code ${res.statusCode}`)) }, 'request errored');
      else if (!res.writableFinished) logger.info(line, 'request aborted');
      else logger.info(line, 'request completed');
    });
    next();
  };
}

/** Middleware order is the security model: read this top to bottom. */
export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(requestLog(parts.logger));
  app.use(parts.metrics.middleware);
  // TwiML answers are read by Twilio, not rendered by a browser: security headers are for the console and API.
  app.use(
    exceptTwilio(helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // The softphone (Twilio Voice SDK) signals over Twilio's websockets and reports call quality to its event gateway.
          connectSrc: [...(parts.devMode ? ["'self'", 'ws:', 'wss:'] : ["'self'"]), 'wss://*.twilio.com', 'https://eventgw.twilio.com'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    })),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const result = await parts.health.ready();
    res.status(result.ok ? 200 : 503).json(result);
  });
  app.get('/metrics', parts.metrics.handler);
  // Fetched by Twilio's media servers, which send no signature: public by nature, and harmless.
  const holdMusic = holdMusicWav();
  app.get(HOLD_MUSIC_PATH, (_req, res) => {
    res.type('audio/wav').set('cache-control', 'public, max-age=86400').send(holdMusic);
  });

  // Twilio: form bodies only, small, few parameters, then the signature over PUBLIC_BASE_URL.
  const twilio = express.Router();
  twilio.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  twilio.use(twilioSignatureCheck({ authToken: parts.twilio.authToken, publicBaseUrl: parts.twilio.publicBaseUrl, onRejected: parts.metrics.signatureRejected }));
  twilio.use(parts.twilio.webhooks);
  twilio.use(twilioErrorHandler(parts.logger));
  app.use('/twilio', twilio);

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(csrfGuard);
  api.use(parts.api.session);
  for (const router of parts.api.routers) api.use(router);
  api.use(() => {
    throw new AppError('not_found', 'No such API route');
  });
  api.use(apiErrorHandler(parts.logger));
  app.use('/api', api);

  if ('middleware' in parts.console) {
    app.use(parts.console.middleware);
  } else {
    const dist = parts.console.distDir;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|twilio\/|socket\.io\/).*/, (_req, res) => {
      const indexFile = path.join(dist, 'index.html');
      if (!existsSync(indexFile)) {
        res.status(503).type('text/plain').send('The console is not built: run `npm run build:console`.');
        return;
      }
      res.sendFile(indexFile, { headers: { 'cache-control': 'no-cache' } });
    });
  }
  return app;
}

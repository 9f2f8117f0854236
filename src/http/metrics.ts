import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  middleware: RequestHandler;
  handler: RequestHandler;
  signatureRejected: () => void;
}

/** One registry per app, so that several apps in one process (tests) do not collide. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route group and status',
    labelNames: ['group', 'method', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'twilio_signature_rejected_total',
    help: 'Twilio webhook requests refused for a bad or missing signature',
    registers: [registry],
  });
  // Group by the first path segments only: full paths would carry ids and explode the label set.
  const groupOf = (url: string) => {
    const p = url.split('?')[0] ?? '';
    if (p.startsWith('/twilio/')) return p.replace(/^(\/twilio\/voice(?:\/[a-z-]+)?).*/, '$1');
    if (p.startsWith('/api/')) return p.split('/').slice(0, 3).join('/');
    return 'other';
  };
  return {
    registry,
    middleware: (req, res, next) => {
      const end = duration.startTimer();
      res.on('finish', () => end({ group: groupOf(req.originalUrl), method: req.method, status: String(res.statusCode) }));
      next();
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
    signatureRejected: () => rejected.inc(),
  };
}

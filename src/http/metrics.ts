import type { RequestHandler } from 'express';
import { performance } from 'node:perf_hooks';
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
    const q = url.indexOf('?');
    const p = q === -1 ? url : url.slice(0, q);
    if (p.startsWith('/twilio/')) return p.replace(/^(\/twilio\/voice(?:\/[a-z-]+)?).*/, '$1');
    if (p.startsWith('/api/')) return p.split('/').slice(0, 3).join('/');
    return 'other';
  };
  // One labelled child per (group, method, status), kept: observing through it skips hashing the labels each time.
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  const MAX_CHILDREN = 2000;
  const observe = (group: string, method: string, status: number, seconds: number) => {
    const key = `${group} ${method} ${status}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({ group, method, status: String(status) });
      if (children.size < MAX_CHILDREN) children.set(key, child);
    }
    child.observe(seconds);
  };
  return {
    registry,
    middleware: (req, res, next) => {
      const started = performance.now();
      const url = req.originalUrl;
      res.once('finish', () => observe(groupOf(url), req.method, res.statusCode, (performance.now() - started) / 1000));
      next();
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
    signatureRejected: () => rejected.inc(),
  };
}

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SignedRequest } from './twilio-requests.js';

export interface PacedResult {
  rate: number;
  durationS: number;
  sent: number;
  completed: number;
  statusCounts: Record<string, number>;
  errors: number;
  /** ms from the moment the request was due (not when it was sent) to the end of the response. */
  latenciesMs: number[];
  /** Worst delay between when a request was due and when it was written: the generator's own lag. */
  maxSendLagMs: number;
  achievedRate: number;
}

/**
 * Open-loop load at an even rate: one request every 1000/rate ms whatever the server does, with
 * latency measured from when each request was due, so a stalled server cannot hide its stall
 * (no coordinated omission). autocannon's `overallRate` instead lets every connection fire its
 * per-second quota back to back at the start of each second, so its latencies are those of a
 * burst at full concurrency; this is the cross-check with arrivals spread as calls arrive.
 */
export async function pacedLoad(options: { baseUrl: string; rate: number; durationS: number; next: () => SignedRequest; timeoutMs?: number }): Promise<PacedResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.rate * options.durationS);
  const interval = 1000 / options.rate;
  const latenciesMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  let completed = 0;
  let maxSendLagMs = 0;
  const start = performance.now() + 20;

  await new Promise<void>((resolveAll) => {
    const finishOne = () => {
      completed++;
      if (completed === total) resolveAll();
    };
    const fire = (due: number) => {
      const r = options.next();
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: r.path,
          agent,
          headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
          timeout: options.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latenciesMs.push(performance.now() - due);
            const code = String(res.statusCode);
            statusCounts[code] = (statusCounts[code] ?? 0) + 1;
            finishOne();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        finishOne();
      });
      req.end(r.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) fire(start + sent++ * interval);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    rate: options.rate,
    durationS: options.durationS,
    sent,
    completed,
    statusCounts,
    errors,
    latenciesMs,
    maxSendLagMs,
    achievedRate: completed / elapsedS,
  };
}

import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildServer } from './protocol.js';

/** The same body parser as the hotline's /twilio router, so baselines differ only by what follows it. */
export const twilioForm = () => express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });

/** Baselines sign for the same public URL and token the test hotline uses. */
export const BASELINE_PUBLIC_BASE_URL = 'https://voz.alho.test';
export const BASELINE_AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';

/**
 * Serves a baseline (an Express app, or Node's own handler) on a free local port as the hotline's
 * api is served, so that baselines differ from it only by what answers the request.
 */
export async function listenBaseline(handler: http.RequestListener): Promise<ChildServer> {
  const server = http.createServer(handler);
  // As the hotline's api: keep-alive longer than a load balancer's idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    ready: { baseUrl: `http://127.0.0.1:${port}`, publicBaseUrl: BASELINE_PUBLIC_BASE_URL, authToken: BASELINE_AUTH_TOKEN },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

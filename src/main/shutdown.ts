import type { Runtime } from './runtime.js';

/**
 * Ordered shutdown on SIGTERM or SIGINT: readiness fails first and the process keeps serving while
 * the load balancer notices (SHUTDOWN_DRAIN_MS); then it stops accepting and finishes what is in
 * flight (the given closers, http first, then workers draining), then queues, Redis and the
 * database. A second signal exits at once.
 */
export function installShutdown(rt: Runtime, closers: Array<() => Promise<void>>, timeoutMs = rt.config.shutdownDrainMs + 20_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    rt.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      rt.logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      rt.startDraining();
      await new Promise((resolve) => setTimeout(resolve, rt.config.shutdownDrainMs));
      for (const close of closers) await close();
      await rt.close();
      rt.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      rt.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

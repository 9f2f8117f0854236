import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestHotline } from './harness.js';
import { freePort } from './disposable-redis.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ApiProcess {
  baseUrl: string;
  port: number;
  pid: number;
  /** SIGTERM, as an orchestrator stops a process in a rolling restart; resolves with the exit code. */
  terminate(): Promise<number | null>;
  /** SIGKILL: the process dies mid-work, as after a crash or an out-of-memory kill. */
  kill(): Promise<void>;
  /** What the process logged (JSON lines), for checks and for a failing test's report. */
  output: string[];
}

/**
 * An api process of its own (`src/main/api.ts`, as production runs it) sharing the test hotline's
 * database, Redis prefix and secrets; the test hotline's own workers do the background jobs.
 */
export async function startApiProcess(t: TestHotline, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/api.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      SESSION_SECRET: t.config.sessionSecret,
      TWILIO_AUTH_TOKEN: t.config.twilio.authToken,
      PUBLIC_BASE_URL: t.config.publicBaseUrl,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(...String(chunk).split('\n').filter(Boolean)));
  child.stderr.on('data', (chunk: Buffer) => output.push(...String(chunk).split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`api process exited with ${child.exitCode}:\n${output.join('\n')}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (tries > 600) {
      child.kill('SIGKILL');
      throw new Error(`api process did not listen within a minute:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    port,
    pid: child.pid ?? -1,
    output,
    async terminate() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

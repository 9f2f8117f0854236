import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** Twilio's own OpenAPI description of its 2010 API, shipped in a pinned devDependency. */
export const TWILIO_SPEC = 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Prism serving Twilio's API description: outbound REST calls are checked against Twilio's own
 * contract (a request that does not match gets 4xx), and answered with Twilio's examples.
 */
export async function startPrism(root: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', path.join(root, TWILIO_SPEC), '-h', '127.0.0.1', '-p', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited: ${output.slice(-500)}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Prism did not start: ${output.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

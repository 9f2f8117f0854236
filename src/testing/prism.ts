import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

type Spec = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> }; encoding?: Record<string, unknown> }> } }>>;
};

/**
 * Twilio takes several values of one parameter (StatusCallbackEvent) as repeated keys, which is
 * OpenAPI's default for a form body (style form, explode true). Prism 5 applies that default only
 * when the description spells out `encoding`, which Twilio's does not, and would answer 422
 * (stoplightio/prism#2473). So the default is written out; nothing else is changed.
 */
export function withFormDefaults(spec: Spec): Spec {
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const form = operation?.requestBody?.content?.['application/x-www-form-urlencoded'];
      for (const [name, schema] of Object.entries(form?.schema?.properties ?? {})) {
        if (form && schema.type === 'array') (form.encoding ??= {})[name] ??= { style: 'form', explode: true };
      }
    }
  }
  return spec;
}

/**
 * Prism serving Twilio's API description: outbound REST calls are checked against Twilio's own
 * contract (a request that does not match gets 4xx), and answered with Twilio's examples.
 */
export async function startPrism(root: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'alho-prism-'));
  const specFile = path.join(dir, 'twilio_api_v2010.json');
  await writeFile(specFile, JSON.stringify(withFormDefaults(JSON.parse(await readFile(path.join(root, TWILIO_SPEC), 'utf8')) as Spec)));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', specFile, '-h', '127.0.0.1', '-p', String(port)],
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
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      void rm(dir, { recursive: true, force: true });
    },
  };
}

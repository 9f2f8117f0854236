import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * Twilio's REST API for the load run: every request goes on to Prism (src/testing/prism.ts), which
 * checks it against Twilio's own OpenAPI description and answers with Twilio's examples. A call
 * update with a Url (an agent accepting, an agent hanging up) is also handed to the Twilio side,
 * which plays it on the simulated call; an update for a call that has ended gets Twilio's own
 * refusal (400, error 21220) without reaching Prism, since Prism cannot know calls.
 */
export interface RestSample {
  kind: 'call-update' | 'message' | 'call-create' | 'other';
  status: number;
  ms: number;
}

const CALL_UPDATE = /^\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/Calls\/(CA[0-9a-fA-F]{32})\.json$/;

export async function startTwilioRest(options: {
  prismUrl: string;
  canRedirect: (callSid: string) => boolean;
  redirected: (callSid: string, url: string) => void;
}): Promise<{ url: string; samples: RestSample[]; stop: () => Promise<void> }> {
  const prism = new URL(options.prismUrl);
  const samples: RestSample[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const t0 = performance.now();
      const body = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const update = req.method === 'POST' ? CALL_UPDATE.exec(path) : null;
      const redirectUrl = update ? new URLSearchParams(body.toString()).get('Url') : null;
      const kind: RestSample['kind'] = update ? 'call-update' : /\/Messages\.json$/.test(path) ? 'message' : /\/Calls\.json$/.test(path) ? 'call-create' : 'other';
      const callSid = update?.[1];
      if (callSid && redirectUrl && !options.canRedirect(callSid)) {
        const refusal = { code: 21220, message: 'Call is not in-progress. Cannot redirect.', more_info: 'https://www.twilio.com/docs/errors/21220', status: 400 };
        samples.push({ kind, status: 400, ms: performance.now() - t0 });
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(refusal));
        return;
      }
      const headers = { ...req.headers, host: prism.host };
      const send = (retry: boolean) => {
        const forward = http.request({ host: prism.hostname, port: prism.port, method: req.method, path: req.url, headers, agent }, (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const status = answer.statusCode ?? 502;
            samples.push({ kind, status, ms: performance.now() - t0 });
            // Twilio has accepted the redirect: the call follows it (asynchronously, as at Twilio).
            if (callSid && redirectUrl && status < 300) setImmediate(() => options.redirected(callSid, redirectUrl));
            res.writeHead(status, answer.headers).end(Buffer.concat(parts));
          });
        });
        forward.on('error', (e) => {
          // A kept-alive connection Prism had just closed: the request never reached it; send it again once.
          if (retry && forward.reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return send(false);
          samples.push({ kind, status: 0, ms: performance.now() - t0 });
          res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e));
        });
        forward.end(body);
      };
      send(true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    samples,
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

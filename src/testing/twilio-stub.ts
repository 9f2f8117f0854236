import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  form: URLSearchParams;
  authorization: string | undefined;
  at: number;
}

/** A stand-in for Twilio that answers what a test needs it to (Prism only ever answers success or validation errors). */
export async function twilioStub(answer: (req: Received, n: number) => { status: number; body: unknown }) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += String(chunk)));
    req.on('end', () => {
      const entry = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://stub').pathname, form: new URLSearchParams(raw), authorization: req.headers.authorization, at: performance.now() };
      received.push(entry);
      const { status, body } = answer(entry, received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const twilioError = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

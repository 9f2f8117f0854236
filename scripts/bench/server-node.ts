import { listenBaseline } from './express-child.js';
import { serveChild } from './protocol.js';

/** The same body limit as the hotline's form parser (express.urlencoded limit '64kb'). */
const LIMIT = 64 * 1024;

/**
 * Baseline 0: Node's own `http` server, no Express: reads the form body (the same 64 kB limit),
 * parses it with URLSearchParams and answers fixed TwiML on POST /bare, 404 elsewhere. What any
 * Node webhook costs at least; the bare Express route over it is Express's own price.
 */
serveChild(() =>
  listenBaseline((req, res) => {
    if (req.method !== 'POST' || req.url !== '/bare') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > LIMIT) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      // Touch the parameters as a handler would, so that parsing is not optimised away.
      if (form.get('CallSid') === '') res.setHeader('x-no-call', '1');
      const body = '<Response/>';
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }),
);

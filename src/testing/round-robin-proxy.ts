import { createServer, request, type IncomingHttpHeaders } from 'node:http';

export interface RoundRobinProxy {
  baseUrl: string;
  /** The ports requests go to, in turn; replaced as processes are restarted. */
  upstreams: number[];
  close(): Promise<void>;
}

/**
 * What a load balancer does in front of the api processes: each request to the next ready process
 * in turn, on a new connection; readiness (/readyz) checked every `checkEveryMs`, and a refused
 * connection tried on another process. A request a process accepted is never sent twice.
 */
export async function startRoundRobinProxy(upstreams: number[], checkEveryMs = 100): Promise<RoundRobinProxy> {
  let next = 0;
  const unready = new Set<number>();
  const check = setInterval(() => {
    for (const port of proxy.upstreams) {
      void fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(checkEveryMs * 5) }).then(
        (r) => (r.ok ? unready.delete(port) : unready.add(port)),
        () => unready.add(port),
      );
    }
  }, checkEveryMs);
  const pick = () => {
    const ready = proxy.upstreams.filter((p) => !unready.has(p));
    const pool = ready.length ? ready : proxy.upstreams;
    return pool[next++ % pool.length] as number;
  };
  const forward = (port: number, method: string, url: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (let attempt = 0; attempt < 2 * proxy.upstreams.length + 2; attempt++) {
      const port = pick();
      try {
        const answer = await forward(port, req.method ?? 'GET', req.url ?? '/', req.headers, body);
        res.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
          res.writeHead(502).end(String(e));
          return;
        }
      }
    }
    res.writeHead(503).end('no upstream');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const proxy: RoundRobinProxy = {
    baseUrl: `http://127.0.0.1:${port}`,
    upstreams: [...upstreams],
    close: () => {
      clearInterval(check);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}

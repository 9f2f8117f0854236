/**
 * `npm run bench` (second part): how the costs grow with the queue, and how fast routing is.
 *
 *   wait URL   POST /twilio/voice/wait with 10 and with 10,000 callers waiting: max throughput and
 *              latency at 500 requests/s, beside a bare Express route measured in the same run.
 *   routing    with 1,000 callers waiting and 50 agents online, agents coming free one after another:
 *              from an agent becoming available to the offer reaching their console, and from
 *              accept to the Twilio redirect request
 *              (Twilio's REST API is a local stub here that notes when each request arrives).
 *
 * Everything runs in this one process (hotline, stub, load), so figures are ratios, not absolutes.
 * Writes bench-results/scaling.json.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import express from 'express';
import autocannon from 'autocannon';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../src/contracts/live-batch.js';
import { randomBytes } from 'node:crypto';
import { startTestHotline, type TestHotline } from '../src/testing/harness.js';
import { computeSignature } from '../src/platform/twilio/signature.js';
import type { OfferDto } from '../src/contracts/events.js';
import type { WaitingCallPayload } from '../src/platform/queue/registry.js';

const sid = () => `CA${randomBytes(16).toString('hex')}`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : NaN;
};
const listen = (server: Server) => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));

async function cannon(url: string, body: string, headers: Record<string, string>, opts: { rate?: number; seconds: number }) {
  const result = await autocannon({
    url, method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    connections: 10, duration: opts.seconds, ...(opts.rate ? { overallRate: opts.rate } : {}),
  });
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx };
}

function entry(callSid: string, priority: number): WaitingCallPayload {
  return {
    callSid, caseId: crypto.randomUUID(), caseNumber: 'AV-2026-000000', callerMasked: '•••• 0000', language: 'es', menuPath: ['0'],
    category: 'SIN_CLASIFICAR', priority: priority as 1 | 2 | 3 | 4, enqueuedAt: new Date().toISOString(), kind: 'call',
  };
}

async function fill(t: TestHotline, count: number): Promise<string[]> {
  const sids: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = sid();
    sids.push(s);
    await t.hotline.rt.waiting.add(entry(s, 1 + (i % 4)));
  }
  return sids;
}

async function main(): Promise<void> {
  // The stub Twilio: answers Calls updates and notes when each arrives, by CallSid.
  const redirectsAt = new Map<string, number>();
  const stub = createServer((req, res) => {
    const m = /\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(req.url ?? '');
    if (m) redirectsAt.set(m[1] as string, performance.now());
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: m?.[1] ?? 'CA', status: 'in-progress' })));
  });
  const stubPort = await listen(stub);

  const bare = express();
  bare.post('/bare', express.urlencoded({ extended: false }), (_req, res) => res.type('text/xml').send('<Response/>'));
  const bareServer = createServer(bare);
  const barePort = await listen(bareServer);

  const t = await startTestHotline({ LOG_LEVEL: 'warn', TWILIO_API_BASE_URL: `http://127.0.0.1:${stubPort}`, OFFER_TIMEOUT_S: '60', WRAP_UP_S: '0' });
  const out: Record<string, unknown> = {
    timestamp: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  };
  try {
    // Wait URL: the caller in the middle of the queue, 10 then 10,000 waiting.
    const baseline = await cannon(`http://127.0.0.1:${barePort}/bare`, 'CallSid=x', {}, { seconds: 5 });
    const wait: Record<string, unknown> = { baselineBareReqPerSec: baseline.reqPerSec };
    let waiting = await fill(t, 10);
    for (const size of [10, 10_000]) {
      if (size > waiting.length) waiting = waiting.concat(await fill(t, size - waiting.length));
      const middle = waiting[Math.floor(waiting.length / 2)] as string;
      const params = { CallSid: middle, From: '+50499990000', QueueTime: '30' };
      const path = '/twilio/voice/wait?l=es';
      const headers = { 'x-twilio-signature': computeSignature(t.config.twilio.authToken, t.config.publicBaseUrl + path, params) };
      const body = new URLSearchParams(params).toString();
      // Warm-up first, so that neither size pays for the JIT and the connection pools.
      await cannon(t.baseUrl + path, body, headers, { seconds: 2 });
      const max = await cannon(t.baseUrl + path, body, headers, { seconds: 5 });
      const paced = await cannon(t.baseUrl + path, body, headers, { seconds: 5, rate: 500 });
      wait[String(size)] = { maxReqPerSec: max.reqPerSec, ratioToBare: max.reqPerSec / baseline.reqPerSec, at500: paced };
      if (max.non2xx || paced.non2xx) throw new Error(`wait URL answered non-2xx with ${size} waiting`);
    }
    const w10 = (wait['10'] as { maxReqPerSec: number }).maxReqPerSec;
    const w10k = (wait['10000'] as { maxReqPerSec: number }).maxReqPerSec;
    wait.costGrowth10to10000 = w10 / w10k;
    out.waitUrl = wait;

    // Routing: 1,000 waiting, 50 agents.
    await t.hotline.rt.queues.raw('waiting').obliterate({ force: true });
    await fill(t, 1000);
    const agents: Array<{ socket: Socket; id: string }> = [];
    for (let i = 0; i < 50; i++) {
      const user = await t.hotline.rt.auth.createUser({ email: `bench${i}@alhovoz.test`, name: `Bench ${i}`, role: 'agent', officeId: null, password: 'bench-password-123' });
      const cookie = await t.login(`bench${i}@alhovoz.test`, 'bench-password-123');
      const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
      receiveBatches(socket);
      await new Promise<void>((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
      agents.push({ socket, id: user.id });
    }
    const toOffer: number[] = [];
    const toRedirect: number[] = [];
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      // Agents come free one after another (as calls end at different moments), 40 ms apart.
      await Promise.all(agents.map(async (agent, i) => {
        await new Promise((r) => setTimeout(r, i * 40));
        const offered = new Promise<OfferDto>((resolve) => agent.socket.once('offer.created', resolve));
        const t0 = performance.now();
        await agent.socket.timeout(10_000).emitWithAck('presence.set', { state: 'available' });
        const offer = await offered;
        toOffer.push(performance.now() - t0);
        const t1 = performance.now();
        const res = await agent.socket.timeout(10_000).emitWithAck('offer.accept', { offerId: offer.offerId });
        if (!res.ok) throw new Error(`accept failed: ${JSON.stringify(res)}`);
        toRedirect.push((redirectsAt.get(offer.callSid) ?? NaN) - t1);
        await t.twilio(`/twilio/voice/connect-result?agent=${agent.id}&l=es`, { CallSid: offer.callSid, DialCallStatus: 'completed' });
        await t.hotline.rt.waiting.add(entry(sid(), 3)); // keep about 1,000 waiting
        await new Promise((r) => setTimeout(r, 50));
        await agent.socket.timeout(10_000).emitWithAck('presence.set', { state: 'offline' });
      }));
    }
    for (const a of agents) a.socket.close();
    out.routing = {
      waiting: 1000, agents: 50, samples: toOffer.length,
      availableToOfferMs: { p50: pct(toOffer, 50), p99: pct(toOffer, 99), max: Math.max(...toOffer) },
      acceptToRedirectMs: { p50: pct(toRedirect, 50), p99: pct(toRedirect, 99), max: Math.max(...toRedirect) },
    };
  } catch (e) {
    await t.close().catch(() => undefined);
    throw e;
  }
  measured = true;
  await t.close().catch((e: Error) => console.warn(`closing: ${e.message}`));
  bareServer.close();
  stub.close();

  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/scaling.json', JSON.stringify(out, null, 2));
  const wu = out.waitUrl as Record<string, { maxReqPerSec: number; ratioToBare: number; at500: { p50: number; p99: number } }> & { costGrowth10to10000: number; baselineBareReqPerSec: number };
  const r = out.routing as { availableToOfferMs: { p50: number; p99: number; max: number }; acceptToRedirectMs: { p50: number; p99: number; max: number }; samples: number };
  console.log('\nScaling and routing (same run, same process)');
  console.log(`  bare Express route                 ${wu.baselineBareReqPerSec.toFixed(0)} req/s`);
  for (const size of ['10', '10000']) {
    const x = wu[size] as { maxReqPerSec: number; ratioToBare: number; at500: { p50: number; p99: number } };
    console.log(`  wait URL, ${size.padStart(5)} waiting         ${x.maxReqPerSec.toFixed(0)} req/s (${(x.ratioToBare * 100).toFixed(0)}% of bare); at 500/s p50 ${x.at500.p50} ms, p99 ${x.at500.p99} ms`);
  }
  console.log(`  wait URL cost, 10,000 vs 10 waiting ${wu.costGrowth10to10000.toFixed(2)}x (1.00 = independent of the queue)`);
  console.log(`  available -> offer on console      p50 ${r.availableToOfferMs.p50.toFixed(1)} ms, p99 ${r.availableToOfferMs.p99.toFixed(1)} ms, max ${r.availableToOfferMs.max.toFixed(1)} ms (${r.samples} offers, 1,000 waiting, 50 agents)`);
  console.log(`  accept -> Twilio redirect request  p50 ${r.acceptToRedirectMs.p50.toFixed(1)} ms, p99 ${r.acceptToRedirectMs.p99.toFixed(1)} ms, max ${r.acceptToRedirectMs.max.toFixed(1)} ms`);
}

// Closing the hotline while its last jobs settle can leave a Redis command rejected with nobody
// waiting for it; the figures are written by then, so that must not turn the run into a failure.
let measured = false;
process.on('unhandledRejection', (e) => {
  if (!measured) throw e;
  console.warn(`(after measuring) ${(e as Error).message}`);
});

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

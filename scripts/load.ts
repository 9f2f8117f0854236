/**
 * `npm run load`: the whole hotline under a realistic load on this machine, for minutes.
 *
 * Started as in production: a fresh PostgreSQL database, one api process and one worker process
 * (LOAD_API_PROCESSES=2 for two api processes, webhooks alternating between them), Prism serving
 * Twilio's REST description. Then LOAD_CALLERS callers (default 200) call at once through the IVR
 * (menu paths of the flow itself, in Spanish and English, by keys and by voice), each calling again
 * shortly after their call ends; LOAD_AGENTS agents (default 30) take offers over their sockets,
 * talk 5–20 s and hang up; some callers hang up while waiting, a few leave a voice message, and
 * LOAD_FLOODERS numbers call over and over to be turned away. After LOAD_SECONDS (default 300)
 * no new calls start; callers already waiting are served for at most LOAD_DRAIN_SECONDS.
 *
 * Reports calls by outcome, lost calls (must be 0: the exit code is 1 otherwise), webhook latency
 * at the client against baselines measured in the same run, offer and accept times, queue waits,
 * and memory and CPU of each process; then checks in PostgreSQL that every call reached a final
 * state and every queued call has its case. Writes bench-results/load.json and the processes' logs
 * to bench-results/load-logs/. See scripts/load/config.ts for every setting.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import { receiveBatches } from '../src/contracts/live-batch.js';
import { launch, runMain, type LaunchedServer } from './bench/launch.js';
import { machineInfo, ms, summarize } from './bench/stats.js';
import { startAgents } from './load/agents.js';
import { startCallers } from './load/callers.js';
import { loadConfig } from './load/config.js';
import { findPid, startBaselines, startMonitor, startPostgresWatch } from './load/monitor.js';
import { createPersonas } from './load/personas.js';
import { createRandom, sleep } from './load/random.js';
import { judge, report, type RunData } from './load/report.js';
import { ROOT, startSystem, startTwilioApi, type System } from './load/system.js';
import { startTwilioRest } from './load/twilio-rest.js';
import { createTwilioSide, type TwilioSide } from './load/twilio-side.js';
import { settle, verify } from './load/verify.js';

const log = (...parts: unknown[]) => console.error(`[load ${new Date().toISOString().slice(11, 19)}]`, ...parts);

/** prom-client's event-loop figures of an api process (reset by each scrape). */
async function eventLoop(baseUrl: string): Promise<{ lagP99Ms: number; lagMaxMs: number } | undefined> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) * 1000;
    return { lagP99Ms: value('nodejs_eventloop_lag_p99_seconds'), lagMaxMs: value('nodejs_eventloop_lag_max_seconds') };
  } catch {
    return undefined;
  }
}

/** The api's own timing of each /twilio/* request (the request log's responseTime: from the request to the response closing). */
async function serverTimes(file: string, from: number): Promise<number[]> {
  const out: number[] = [];
  for (const line of (await readFile(file, 'utf8').catch(() => '')).split('\n')) {
    if (!line.includes('"request completed"') || !line.includes('"/twilio/')) continue;
    try {
      const entry = JSON.parse(line) as { time: number; responseTime?: number };
      if (entry.time >= from && typeof entry.responseTime === 'number') out.push(entry.responseTime);
    } catch {
      // a partial line
    }
  }
  return out;
}

/** Error lines (pino level 50 and up) in a process's log. */
async function errorsIn(file: string): Promise<string[]> {
  const out: string[] = [];
  for (const line of (await readFile(file, 'utf8').catch(() => '')).split('\n')) {
    if (!line.startsWith('{')) {
      if (/Error|error/.test(line)) out.push(line.slice(0, 200));
      continue;
    }
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; code?: string } };
      if ((entry.level ?? 0) >= 50) out.push(`${entry.msg ?? ''}: ${entry.err?.message ?? entry.err?.code ?? ''}`.slice(0, 200));
    } catch {
      // a partial line at the end of the file
    }
  }
  return out;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const random = createRandom(config.seed);
  const machine = machineInfo();
  log(`${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}; seed ${config.seed}`);
  log(`${config.callers} callers (+${config.flooders} flooders), ${config.agents} agents, ${config.seconds} s, ${config.apiProcesses} api process(es)`);
  const resultsDir = path.join(ROOT, 'bench-results');
  const logDir = path.join(resultsDir, 'load-logs');
  await mkdir(logDir, { recursive: true });

  const cleanups: Array<() => Promise<void> | void> = [];
  let system: System | undefined;
  let twilio: TwilioSide | undefined;
  process.on('SIGINT', () => {
    for (const p of [...(system?.apis ?? []), ...(system ? [system.worker] : [])]) p.child.kill('SIGTERM');
  });
  try {
    log('starting Prism (Twilio REST), the REST proxy and a bare Express baseline');
    const prism = await startTwilioApi();
    cleanups.push(() => prism.stop());
    const rest = await startTwilioRest({
      prismUrl: prism.url,
      canRedirect: (sid) => twilio?.canRedirect(sid) ?? false,
      redirected: (sid, url) => twilio?.redirected(sid, url),
    });
    cleanups.push(() => rest.stop());
    const bare: LaunchedServer = await launch('./server-bare.ts');
    cleanups.push(() => bare.stop());

    log('creating the database, agents, and starting the api and worker processes');
    system = await startSystem({
      twilioApiUrl: rest.url,
      prismUrl: prism.url,
      apiProcesses: config.apiProcesses,
      agents: config.agents,
      env: { LOG_LEVEL: config.logLevel, WRAP_UP_S: String(config.wrapUpSeconds), OFFER_TIMEOUT_S: String(config.offerTimeoutSeconds) },
      logDir,
      log,
    });
    const sys = system;
    cleanups.push(() => sys.stop({ keep: config.keep }));
    const apiUrls = sys.apis.map((a) => a.baseUrl as string);
    log(`api ${sys.apis.map((a) => `${a.baseUrl} (pid ${a.pid})`).join(', ')}; worker pid ${sys.worker.pid}`);

    const tw = createTwilioSide({ apiBaseUrls: apiUrls, publicBaseUrl: sys.publicBaseUrl, authToken: sys.authToken, waitPlayMs: config.waitPlaySeconds * 1000, thinkMs: [1000, 3000], random });
    twilio = tw;
    tw.install();
    cleanups.push(() => tw.uninstall());

    const agents = startAgents({
      logins: sys.agents, apiBaseUrls: apiUrls, twilio: tw, random,
      talkMs: [config.talkSeconds[0] * 1000, config.talkSeconds[1] * 1000], missRate: config.missRate, agentHangsUp: 0.7,
    });
    await agents.start();
    // A supervisor's console: the wallboard is pushed to it every second, as in the office.
    const supervisor = connect(apiUrls[0] as string, { transports: ['websocket'], extraHeaders: { cookie: sys.supervisor.cookie } });
    receiveBatches(supervisor);
    let wallboards = 0;
    supervisor.on('wallboard.updated', () => wallboards++);
    cleanups.push(() => void supervisor.close());
    log(`${sys.agents.length} agents available, supervisor watching`);

    const prismPid = findPid(['prism-cli', 'mock', `-p ${new URL(prism.url).port} `]);
    const monitor = startMonitor([
      ...sys.apis.map((a) => ({ name: a.name, pid: a.pid })),
      { name: 'worker', pid: sys.worker.pid },
      ...(prismPid ? [{ name: 'prism', pid: prismPid }] : []),
      { name: 'load generator', pid: process.pid },
    ], new URL(sys.databaseUrl).pathname.slice(1));
    const baselines = startBaselines(
      [
        { name: 'healthz', url: `${apiUrls[0]}/healthz` },
        { name: 'bare', url: `${bare.ready.baseUrl}/bare`, init: { method: 'POST', body: 'CallSid=CA0', headers: { 'content-type': 'application/x-www-form-urlencoded' } } },
      ],
      100,
    );
    const postgres = startPostgresWatch(sys.sql, new URL(sys.databaseUrl).pathname.slice(1));
    const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
    generatorLoop.enable();
    await eventLoop(apiUrls[0] as string); // resets the api's event-loop histogram: what follows is the run

    let stopped = false;
    const personas = createPersonas(random, { casesOpened: () => [...tw.calls.values()].filter((c) => c.enqueuedAt !== undefined).length });
    const startedAt = Date.now();
    const callers = startCallers({
      callers: config.callers, flooders: config.flooders, twilio: tw, next: personas.next, flood: personas.flood, random,
      publicBaseUrl: sys.publicBaseUrl, authToken: sys.authToken, rampMs: Math.min(30_000, config.seconds * 250), stopped: () => stopped,
    });

    // Progress every 15 s.
    let lastSample = 0;
    const progress = setInterval(() => {
      const recent = tw.samples.slice(lastSample);
      lastSample = tw.samples.length;
      const s = summarize(recent.map((x) => x.ms));
      const byOutcome = callers.results.reduce<Record<string, number>>((m, r) => ((m[r.outcome] = (m[r.outcome] ?? 0) + 1), m), {});
      const waiting = [...tw.calls.values()].filter((c) => c.phase === 'queued').length;
      const api = monitor.series[0];
      log(
        `${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${callers.inFlight.size} calls in progress, ${waiting} waiting, ${agents.talking} talking; ` +
          `done ${JSON.stringify(byOutcome)}; webhooks ${recent.length} p50 ${ms(s.p50)} p99 ${ms(s.p99)} ms; api CPU ${(api?.cpuPct.slice(-15).reduce((a, b) => a + b, 0) ?? 0) / 15 | 0}%`,
      );
    }, 15_000);

    await sleep(config.seconds * 1000);
    stopped = true;
    const loadS = (Date.now() - startedAt) / 1000;
    log(`${config.seconds} s: no new calls; draining (${callers.inFlight.size} calls in progress, at most ${config.drainSeconds} s)`);
    const drainDeadline = Date.now() + config.drainSeconds * 1000;
    while (callers.inFlight.size > 0 && Date.now() < drainDeadline) await sleep(500);
    if (callers.inFlight.size) log(`drain over: ${callers.inFlight.size} calls still in progress; callers still waiting hang up`);
    tw.endRun();
    const finished = await Promise.race([callers.done.then(() => true), sleep(60_000).then(() => false)]);
    if (!finished) {
      log(`${callers.inFlight.size} calls did not finish: ending their conversations`);
      tw.releaseAll();
      await Promise.race([callers.done, sleep(20_000)]);
    }
    const stuck = callers.inFlight.size;
    const drainS = (Date.now() - startedAt) / 1000 - loadS;
    clearInterval(progress);
    generatorLoop.disable();
    const apiEventLoop = await eventLoop(apiUrls[0] as string);
    baselines.stop();
    monitor.stop();
    postgres.stop();
    await agents.stop();
    log(`calls done (${callers.results.length}); waiting for the worker to close every call (at most ${config.settleSeconds} s)`);
    const openAfterSettle = await settle(sys.sql, config.settleSeconds * 1000);
    const verification = await verify(sys.sql, sys.redisUrl, sys.redisPrefix, callers.results);
    const serverWebhookMs = (await Promise.all(sys.apis.map((a) => serverTimes(a.logFile, startedAt)))).flat();
    const logErrors: Record<string, string[]> = {};
    for (const p of [...sys.apis, sys.worker]) logErrors[p.name] = await errorsIn(p.logFile);

    const data: RunData = {
      config, startedAt, loadS, drainS, calls: callers.results, stuck, webhooks: tw.samples, serverWebhookMs, baselines: baselines.samples, baselineFailures: baselines.failures,
      rest: rest.samples, postgres: { commitMs: postgres.commitMs, states: postgres.states }, agents: agents.stats, processes: monitor.series, machine: monitor.machine, verification, openAfterSettle, apiEventLoop, logErrors,
    };
    const text = report(data);
    const generator = { loopDelayP99Ms: generatorLoop.percentile(99) / 1e6, loopDelayMaxMs: generatorLoop.max / 1e6 };
    console.log(
      [
        '',
        `ALHO Voz load run, ${new Date(startedAt).toISOString()}, seed ${config.seed}`,
        `machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB, node ${machine.node}, load average at start ${machine.loadAvgAtStart.join(' ')}`,
        `load generator event loop: p99 ${ms(generator.loopDelayP99Ms)} ms, max ${ms(generator.loopDelayMaxMs)} ms (its own lag is in every client-side figure); wallboard pushes seen by the supervisor: ${wallboards}`,
        '',
        text,
      ].join('\n'),
    );
    const verdict = judge(data);
    await writeFile(
      path.join(resultsDir, 'load.json'),
      JSON.stringify(
        {
          timestamp: new Date(startedAt).toISOString(), machine, config, loadS, drainS, stuck, generator, wallboards,
          outcomes: callers.results.reduce<Record<string, number>>((m, r) => ((m[r.outcome] = (m[r.outcome] ?? 0) + 1), m), {}),
          lost: verdict.lost, integrity: verdict.integrity, lostCalls: verdict.lostByCaller, calls: callers.results,
          webhooks: summarize(tw.samples.map((x) => x.ms)), baselines: Object.fromEntries(Object.entries(baselines.samples).map(([k, xs]) => [k, summarize(xs)])),
          agents: { ...agents.stats, acceptMs: summarize(agents.stats.acceptMs), offerToAcceptMs: summarize(agents.stats.offerToAcceptMs), queueToOfferMs: summarize(agents.stats.queueToOfferMs), acceptToVoiceMs: summarize(agents.stats.acceptToVoiceMs), availableToOfferMs: summarize(agents.stats.availableToOfferMs) },
          processes: monitor.series.map(({ cpuPct, rssMiB, ...rest }) => ({ ...rest, cpuPctPerSecond: cpuPct.map((x) => Math.round(x)), rssMiBPerSecond: rssMiB.map((x) => Math.round(x)) })),
          machineCpu: monitor.machine, postgres: { commitMs: summarize(postgres.commitMs), states: postgres.states }, verification: { ...verification, answeredWaitS: summarize(verification.answeredWaitS) }, apiEventLoop, logErrors,
        },
        (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
        2,
      ) + '\n',
    );
    log(`wrote bench-results/load.json; logs in bench-results/load-logs/`);
    return verdict.lost === 0 && verdict.integrity.length === 0 ? 0 : 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (e) {
        log('cleanup failed:', e instanceof Error ? e.message : e);
      }
    }
  }
}

runMain(main, log);

import { int, ms, percentile, summarize, table } from '../bench/stats.js';
import type { AgentStats } from './agents.js';
import type { CallResult, Outcome } from './callers.js';
import type { LoadConfig } from './config.js';
import type { MachineSeries, ProcessSeries } from './monitor.js';
import type { RestSample } from './twilio-rest.js';
import type { Sample } from './twilio-side.js';
import type { Verification } from './verify.js';

export interface RunData {
  config: LoadConfig;
  startedAt: number;
  /** Wall time callers were placing calls, then draining, s. */
  loadS: number;
  drainS: number;
  calls: CallResult[];
  stuck: number;
  webhooks: Sample[];
  /** The api's own timing of the same requests (the request log's responseTime), when it logs at info. */
  serverWebhookMs: number[];
  baselines: Record<string, number[]>;
  baselineFailures: Record<string, number>;
  rest: RestSample[];
  postgres: { commitMs: number[]; states: Array<{ at: number; commitMs: number; active: number; idle: number; waits: Record<string, number> }> };
  agents: AgentStats;
  processes: ProcessSeries[];
  machine: MachineSeries;
  verification: Verification;
  openAfterSettle: number;
  apiEventLoop?: { lagP99Ms: number; lagMaxMs: number } | undefined;
  logErrors: Record<string, string[]>;
}

const OUTCOMES: Array<[Outcome, string]> = [
  ['handled', 'handled by an agent'],
  ['abandoned', 'abandoned while waiting (caller\'s choice)'],
  ['end-of-run', 'still waiting when the run ended (hung up then)'],
  ['voicemail', 'left a voice message from the queue'],
  ['self-service', 'self-service: heard an answer (some by SMS) and hung up'],
  ['menu-hangup', 'hung up in the menus'],
  ['turned-away', 'turned away by the hourly limit (ordinary callers: should be 0)'],
  ['lost', 'LOST'],
];

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const sec = (msValue: number) => (Number.isFinite(msValue) ? `${(msValue / 1000).toFixed(1)} s` : '-');
const mb = (x: number) => `${x.toFixed(0)} MiB`;
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(1)}×` : '-');

/** Every figure of the run, judged: lost calls and integrity problems make it fail. */
export function judge(d: RunData) {
  const v = d.verification;
  const lostByCaller = d.calls.filter((c) => c.outcome === 'lost');
  const integrity = [
    ...v.notFinal.map((x) => `not final in PostgreSQL: ${x}`),
    ...v.missing.map((x) => `placed but not recorded: ${x}`),
    ...v.withoutCase.map((x) => `queued without a case: ${x}`),
    ...v.mismatched.map((x) => `recorded wrongly: ${x}`),
    ...(v.redis.waiting ? [`${v.redis.waiting} callers still in the waiting set`] : []),
    ...(v.redis.offered ? [`${v.redis.offered} callers still marked offered`] : []),
    ...Object.entries(v.redis.failedJobs).map(([q, n]) => `${n} failed jobs in ${q}`),
  ];
  // A call is lost once, whether the caller or the database noticed it.
  const lostIds = new Set([...lostByCaller.map((c) => c.callSid), ...v.notFinal.map((x) => x.split(' ')[0] as string), ...v.missing, ...v.withoutCase]);
  return { lost: lostIds.size + d.stuck, lostByCaller, integrity };
}

export function report(d: RunData): string {
  const c = d.config;
  const { lost, lostByCaller, integrity } = judge(d);
  const callers = d.calls.filter((x) => x.kind !== 'flood');
  const flood = d.calls.filter((x) => x.kind === 'flood');
  const count = (o: Outcome) => callers.filter((x) => x.outcome === o).length;
  const total = callers.length;
  const share = (n: number) => (total ? ` (${((n / total) * 100).toFixed(1)}%)` : '');
  const hooks = d.webhooks;
  const hookMs = hooks.map((s) => s.ms);
  const all = summarize(hookMs);
  const healthz = summarize(d.baselines.healthz ?? []);
  const bare = summarize(d.baselines.bare ?? []);
  const non200 = hooks.filter((s) => s.status !== 200).length;
  const answeredWaits = d.calls.filter((x) => x.outcome === 'handled' && x.waitMs !== undefined).map((x) => x.waitMs as number);
  const abandonWaits = d.calls.filter((x) => x.outcome === 'abandoned' && x.waitMs !== undefined).map((x) => x.waitMs as number);
  const windowS = d.loadS + d.drainS;
  const proc = (name: string) => d.processes.find((p) => p.name === name);
  const cpu = (p: ProcessSeries | undefined) => (p ? `${avg(p.cpuPct).toFixed(0)}% avg, ${Math.max(0, ...p.cpuPct).toFixed(0)}% peak` : '-');
  const mem = (p: ProcessSeries | undefined) => (p ? `${mb(p.startRssMiB)} → peak ${mb(p.peakRssMiB)} → end ${mb(p.endRssMiB)}` : '-');
  const a = d.agents;
  const pctl = (xs: number[], f: (x: number) => string) => `${f(percentile(xs, 50))} / ${f(percentile(xs, 99))}`;

  const rows: string[][] = [
    ['Load', `${c.callers} callers at once (+${c.flooders} flooding one number each), ${c.agents} agents, ${c.seconds} s of calls + ${d.drainS.toFixed(0)} s drain; ${d.processes.filter((p) => p.name.startsWith('api')).length} api + 1 worker process; talk ${c.talkSeconds[0]}–${c.talkSeconds[1]} s, WRAP_UP_S=${c.wrapUpSeconds}`],
    ['Calls started (callers)', `${int(total)} (${(total / Math.max(1, d.loadS)).toFixed(1)}/s)`],
    ...OUTCOMES.map(([o, label]) => [o === 'lost' ? '**Lost** (all calls)' : label, o === 'lost' ? `**${lost}**` : `${int(count(o))}${share(count(o))}`]),
    ['Flooding numbers', `${int(flood.length)} calls, ${int(flood.filter((x) => x.outcome === 'turned-away').length)} turned away (the first ${int(flood.filter((x) => x.outcome !== 'turned-away').length)} let through)`],
    ['PostgreSQL at the end', `${int(d.verification.rows)} calls, ${d.verification.notFinal.length} not final; ${int(d.verification.cases)} cases, ${d.verification.withoutCase.length} queued calls without one; ${integrity.length} integrity problems`],
    ['Webhooks (all /twilio/*, at the client)', `${int(all.count)} requests (${(all.count / windowS).toFixed(0)}/s), p50 ${ms(all.p50)} / p99 ${ms(all.p99)} / max ${ms(all.max)} ms, ${non200} not 200`],
    ['Webhooks in quiet seconds (other programs under 30% of a core)', (() => {
      // Monitor samples are one a second from the start of the run.
      const quiet = hooks.filter((h) => (d.machine.otherPct[Math.floor((h.at - d.startedAt) / 1000)] ?? Infinity) < 30).map((h) => h.ms);
      const qs = summarize(quiet);
      return quiet.length ? `${int(qs.count)} requests: p50 ${ms(qs.p50)} / p99 ${ms(qs.p99)} ms` : 'no quiet second';
    })()],
    ['Webhooks, the api\'s own timing (request log)', d.serverWebhookMs.length ? `p50 ${ms(percentile(d.serverWebhookMs, 50))} / p99 ${ms(percentile(d.serverWebhookMs, 99))} ms (the rest of the client\'s figure is waiting for the CPU, the network stack and the load generator)` : 'not logged (LOAD_LOG_LEVEL above info)'],
    ['Baseline GET /healthz, same api process', `p50 ${ms(healthz.p50)} / p99 ${ms(healthz.p99)} ms → webhooks ${ratio(all.p50, healthz.p50)} / ${ratio(all.p99, healthz.p99)}`],
    ['Baseline PostgreSQL commit (one xid, from the load process)', `p50 ${ms(percentile(d.postgres.commitMs, 50))} / p99 ${ms(percentile(d.postgres.commitMs, 99))} ms`],
    ['Baseline bare Express route, own process', `p50 ${ms(bare.p50)} / p99 ${ms(bare.p99)} ms → webhooks ${ratio(all.p50, bare.p50)} / ${ratio(all.p99, bare.p99)}`],
    ['Queue wait, answered (p50 / p99)', `${pctl(answeredWaits, sec)} (abandoned after ${pctl(abandonWaits, sec)})`],
    ['Queue wait answered, by priority (p50 / p99; calls)', [1, 2, 3, 4].map((pr) => {
      const xs = d.calls.filter((x) => x.outcome === 'handled' && x.priority === pr && x.waitMs !== undefined).map((x) => x.waitMs as number);
      return `P${pr} ${pctl(xs, sec)} (${xs.length})`;
    }).join('; ') + '; by language: ' + (['es', 'en'] as const).map((lang) => {
      const xs = d.calls.filter((x) => x.outcome === 'handled' && x.lang === lang && x.waitMs !== undefined).map((x) => x.waitMs as number);
      return `${lang} ${pctl(xs, sec)}`;
    }).join('; ')],
    ['Caller joins queue → offer on a console (p50 / p99)', `${pctl(a.queueToOfferMs, sec)}`],
    ['Agent free again → next offer, callers waiting (p50 / p99)', `${pctl(a.availableToOfferMs, ms)} ms`],
    ['Accept click → server answer (p50 / p99)', `${pctl(a.acceptMs, ms)} ms (${int(a.accepted)} accepted of ${int(a.offers)} offers; ${a.missed} let ring out)`],
    ['Accept click → caller hears the agent (p50 / p99)', `${pctl(a.acceptToVoiceMs, ms)} ms`],
    ...d.processes.filter((p) => p.name.startsWith('api')).map((p) => [`${p.name} RSS start → peak → end; CPU (% of a core)`, `${mem(p)}; ${cpu(p)}`]),
    ['worker RSS start → peak → end; CPU', `${mem(proc('worker'))}; ${cpu(proc('worker'))}`],
    ['PostgreSQL (this database\'s connections) / Redis (shared server) CPU', `${avg(d.machine.postgresPct).toFixed(0)}% avg, ${Math.max(0, ...d.machine.postgresPct).toFixed(0)}% peak / ${avg(d.machine.redisPct).toFixed(0)}% avg, ${Math.max(0, ...d.machine.redisPct).toFixed(0)}% peak`],
    ['Prism (Twilio REST) / load generator CPU', `${cpu(proc('prism'))} / ${cpu(proc('load generator'))}`],
    ['Other programs on the machine', `${avg(d.machine.otherPct).toFixed(0)}% of a core avg; machine ${avg(d.machine.busyPct).toFixed(0)}% busy avg`],
  ];
  const out: string[] = [];
  out.push(table(['Measure', 'Result'], rows, () => false));

  // Per-webhook detail.
  const groups = [...new Set(hooks.map((s) => s.group))].sort();
  out.push('', table(
    ['webhook', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'not 200'],
    groups.map((g) => {
      const xs = hooks.filter((s) => s.group === g);
      const s = summarize(xs.map((x) => x.ms));
      return [`/twilio${g}`, int(s.count), ms(s.p50), ms(s.p99), ms(s.max), String(xs.filter((x) => x.status !== 200).length)];
    }),
  ));
  const restKinds = [...new Set(d.rest.map((r) => r.kind))];
  if (restKinds.length) {
    out.push('', table(
      ['Twilio REST (Prism)', 'requests', 'p50 ms', 'p99 ms', 'statuses'],
      restKinds.map((k) => {
        const xs = d.rest.filter((r) => r.kind === k);
        const s = summarize(xs.map((x) => x.ms));
        const statuses = Object.entries(xs.reduce<Record<string, number>>((m, x) => ((m[x.status] = (m[x.status] ?? 0) + 1), m), {})).map(([st, n]) => `${st}×${n}`).join(' ');
        return [k, int(s.count), ms(s.p50), ms(s.p99), statuses];
      }),
    ));
  }

  // Over time: warm-up, steady state, drain.
  const windowMs = Math.max(10_000, Math.round((windowS * 1000) / 12 / 10_000) * 10_000);
  const api = d.processes.find((p) => p.name.startsWith('api'));
  const timeline: string[][] = [];
  for (let from = d.startedAt; from < d.startedAt + windowS * 1000; from += windowMs) {
    const inWindow = (at: number) => at >= from && at < from + windowMs;
    const xs = hooks.filter((s) => inWindow(s.at)).map((s) => s.ms);
    const states = d.postgres.states.filter((st) => inWindow(st.at));
    // Monitor series are per second from the start of the run.
    const secs = (series: number[] | undefined) => (series ?? []).slice((from - d.startedAt) / 1000, (from - d.startedAt + windowMs) / 1000);
    timeline.push([
      `${((from - d.startedAt) / 1000).toFixed(0)}–${((from - d.startedAt + windowMs) / 1000).toFixed(0)} s`,
      int(xs.length), ms(percentile(xs, 50)), ms(percentile(xs, 99)),
      ms(Math.max(0, ...states.map((st) => st.commitMs))),
      String(Math.max(0, ...states.map((st) => st.active))),
      `${avg(secs(api?.cpuPct)).toFixed(0)}%`, `${avg(secs(d.machine.otherPct)).toFixed(0)}%`,
    ]);
  }
  out.push('', table(['window', 'webhooks', 'p50 ms', 'p99 ms', 'PG commit max ms', 'PG active max', `${api?.name ?? 'api'} CPU`, 'other programs CPU'], timeline));
  out.push('');
  const waits = d.postgres.states.reduce<Record<string, number>>((m, st) => {
    for (const [k, n] of Object.entries(st.waits)) m[k] = (m[k] ?? 0) + n;
    return m;
  }, {});
  out.push(
    `PostgreSQL connections of the run, sampled each second: at most ${Math.max(0, ...d.postgres.states.map((st) => st.active))} active of ${Math.max(0, ...d.postgres.states.map((st) => st.active + st.idle))}; ` +
      `waits seen (connection·seconds): ${Object.entries(waits).sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
  );
  if (d.apiEventLoop) out.push(`api event-loop lag over the run (prom-client): p99 ${ms(d.apiEventLoop.lagP99Ms)} ms, max ${ms(d.apiEventLoop.lagMaxMs)} ms`);
  out.push(`PostgreSQL call states: ${Object.entries(d.verification.byStatus).map(([k, n]) => `${k} ${n}`).join(', ')}; hotline's own queue_wait_s of answered calls p50/p99: ${percentile(d.verification.answeredWaitS, 50)} / ${percentile(d.verification.answeredWaitS, 99)} s`);
  out.push(`agents: accept refused ${JSON.stringify(a.acceptRefused)}, offers expired/withdrawn ${JSON.stringify(a.expiredEvents)}, breaks after missed offers ${a.breaks}, hang-up refused ${JSON.stringify(a.hangupRefused)}, accepted but never put through ${a.neverBridged}, socket drops ${a.disconnects}`);
  if (a.oddStates.length) out.push(`agent states during a conversation other than on_call: ${a.oddStates.length} (${a.oddStates.slice(0, 5).join('; ')})`);
  if (Object.values(d.baselineFailures).some((n) => n > 0)) out.push(`baseline probes failed: ${JSON.stringify(d.baselineFailures)}`);
  for (const [name, lines] of Object.entries(d.logErrors)) if (lines.length) out.push(`${name} logged ${lines.length} errors, e.g.: ${lines.slice(0, 3).join(' | ')}`);
  if (d.stuck) out.push(`LOST: ${d.stuck} calls never finished (stuck callers)`);
  if (lostByCaller.length) {
    const reasons = lostByCaller.reduce<Record<string, number>>((m, x) => ((m[(x.reason ?? '?').replace(/CA[0-9a-f]{32}/g, 'CA…')] = (m[(x.reason ?? '?').replace(/CA[0-9a-f]{32}/g, 'CA…')] ?? 0) + 1), m), {});
    out.push(`LOST by the callers' account (${lostByCaller.length}):`, ...Object.entries(reasons).sort((x, y) => y[1] - x[1]).slice(0, 12).map(([r, n]) => `  ${n}× ${r}`));
  }
  if (integrity.length) out.push(`INTEGRITY problems (${integrity.length}):`, ...integrity.slice(0, 15).map((x) => `  ${x}`));
  out.push(lost === 0 && integrity.length === 0 ? 'RESULT: PASS (no call lost, every call final in PostgreSQL with its case)' : `RESULT: FAIL (${lost} lost, ${integrity.length} integrity problems)`);
  return out.join('\n');
}

import type { Redis } from 'ioredis';
import type { AgentState } from '../../contracts/domain.js';
import { AGENT_STATES } from '../../contracts/domain.js';
import type { WallboardDto, WallboardFigures, WallboardLevel } from '../../contracts/wallboard.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import { partsIn, instantAt, type Clock } from '../../shared/clock.js';
import type { SettingsService } from '../settings/index.js';
import type { AgentTime } from './agent-time.js';
import { FORMULAS } from './report.service.js';
import type { CallSums, ReportsRepository } from './reports.repository.js';

const HOUR = 3_600_000;
/** Hours older than this are final enough to keep: a call rarely changes two hours after it began. */
const SETTLED_MS = 2 * HOUR;

const ZERO: Omit<CallSums, 'language'> = { offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, shortAbandoned: 0, callbacks: 0, waitSum: 0, talkSum: 0, talkCount: 0 };

function add(into: Map<string, Omit<CallSums, 'language'>>, rows: CallSums[]) {
  for (const { language, ...sums } of rows) {
    for (const key of [language, 'all']) {
      const t = into.get(key) ?? { ...ZERO };
      for (const k of Object.keys(ZERO) as (keyof typeof ZERO)[]) t[k] += sums[k];
      into.set(key, t);
    }
  }
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

function figures(s: Omit<CallSums, 'language'>, agentSeconds: Record<string, number>): WallboardFigures {
  const busy = (agentSeconds.on_call ?? 0) + (agentSeconds.wrap_up ?? 0);
  return {
    offered: s.offered, answered: s.answered, abandoned: s.abandoned, shortAbandoned: s.shortAbandoned, callbacks: s.callbacks,
    serviceLevel: ratio(s.answeredWithin, s.offered - s.shortAbandoned - s.callbacks),
    abandonmentRate: ratio(s.abandoned, s.offered),
    asaS: s.answered ? Math.round((s.waitSum / s.answered) * 10) / 10 : null,
    ahtS: s.talkCount ? Math.round(((s.talkSum + (agentSeconds.wrap_up ?? 0)) / s.talkCount) * 10) / 10 : null,
    occupancy: ratio(busy, busy + (agentSeconds.available ?? 0)),
  };
}

function level(value: number | null, t: { amber: number; red: number }, higherIsBetter: boolean): WallboardLevel {
  if (value === null) return 'ok';
  if (higherIsBetter) return value < t.red ? 'red' : value < t.amber ? 'amber' : 'ok';
  return value > t.red ? 'red' : value > t.amber ? 'amber' : 'ok';
}

/**
 * The supervisors' wallboard. Each figure is a sum: call counts per hour (hours older than two are
 * computed once and kept in Redis), agent time per hour and minute (counted as agents change state), and
 * what is true now (who waits, who is in which state). A tick job (one at a time, whichever process runs
 * it) pushes it once a second.
 */
export function createWallboardService(deps: {
  repo: ReportsRepository;
  agentTime: AgentTime;
  agents: () => Promise<{ state: AgentState; since: string }[]>;
  redis: Redis;
  prefix: string;
  settings: SettingsService;
  events: EventPublisher;
  clock: Clock;
  timeZone: string;
}) {
  async function settledHour(hourStart: number, serviceLevelS: number): Promise<CallSums[]> {
    const key = `${deps.prefix}:wb:calls:h:${hourStart}:${serviceLevelS}`;
    const cached = await deps.redis.get(key);
    if (cached) return JSON.parse(cached) as CallSums[];
    const rows = await deps.repo.callSums(new Date(hourStart), new Date(hourStart + HOUR), serviceLevelS);
    await deps.redis.set(key, JSON.stringify(rows), 'EX', 2 * 86_400);
    return rows;
  }

  async function snapshot(): Promise<WallboardDto> {
    const now = deps.clock.now().getTime();
    const { reports, wallboard } = await deps.settings.snapshot();
    const T = reports.serviceLevelSeconds;
    const local = partsIn(new Date(now), deps.timeZone);
    const midnight = instantAt(local, { hour: 0, minute: 0 }, deps.timeZone).getTime();
    const freshFrom = Math.max(midnight, Math.floor((now - SETTLED_MS) / HOUR) * HOUR);

    const today = new Map<string, Omit<CallSums, 'language'>>();
    for (let h = midnight; h < freshFrom; h += HOUR) add(today, await settledHour(h, T));
    const [fresh, lastHourRows, waiting, callbacksPending, escalations, agents, todayAgent, lastHourAgent] = await Promise.all([
      deps.repo.callSums(new Date(freshFrom), new Date(now + 1), T),
      deps.repo.callSums(new Date(now - HOUR), new Date(now + 1), T),
      deps.repo.waitingNow(),
      deps.repo.callbacksPending(),
      deps.repo.escalationsAtRisk(),
      deps.agents(),
      deps.agentTime.sum(midnight, now, 'hour'),
      deps.agentTime.sum(now - HOUR, now, 'minute'),
    ]);
    add(today, fresh);
    const lastHour = new Map<string, Omit<CallSums, 'language'>>();
    add(lastHour, lastHourRows);

    // Time in the current state counts too, up to now.
    const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
    const withOpen = (base: Record<string, number>, from: number) => {
      const out = { ...base };
      for (const a of agents) out[a.state] = (out[a.state] ?? 0) + Math.max(0, now - Math.max(from, Date.parse(a.since))) / 1000;
      return out;
    };
    for (const a of agents) byState[a.state] += 1;
    const agentToday = withOpen(todayAgent, midnight);
    const agentLastHour = withOpen(lastHourAgent, now - HOUR);

    const queues = ['es', 'en'].map((language) => {
      const w = waiting.find((r) => r.language === language);
      return {
        language,
        waiting: w?.waiting ?? 0,
        longestWaitS: w?.oldest ? Math.round((now - w.oldest.getTime()) / 1000) : null,
        today: figures(today.get(language) ?? ZERO, agentToday),
        lastHour: figures(lastHour.get(language) ?? ZERO, agentLastHour),
      };
    });
    const all = {
      waiting: queues.reduce((s, q) => s + q.waiting, 0),
      longestWaitS: Math.max(...queues.map((q) => q.longestWaitS ?? -1)) < 0 ? null : Math.max(...queues.map((q) => q.longestWaitS ?? -1)),
      today: figures(today.get('all') ?? ZERO, agentToday),
      lastHour: figures(lastHour.get('all') ?? ZERO, agentLastHour),
    };
    return {
      at: new Date(now).toISOString(),
      serviceLevelSeconds: T,
      formulas: { ...FORMULAS, occupancy: 'time on calls and wrap-up / (that time + time available), logged-in agents not on break', aht: 'mean talk time plus wrap-up per answered call (hold included)' },
      overall: all,
      queues,
      callbacksPending,
      agents: byState,
      escalations,
      levels: {
        serviceLevel: level(all.today.serviceLevel, wallboard.serviceLevel, true),
        abandonmentRate: level(all.today.abandonmentRate, wallboard.abandonmentRate, false),
        longestWait: level(all.longestWaitS, wallboard.longestWaitS, false),
        escalations: escalations.some((e) => e.breached) ? 'red' : escalations.some((e) => e.atRisk) ? 'amber' : 'ok',
      },
    };
  }

  return {
    snapshot,
    /** Job, once a second: one computation, shared by every supervisor's console through the role room. */
    async tick(): Promise<void> {
      // At most once a second across every process, even when a late job and the next one run back to back.
      const mine = await deps.redis.set(`${deps.prefix}:wb:tick`, '1', 'PX', 950, 'NX');
      if (mine !== 'OK') return;
      deps.events.emit(rooms.role('supervisor'), 'wallboard.updated', await snapshot());
    },
  };
}

export type WallboardService = ReturnType<typeof createWallboardService>;

import type { CaseEventDto } from '../../contracts/rest.js';
import type { CasesRepository } from './cases.repository.js';

type Events = Awaited<ReturnType<CasesRepository['timeline']>>;
type Calls = Awaited<ReturnType<CasesRepository['calls']>>;
type Recordings = Awaited<ReturnType<CasesRepository['recordings']>>;

/** Event kinds whose data is someone's words: hidden from roles that do not see personal data. */
const FREE_TEXT_KINDS = new Set(['note.added']);

/**
 * One timeline, in order: every recorded event, plus one entry per call with its duration, the agent
 * who took it and its recordings.
 */
export function buildTimeline(events: Events, calls: Calls, recordings: Recordings, personal: boolean): CaseEventDto[] {
  const entries: CaseEventDto[] = events.map((e) => ({
    kind: e.kind,
    actor: e.actor,
    actorName: e.actor_name ?? null,
    at: e.at.toISOString(),
    data: !personal && FREE_TEXT_KINDS.has(e.kind) ? { redacted: true } : (e.data as Record<string, unknown>),
  }));
  for (const c of calls) {
    entries.push({
      kind: 'call',
      actor: 'system',
      actorName: c.agent_name ?? null,
      at: c.started_at.toISOString(),
      data: {
        callSid: c.call_sid,
        direction: c.direction,
        status: c.status,
        outcome: c.outcome,
        durationS: c.duration_s,
        queueWaitS: c.queue_wait_s,
        answeredAt: c.answered_at?.toISOString() ?? null,
        endedAt: c.ended_at?.toISOString() ?? null,
        recordings: recordings.filter((r) => r.call_sid === c.call_sid).map((r) => ({ sid: r.sid, kind: r.kind, durationS: r.duration_s })),
      },
    });
  }
  // Stable: a call and the events it caused at the same instant keep the call first.
  return entries
    .map((e, i) => ({ e, i: e.kind === 'call' ? -1 : i }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

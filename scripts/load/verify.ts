import { Redis } from 'ioredis';
import type pg from 'pg';
import type { CallResult, Outcome } from './callers.js';
import { sleep } from './random.js';

/**
 * What PostgreSQL and Redis say once the run is over: every call the load placed is recorded, in a
 * final state, the way its caller lived it; every queued call has its case; nothing is left waiting
 * or offered; no job gave up.
 */
interface CallRow {
  call_sid: string;
  status: string;
  outcome: string | null;
  agent_id: string | null;
  case_id: string | null;
  case_exists: boolean;
  queue_wait_s: number | null;
  recordings: number;
}

export interface Verification {
  rows: number;
  byStatus: Record<string, number>;
  /** Rows still in_ivr, queued or connected after the settle period. */
  notFinal: string[];
  /** Calls the load placed with no row at all. */
  missing: string[];
  /** Rows for calls the load did not place. */
  unknown: string[];
  /** Calls that joined the queue without a case (or whose case row is gone). */
  withoutCase: string[];
  /** Calls recorded otherwise than their caller lived them. */
  mismatched: string[];
  cases: number;
  casesWithoutCall: number;
  /** queue_wait_s of the calls an agent answered, as the hotline recorded it. */
  answeredWaitS: number[];
  redis: { waiting: number; offered: number; failedJobs: Record<string, number> };
}

const FINAL = new Set(['completed', 'abandoned']);

/** The row a caller's experience should have left. */
function expected(outcome: Outcome): (r: CallRow) => string | null {
  switch (outcome) {
    case 'handled':
      return (r) => (r.status === 'completed' && r.agent_id ? null : `handled by an agent, recorded ${r.status} agent=${r.agent_id ?? 'none'}`);
    case 'abandoned':
    case 'end-of-run':
      return (r) => (r.status === 'abandoned' ? null : `hung up while waiting, recorded ${r.status}/${r.outcome ?? '-'}`);
    case 'voicemail':
      return (r) => (r.status === 'completed' && r.outcome === 'voicemail' && r.recordings > 0 ? null : `left a voice message, recorded ${r.status}/${r.outcome ?? '-'} with ${r.recordings} recordings`);
    case 'turned-away':
      return (r) => (r.outcome === 'rate_limited' && r.status === 'completed' ? null : `turned away, recorded ${r.status}/${r.outcome ?? '-'}`);
    case 'self-service':
    case 'menu-hangup':
      return (r) => (r.status === 'completed' && !r.agent_id ? null : `ended in the menus, recorded ${r.status} agent=${r.agent_id ?? 'none'}`);
    case 'lost':
      return () => null;
  }
}

async function callRows(sql: pg.Pool): Promise<CallRow[]> {
  const { rows } = await sql.query<CallRow>(
    `SELECT k.call_sid, k.status, k.outcome, k.agent_id, k.case_id, (c.id IS NOT NULL) AS case_exists, k.queue_wait_s,
            (SELECT count(*)::int FROM recordings r WHERE r.call_sid = k.call_sid) AS recordings
       FROM calls k LEFT JOIN cases c ON c.id = k.case_id`,
  );
  return rows;
}

/** Waits (up to `settleMs`) for the worker to bring every call to a final state. */
export async function settle(sql: pg.Pool, settleMs: number): Promise<number> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const { rows } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE status NOT IN ('completed', 'abandoned')");
    const open = rows[0]?.n ?? 0;
    if (open === 0 || Date.now() > deadline) return open;
    await sleep(500);
  }
}

export async function verify(sql: pg.Pool, redisUrl: string, prefix: string, results: CallResult[]): Promise<Verification> {
  const rows = await callRows(sql);
  const byId = new Map(rows.map((r) => [r.call_sid, r]));
  const placed = new Map(results.map((r) => [r.callSid, r]));
  const v: Verification = {
    rows: rows.length, byStatus: {}, notFinal: [], missing: [], unknown: [], withoutCase: [], mismatched: [], cases: 0, casesWithoutCall: 0,
    answeredWaitS: [], redis: { waiting: 0, offered: 0, failedJobs: {} },
  };
  for (const r of rows) {
    const key = `${r.status}${r.outcome ? `/${r.outcome}` : ''}`;
    v.byStatus[key] = (v.byStatus[key] ?? 0) + 1;
    if (!FINAL.has(r.status)) v.notFinal.push(`${r.call_sid} ${r.status}`);
    if (!placed.has(r.call_sid)) v.unknown.push(r.call_sid);
    if (r.agent_id && r.queue_wait_s !== null) v.answeredWaitS.push(r.queue_wait_s);
  }
  for (const c of results) {
    const row = byId.get(c.callSid);
    if (!row) {
      v.missing.push(c.callSid);
      continue;
    }
    if (c.enqueued && (!row.case_id || !row.case_exists)) v.withoutCase.push(c.callSid);
    const wrong = FINAL.has(row.status) ? expected(c.outcome)(row) : null;
    if (wrong) v.mismatched.push(`${c.callSid} (${c.label}): ${wrong}`);
  }
  const cases = await sql.query<{ cases: number; without_call: number }>(
    `SELECT count(*)::int AS cases, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM calls k WHERE k.case_id = c.id))::int AS without_call FROM cases c`,
  );
  v.cases = cases.rows[0]?.cases ?? 0;
  v.casesWithoutCall = cases.rows[0]?.without_call ?? 0;

  const redis = new Redis(redisUrl);
  try {
    v.redis.waiting = await redis.zcard(`${prefix}:calls-waiting:prioritized`);
    v.redis.offered = await redis.hlen(`${prefix}:route:offered`);
    for (const q of ['calls-waiting', 'call-events', 'routing', 'sms', 'escalation-delivery', 'escalation-deadlines', 'maintenance']) {
      const failed = await redis.zcard(`${prefix}:${q}:failed`);
      if (failed) v.redis.failedJobs[q] = failed;
    }
  } finally {
    await redis.quit();
  }
  return v;
}

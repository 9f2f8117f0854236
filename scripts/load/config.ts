/**
 * What `npm run load` can be told, from the environment. Everything has a default that is the
 * run the README reports: 200 callers, 30 agents, 5 minutes, one api and one worker process.
 */
export interface LoadConfig {
  /** How long callers keep placing new calls, s. */
  seconds: number;
  /** Callers, each on its own line: when a call ends, the same caller calls again after a short pause. */
  callers: number;
  /** Extra callers that flood the hotline from one number each (hang up at the greeting, call again at once). */
  flooders: number;
  agents: number;
  /** 1 or 2 api processes; with 2, webhooks alternate between them and agents are split. */
  apiProcesses: number;
  /** After `seconds`: no new calls; waiting callers are still served for at most this long, then hang up. */
  drainSeconds: number;
  /** After the last call: how long the worker gets to bring every call row to its final state. */
  settleSeconds: number;
  /** How long one wait announcement and its hold music "play" before Twilio fetches the wait URL again, s. */
  waitPlaySeconds: number;
  /** Seconds an agent talks with a caller: uniform in [min, max]. */
  talkSeconds: [number, number];
  /** The hotline's WRAP_UP_S. */
  wrapUpSeconds: number;
  /** The hotline's OFFER_TIMEOUT_S. */
  offerTimeoutSeconds: number;
  /** Share of offers an agent lets ring out (they go to the next agent; two in a row put the agent on a break). */
  missRate: number;
  /** LOG_LEVEL of the api and worker (their logs go to files beside the results). */
  logLevel: string;
  /** Keep the database and Redis keys after the run, to look at them. */
  keep: boolean;
  seed: number;
}

function num(name: string, fallback: number, check: (n: number) => boolean = (n) => n > 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`${name}=${raw} is not a valid value`);
  return n;
}

export function loadConfig(): LoadConfig {
  const talkMin = num('LOAD_TALK_MIN_S', 5);
  const talkMax = num('LOAD_TALK_MAX_S', 20, (n) => n >= talkMin);
  return {
    seconds: num('LOAD_SECONDS', 300),
    callers: num('LOAD_CALLERS', 200, Number.isInteger),
    flooders: num('LOAD_FLOODERS', 2, (n) => Number.isInteger(n) && n >= 0),
    agents: num('LOAD_AGENTS', 30, Number.isInteger),
    apiProcesses: num('LOAD_API_PROCESSES', 1, (n) => n === 1 || n === 2),
    drainSeconds: num('LOAD_DRAIN_SECONDS', 120, (n) => n >= 0),
    settleSeconds: num('LOAD_SETTLE_SECONDS', 30, (n) => n >= 0),
    waitPlaySeconds: num('LOAD_WAIT_PLAY_S', 10),
    talkSeconds: [talkMin, talkMax],
    wrapUpSeconds: num('WRAP_UP_S', 2, (n) => Number.isInteger(n) && n >= 0),
    offerTimeoutSeconds: num('OFFER_TIMEOUT_S', 15, Number.isInteger),
    missRate: num('LOAD_MISS_RATE', 0.02, (n) => n >= 0 && n < 1),
    logLevel: process.env.LOAD_LOG_LEVEL || 'info',
    keep: process.env.LOAD_KEEP === '1',
    seed: num('LOAD_SEED', Date.now() % 1_000_000, Number.isInteger),
  };
}

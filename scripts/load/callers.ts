import { newCallSid, simulateCall, type SimulationResult } from '../../src/testing/call-simulator.js';
import type { Persona, PersonaKind } from './personas.js';
import type { Random } from './random.js';
import { sleep } from './random.js';
import { MARKER_ORIGIN, type TwilioSide } from './twilio-side.js';

/** How each call ended, from the caller's side (checked against PostgreSQL afterwards). */
export type Outcome =
  | 'handled' // talked with an agent
  | 'abandoned' // hung up while waiting, by choice
  | 'end-of-run' // still waiting when the run ended
  | 'voicemail' // left a voice message from the queue
  | 'self-service' // heard an answer (and maybe got it by SMS) and hung up
  | 'menu-hangup' // hung up in the menus
  | 'turned-away' // over the hourly limit: the recorded message, then the hotline hung up
  | 'lost'; // anything else: an error, an apology, a call stuck, a caller wanting an agent who never got to the queue

export interface CallResult {
  callSid: string;
  slot: number;
  from: string;
  kind: PersonaKind;
  label: string;
  lang: 'es' | 'en';
  wantsAgent: boolean;
  /** The case priority the caller's path should give. */
  priority?: number;
  outcome: Outcome;
  reason?: string;
  startedAt: number;
  endedAt: number;
  enqueued: boolean;
  /** Joining the queue to an agent's voice, or to hanging up / leaving. */
  waitMs?: number;
}

/** Each caller keeps a number for this many calls, then moves to a new one: under the hourly flood limit (10). */
const CALLS_PER_NUMBER = 8;

export function numberFor(slot: number, generation: number, callers: number): string {
  const index = generation * callers + slot;
  // Two in three from the United States, one in three from Honduras.
  return slot % 3 === 2 ? `+5049${String(index).padStart(7, '0')}` : `+1305${String(index).padStart(7, '0')}`;
}

export function classify(persona: Persona, result: SimulationResult | null, error: unknown, twilio: TwilioSide, callSid: string): { outcome: Outcome; reason?: string; waitMs?: number } {
  const call = twilio.calls.get(callSid);
  if (error) return { outcome: 'lost', reason: `simulation failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  if (!call || !result) return { outcome: 'lost', reason: 'no record of the call' };
  if (call.problems.length) return { outcome: 'lost', reason: call.problems.join('; ').slice(0, 300) };
  const waited = (until: number | undefined) => (call.enqueuedAt !== undefined && until !== undefined ? until - call.enqueuedAt : undefined);
  const withWait = (outcome: Outcome, until: number | undefined) => {
    const waitMs = waited(until);
    return waitMs === undefined ? { outcome } : { outcome, waitMs };
  };
  if (call.turnedAway) return { outcome: 'turned-away' };
  if (call.bridgedAt !== undefined) {
    return call.endedBy ? withWait('handled', call.bridgedAt) : { outcome: 'lost', reason: 'put through to an agent, but the conversation never ended' };
  }
  if (call.voicemail) {
    return result.recordingSids.length ? withWait('voicemail', call.leftQueueAt) : { outcome: 'lost', reason: 'left the queue for a voice message but recorded none' };
  }
  if (call.leftQueue === 'patience') return withWait('abandoned', call.leftQueueAt);
  if (call.leftQueue === 'end-of-run') return withWait('end-of-run', call.leftQueueAt);
  const hungUpBy = [...result.events].reverse().find((e) => e.kind === 'hangup');
  if (result.enqueued) return { outcome: 'lost', reason: `queued, then ended without an agent, an abandon or a message (hang-up by ${hungUpBy && 'by' in hungUpBy ? hungUpBy.by : '?'})` };
  if (persona.wantsAgent) return { outcome: 'lost', reason: 'asked for a person but never reached the queue' };
  if (persona.kind === 'menu-hangup' || persona.kind === 'flood') return { outcome: 'menu-hangup' };
  if (hungUpBy && 'by' in hungUpBy && hungUpBy.by === 'caller') return { outcome: 'self-service' };
  return { outcome: 'lost', reason: 'the hotline hung up on a caller who wanted an answer' };
}

/**
 * Caller lines: each places a call (simulateCall, through the Twilio side), and when it ends calls
 * again after a short pause, until told to stop. Flood lines call from one number without end.
 */
export function startCallers(options: {
  callers: number;
  flooders: number;
  twilio: TwilioSide;
  next: () => Persona;
  flood: () => Persona;
  random: Random;
  publicBaseUrl: string;
  authToken: string;
  /** Spread the first calls over this long, so that 200 phones do not ring in the same millisecond. */
  rampMs: number;
  stopped: () => boolean;
  onCall?: (r: CallResult) => void;
}) {
  const results: CallResult[] = [];
  const inFlight = new Set<string>();

  async function line(slot: number, flooder: boolean): Promise<void> {
    await sleep(options.random.between(0, options.rampMs));
    let made = 0;
    while (!options.stopped()) {
      const persona = flooder ? options.flood() : options.next();
      const from = flooder ? `+5048${String(slot).padStart(7, '0')}` : numberFor(slot, Math.floor(made / CALLS_PER_NUMBER), options.callers);
      made++;
      const callSid = newCallSid();
      const call = options.twilio.register(callSid, from, persona.lang, persona.patienceMs);
      inFlight.add(callSid);
      const startedAt = Date.now();
      let result: SimulationResult | null = null;
      let error: unknown = null;
      try {
        result = await simulateCall({
          baseUrl: MARKER_ORIGIN,
          publicBaseUrl: options.publicBaseUrl,
          authToken: options.authToken,
          callSid,
          from,
          answers: persona.answers,
          ...(persona.waitKeys ? { waitKeys: persona.waitKeys } : {}),
          // The Twilio side holds each wait announcement while it plays: the simulator asks again at once.
          waitPollMs: 0,
          dialAnswered: true,
          recordSeconds: 6,
          signal: call.hangUp.signal,
          strict: true,
        });
      } catch (e) {
        error = e;
      }
      inFlight.delete(callSid);
      const c = classify(persona, result, error, options.twilio, callSid);
      const r: CallResult = {
        callSid, slot, from, kind: persona.kind, label: persona.label, lang: persona.lang, wantsAgent: persona.wantsAgent,
        ...(persona.priority !== undefined ? { priority: persona.priority } : {}),
        startedAt, endedAt: Date.now(), enqueued: result?.enqueued ?? call.enqueuedAt !== undefined, ...c,
      };
      results.push(r);
      options.onCall?.(r);
      // A caller whose call went wrong does not hammer the line: the pause is the same.
      await sleep(flooder ? options.random.between(1000, 3000) : options.random.between(1000, 4000));
    }
  }

  const lines = [
    ...Array.from({ length: options.callers }, (_, i) => line(i, false)),
    ...Array.from({ length: options.flooders }, (_, i) => line(i, true)),
  ];
  return { results, inFlight, done: Promise.all(lines).then(() => undefined) };
}

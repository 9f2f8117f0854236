import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../../src/contracts/live-batch.js';
import type { AgentPresenceDto } from '../../src/contracts/rest.js';
import type { OfferDto } from '../../src/contracts/events.js';
import type { Random } from './random.js';
import { sleep } from './random.js';
import type { TwilioSide } from './twilio-side.js';

/**
 * Agents as their consoles behave (agent-console/src/hooks/useOffers.ts, usePresence.ts): a socket
 * with the session cookie, a heartbeat every 10 s, available at the start; each offer accepted after
 * a human moment (a few let it ring out), the caller talked to for a while, then "Colgar"
 * (call.hangup) or the caller hangs up first; wrap-up is timed on the server. An agent put on a
 * break for missed offers comes back after a few seconds.
 */
export interface AgentLogin {
  id: string;
  email: string;
  cookie: string;
  languages: string[];
}

export interface AgentStats {
  offers: number;
  accepted: number;
  missed: number;
  acceptRefused: Record<string, number>;
  expiredEvents: Record<string, number>;
  /** From the click to the server's answer (the accept script, Twilio's REST redirect, the waiting set). */
  acceptMs: number[];
  /** From the offer reaching the console to the accept answered (human moment included). */
  offerToAcceptMs: number[];
  /** From the caller joining the queue to the offer reaching an agent's console (first offers only). */
  queueToOfferMs: number[];
  /** From the click to the caller hearing the agent (accept, Twilio's redirect, the connect webhook). */
  acceptToVoiceMs: number[];
  /** From the agent becoming available (after wrap-up) to the next offer, when callers were waiting: routing under load. */
  availableToOfferMs: number[];
  hangupRefused: Record<string, number>;
  neverBridged: number;
  breaks: number;
  disconnects: number;
  /** Agent states while a conversation was going on that were not on_call (e.g. wrap-up during a call). */
  oddStates: string[];
}

export function startAgents(options: {
  logins: AgentLogin[];
  apiBaseUrls: string[];
  twilio: TwilioSide;
  random: Random;
  talkMs: [number, number];
  missRate: number;
  /** Share of conversations the agent ends with "Colgar"; the caller hangs up the rest. */
  agentHangsUp: number;
}) {
  const stats: AgentStats = {
    offers: 0, accepted: 0, missed: 0, acceptRefused: {}, expiredEvents: {}, acceptMs: [], offerToAcceptMs: [], queueToOfferMs: [], acceptToVoiceMs: [],
    availableToOfferMs: [], hangupRefused: {}, neverBridged: 0, breaks: 0, disconnects: 0, oddStates: [],
  };
  const offered = new Set<string>();
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  let talking = 0;
  let stopping = false;
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

  type AckResult<T = unknown> = { ok: true; data?: T } | { ok: false; error: { code: string; message: string } };
  const ask = async <T>(socket: Socket, event: string, payload: unknown, timeoutMs = 15_000): Promise<AckResult<T>> => {
    try {
      return payload === undefined ? await socket.timeout(timeoutMs).emitWithAck(event) : await socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'timeout', message: `${event} unanswered` } };
    }
  };

  async function agent(login: AgentLogin, base: string): Promise<void> {
    const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie: login.cookie }, reconnectionDelay: 500 });
    receiveBatches(socket);
    sockets.push(socket);
    let inCall: string | null = null;
    let availableAt: number | null = null;
    socket.on('disconnect', () => !stopping && stats.disconnects++);
    socket.on('offer.expired', (e: { reason: string }) => bump(stats.expiredEvents, e.reason));
    socket.on('presence.changed', (p: AgentPresenceDto) => {
      if (p.agentId !== login.id) return;
      if (inCall && p.state !== 'on_call') stats.oddStates.push(`${p.state} during call ${inCall}`);
      // Free again with callers waiting: the next offer should follow at once.
      availableAt = p.state === 'available' && options.twilio.waiting() > 0 ? performance.now() : null;
      if (p.state === 'break' && !stopping) {
        stats.breaks++;
        // Two missed offers in a row: the console says so; the agent comes back a little later.
        setTimeout(() => void ask(socket, 'presence.set', { state: 'available' }), 3000);
      }
    });
    socket.on('offer.created', async (offer: OfferDto) => {
      const received = performance.now();
      stats.offers++;
      if (availableAt !== null) stats.availableToOfferMs.push(received - availableAt);
      availableAt = null;
      if (!offered.has(offer.callSid)) {
        offered.add(offer.callSid);
        const enqueuedAt = options.twilio.calls.get(offer.callSid)?.enqueuedAt;
        if (enqueuedAt !== undefined) stats.queueToOfferMs.push(Date.now() - enqueuedAt);
      }
      if (options.random.chance(options.missRate)) {
        stats.missed++;
        return;
      }
      await sleep(options.random.between(300, 1500));
      const clicked = performance.now();
      const clickedAt = Date.now();
      const res = await ask<{ callSid: string }>(socket, 'offer.accept', { offerId: offer.offerId });
      const answered = performance.now();
      if (!res.ok) {
        bump(stats.acceptRefused, res.error.code);
        return;
      }
      stats.accepted++;
      stats.acceptMs.push(answered - clicked);
      stats.offerToAcceptMs.push(answered - received);
      inCall = offer.callSid;
      talking++;
      try {
        const bridged = await options.twilio.bridged(offer.callSid, 20_000);
        if (!bridged) {
          stats.neverBridged++;
          return;
        }
        // Often before the accept's answer: Twilio redirects the caller as soon as the api asks it to.
        const bridgedAt = options.twilio.calls.get(offer.callSid)?.bridgedAt;
        if (bridgedAt !== undefined) stats.acceptToVoiceMs.push(bridgedAt - clickedAt);
        await sleep(options.random.between(...options.talkMs));
        // From here on the server moving the agent to wrap-up is expected.
        inCall = null;
        if (options.random.chance(options.agentHangsUp)) {
          const done = await ask(socket, 'call.hangup', { callSid: offer.callSid });
          if (!done.ok) bump(stats.hangupRefused, done.error.code);
        } else {
          options.twilio.callerHangsUp(offer.callSid);
        }
      } finally {
        inCall = null;
        talking--;
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    timers.push(setInterval(() => void ask(socket, 'presence.heartbeat', undefined, 5000), 10_000));
    const set = await ask(socket, 'presence.set', { state: 'available' });
    if (!set.ok) throw new Error(`${login.email} could not become available: ${set.error.message}`);
  }

  return {
    stats,
    /** Connects every agent (split between the api processes) and makes them available. */
    async start(): Promise<void> {
      await Promise.all(options.logins.map((login, i) => agent(login, options.apiBaseUrls[i % options.apiBaseUrls.length] as string)));
    },
    /** Conversations still going on. */
    get talking() {
      return talking;
    },
    async stop(): Promise<void> {
      stopping = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(sockets.map((s) => (s.connected ? ask(s, 'presence.set', { state: 'offline' }, 5000) : null)));
      for (const s of sockets) s.close();
    },
  };
}

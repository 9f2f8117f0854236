import type { Redis } from 'ioredis';
import type { OfferDto } from '../../contracts/events.js';
import type { UserDto } from '../../contracts/rest.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import { announceJoined, emitQueueChange } from './queue.publisher.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import { ACCEPT, OFFER_NEXT, RELEASE } from './offer.scripts.js';
import type { PresenceService } from './presence.service.js';
import type { PresenceStore } from './presence.store.js';
import type { WaitingSet } from './waiting-set.js';

/** How far down the waiting set one offer looks for a caller some available agent can serve. */
const SCAN_LIMIT = 500;
/** Two offers let expire in a row and the agent is taken out of rotation. */
const MAX_MISSED = 2;

export interface RoutingDeps {
  redis: Redis;
  prefix: string;
  queues: Queues;
  waiting: WaitingSet;
  presence: PresenceService;
  presenceStore: PresenceStore;
  events: EventPublisher;
  clock: Clock;
  logger: Logger;
  offerTimeoutMs: number;
  /** Takes the caller out of the Twilio queue to the agent; throws when Twilio refuses. */
  connect: (callSid: string, agentId: string, entry: WaitingCallPayload) => Promise<void>;
  /** Records who answered the call. */
  markAnswered: (callSid: string, agentId: string) => Promise<void>;
  /** The agent's leg failed: the call is waiting again. */
  markRequeued: (callSid: string) => Promise<void>;
  wrapUpMs: number;
}

/** How long what is needed to put a caller back survives while they are being connected. */
const CONNECTING_TTL_S = 3600;

/**
 * Offers: the highest-priority waiting caller that some available agent speaks the language of,
 * then the longest waiting; among those agents, the one idle longest. Offers expire and go to the
 * next agent; two expired offers in a row take an agent out of rotation.
 */
export function createRoutingService(deps: RoutingDeps) {
  const waitingQueue = () => deps.queues.raw('waiting');
  const offeredKey = `${deps.prefix}:route:offered`;
  const offerKey = (id: string) => `${deps.prefix}:route:offer:${id}`;
  const connectingKey = (callSid: string) => `${deps.prefix}:route:connecting:${callSid}`;

  function toOffer(offerId: string, entry: WaitingCallPayload, expiresAt: number): OfferDto {
    return {
      offerId, callSid: entry.callSid, caseId: entry.caseId, caseNumber: entry.caseNumber, category: entry.category, priority: entry.priority,
      language: entry.language, callerMasked: entry.callerMasked, kind: entry.kind, menuPath: entry.menuPath,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  async function offerOne(onlyAgent?: string): Promise<OfferDto | null> {
    const offerId = newId();
    const expiresAt = deps.clock.now().getTime() + deps.offerTimeoutMs;
    const q = waitingQueue();
    const picked = (await deps.redis.eval(
      OFFER_NEXT, '3', q.keys.prioritized as string, deps.presenceStore.keys.available, offeredKey,
      q.toKey(''), deps.presenceStore.keys.agent(''), offerKey(''), offerId, String(expiresAt), String(SCAN_LIMIT),
      ...(onlyAgent ? [onlyAgent] : []),
    )) as [string, string, string] | null;
    if (!picked) return null;
    const [callSid, agentId, data] = picked;
    // The script read the caller's job in the same step: the offer needs no second look-up.
    const offer = toOffer(offerId, JSON.parse(data) as WaitingCallPayload, expiresAt);
    await deps.queues.add('routing', 'offer-expire', { offerId }, { jobId: `offer-${offerId}`, delay: deps.offerTimeoutMs });
    deps.events.emit(rooms.user(agentId), 'offer.created', offer);
    deps.logger.info({ offerId, callSid, agentId, priority: offer.priority }, 'offer made');
    return offer;
  }

  async function release(offerId: string, reason: 'timeout' | 'declined' | 'withdrawn', countMissed: boolean): Promise<void> {
    const released = (await deps.redis.eval(
      RELEASE, '3', offerKey(offerId), offeredKey, deps.presenceStore.keys.available,
      deps.presenceStore.keys.agent(''), offerId, String(deps.clock.now().getTime()), countMissed ? '1' : '0',
    )) as [string, string, string] | null;
    if (!released) return;
    const [, agentId, missed] = released;
    deps.events.emit(rooms.user(agentId), 'offer.expired', { offerId, reason });
    if (Number(missed) >= MAX_MISSED) {
      await deps.presence.takeOutOfRotation(agentId, 'missed_offers');
    }
    await requestDispatch();
  }

  async function requestDispatch(): Promise<void> {
    // One pending dispatch is enough: it looks at every available agent when it runs.
    await deps.queues.add('routing', 'dispatch', {}, { jobId: `dispatch-${deps.clock.now().getTime()}`, deduplication: { id: 'dispatch' } });
  }

  return {
    requestDispatch,

    /**
     * An agent just came free: offer them the best caller they can serve, at once and in this process
     * (the script keeps it safe across processes), without waiting for the dispatch job.
     */
    async offerTo(agentId: string): Promise<OfferDto | null> {
      return offerOne(agentId);
    },

    /** Job: make offers until no available agent can serve any waiting caller. */
    async dispatch(): Promise<number> {
      let made = 0;
      while (made < 1000 && (await offerOne())) made++;
      return made;
    },

    /** The offer standing for an agent, for a console that (re)connects after it was made. */
    async standingOffer(agentId: string): Promise<OfferDto | null> {
      const offerId = await deps.redis.hget(deps.presenceStore.keys.agent(agentId), 'offer');
      if (!offerId) return null;
      const offer = await deps.redis.hgetall(offerKey(offerId));
      if (!offer.callSid || offer.agentId !== agentId) return null;
      const entry = await deps.waiting.get(offer.callSid);
      return entry ? toOffer(offerId, entry, Number(offer.expiresAt)) : null;
    },

    /** Job: an offer not answered in time goes to the next agent. */
    expire: (offerId: string) => release(offerId, 'timeout', true),

    /** The agent left "available" while an offer stood: withdraw it so the caller is offered again. */
    withdraw: (offerId: string) => release(offerId, 'withdrawn', false),

    /** The caller hung up while being offered: the agent's card goes at once, and they are free again. */
    async callerLeft(callSid: string): Promise<void> {
      const offerId = await deps.redis.hget(offeredKey, callSid);
      if (offerId && !offerId.startsWith('accepted:')) await release(offerId, 'withdrawn', false);
    },

    async decline(user: UserDto, offerId: string): Promise<void> {
      const owner = await deps.redis.hget(offerKey(offerId), 'agentId');
      if (owner !== user.id) throw new AppError('not_found', 'This offer is no longer yours');
      await release(offerId, 'declined', false);
    },

    /**
     * The agent takes the caller. The script makes it atomic across processes; then Twilio takes
     * the caller out of the queue to the agent. If Twilio refuses, the caller is offered again.
     */
    async accept(user: UserDto, offerId: string): Promise<{ callSid: string; caseId: string }> {
      let callSid: string;
      try {
        callSid = (await deps.redis.eval(
          ACCEPT, '3', offerKey(offerId), offeredKey, deps.presenceStore.keys.agent(user.id), user.id, String(deps.clock.now().getTime()),
        )) as string;
      } catch (e) {
        const word = (e as Error).message;
        if (/expired/.test(word)) throw new AppError('conflict', 'The offer expired; the caller has gone to the next agent');
        throw new AppError('conflict', 'The offer is no longer available');
      }
      await deps.queues.raw('routing').remove(`offer-${offerId}`).catch(() => undefined);
      const entry = await deps.waiting.get(callSid);
      try {
        if (!entry) throw new AppError('conflict', 'The caller hung up');
        await deps.redis.set(connectingKey(callSid), JSON.stringify({ entry, agentId: user.id }), 'EX', CONNECTING_TTL_S);
        await deps.connect(callSid, user.id, entry);
      } catch (e) {
        await deps.redis.hdel(offeredKey, callSid);
        await deps.presence.backToAvailable(user.id);
        await requestDispatch();
        throw e instanceof AppError ? e : new AppError('unavailable', 'Twilio could not connect the caller; they have been offered again');
      }
      // Out of the waiting set before the offer's mark goes: in between, another agent's offer
      // would pick this caller up again, and find them gone on accepting.
      await deps.waiting.remove(callSid);
      await deps.redis.hdel(offeredKey, callSid);
      await deps.waiting.recordAnswered(deps.clock.now(), callSid);
      await deps.markAnswered(callSid, user.id);
      emitQueueChange(deps.events, { kind: 'left', callSid, reason: 'answered' });
      await deps.presence.announce(user.id);
      deps.logger.info({ offerId, callSid, agentId: user.id }, 'offer accepted');
      return { callSid, caseId: entry.caseId };
    },

    /**
     * The agent's leg was not answered or failed: the caller goes back to the front, not the end,
     * and the agent (when asked) is free again. A callback nobody picked up comes back later the same way.
     */
    async requeueAtFront(callSid: string, options: { freeAgent: boolean }): Promise<boolean> {
      const raw = await deps.redis.getdel(connectingKey(callSid));
      if (!raw) return false;
      const { entry, agentId } = JSON.parse(raw) as { entry: WaitingCallPayload; agentId: string };
      await deps.waiting.addAtFront(entry);
      await deps.markRequeued(callSid);
      await announceJoined(deps, entry);
      if (options.freeAgent) await deps.presence.backToAvailable(agentId);
      else await requestDispatch();
      deps.logger.warn({ callSid, agentId }, 'not connected; back at the front of the queue');
      return true;
    },

    /** The agent's leg never rang (a callback nobody answered): the agent is free, the caller keeps the snapshot. */
    async freeAgent(agentId: string): Promise<void> {
      await deps.presence.backToAvailable(agentId);
    },

    /** Being connected to an agent (or talking to one): not to be put back in the waiting set. */
    async isConnecting(callSid: string): Promise<boolean> {
      return (await deps.redis.exists(connectingKey(callSid))) === 1;
    },

    /** A callback finally failed: forget what would have put it back. */
    async forget(callSid: string): Promise<void> {
      await deps.redis.del(connectingKey(callSid));
    },

    /** The call with the agent ended: wrap-up, timed on the server. */
    async callEnded(callSid: string, agentId: string): Promise<void> {
      await deps.redis.del(connectingKey(callSid));
      const dto = await deps.presence.startWrapUp(agentId);
      const since = Date.parse(dto.since);
      await deps.queues.add('routing', 'wrap-up-end', { agentId, since }, { jobId: `wrapup-${agentId}-${since}`, delay: deps.wrapUpMs });
    },

    /** Job: wrap-up time is over; the agent is available again unless they already moved on. */
    async wrapUpEnd(agentId: string, since: number): Promise<void> {
      await deps.presence.endWrapUp(agentId, since);
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;

import type { AgentState } from '../../contracts/domain.js';
import type { AgentPresenceDto, UserDto } from '../../contracts/rest.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { PresenceRecord, PresenceStore } from './presence.store.js';

/** States an agent may choose; on_call and wrap_up belong to the server (calls and their timers). */
export type SelfState = Extract<AgentState, 'available' | 'break' | 'offline'>;
export const CAN_TAKE_CALLS = new Set(['agent', 'supervisor']);

export interface AgentDirectory {
  skills(agentId: string): Promise<{ name: string; languages: string[]; categories: string[] } | null>;
}

const toDto = (r: PresenceRecord): AgentPresenceDto => ({
  agentId: r.agentId, name: r.name, state: r.state, reason: r.reason, since: new Date(r.since).toISOString(), languages: r.languages,
});

/** Who sees an agent's state: supervisors, admins, and the agent's own consoles (once each). */
const presenceRooms = (agentId: string) => [rooms.role('supervisor'), rooms.role('admin'), rooms.user(agentId)];

/**
 * Presence is kept on the server: closing the browser does not leave an agent available, because
 * an agent whose heartbeats stop is set offline by the sweep, wherever they were connected.
 */
export function createPresenceService(deps: {
  store: PresenceStore; agents: AgentDirectory; events: EventPublisher; clock: Clock; logger: Logger; heartbeatTimeoutMs: number;
  /** Time spent in a state, told when the agent leaves it (occupancy on the wallboard). */
  stateTime?: { record(state: string, from: number, to: number): Promise<void> };
}) {
  // Routing is built after presence and needs it; it hands its dispatch trigger back here.
  let onAvailable: (agentId: string) => Promise<void> = async () => undefined;
  let onOfferDropped: (offerId: string) => Promise<void> = async () => undefined;

  async function transition(agentId: string, state: AgentState, reason: string | null): Promise<AgentPresenceDto> {
    const now = deps.clock.now().getTime();
    const current = await deps.store.get(agentId);
    // Skills are read afresh: an admin may have changed an agent's languages since they logged in.
    const skills = (await deps.agents.skills(agentId)) ?? current;
    if (!skills) throw new AppError('not_found', 'No such agent');
    const record: PresenceRecord = {
      agentId,
      name: skills.name,
      languages: skills.languages,
      categories: skills.categories,
      state,
      reason,
      since: current?.state === state && current.reason === reason ? current.since : now,
      lastSeen: now,
      // Any change of state ends a pending offer (routing releases it); an unchanged state keeps it.
      offer: current?.state === state ? current.offer : null,
    };
    await deps.store.put(record);
    if (current && record.since !== current.since) {
      await deps.stateTime?.record(current.state, current.since, now).catch((err: Error) => deps.logger.warn({ err: err.message }, 'agent time not counted'));
    }
    // Leaving "available" with an offer pending (a break, a missed heartbeat): the caller is offered again now.
    if (current?.offer && !record.offer) await onOfferDropped(current.offer);
    const dto = toDto(record);
    deps.events.emit(presenceRooms(agentId), 'presence.changed', dto);
    if (state === 'available') await onAvailable(agentId);
    return dto;
  }

  async function announce(agentId: string): Promise<void> {
    const current = await deps.store.get(agentId);
    if (!current) return;
    const dto = toDto(current);
    deps.events.emit(presenceRooms(agentId), 'presence.changed', dto);
  }

  return {
    whenAvailable(fn: (agentId: string) => Promise<void>): void {
      onAvailable = fn;
    },

    whenOfferDropped(fn: (offerId: string) => Promise<void>): void {
      onOfferDropped = fn;
    },

    /** Routing changed the state itself (on a call): tell the consoles. */
    announce,

    takeOutOfRotation: (agentId: string, reason: string) => transition(agentId, 'break', reason),

    backToAvailable: (agentId: string) => transition(agentId, 'available', null),

    startWrapUp: (agentId: string) => transition(agentId, 'wrap_up', null),

    onCall: (agentId: string) => transition(agentId, 'on_call', null),

    async endWrapUp(agentId: string, since: number): Promise<void> {
      const current = await deps.store.get(agentId);
      if (current?.state === 'wrap_up' && current.since === since) await transition(agentId, 'available', null);
    },

    async setOwn(user: UserDto, state: SelfState, reason: string | null): Promise<AgentPresenceDto> {
      if (!CAN_TAKE_CALLS.has(user.role)) throw new AppError('forbidden', 'Only agents and supervisors take calls');
      const current = await deps.store.get(user.id);
      // Wrap-up ends when the agent says so (notes done) or its timer runs out; a call only when it ends.
      if (current?.state === 'on_call' && state !== 'offline') throw new AppError('conflict', 'You are on a call; finish it first');
      if (state === 'break' && !reason) throw new AppError('validation_failed', 'A break needs a reason');
      return transition(user.id, state, state === 'break' ? reason : null);
    },

    async heartbeat(user: UserDto): Promise<boolean> {
      return deps.store.touch(user.id, deps.clock.now().getTime());
    },

    async forceOffline(agentId: string, supervisorId: string): Promise<AgentPresenceDto> {
      const dto = await transition(agentId, 'offline', 'forced_by_supervisor');
      deps.logger.info({ agentId, supervisorId }, 'agent forced offline');
      return dto;
    },

    /** Job: agents silent for longer than the heartbeat timeout go offline. */
    async sweep(): Promise<number> {
      const before = deps.clock.now().getTime() - deps.heartbeatTimeoutMs;
      const silent = await deps.store.silentSince(before);
      let count = 0;
      for (const agentId of silent) {
        const current = await deps.store.get(agentId);
        // A heartbeat may have arrived since the lookup: check again before acting.
        if (!current || current.state === 'offline' || current.lastSeen >= before) continue;
        await transition(agentId, 'offline', 'heartbeat_missed');
        deps.logger.warn({ agentId, lastSeen: new Date(current.lastSeen).toISOString() }, 'agent missed heartbeats; set offline');
        count++;
      }
      return count;
    },

    async current(agentId: string): Promise<AgentPresenceDto | null> {
      const record = await deps.store.get(agentId);
      return record ? toDto(record) : null;
    },

    async list(): Promise<AgentPresenceDto[]> {
      return (await deps.store.list()).map(toDto).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;

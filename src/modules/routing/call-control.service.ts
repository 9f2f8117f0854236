import type { UserDto } from '../../contracts/rest.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { PresenceService } from './presence.service.js';
import type { PresenceStore } from './presence.store.js';

export interface ConnectedCall {
  callSid: string;
  agentId: string | null;
  caseId: string | null;
  language: string;
  status: string;
}

/**
 * What an agent does during a call: hold, transfer (the case travels with the call) and hang up.
 * Each one redirects the caller's leg with Twilio's REST API; the agent's leg ends with it and a
 * new one rings where the call goes next.
 */
export function createCallControlService(deps: {
  findCall: (callSid: string) => Promise<ConnectedCall | undefined>;
  setAgent: (callSid: string, agentId: string) => Promise<void>;
  redirect: (callSid: string, to: 'hold' | 'agent' | 'goodbye', agentId: string, language: string) => Promise<void>;
  presence: PresenceService;
  presenceStore: PresenceStore;
  events: EventPublisher;
  logger: Logger;
  startWrapUp: (callSid: string, agentId: string) => Promise<void>;
}) {
  async function own(user: UserDto, callSid: string): Promise<ConnectedCall> {
    const call = await deps.findCall(callSid);
    if (!call || call.status !== 'connected') throw new AppError('not_found', 'No such call in progress');
    if (call.agentId !== user.id) throw new AppError('forbidden', 'This call is with another agent');
    return call;
  }

  return {
    async hold(user: UserDto, callSid: string, on: boolean): Promise<void> {
      const call = await own(user, callSid);
      await deps.redirect(callSid, on ? 'hold' : 'agent', user.id, call.language);
    },

    /** To an available agent, or to any supervisor who is not on a call. */
    async transfer(user: UserDto, callSid: string, toAgentId: string): Promise<void> {
      const call = await own(user, callSid);
      if (toAgentId === user.id) throw new AppError('validation_failed', 'Choose another agent');
      const target = await deps.presenceStore.get(toAgentId);
      if (!target || target.state !== 'available' || target.offer) throw new AppError('conflict', 'That agent cannot take a call now');
      await deps.redirect(callSid, 'agent', toAgentId, call.language);
      await deps.setAgent(callSid, toAgentId);
      await deps.presence.onCall(toAgentId);
      await deps.startWrapUp(callSid, user.id);
      deps.events.emit(rooms.user(toAgentId), 'call.transferred', { callSid, caseId: call.caseId, fromAgentId: user.id });
      deps.logger.info({ callSid, from: user.id, to: toAgentId }, 'call transferred');
    },

    async hangup(user: UserDto, callSid: string): Promise<void> {
      const call = await own(user, callSid);
      await deps.redirect(callSid, 'goodbye', user.id, call.language);
      await deps.startWrapUp(callSid, user.id);
    },
  };
}

export type CallControlService = ReturnType<typeof createCallControlService>;

import type { AgentState } from './domain.js';
import type { AgentPresenceDto, CaseSummaryDto, WaitingCallDto } from './rest.js';
import type { EscalationDto } from './escalation.js';
import type { WallboardDto } from './wallboard.js';

export type QueueChange =
  | { kind: 'joined'; call: WaitingCallDto }
  | { kind: 'left'; callSid: string; reason: 'abandoned' | 'answered' | 'removed' };

/** Events the server pushes; names are `noun.verb`. */
export interface LiveEvents {
  'case.created': (c: CaseSummaryDto) => void;
  'case.updated': (c: CaseSummaryDto) => void;
  'queue.changed': (change: QueueChange) => void;
  /** To supervisors, and to the agent concerned. */
  'presence.changed': (presence: AgentPresenceDto) => void;
  /** To one agent: a caller to answer before `expiresAt`. */
  'offer.created': (offer: OfferDto) => void;
  /** To the agent whose offer ended unanswered or declined, or was taken back. */
  'offer.expired': (e: { offerId: string; reason: 'timeout' | 'declined' | 'withdrawn' }) => void;
  /** To the office concerned, agents and supervisors: no personal data, the packet is fetched on demand. */
  'escalation.created': (e: EscalationDto) => void;
  'escalation.updated': (e: EscalationDto) => void;
  /** To supervisors: a deadline missed, or a delivery that gave up. */
  'escalation.alert': (a: { kind: 'ack_breach' | 'action_breach' | 'dead_letter'; escalationId: string; caseNumber: string; officeName: string; at: string }) => void;
  /** To supervisors, at most once a second. */
  'wallboard.updated': (w: WallboardDto) => void;
  /** To the agent a call was transferred to: the case comes with it. */
  'call.transferred': (e: { callSid: string; caseId: string | null; fromAgentId: string }) => void;
}

/** One live event as it travels inside a batch: its name, then its arguments. */
export type LiveEvent = { [E in keyof LiveEvents]: [E, ...Parameters<LiveEvents[E]>] }[keyof LiveEvents];

export interface ServerToClientEvents extends LiveEvents {
  /**
   * Events to one audience that followed another within a few milliseconds, in the order they
   * happened (see platform/realtime/events.ts). `receiveBatches` hands each to the socket's own
   * listeners, so consoles listen for the events themselves, never for this.
   */
  'events.batch': (events: LiveEvent[]) => void;
}

export interface OfferDto {
  offerId: string;
  callSid: string;
  caseId: string;
  caseNumber: string;
  category: WaitingCallDto['category'];
  priority: WaitingCallDto['priority'];
  language: WaitingCallDto['language'];
  callerMasked: string;
  kind: WaitingCallDto['kind'];
  menuPath: string[];
  expiresAt: string;
}

export type Ack<T = unknown> = (res: { ok: true; data?: T } | { ok: false; error: { code: string; message: string } }) => void;

/** Events the console sends, each with an acknowledgement. */
export interface ClientToServerEvents {
  'session.ping': (ack: Ack<{ userId: string }>) => void;
  /** An agent sets their own state: available, break (with a reason) or offline. */
  'presence.set': (req: { state: Extract<AgentState, 'available' | 'break' | 'offline'>; reason?: string }, ack: Ack<AgentPresenceDto>) => void;
  /** Sent every few seconds while the console is open; missing them makes the agent unavailable. */
  'presence.heartbeat': (ack: Ack) => void;
  'offer.accept': (req: { offerId: string }, ack: Ack<{ callSid: string; caseId: string }>) => void;
  'offer.decline': (req: { offerId: string }, ack: Ack) => void;
  'call.hold': (req: { callSid: string; hold: boolean }, ack: Ack) => void;
  'call.transfer': (req: { callSid: string; toAgentId: string }, ack: Ack) => void;
  'call.hangup': (req: { callSid: string }, ack: Ack) => void;
}

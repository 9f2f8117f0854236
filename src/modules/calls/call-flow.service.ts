import type { Language } from '../../contracts/domain.js';
import type { WaitingCallDto } from '../../contracts/rest.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { CallEndedPayload } from '../../platform/queue/registry.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { maskPhone, parseCallerNumber } from '../../shared/phone.js';
import { toCaseSummary } from '../cases/index.js';
import {
  decodeState, positionMessage, renderEmpty, renderEnqueue, renderMenu, renderWait, startCall, step,
  type Flow, type IvrInput, type IvrStep,
} from '../ivr/index.js';
import type { WaitingSet } from '../routing/index.js';
import type { CallsRepository, IncomingCall } from './calls.repository.js';
import type { VoiceParams } from './voice.params.js';

export interface CallFlowDeps {
  calls: CallsRepository;
  waiting: WaitingSet;
  queues: Queues;
  events: EventPublisher;
  flow: () => Flow;
  clock: Clock;
  logger: Logger;
  settings: { queueName: string; holdMusicUrl: string; timeZone: string };
}

/** Twilio's terminal call states: the call is over whatever we thought it was doing. */
const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

function toIncoming(p: VoiceParams): IncomingCall | null {
  if (!p.CallSid) return null;
  const from = parseCallerNumber(p.From);
  return {
    callSid: p.CallSid,
    accountSid: p.AccountSid ?? null,
    fromE164: from.kind === 'e164' ? from.e164 : null,
    fromKind: from.kind,
    to: p.To ?? null,
  };
}

function inputOf(p: VoiceParams): IvrInput {
  if (p.Digits !== undefined && p.Digits !== '') return { kind: 'digits', digits: p.Digits };
  if (p.SpeechResult) return { kind: 'speech', text: p.SpeechResult, confidence: p.Confidence ?? 0 };
  return { kind: 'silence' };
}

/**
 * The path of a call through the hotline. Each handler answers TwiML at once; anything slow
 * goes to a job. The IVR decides, this service records and renders.
 */
export function createCallFlowService(deps: CallFlowDeps) {
  async function render(next: IvrStep, params: VoiceParams): Promise<string> {
    if (next.type === 'menu') return renderMenu(next);
    const call = toIncoming(params);
    if (!call) {
      // Without a CallSid nothing can wait for an agent; Twilio always sends one, so this is not a real call.
      throw new Error('Cannot queue a call without CallSid');
    }
    const queued = await deps.calls.openCaseAndQueue({
      call,
      language: next.state.lang,
      menuPath: next.state.path,
      location: next.state.location,
      category: next.category,
      priority: next.priority,
      reason: next.reason,
      timeZone: deps.settings.timeZone,
    });
    const entry: Omit<WaitingCallDto, 'position'> = {
      callSid: call.callSid,
      caseId: queued.caseRow.id,
      caseNumber: queued.caseRow.number,
      callerMasked: maskPhone(call.fromE164),
      language: queued.caseRow.language as Language,
      menuPath: queued.caseRow.menu_path,
      category: queued.caseRow.category as WaitingCallDto['category'],
      priority: queued.caseRow.priority as WaitingCallDto['priority'],
      enqueuedAt: queued.enqueuedAt.toISOString(),
    };
    // Added on retries too: the job id is the CallSid, so a retry after a lost add repairs the set.
    await deps.waiting.add(entry);
    if (queued.caseCreated) deps.events.emit(rooms.staff, 'case.created', toCaseSummary({ ...queued.caseRow, last_call_status: 'queued' }));
    if (queued.newlyQueued) {
      const position = (await deps.waiting.position(call.callSid)) ?? 0;
      deps.events.emit(rooms.staff, 'queue.changed', { kind: 'joined', call: { ...entry, position } });
      deps.logger.info({ callSid: call.callSid, caseId: queued.caseRow.id, priority: entry.priority, category: entry.category }, 'call queued');
    }
    return renderEnqueue({ lang: next.state.lang, say: next.say, queueName: deps.settings.queueName });
  }

  return {
    async incoming(params: VoiceParams): Promise<string> {
      const call = toIncoming(params);
      if (call) await deps.calls.recordIncoming(call);
      return renderMenu(startCall(deps.flow()) as Extract<IvrStep, { type: 'menu' }>);
    },

    async menuAnswer(query: unknown, params: VoiceParams): Promise<string> {
      const state = decodeState(query);
      const next = state ? step(deps.flow(), state, inputOf(params)) : startCall(deps.flow());
      return render(next, params);
    },

    async waitAnnouncement(query: { l?: string }, params: VoiceParams): Promise<string> {
      const lang: Language = query.l === 'en' ? 'en' : 'es';
      const position = params.CallSid ? await deps.waiting.position(params.CallSid) : null;
      return renderWait({ lang, say: [positionMessage(position)], holdMusicUrl: deps.settings.holdMusicUrl });
    },

    /** Twilio calls the Enqueue action when the caller leaves the queue; a hang-up there is an abandon. */
    async queueResult(params: VoiceParams): Promise<string> {
      if (params.CallSid && params.QueueResult === 'hangup') {
        await this.reportEnded({ callSid: params.CallSid, status: 'queue-hangup', sequence: null, durationS: null, at: deps.clock.now().toISOString() });
      }
      return renderEmpty();
    },

    async statusCallback(params: VoiceParams): Promise<void> {
      if (!params.CallSid || !params.CallStatus || !ENDED.has(params.CallStatus)) return;
      await this.reportEnded({
        callSid: params.CallSid,
        status: params.CallStatus,
        sequence: params.SequenceNumber ?? null,
        durationS: params.CallDuration ?? null,
        at: (params.Timestamp ?? deps.clock.now()).toISOString(),
      });
    },

    async reportEnded(payload: CallEndedPayload): Promise<void> {
      const key = payload.sequence ?? payload.status;
      await deps.queues.add('callEvents', 'call-ended', payload, { jobId: `${payload.callSid}:ended:${key}` });
    },

    /** Job: the call is over. If it was waiting, it is an abandon and leaves every console's list. */
    async callEnded(payload: CallEndedPayload): Promise<void> {
      const outcome = await deps.calls.markEnded({
        callSid: payload.callSid,
        status: payload.status,
        sequence: payload.sequence,
        durationS: payload.durationS,
        at: new Date(payload.at),
      });
      // Removing is idempotent, so it runs even when the database already had the call closed.
      const removed = await deps.waiting.remove(payload.callSid);
      if (outcome.abandoned || removed) {
        deps.events.emit(rooms.staff, 'queue.changed', { kind: 'left', callSid: payload.callSid, reason: 'abandoned' });
        deps.logger.info({ callSid: payload.callSid, caseId: outcome.caseId }, 'call abandoned while waiting');
      }
    },
  };
}

export type CallFlowService = ReturnType<typeof createCallFlowService>;

import type { Language } from '../../contracts/domain.js';
import type { CaseTexts } from '../messaging/index.js';
import type { CallerGuard } from './caller-guard.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { parseCallerNumber } from '../../shared/phone.js';
import type { CasesRepository } from '../cases/index.js';
import type { OfficeDirectory } from '../escalations/index.js';
import type { IvrInput } from '../ivr/index.js';
import type { WaitingSet } from '../routing/index.js';
import type { SettingsService } from '../settings/index.js';
import type { CallsRepository, IncomingCall } from './calls.repository.js';
import type { VoiceParams } from './voice.params.js';

/** What the call services share; built once in the composition root. */
export interface CallDeps {
  calls: CallsRepository;
  cases: CasesRepository;
  waiting: WaitingSet;
  queues: Queues;
  events: EventPublisher;
  settings: SettingsService;
  offices: OfficeDirectory;
  clock: Clock;
  logger: Logger;
  config: { queueName: string; holdMusicUrl: string; timeZone: string; callerId: string };
  /** Turns away blocked numbers and floods at the greeting. */
  guard: Pick<CallerGuard, 'check'>;
  /** Texts the caller their case number when a case opens. */
  texts: Pick<CaseTexts, 'caseOpened'>;
  /** A caller joined the waiting set: routing looks for an agent. */
  onQueued: () => Promise<void>;
  /** A waiting caller hung up: an offer standing for them is withdrawn. */
  onCallerLeft: (callSid: string) => Promise<void>;
}

export function toIncoming(p: VoiceParams, officeId: string | null = null): IncomingCall | null {
  if (!p.CallSid) return null;
  const from = parseCallerNumber(p.From);
  return {
    callSid: p.CallSid,
    accountSid: p.AccountSid ?? null,
    fromE164: from.kind === 'e164' ? from.e164 : null,
    fromKind: from.kind,
    to: p.To ?? null,
    officeId,
  };
}

export function callerE164(p: VoiceParams): string | null {
  const from = parseCallerNumber(p.From);
  return from.kind === 'e164' ? from.e164 : null;
}

export function inputOf(p: VoiceParams): IvrInput {
  if (p.Digits !== undefined && p.Digits !== '') return { kind: 'digits', digits: p.Digits };
  if (p.SpeechResult) return { kind: 'speech', text: p.SpeechResult, confidence: p.Confidence ?? 0 };
  return { kind: 'silence' };
}

export const langOf = (q: unknown): Language => ((q as { l?: unknown } | null)?.l === 'en' ? 'en' : 'es');

import type { CaseSummaryDto, WaitingCallDto } from './rest.js';

export type QueueChange =
  | { kind: 'joined'; call: WaitingCallDto }
  | { kind: 'left'; callSid: string; reason: 'abandoned' | 'answered' | 'removed' };

/** Events the server pushes; names are `noun.verb`. */
export interface ServerToClientEvents {
  'case.created': (c: CaseSummaryDto) => void;
  'case.updated': (c: CaseSummaryDto) => void;
  'queue.changed': (change: QueueChange) => void;
}

export type Ack<T = unknown> = (res: { ok: true; data?: T } | { ok: false; error: { code: string; message: string } }) => void;

/** Events the console sends, each with an acknowledgement. Routing (offers, presence) arrives with issue 4. */
export interface ClientToServerEvents {
  'session.ping': (ack: Ack<{ userId: string }>) => void;
}

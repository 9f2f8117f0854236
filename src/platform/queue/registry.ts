import { z } from 'zod';

/**
 * The one registry of queues and jobs. Names are persisted in Redis, so they are written here
 * once and never derived from code names. Each job has a payload schema checked on add and on
 * process. A queue with `processed: true` must have a handler for every job at worker boot.
 */
const languageSchema = z.enum(['es', 'en']);

export const waitingCallPayload = z.object({
  callSid: z.string().min(1),
  caseId: z.uuid(),
  caseNumber: z.string(),
  callerMasked: z.string(),
  language: languageSchema,
  menuPath: z.array(z.string()),
  category: z.string(),
  priority: z.number().int().min(1).max(4),
  enqueuedAt: z.iso.datetime(),
});

export const callEndedPayload = z.object({
  callSid: z.string().min(1),
  /** Twilio's CallStatus, or 'queue-hangup' when the caller hung up inside <Enqueue>. */
  status: z.string(),
  sequence: z.number().int().nullable(),
  durationS: z.number().int().nonnegative().nullable(),
  at: z.iso.datetime(),
});

export const REGISTRY = {
  /**
   * Our waiting set: one job per waiting caller, ordered by priority then arrival. Routing takes
   * callers out of it explicitly (offers), so no generic worker consumes it.
   */
  waiting: {
    name: 'calls-waiting',
    processed: false,
    jobs: { 'waiting-call': waitingCallPayload },
  },
  callEvents: {
    name: 'call-events',
    processed: true,
    jobs: { 'call-ended': callEndedPayload },
  },
} as const;

export type Registry = typeof REGISTRY;
export type QueueKey = keyof Registry;
export type JobName<Q extends QueueKey> = keyof Registry[Q]['jobs'] & string;
export type JobPayload<Q extends QueueKey, J extends JobName<Q>> = z.infer<
  Registry[Q]['jobs'][J] extends z.ZodType ? Registry[Q]['jobs'][J] : never
>;
export type WaitingCallPayload = z.infer<typeof waitingCallPayload>;
export type CallEndedPayload = z.infer<typeof callEndedPayload>;

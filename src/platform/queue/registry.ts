import { z } from 'zod';
import { CATEGORIES } from '../../contracts/domain.js';

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
  category: z.enum(CATEGORIES),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  enqueuedAt: z.iso.datetime(),
  kind: z.enum(['call', 'callback']).default('call'),
});

export const callEndedPayload = z.object({
  callSid: z.string().min(1),
  /** Twilio's CallStatus, or 'queue-hangup' when the caller hung up inside <Enqueue>. */
  status: z.string(),
  sequence: z.number().int().nullable(),
  durationS: z.number().int().nonnegative().nullable(),
  at: z.iso.datetime(),
});

export const recordingReadyPayload = z.object({
  recordingSid: z.string().min(1),
  callSid: z.string().min(1),
  url: z.url(),
  durationS: z.number().int().nonnegative().nullable(),
  status: z.string(),
  /** Left through Twilio's fallback URL: our main handler had failed. */
  fallback: z.boolean(),
});

export const sendSmsPayload = z.object({
  to: z.string().regex(/^\+[1-9]\d{6,14}$/),
  body: z.string().min(1).max(1600),
  caseId: z.uuid().nullable(),
  /** Why it was sent, for the case timeline: 'ivr-info:<node>' and so on. */
  purpose: z.string().max(100),
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
    jobs: { 'call-ended': callEndedPayload, 'recording-ready': recordingReadyPayload },
  },
  routing: {
    name: 'routing',
    processed: true,
    jobs: {
      'presence-sweep': z.object({}),
      /** Offer waiting callers to available agents; deduplicated while one is pending. */
      dispatch: z.object({}),
      'offer-expire': z.object({ offerId: z.uuid() }),
      /** The wrap-up time after a call ran out: the agent is available again unless they moved on. */
      'wrap-up-end': z.object({ agentId: z.uuid(), since: z.number().int() }),
      /** A callback nobody answered waits its turn again, at the front. */
      'callback-retry': z.object({ callSid: z.string().min(1) }),
    },
  },
  sms: {
    name: 'sms',
    processed: true,
    jobs: { 'send-sms': sendSmsPayload },
  },
  escalationDelivery: {
    name: 'escalation-delivery',
    processed: true,
    /** I/O bound (webhooks, SMTP): many at once, so one slow office holds one slot, not the queue. */
    concurrency: 32,
    jobs: { deliver: z.object({ deliveryId: z.uuid() }) },
  },
  escalationDeadlines: {
    name: 'escalation-deadlines',
    processed: true,
    /** Delayed jobs at each reminder and deadline; kept in Redis, so they survive restarts. */
    jobs: { deadline: z.object({ escalationId: z.uuid(), which: z.enum(['ack', 'action']), step: z.enum(['remind', 'breach']) }) },
  },
  maintenance: {
    name: 'maintenance',
    processed: true,
    /** Daily: people's data erased from cases past the retention period. */
    jobs: {
      'retention-sweep': z.object({}),
      /** Once a second: the wallboard pushed to supervisors. */
      'wallboard-tick': z.object({}),
      /** Every repair period: escalation deliveries and deadlines written but never queued are queued. */
      'escalation-sweep': z.object({}),
      /** Every repair period, and when Redis comes back: the waiting set brought back to the database. */
      'waiting-reconcile': z.object({}),
    },
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
export type RecordingReadyPayload = z.infer<typeof recordingReadyPayload>;
export type SendSmsPayload = z.infer<typeof sendSmsPayload>;

import { z } from 'zod';
import { isStorableText } from '../../shared/text.js';

/**
 * The fields of Twilio's voice requests that we use. Every field is optional and lenient:
 * a malformed field is dropped rather than failing the call, because the caller must always
 * hear something sensible.
 */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
/** Text we may store or compare in PostgreSQL: one with a NUL character is malformed, so dropped like any other. */
const text = (max: number) => z.string().max(max).refine(isStorableText);

export const voiceParams = z.object({
  CallSid: lenient(z.string().regex(/^CA[0-9a-zA-Z]{32}$/)),
  AccountSid: lenient(z.string().regex(/^AC[0-9a-zA-Z]{32}$/)),
  From: lenient(text(64)),
  To: lenient(text(64)),
  Digits: lenient(text(32)),
  SpeechResult: lenient(text(500)),
  Confidence: lenient(z.coerce.number().min(0).max(1)),
  CallStatus: lenient(text(32)),
  CallDuration: lenient(z.coerce.number().int().nonnegative()),
  SequenceNumber: lenient(z.coerce.number().int().nonnegative()),
  Timestamp: lenient(z.coerce.date().refine((d) => !Number.isNaN(d.getTime()))),
  QueueResult: lenient(text(32)),
  QueueTime: lenient(z.coerce.number().int().nonnegative()),
  DialCallStatus: lenient(text(32)),
  RecordingSid: lenient(z.string().regex(/^RE[0-9a-zA-Z]{32}$/)),
  RecordingUrl: lenient(z.url().max(500)),
  RecordingStatus: lenient(text(32)),
  RecordingDuration: lenient(z.coerce.number().int().nonnegative()),
});

export type VoiceParams = z.infer<typeof voiceParams>;

export function parseVoiceParams(body: unknown): VoiceParams {
  return voiceParams.parse(body && typeof body === 'object' ? body : {});
}

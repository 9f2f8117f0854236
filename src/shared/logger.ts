import { pino, type Logger } from 'pino';

/**
 * Keys that may hold phone numbers, names or credentials. Redaction is by key so that a log call
 * that passes a whole object by mistake still leaks nothing.
 */
const SENSITIVE_KEYS = [
  'From', 'To', 'Caller', 'Called', 'ForwardedFrom', 'CallerName', 'Digits', 'SpeechResult',
  'from', 'to', 'phone', 'callerPhone', 'callbackPhone', 'name', 'email', 'password', 'passwordHash',
  'cookie', 'authorization', 'x-twilio-signature', 'set-cookie', 'authToken', 'secret',
  // A case's personal fields (contracts/case-fields.ts), in their API and column spellings.
  'fullName', 'full_name', 'aliases', 'dni', 'passport', 'birthDate', 'birth_date', 'otherDocuments', 'other_documents',
  'caller_phone', 'phone_e164', 'e164', 'narrative', 'request', 'aNumber', 'bookingNumber', 'attorney', 'text', 'body',
  'requester', 'affected', 'displayName', 'display_name',
];

export const REDACT_PATHS = [
  // pino's own `name` field is the process name, so the bare key stays readable at the top level.
  ...SENSITIVE_KEYS.filter((k) => k !== 'name'),
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'res.headers["set-cookie"]',
];

/**
 * Errors are logged by type, code, message and stack only: driver errors carry `detail` and
 * parameters (PostgreSQL's "Key (email)=(...) already exists") that may hold personal data.
 */
export function errorSerializer(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown };
  return { type: e.name, code: typeof e.code === 'string' ? e.code : undefined, message: e.message, stack: e.stack };
}

export function createLogger(options: { level: string; name: string; destination?: NodeJS.WritableStream }): Logger {
  const base = {
    name: options.name,
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer },
  };
  return options.destination ? pino(base, options.destination as never) : pino(base);
}

export type { Logger };

/**
 * The one error type of the application. Modules throw it; the edges translate it:
 * JSON on /api, a spoken apology on /twilio, UnrecoverableError in a worker.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'stale_version'
  | 'rate_limited'
  | 'account_locked'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  /** Someone saved a newer version first: reload and apply the change again. */
  stale_version: 409,
  rate_limited: 429,
  /** Too many failed logins for one account: refused, even with the right password, until the lock ends. */
  account_locked: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return STATUS[this.code];
  }

  /** Errors worth retrying (infrastructure down) versus errors that will fail again. */
  get retryable(): boolean {
    return this.code === 'unavailable' || this.code === 'internal';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

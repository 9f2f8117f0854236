import type { ErrorRequestHandler } from 'express';
import { AppError, isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { renderApology } from '../modules/ivr/index.js';

/** body-parser's own errors, turned into our one error type. */
function fromBodyParser(err: unknown): AppError | null {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body too large');
  if (e?.type === 'parameters.too.many') return new AppError('payload_too_large', 'Too many parameters');
  if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('bad_request', 'Malformed request body');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('bad_request', 'Bad request');
  return null;
}

/** PostgreSQL's connection-level SQLSTATE classes 08 and 57P (shutdown, restart) and too many connections. */
const DATABASE_DOWN = /^(08|57P0)|^53300$/;
const SOCKET_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const REDIS_DOWN = /^(MaxRetriesPerRequestError|Connection is closed|Stream isn't writeable|Command timed out)/;
const POOL_DOWN = /^(Connection terminated|timeout exceeded when trying to connect)/;

/** A database or Redis that is restarting is not our bug: the client may try again in a moment. */
function fromOutage(err: unknown): AppError | null {
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (DATABASE_DOWN.test(code) || SOCKET_DOWN.has(code) || POOL_DOWN.test(message) || REDIS_DOWN.test(message) || e?.name === 'MaxRetriesPerRequestError') {
    return new AppError('unavailable', 'The service is restarting; try again in a moment', { cause: err });
  }
  return null;
}

export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const outage = isAppError(err) ? null : fromOutage(err);
    if (outage) logger.warn({ reqId: req.id, err: (err as Error).message }, 'request failed during an outage');
    const appError = isAppError(err) ? err : (outage ?? fromBodyParser(err));
    if (!appError) logger.error({ err, reqId: req.id }, 'unhandled API error');
    const e = appError ?? new AppError('internal', 'Something went wrong; it has been logged');
    if (res.headersSent) return;
    // Field problems go back by field, so the console can mark each one.
    const fields = Array.isArray(e.details) && e.details.every((d) => typeof d?.path === 'string' && typeof d?.problem === 'string') ? e.details : undefined;
    res.status(e.status).json({ error: { code: e.code, message: e.message, ...(fields ? { fields } : {}) } });
  };
}

/**
 * On /twilio the caller must always hear something: an unreadable request gets its 4xx with a
 * spoken apology, and a failure of ours answers 200 with the apology so Twilio plays it at once.
 */
export function twilioErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // Only body-parser's own errors are the request's fault; an AppError with a 4xx status is a
    // refusal of ours, and the caller must still hear it (Twilio does not play the body of a 4xx).
    const parseError = isAppError(err) ? null : fromBodyParser(err);
    if (isAppError(err) && err.status < 500) logger.warn({ code: err.code, err: err.message, reqId: req.id }, 'webhook refused');
    else if (!parseError) logger.error({ ...(isAppError(err) ? { code: err.code, err: err.message } : { err }), reqId: req.id }, 'webhook failed');
    if (res.headersSent) return;
    res.status(parseError ? parseError.status : 200).type('text/xml').send(renderApology());
  };
}

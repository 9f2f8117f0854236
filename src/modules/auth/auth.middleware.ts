import type { RequestHandler } from 'express';
import type { Role } from '../../contracts/domain.js';
import type { UserDto } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE, readCookie } from './session.cookie.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserDto;
    sessionToken?: string;
  }
}

export function sessionMiddleware(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const user = await auth.authenticate(token);
    if (user && token) {
      req.user = user;
      req.sessionToken = token;
    }
    next();
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new AppError('unauthenticated', 'Log in first');
    if (!roles.includes(req.user.role)) throw new AppError('forbidden', 'Your role may not do this');
    next();
  };
}

/**
 * Cookie-authenticated writes must carry a header that a cross-site form cannot send
 * (a custom header forces a CORS preflight, which we never grant).
 */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'alho-console';

export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (req.get(CSRF_HEADER) !== CSRF_VALUE) throw new AppError('csrf_failed', `Missing ${CSRF_HEADER} header`);
  next();
};

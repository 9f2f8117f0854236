import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { LoginResponse } from '../../contracts/rest.js';
import { CATEGORIES } from '../../contracts/domain.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { parseOr400 } from '../../http/validate.js';
import type { AuthService } from './auth.service.js';
import { requireRole } from './auth.middleware.js';
import { SESSION_COOKIE } from './session.cookie.js';

const loginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
const newUserBody = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(200),
  role: z.enum(['agent', 'supervisor', 'admin', 'consulate']),
  officeId: z.string().min(1).max(100).nullable().default(null),
  password: z.string().min(12).max(200),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1).max(6).optional(),
  /** Interpreter languages (Miskito "miq", Garífuna "cab", ...): callers needing one reach this agent. */
  interpreterLanguages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(6).optional(),
  categories: z.array(z.enum(CATEGORIES)).max(17).optional(),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number').nullable().optional(),
});

export function authRouter(auth: AuthService, options: { secureCookies: boolean; loginLimitPerMinute: number }): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.loginLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError('rate_limited', 'Too many login attempts; wait a minute');
    },
  });

  router.post('/auth/login', loginLimiter, async (req, res) => {
    const { email, password } = parseOr400(loginBody, req.body);
    const { user, token, expiresAt } = await auth.login(email, password).catch((e: unknown) => {
      const retryAfterS = isAppError(e) && e.code === 'account_locked' ? (e.details as { retryAfterS?: number } | undefined)?.retryAfterS : undefined;
      if (retryAfterS) res.set('retry-after', String(retryAfterS));
      throw e;
    });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      path: '/',
      expires: expiresAt,
    });
    const body: LoginResponse = { user };
    res.json(body);
  });

  router.post('/auth/logout', async (req: Request, res) => {
    if (req.sessionToken) await auth.logout(req.sessionToken);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', (req, res) => {
    if (!req.user) throw new AppError('unauthenticated', 'Log in first');
    res.json({ user: req.user });
  });

  router.post('/users', requireRole('admin'), async (req, res) => {
    const input = parseOr400(newUserBody, req.body);
    res.status(201).json({ user: await auth.createUser(input) });
  });

  return router;
}

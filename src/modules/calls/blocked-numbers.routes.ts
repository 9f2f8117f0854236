import { Router } from 'express';
import { z } from 'zod';
import { normalisePhone } from '../../contracts/case-fields.js';
import { parseOr400 } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';
import { requireRole } from '../auth/index.js';
import type { CallerGuard } from './caller-guard.js';

const phoneOf = (raw: string): string => {
  const phone = normalisePhone(raw);
  if (!phone.ok) throw new AppError('validation_failed', 'phone: the number with its country code, such as +50499998888');
  return phone.value;
};

/** Supervisors block a number for a time, as helplines do with abuse; every block names who and why. */
export function blockedNumbersRouter(guard: CallerGuard): Router {
  const router = Router();
  const supervisors = requireRole('supervisor');

  router.get('/blocked-numbers', supervisors, async (_req, res) => {
    res.json({ blocked: await guard.list() });
  });

  router.post('/blocked-numbers', supervisors, async (req, res) => {
    const body = parseOr400(z.object({ phone: z.string().max(30), minutes: z.number().int().min(5).max(60 * 24 * 90), reason: z.string().trim().min(3).max(300) }).strict(), req.body);
    res.status(201).json(await guard.block(phoneOf(body.phone), body.minutes, body.reason, req.user!.id));
  });

  router.delete('/blocked-numbers/:phone', supervisors, async (req, res) => {
    await guard.unblock(phoneOf(String(req.params.phone)));
    res.status(204).end();
  });

  return router;
}

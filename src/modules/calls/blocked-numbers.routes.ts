import { Router } from 'express';
import { normalisePhone } from '../../contracts/case-fields.js';
import type { BlockedNumberDto, BlockedNumberListDto } from '../../contracts/rest.js';
import { requestLanguage } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';
import { requireRole } from '../auth/index.js';
import type { CallerGuard } from './caller-guard.js';
import { parseBlock } from './blocked-numbers.schema.js';

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
    const body: BlockedNumberListDto = { blocked: await guard.list() };
    res.json(body);
  });

  router.post('/blocked-numbers', supervisors, async (req, res) => {
    const body = parseBlock(req.body, requestLanguage(req));
    const blocked: BlockedNumberDto = { ...(await guard.block(body.phone, body.minutes, body.reason, req.user!.id)), blockedBy: req.user!.name };
    res.status(201).json(blocked);
  });

  router.delete('/blocked-numbers/:phone', supervisors, async (req, res) => {
    await guard.unblock(phoneOf(String(req.params.phone)));
    res.status(204).end();
  });

  return router;
}

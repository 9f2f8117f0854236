import { Router, type Request } from 'express';
import { z } from 'zod';
import { OUTCOME_CODES } from '../../contracts/escalation.js';
import { parseOr400 } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';
import { requireRole } from '../auth/index.js';
import type { DeliveryService } from './delivery.service.js';
import type { Actor, EscalationAction, EscalationService } from './escalation.service.js';
import { officeUpdateSchema, type OfficeAdmin } from './office-admin.js';

const idParam = z.object({ id: z.uuid() });
const officeParam = z.object({ id: z.string().regex(/^[a-z0-9-]{2,60}$/) });
const text = z.object({ text: z.string().trim().min(1).max(5000) }).strict();
const PATHS = {
  ack: z.object({}).strict(),
  actions: text,
  notes: text,
  'info-requests': text,
  info: text,
  close: z.object({ outcome: z.enum(OUTCOME_CODES), note: z.string().trim().max(5000).nullable().default(null) }).strict(),
} as const;
const TYPES: Record<keyof typeof PATHS, EscalationAction['type']> = { ack: 'ack', actions: 'action', notes: 'note', 'info-requests': 'info_request', info: 'info', close: 'close' };

const actor = (req: Request): Actor => {
  if (!req.user) throw new AppError('unauthenticated', 'Log in first');
  return { id: req.user.id, role: req.user.role, officeId: req.user.officeId, name: req.user.name };
};

export function escalationsRouter(service: EscalationService, deliveries: DeliveryService, offices: OfficeAdmin): Router {
  const router = Router();
  const hotline = requireRole('agent', 'supervisor');
  const everyone = requireRole('agent', 'supervisor', 'consulate');

  router.get('/cases/:id/escalation-preview', hotline, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    const { officeId } = parseOr400(z.object({ officeId: z.string().max(60).optional() }).strict(), req.query);
    res.json(await service.preview(id, officeId ?? null, actor(req).name));
  });

  router.post('/cases/:id/escalations', hotline, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    const body = parseOr400(z.object({ officeId: z.string().min(2).max(60), sendIncomplete: z.boolean().optional() }).strict(), req.body);
    res.status(201).json(await service.escalate(actor(req), id, body));
  });

  router.get('/escalations', everyone, async (req, res) => {
    const q = parseOr400(z.object({ caseId: z.uuid().optional(), open: z.enum(['true', 'false']).optional(), breached: z.enum(['true', 'false']).optional(), office: z.string().max(60).optional() }).strict(), req.query);
    res.json({ escalations: await service.list(actor(req), { ...(q.caseId ? { caseId: q.caseId } : {}), open: q.open === 'true', breached: q.breached === 'true', ...(q.office ? { officeId: q.office } : {}) }) });
  });

  router.get('/escalations/dead-letters', requireRole('supervisor'), async (_req, res) => {
    res.json({ deliveries: await deliveries.deadLetters() });
  });

  router.post('/escalations/deliveries/:id/retry', requireRole('supervisor'), async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    await deliveries.retry(id);
    res.json({ ok: true });
  });

  router.get('/escalations/:id', everyone, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json(await service.detail(actor(req), id));
  });

  router.post('/escalations/:id/notify-caller', hotline, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    await service.notifyCaller(actor(req), id);
    res.json({ ok: true });
  });

  for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
    router.post(`/escalations/:id/${path}`, everyone, async (req, res) => {
      const { id } = parseOr400(idParam, req.params);
      const body = parseOr400(PATHS[path], req.body ?? {});
      res.json(await service.act(actor(req), id, { type: TYPES[path], ...body } as EscalationAction));
    });
  }

  router.get('/offices/:id', requireRole('admin', 'supervisor'), async (req, res) => {
    res.json(await offices.get(parseOr400(officeParam, req.params).id));
  });
  router.put('/offices/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseOr400(officeParam, req.params);
    res.json(await offices.update(id, parseOr400(officeUpdateSchema, req.body), actor(req).id));
  });
  router.get('/offices/:id/audit', requireRole('admin'), async (req, res) => {
    res.json({ entries: await offices.audit(parseOr400(officeParam, req.params).id) });
  });
  router.get('/offices/:id/webhook-secret', requireRole('admin'), async (req, res) => {
    const { id } = parseOr400(officeParam, req.params);
    res.set('cache-control', 'no-store').json({ secret: await offices.webhookSecret(id, actor(req).id) });
  });

  return router;
}

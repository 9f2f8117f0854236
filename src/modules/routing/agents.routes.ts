import { Router } from 'express';
import { z } from 'zod';
import type { AgentListDto } from '../../contracts/rest.js';
import { parseOr400 } from '../../http/validate.js';
import { requireRole } from '../auth/index.js';
import type { PresenceService } from './presence.service.js';

const idParam = z.object({ id: z.uuid() });

/** Supervisors see every agent's state and can force one offline. */
export function agentsRouter(presence: PresenceService): Router {
  const router = Router();
  const supervisors = requireRole('supervisor', 'admin');

  router.get('/agents', supervisors, async (_req, res) => {
    const body: AgentListDto = { agents: await presence.list() };
    res.json(body);
  });

  /** Colleagues free to take a transferred call (names and languages only). */
  router.get('/agents/available', requireRole('agent', 'supervisor'), async (req, res) => {
    const body: AgentListDto = { agents: (await presence.list()).filter((a) => a.state === 'available' && a.agentId !== req.user!.id) };
    res.json(body);
  });

  router.post('/agents/:id/offline', supervisors, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json({ agent: await presence.forceOffline(id, req.user!.id) });
  });

  return router;
}

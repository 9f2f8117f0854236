import { Router } from 'express';
import type { QueueDto } from '../../contracts/rest.js';
import { requireRole } from '../auth/index.js';
import type { WaitingSet } from './waiting-set.js';

export function queueRouter(waiting: WaitingSet): Router {
  const router = Router();
  router.get('/queue', requireRole('agent', 'supervisor', 'admin'), async (_req, res) => {
    const body: QueueDto = await waiting.list();
    res.json(body);
  });
  return router;
}

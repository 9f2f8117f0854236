import { Router } from 'express';
import { requireRole } from '../auth/index.js';
import type { OfficeDirectory } from './office-directory.js';

export function officesRouter(offices: OfficeDirectory): Router {
  const router = Router();
  router.get('/offices', requireRole('agent', 'supervisor', 'admin'), async (_req, res) => {
    res.json({ offices: await offices.list() });
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import type { CaseListDto } from '../../contracts/rest.js';
import { requireRole } from '../auth/index.js';
import type { CaseService } from './case.service.js';
import { parseOr400 } from '../../http/validate.js';

const idParam = z.object({ id: z.uuid() });

export function casesRouter(service: CaseService): Router {
  const router = Router();
  const staff = requireRole('agent', 'supervisor', 'admin');

  router.get('/cases', staff, async (_req, res) => {
    const body: CaseListDto = { cases: await service.listOpen() };
    res.json(body);
  });

  router.get('/cases/:id', staff, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json(await service.getDetail(id));
  });

  return router;
}

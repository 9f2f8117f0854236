import { Router } from 'express';
import { z } from 'zod';
import type { CaseListDto } from '../../contracts/rest.js';
import { requireRole } from '../auth/index.js';
import type { CaseService } from './case.service.js';
import { parseOr400 } from '../../http/validate.js';

const idParam = z.object({ id: z.uuid() });

const sidParam = z.object({ sid: z.string().regex(/^RE[0-9a-zA-Z]{32}$/) });

export function casesRouter(service: CaseService, audio: (url: string) => Promise<{ body: ArrayBuffer; contentType: string }>): Router {
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

  router.get('/cases/:id/earlier', staff, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    const body: CaseListDto = { cases: await service.earlierCases(id) };
    res.json(body);
  });

  // Streamed through us: the console never holds Twilio credentials, and access follows our roles.
  router.get('/recordings/:sid/audio', staff, async (req, res) => {
    const { sid } = parseOr400(sidParam, req.params);
    const { body, contentType } = await audio(await service.recordingUrl(sid));
    res.type(contentType).set('cache-control', 'private, no-store').send(Buffer.from(body));
  });

  return router;
}

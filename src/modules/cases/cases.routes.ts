import { Router, type Request } from 'express';
import { z } from 'zod';
import type { CaseSearchDto } from '../../contracts/rest.js';
import { requireRole } from '../auth/index.js';
import { parseOr400, requestLanguage } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';
import type { CaseService } from './case.service.js';
import { searchQuerySchema } from './case-search.js';
import { linkCallSchema, mergePersonSchema, mergeSchema, nonDataSchema, noteSchema, parseCaseUpdate } from './case.schemas.js';
import type { Viewer } from './case.dto.js';

const idParam = z.object({ id: z.uuid() });
const sidParam = z.object({ sid: z.string().regex(/^RE[0-9a-zA-Z]{32}$/) });
const callSidParam = z.object({ callSid: z.string().regex(/^CA[0-9a-zA-Z]{32}$/) });
const peopleQuery = z.object({ name: z.string().trim().min(3).max(100).optional(), document: z.string().trim().min(4).max(40).optional(), phone: z.string().trim().max(30).optional() }).strict();

const viewer = (req: Request): Viewer => {
  if (!req.user) throw new AppError('unauthenticated', 'Log in first');
  return { id: req.user.id, role: req.user.role };
};
/** Field problems are told in the console's language. */

export function casesRouter(
  service: CaseService,
  audio: (url: string) => Promise<{ body: ArrayBuffer; contentType: string }>,
  /** Today in the hotline's time zone (YYYY-MM-DD): dates of birth and detention cannot be after it. */
  today: () => string,
): Router {
  const router = Router();
  const staff = requireRole('agent', 'supervisor', 'admin');
  const workers = requireRole('agent', 'supervisor');
  const supervisors = requireRole('supervisor');

  router.get('/cases', staff, async (req, res) => {
    const query = parseOr400(searchQuerySchema, req.query);
    const filtered = Object.keys(query).some((k) => k !== 'limit' && k !== 'cursor');
    const body: CaseSearchDto = filtered ? await service.search(viewer(req), query, requestLanguage(req)) : { cases: await service.listOpen(viewer(req)), nextCursor: null };
    res.json(body);
  });

  router.get('/cases/:id', staff, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json(await service.getDetail(viewer(req), id));
  });

  router.patch('/cases/:id', workers, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    const language = requestLanguage(req);
    res.json(await service.update(viewer(req), id, parseCaseUpdate(req.body, language, today()), language));
  });

  router.post('/cases/:id/notes', workers, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    await service.addNote(viewer(req), id, parseOr400(noteSchema, req.body).text);
    res.status(201).json({ ok: true });
  });

  router.post('/cases/:id/non-data', workers, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    await service.markNonData(viewer(req), id, parseOr400(nonDataSchema, req.body).reason);
    res.json({ ok: true });
  });

  router.post('/cases/:id/merge', workers, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json(await service.merge(viewer(req), id, parseOr400(mergeSchema, req.body).intoCaseId));
  });

  router.get('/cases/:id/earlier', staff, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json({ cases: await service.earlierCases(viewer(req), id) });
  });

  router.get('/cases/:id/audit', requireRole('supervisor', 'admin'), async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json({ entries: await service.auditLog(id) });
  });

  router.get('/cases/:id/export', supervisors, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    const body = await service.exportCase(viewer(req), id);
    res.set('cache-control', 'private, no-store').attachment(`${body.case.number}.json`).json(body);
  });

  router.post('/calls/:callSid/link', workers, async (req, res) => {
    const { callSid } = parseOr400(callSidParam, req.params);
    res.json(await service.linkCall(viewer(req), callSid, parseOr400(linkCallSchema, req.body).caseId));
  });

  router.get('/people', workers, async (req, res) => {
    res.json({ people: await service.searchPeople(viewer(req), parseOr400(peopleQuery, req.query)) });
  });

  router.post('/people/:id/merge', workers, async (req, res) => {
    const { id } = parseOr400(idParam, req.params);
    res.json({ person: await service.mergePeople(viewer(req), id, parseOr400(mergePersonSchema, req.body).intoPersonId) });
  });

  // Streamed through us: the console never holds Twilio credentials, and access follows our roles.
  router.get('/recordings/:sid/audio', workers, async (req, res) => {
    const { sid } = parseOr400(sidParam, req.params);
    const { body, contentType } = await audio(await service.recordingUrl(viewer(req), sid));
    res.type(contentType).set('cache-control', 'private, no-store').send(Buffer.from(body));
  });

  return router;
}

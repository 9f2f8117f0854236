import { Router } from 'express';
import { z } from 'zod';
import { parseOr400, refuseUnstorable } from '../../http/validate.js';
import { requireRole } from '../auth/index.js';
import { SETTING_KEYS, type SettingKey, type SettingsService } from './settings.service.js';

const keyParam = z.object({ key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]) });

export function settingsRouter(settings: SettingsService): Router {
  const router = Router();
  const supervisors = requireRole('supervisor', 'admin');

  router.get('/settings', supervisors, async (_req, res) => {
    res.json({ settings: await settings.snapshot() });
  });

  router.put('/settings/:key', supervisors, async (req, res) => {
    const { key } = parseOr400(keyParam, req.params);
    // Settings are kept as JSON: text PostgreSQL cannot store is refused before the setting is checked.
    refuseUnstorable(req.body?.value, 'value');
    const value = await settings.update(key, req.body?.value, req.user!.id);
    res.json({ key, value });
  });

  router.get('/settings/audit', supervisors, async (_req, res) => {
    res.json({ audit: await settings.audit() });
  });

  return router;
}

import { Router } from 'express';
import { requireRole } from '../auth/index.js';
import type { VoiceTokenIssuer } from './voice-token.js';

/** The browser softphone's access token, for the logged-in agent only; never cached. */
export function voiceTokenRouter(issuer: VoiceTokenIssuer): Router {
  const router = Router();
  router.get('/voice/token', requireRole('agent', 'supervisor'), (req, res) => {
    res.set('cache-control', 'no-store').json(issuer.issue(req.user!.id));
  });
  return router;
}

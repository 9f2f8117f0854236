import { Router } from 'express';
import type { CallFlowService } from './call-flow.service.js';
import { parseVoiceParams } from './voice.params.js';
import { renderApology, renderEmpty } from '../ivr/index.js';

const twiml = (res: import('express').Response, body: string) => res.type('text/xml').send(body);

/** Twilio's doors: parse, call one service function, answer TwiML. Signatures are checked before. */
export function voiceWebhooks(service: CallFlowService): Router {
  const router = Router();

  router.post('/voice', async (req, res) => {
    twiml(res, await service.incoming(parseVoiceParams(req.body)));
  });

  router.post('/voice/menu', async (req, res) => {
    twiml(res, await service.menuAnswer(req.query, parseVoiceParams(req.body)));
  });

  router.post('/voice/wait', async (req, res) => {
    twiml(res, await service.waitAnnouncement(req.query as { l?: string }, parseVoiceParams(req.body)));
  });

  router.post('/voice/queue-result', async (req, res) => {
    twiml(res, await service.queueResult(parseVoiceParams(req.body)));
  });

  router.post('/voice/status', async (req, res) => {
    await service.statusCallback(parseVoiceParams(req.body));
    twiml(res, renderEmpty());
  });

  // Twilio's fallback URL: the primary failed, so touch nothing and speak.
  router.post('/voice/fallback', (_req, res) => {
    twiml(res, renderApology());
  });

  return router;
}

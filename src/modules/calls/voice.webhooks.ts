import { Router, type Response } from 'express';
import { renderEmpty, renderFallback } from '../ivr/index.js';
import type { CallEndService } from './call-end.service.js';
import type { ConnectService } from './connect.service.js';
import type { CallbackDialService } from './callback-dial.service.js';
import type { IvrCallService } from './ivr-call.service.js';
import type { QueueWaitService } from './queue-wait.service.js';
import type { VoicemailService } from './voicemail.service.js';
import { parseVoiceParams } from './voice.params.js';

/**
 * TwiML straight to the socket: the same Content-Type as res.type('text/xml').send(), without the
 * ETag (a hash of every answer, which Twilio never revalidates) and freshness checks of res.send.
 */
const twiml = (res: Response, body: string) => {
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
};

export interface VoiceServices {
  callbacks: CallbackDialService;
  connect: ConnectService;
  ivr: IvrCallService;
  wait: QueueWaitService;
  ended: CallEndService;
  voicemail: VoicemailService;
}

/** Twilio's doors: parse, call one service function, answer TwiML. Signatures are checked before. */
export function voiceWebhooks(s: VoiceServices): Router {
  const router = Router();
  const door = (path: string, handle: (query: unknown, params: ReturnType<typeof parseVoiceParams>) => Promise<string>) =>
    router.post(path, async (req, res) => twiml(res, await handle(req.query, parseVoiceParams(req.body))));

  door('/voice', (_q, p) => s.ivr.incoming(p));
  door('/voice/menu', (q, p) => s.ivr.menuAnswer(q, p));
  door('/voice/wait', (q, p) => s.wait.announcement(q, p));
  door('/voice/wait-key', (q, p) => s.wait.key(q, p));
  door('/voice/queue-result', (q, p) => s.wait.result(q, p));
  door('/voice/on-call-result', (q, p) => s.ended.onCallResult(q, p));
  door('/voice/connect', (q, p) => s.connect.bridge(q, p));
  door('/voice/connect-result', (q, p) => s.connect.result(q, p));
  door('/voice/hold', async (q) => s.connect.hold(q));
  door('/voice/goodbye', async (q) => s.connect.goodbye(q));
  door('/voice/callback-bridge', (q) => s.callbacks.bridge(q));
  door('/voice/callback-status', async (q, p) => {
    await s.callbacks.status(q, p);
    return renderEmpty();
  });
  door('/voice/voicemail-done', (q, p) => s.voicemail.done(q, p));
  door('/voice/status', async (_q, p) => {
    await s.ended.statusCallback(p);
    return renderEmpty();
  });
  door('/voice/recording', async (q, p) => {
    await s.voicemail.recordingCallback(q, p);
    return renderEmpty();
  });
  // Twilio's fallback URL: the primary failed, so touch nothing of ours, apologise and take a message.
  router.post('/voice/fallback', (_req, res) => twiml(res, renderFallback()));

  return router;
}

import express from 'express';
import { twilioSignatureCheck } from '../../src/platform/twilio/signature.middleware.js';
import { BASELINE_AUTH_TOKEN, BASELINE_PUBLIC_BASE_URL, listenBaseline, twilioForm } from './express-child.js';
import { serveChild } from './protocol.js';

const FIXED_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="es-MX">Bienvenido a ALHO Voz.</Say></Response>';

/** Baseline B: the least a correct webhook does: parse, check our signature over PUBLIC_BASE_URL, answer fixed TwiML. */
serveChild(async () => {
  const app = express();
  const twilio = express.Router();
  twilio.use(twilioForm());
  twilio.use(twilioSignatureCheck({ authToken: BASELINE_AUTH_TOKEN, publicBaseUrl: BASELINE_PUBLIC_BASE_URL }));
  twilio.post('/voice', (_req, res) => {
    res.type('text/xml').send(FIXED_TWIML);
  });
  app.use('/twilio', twilio);
  return listenBaseline(app);
});

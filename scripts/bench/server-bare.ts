import express from 'express';
import { listenBaseline, twilioForm } from './express-child.js';
import { serveChild } from './protocol.js';

/** Baseline A: the cheapest Express 5 route that parses a Twilio form body and answers TwiML. */
serveChild(async () => {
  const app = express();
  app.post('/bare', twilioForm(), (_req, res) => {
    res.type('text/xml').send('<Response/>');
  });
  return listenBaseline(app);
});

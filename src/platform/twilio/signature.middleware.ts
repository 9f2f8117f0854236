import type { RequestHandler } from 'express';
import { isValidSignature, type TwilioParams } from './signature.js';

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL + the original path and query, never against
 * the Host header: behind a proxy that rewrites host and scheme, the public URL is what Twilio signed.
 */
export function twilioSignatureCheck(options: { authToken: string; publicBaseUrl: string; onRejected?: () => void }): RequestHandler {
  return (req, res, next) => {
    const url = options.publicBaseUrl + req.originalUrl;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as TwilioParams;
    if (!isValidSignature(options.authToken, req.header('x-twilio-signature'), url, params)) {
      options.onRejected?.();
      res.status(403).type('text/plain').send('Invalid Twilio signature');
      return;
    }
    next();
  };
}

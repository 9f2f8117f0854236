import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { computeSignature } from '../../src/platform/twilio/signature.js';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

export interface SignedRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
  callSid: string;
}

/**
 * Signed Twilio voice requests, each one a distinct call: a CallSid never seen before
 * (`CA` + 32 hex: 8 random per factory + a 24-hex counter), a caller among 10 000 numbers,
 * signed over PUBLIC_BASE_URL + path (query included) exactly as Twilio signs.
 */
export function signedCalls(options: {
  authToken: string;
  publicBaseUrl: string;
  path: string;
  extra?: Record<string, string>;
  /**
   * Calls that already exist (LaunchedServer.seedCalls with the same prefix and count): request n is
   * about call n % count, with SequenceNumber 1 + n / count (rounded down), so that a call met again
   * is a later status callback of it, not a duplicate.
   */
  callSids?: { prefix: string; count: number };
}) {
  const prefix = options.callSids?.prefix ?? randomBytes(4).toString('hex');
  const cycle = options.callSids?.count;
  const signedUrl = options.publicBaseUrl + options.path;
  let seq = 0;
  const next = (): SignedRequest => {
    const n = seq++;
    const k = cycle ? n % cycle : n;
    const params: Record<string, string> = {
      CallSid: `CA${prefix}${k.toString(16).padStart(24, '0')}`,
      AccountSid: ACCOUNT_SID,
      From: `+1305555${String(n % 10_000).padStart(4, '0')}`,
      To: '+15005550006',
      CallStatus: 'ringing',
      ...options.extra,
      ...(cycle ? { SequenceNumber: String(1 + Math.floor(n / cycle)) } : {}),
    };
    return {
      path: options.path,
      body: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeSignature(options.authToken, signedUrl, params),
      },
      callSid: params.CallSid as string,
    };
  };
  return {
    next,
    get issued() {
      return seq;
    },
    /** For autocannon: rebuilds every request, so no two requests share a CallSid. */
    autocannonRequests(): autocannon.Request[] {
      return [
        {
          method: 'POST',
          path: options.path,
          setupRequest: (req) => {
            const r = next();
            return { ...req, method: 'POST', path: r.path, headers: r.headers, body: r.body };
          },
        },
      ];
    },
  };
}

export type CallFactory = ReturnType<typeof signedCalls>;

import { createHmac, timingSafeEqual } from 'node:crypto';

export type TwilioParams = Record<string, string | string[] | undefined>;

/**
 * Twilio's X-Twilio-Signature: HMAC-SHA1 keyed with the auth token over the full URL followed by
 * each POST parameter name and value, sorted by name (repeated values sorted, duplicates once).
 */
export function computeSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Twilio may sign the URL with or without the default port; accept either form. */
function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
  const variants = new Set([url]);
  // URL drops default ports when parsing, so build both spellings by hand around the host.
  const auth = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  const rest = `${parsed.pathname}${parsed.search}`;
  const hostNoPort = parsed.hostname;
  if (!parsed.port && defaultPort) {
    variants.add(`${parsed.protocol}//${auth}${hostNoPort}:${defaultPort}${rest}`);
    variants.add(`${parsed.protocol}//${auth}${hostNoPort}${rest}`);
  }
  return [...variants];
}

export function isValidSignature(authToken: string, signature: string | undefined, url: string, params: TwilioParams): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature, 'utf8');
  const matches = (candidate: string) => {
    const expected = Buffer.from(computeSignature(authToken, candidate, params), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  // The URL as given is the first variant and the usual match: parse it for the others only if it fails.
  if (matches(url)) return true;
  return urlVariants(url).some((candidate) => candidate !== url && matches(candidate));
}

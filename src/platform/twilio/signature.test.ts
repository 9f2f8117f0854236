import { describe, expect, it } from 'vitest';
import vectors from '../../../test-fixtures/twilio-signature-vectors.json' with { type: 'json' };
import { computeSignature, isValidSignature, type TwilioParams } from './signature.js';

const token = vectors.authToken;

describe('X-Twilio-Signature', () => {
  it.each(vectors.vectors.map((v, i) => [i, v] as const))('when vector %i is checked, then it is accepted', (_i, v) => {
    expect(isValidSignature(token, v.signature, v.url, v.params as TwilioParams)).toBe(true);
  });

  it.each(vectors.vectors.map((v, i) => [i, v] as const))('when a parameter of vector %i changes, then it is refused', (_i, v) => {
    const params = { ...(v.params as TwilioParams) };
    const key = Object.keys(params)[0] as string;
    const value = params[key];
    params[key] = Array.isArray(value) ? [...value, '+10000000000'] : `${value}0`;
    expect(isValidSignature(token, v.signature, v.url, params)).toBe(false);
  });

  it.each(vectors.vectors.map((v, i) => [i, v] as const))('when the URL of vector %i changes, then it is refused', (_i, v) => {
    expect(isValidSignature(token, v.signature, v.url.replace('foo=1', 'foo=2'), v.params as TwilioParams)).toBe(false);
    expect(isValidSignature(token, v.signature, v.url.replace('myapp.php', 'other.php'), v.params as TwilioParams)).toBe(false);
  });

  it('when a parameter is added, then the signature no longer matches', () => {
    const v = vectors.vectors[0] as (typeof vectors.vectors)[number];
    expect(isValidSignature(token, v.signature, v.url, { ...(v.params as TwilioParams), Extra: 'x' })).toBe(false);
  });

  it('when the signature is missing or signed with another token, then it is refused', () => {
    const v = vectors.vectors[0] as (typeof vectors.vectors)[number];
    expect(isValidSignature(token, undefined, v.url, v.params as TwilioParams)).toBe(false);
    expect(isValidSignature(token, computeSignature('other-token', v.url, v.params as TwilioParams), v.url, v.params as TwilioParams)).toBe(false);
  });
});

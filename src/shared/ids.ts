import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** URL-safe random token for sessions and similar secrets. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

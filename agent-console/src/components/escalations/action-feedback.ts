import { HttpError } from '../../api.js';

export type Feedback = { kind: 'done' | 'error'; text: string } | null;

/** The server's reason when it gave one (a 409 says why: closed, already acknowledged); else "try again". */
export function failureText(prefix: string, fallback: string, err: unknown): string {
  return err instanceof HttpError && err.status !== 0 && err.message ? `${prefix} ${err.message}` : fallback;
}

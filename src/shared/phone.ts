/**
 * Phone numbers as the hotline sees them. Twilio sends E.164 for most callers, but also
 * "anonymous", "restricted", "unknown" or digits without a plus. We never assume a country:
 * +504 (Honduras) and +1 (US) are both common, so a number without "+" is kept unrecognised.
 */
export type CallerNumber =
  | { kind: 'e164'; e164: string }
  | { kind: 'withheld' }
  | { kind: 'unrecognised' };

const E164 = /^\+[1-9]\d{6,14}$/;
const WITHHELD = new Set(['anonymous', 'restricted', 'unknown', 'unavailable', 'private', '266696687']);

export function parseCallerNumber(raw: string | undefined | null): CallerNumber {
  if (!raw) return { kind: 'withheld' };
  const trimmed = raw.trim();
  if (WITHHELD.has(trimmed.toLowerCase().replace(/^\+/, ''))) return { kind: 'withheld' };
  // Accept the usual human separators around a leading "+".
  const compact = trimmed.replace(/[\s().-]/g, '');
  if (E164.test(compact)) return { kind: 'e164', e164: compact };
  return { kind: 'unrecognised' };
}

/** What an agent sees of a number: the last four digits only. */
export function maskPhone(e164: string | null | undefined): string {
  if (!e164) return '—';
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 4) return '••••';
  return `•••• ${digits.slice(-4)}`;
}

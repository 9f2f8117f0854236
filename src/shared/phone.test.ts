import { describe, expect, it } from 'vitest';
import { maskPhone, parseCallerNumber } from './phone.js';

describe('caller numbers', () => {
  it('when Twilio sends E.164, then it is kept as is', () => {
    expect(parseCallerNumber('+50499887766')).toEqual({ kind: 'e164', e164: '+50499887766' });
    expect(parseCallerNumber('+1 (305) 555-0123')).toEqual({ kind: 'e164', e164: '+13055550123' });
  });

  it('when the number is withheld, then it is recognised as withheld', () => {
    for (const raw of ['anonymous', 'Restricted', '+266696687', '', undefined]) expect(parseCallerNumber(raw).kind).toBe('withheld');
  });

  it('when the number has no country code, then no country is assumed', () => {
    expect(parseCallerNumber('99887766').kind).toBe('unrecognised');
    expect(parseCallerNumber('not a number').kind).toBe('unrecognised');
  });

  it('when a number is shown, then only its last four digits are', () => {
    expect(maskPhone('+13055550123')).toBe('•••• 0123');
    expect(maskPhone(null)).toBe('—');
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
  return { logger: createLogger({ level: 'info', name: 't', destination: sink }), lines };
}

describe('logs', () => {
  it('when an object with phone numbers, names or credentials is logged, then those fields are redacted', () => {
    const { logger, lines } = capture();
    logger.info({ From: '+50499887766', body: { To: '+13055550123', name: 'María' }, user: { email: 'a@b.test', password: 'x' } }, 'm');
    const out = lines.join('');
    for (const secret of ['99887766', '3055550123', 'María', 'a@b.test', '"x"']) expect(out).not.toContain(secret);
    expect(out).toContain('"name":"t"');
  });

  it('when a case or person is logged whole by mistake, then its personal fields are redacted', () => {
    const { logger, lines } = capture();
    logger.info({ case: { number: 'AV-2026-000001', narrative: 'Detenida en Laredo', affected: { fullName: 'Karla Paz' } }, person: { dni: '0801199012345', birth_date: '1990-01-01' } }, 'm');
    const out = lines.join('');
    for (const secret of ['Laredo', 'Karla', '0801199012345', '1990-01-01']) expect(out).not.toContain(secret);
    expect(out).toContain('AV-2026-000001');
  });

  it('when a driver error carries the offending values in its detail, then only type, code and message are logged', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (email)=(maria@example.org) already exists.' });
    logger.error({ err }, 'failed');
    const out = lines.join('');
    expect(out).not.toContain('maria@example.org');
    expect(out).toContain('23505');
  });
});

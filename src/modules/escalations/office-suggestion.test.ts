import { describe, expect, it } from 'vitest';
import seed from './data/offices.seed.json' with { type: 'json' };
import { officeTimeZone, suggestOffice, type CaseFacts } from './office-suggestion.js';

const offices = seed.offices.map((o) => ({ id: o.id, name: o.name, kind: o.kind, country: o.country, jurisdiction: o.jurisdiction ?? [], lat: o.lat ?? null, lon: o.lon ?? null }));
const facts = (f: Partial<CaseFacts>): CaseFacts => ({ country: null, state: null, location: null, originDepartment: null, category: 'DOCUMENTOS', ...f });

describe('which office a case goes to', () => {
  it('when an office lists the state in its jurisdiction, then that office, by code or by name', () => {
    expect(suggestOffice(offices, facts({ country: 'US', state: 'VA' }))).toMatchObject({ office: { id: 'us-washington-seccion-consular' }, reason: 'jurisdiction' });
    expect(suggestOffice(offices, facts({ country: 'MX', state: 'Jalisco' }))).toMatchObject({ office: { id: 'mx-guadalajara' }, reason: 'jurisdiction' });
  });

  it('when no office lists the state, then the nearest consulate of that country, with the distance', () => {
    const s = suggestOffice(offices, facts({ country: 'MX', state: 'Oaxaca' }));
    expect(s?.reason).toBe('nearest');
    expect(s?.office.country).toBe('MX');
    expect(s?.explanation).toMatch(/km/);
  });

  it('when a detention case is in Texas, then the protection centre in Houston', () => {
    expect(suggestOffice(offices, facts({ country: 'US', state: 'TX', category: 'DETENCION' }))).toMatchObject({ office: { kind: 'ccpmh' }, reason: 'jurisdiction' });
    expect(suggestOffice(offices, facts({ country: 'US', state: 'TX', category: 'DOCUMENTOS' }))?.office.kind).not.toBe('ccpmh');
  });

  it('when the person is a returnee in Honduras, then the unit of their department, else the CAMR at the airport', () => {
    expect(suggestOffice(offices, facts({ country: 'HN', originDepartment: 'HN-OL' }))).toMatchObject({ office: { id: 'hn-umar-catacamas' }, reason: 'department' });
    expect(suggestOffice(offices, facts({ location: 'HN', originDepartment: 'HN-VA' }))).toMatchObject({ office: { id: 'hn-camr-sps' }, reason: 'department' });
  });

  it('when a returnee cannot go home because of violence, then the referral the agent chose, SEDH unless CONADEH', () => {
    expect(suggestOffice(offices, facts({ country: 'HN', category: 'DESPLAZ_VIOLENCIA' }))).toMatchObject({ office: { id: 'hn-sedh', kind: 'referral' } });
    expect(suggestOffice(offices, facts({ country: 'HN', category: 'DESPLAZ_VIOLENCIA', referral: 'CONADEH' }))?.office.id).toBe('hn-conadeh');
  });

  it('when nothing says where the person is, then no suggestion: the agent chooses', () => {
    expect(suggestOffice(offices, facts({}))).toBeNull();
    expect(suggestOffice(offices, facts({ country: 'US' }))).toBeNull();
  });

  it('when an office has no time zone, then one follows from its country and longitude', () => {
    expect(officeTimeZone({ time_zone: null, country: 'US', lon: -118.2 })).toBe('America/Los_Angeles');
    expect(officeTimeZone({ time_zone: null, country: 'US', lon: -95.4 })).toBe('America/Chicago');
    expect(officeTimeZone({ time_zone: 'America/Phoenix', country: 'US', lon: -112 })).toBe('America/Phoenix');
  });
});

import { describe, expect, it } from 'vitest';
import seed from './data/offices.seed.json' with { type: 'json' };
import { officeForPlace } from './office-directory.js';

const rows = seed.offices.map((o) => ({
  id: o.id, name: o.name, kind: o.kind, country: o.country, city: o.city ?? null, jurisdiction: o.jurisdiction ?? [],
  lat: o.lat ?? null, lon: o.lon ?? null, phone_e164: null, address: o.address ?? null, time_zone: null,
}));
const find = (said: string) => officeForPlace(rows, said);

describe('the consulate for a place a caller names', () => {
  it('when the caller names a city with a consulate, then that consulate', () => {
    expect(find('vivo en Houston')).toMatchObject({ office: { id: 'us-houston' }, rule: 'city' });
    expect(find('Nueva York')).toMatchObject({ office: { id: 'us-nueva-york' }, rule: 'city' });
    expect(find('new orleans')).toMatchObject({ office: { id: 'us-nueva-orleans' } });
    expect(find('Tapachula')).toMatchObject({ office: { id: 'mx-tapachula' } });
  });

  it('when the caller names a state an office lists, then the office of that jurisdiction', () => {
    expect(find('Carolina del Sur')).toMatchObject({ office: { id: 'us-charlotte' }, rule: 'jurisdiction' });
    expect(find('estoy en Chiapas')).toMatchObject({ office: { id: 'mx-tapachula' }, rule: 'jurisdiction' });
    expect(find('Tennessee')).toMatchObject({ office: { id: 'us-atlanta' }, rule: 'jurisdiction' });
  });

  it('when the state has an office in one of its cities, then that office', () => {
    expect(['us-houston', 'us-dallas', 'us-mcallen']).toContain(find('Texas')?.office.id);
  });

  it('when no office covers the state, then the nearest consulate of that country', () => {
    expect(find('Ohio')).toMatchObject({ office: { id: 'us-chicago' }, rule: 'nearest' });
    expect(find('Nuevo México')).toMatchObject({ office: { id: 'us-aurora-colorado' }, rule: 'nearest' });
    expect(find('Nuevo León')).toMatchObject({ office: { id: 'mx-san-luis-potosi' }, rule: 'nearest' });
  });

  it('when the place is unknown or empty, then nothing is guessed', () => {
    expect(find('no sé')).toBeNull();
    expect(find('')).toBeNull();
  });
});

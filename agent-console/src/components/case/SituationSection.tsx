import { useId, useMemo } from 'react';
import { FACILITY_TYPES } from '../../../../src/contracts/case-fields.js';
import { useI18n } from '../../i18n.js';
import { SelectField, TextField, optionsOf, type Option } from './fields.js';
import { OfficeField } from './OfficeField.js';

/** Where Honduran migrants mostly are, or pass through, or come back to. */
const COUNTRIES = ['US', 'MX', 'GT', 'SV', 'NI', 'CR', 'PA', 'BZ', 'HN', 'CA', 'ES', 'IT'] as const;

/** Where the affected person is and their legal situation: facility, numbers, dates, attorney; and the office in charge. */
export function SituationSection() {
  const { t, lang } = useI18n();
  const cw = t.cw;
  const f = cw.fields;
  const titleId = useId();
  // Country names come from the browser, in the console's language.
  const countries = useMemo<Option[]>(() => {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    return COUNTRIES.map((code) => ({ value: code, label: names.of(code) ?? code }));
  }, [lang]);
  return (
    <section className="case-section" aria-labelledby={titleId} data-testid="situation-section">
      <h3 id={titleId}>{cw.sections.situation}</h3>
      <div className="field-grid">
        <SelectField path="situation.country" label={f.country} options={countries} />
        <TextField path="situation.state" label={f.state} maxLength={100} />
        <TextField path="situation.city" label={f.city} maxLength={100} />
        <SelectField path="situation.facilityType" label={f.facilityType} options={optionsOf(FACILITY_TYPES, cw.facilityTypes)} />
        <TextField path="situation.facilityName" label={f.facilityName} maxLength={200} wide />
        <TextField path="situation.aNumber" label={f.aNumber} maxLength={12} mono />
        <TextField path="situation.bookingNumber" label={f.bookingNumber} maxLength={40} mono />
        <TextField path="situation.detainedOn" label={f.detainedOn} type="date" />
        <TextField path="situation.lastContactOn" label={f.lastContactOn} type="date" />
        <TextField path="situation.nextCourtOn" label={f.nextCourtOn} type="date" />
        <TextField path="situation.removalOn" label={f.removalOn} type="date" />
        <TextField path="situation.attorney" label={f.attorney} maxLength={200} wide />
        <OfficeField path="officeId" label={f.officeId} hint={f.officeIdHint} />
      </div>
    </section>
  );
}

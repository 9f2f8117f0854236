import { useId } from 'react';
import type { CaseDto } from '../../../../src/contracts/index.js';
import { PERSON_LANGUAGES, RELATIONSHIPS } from '../../../../src/contracts/case-fields.js';
import { useI18n } from '../../i18n.js';
import { useCaseForm } from './case-form.js';
import { CheckboxField, SelectField, TextField, optionsOf } from './fields.js';
import { PersonMerge } from './PersonMerge.js';

/** Who called: their relationship to the affected person, documents, callback number, consent. */
export function RequesterSection({ c, onChanged }: { c: CaseDto; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const cw = t.cw;
  const f = cw.fields;
  const form = useCaseForm();
  const titleId = useId();
  const self = form.draft.relationship === 'self';
  return (
    <section className="case-section" aria-labelledby={titleId} data-testid="requester-section">
      <h3 id={titleId}>{cw.sections.requester}</h3>
      <div className="field-grid">
        <SelectField path="relationship" label={f.relationship} options={optionsOf(RELATIONSHIPS, cw.relationships)} wide />
        {self
          ? <p className="hint field-wide">{cw.sameAsAffected}</p>
          : (
            <>
              <TextField path="requester.fullName" label={f.fullName} maxLength={200} wide />
              <TextField path="requester.dni" label={f.dni} inputMode="numeric" maxLength={20} mono />
              <TextField path="requester.passport" label={f.passport} maxLength={30} mono />
              <SelectField path="requester.language" label={f.language} options={optionsOf(PERSON_LANGUAGES, cw.personLanguages)} />
            </>
          )}
        <TextField path="requester.phone" label={f.phone} hint={f.phoneHint} type="tel" inputMode="tel" maxLength={30} mono />
        <fieldset className="field field-wide check-group" disabled={form.readOnly}>
          <legend>{f.consent}</legend>
          <div className="check-list">
            <CheckboxField path="consent.consulate" label={f.consentConsulate} />
            <CheckboxField path="consent.hostAuthorities" label={f.consentHost} />
          </div>
          <p className="hint" data-testid="consent-recorded">
            {c.consent.recordedAt ? f.consentRecorded(formatDateTime(c.consent.recordedAt)) : f.consentNotRecorded}
          </p>
        </fieldset>
      </div>
      {c.requester && !self && !form.readOnly && <PersonMerge person={c.requester} onMerged={onChanged} />}
    </section>
  );
}

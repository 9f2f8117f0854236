import { useId } from 'react';
import type { CaseDto } from '../../../../src/contracts/index.js';
import { HN_DEPARTMENTS, PERSON_LANGUAGES, SEXES, VULNERABILITIES } from '../../../../src/contracts/case-fields.js';
import { useI18n } from '../../i18n.js';
import { useCaseForm } from './case-form.js';
import { CheckboxField, CheckboxGroup, SelectField, TextField, optionsOf } from './fields.js';
import { PersonMerge } from './PersonMerge.js';

const DEPARTMENTS = Object.entries(HN_DEPARTMENTS).map(([value, label]) => ({ value, label }));

/** The person the case is about: identity, origin, vulnerability and language. */
export function AffectedSection({ c, onChanged }: { c: CaseDto; onChanged: () => void }) {
  const { t } = useI18n();
  const cw = t.cw;
  const f = cw.fields;
  const form = useCaseForm();
  const titleId = useId();
  return (
    <section className="case-section" aria-labelledby={titleId} data-testid="affected-section">
      <h3 id={titleId}>{cw.sections.affected}</h3>
      <div className="field-grid">
        <TextField path="affected.fullName" label={f.fullName} maxLength={200} wide />
        <TextField path="affected.aliases" label={f.aliases} hint={f.listHint} maxLength={1000} wide />
        <SelectField path="affected.sex" label={f.sex} options={optionsOf(SEXES, cw.sexes)} />
        <TextField path="affected.birthDate" label={f.birthDate} type="date" />
        <TextField path="affected.dni" label={f.dni} inputMode="numeric" maxLength={20} mono />
        <TextField path="affected.passport" label={f.passport} maxLength={30} mono />
        <TextField path="affected.otherDocuments" label={f.otherDocuments} hint={f.listHint} maxLength={500} wide />
        <TextField path="affected.originMunicipality" label={f.originMunicipality} maxLength={100} />
        <SelectField path="affected.originDepartment" label={f.originDepartment} options={DEPARTMENTS} />
        <SelectField path="affected.language" label={f.language} options={optionsOf(PERSON_LANGUAGES, cw.personLanguages)} />
        <div className="field field-check">
          <CheckboxField path="affected.interpreterNeeded" label={f.interpreterNeeded} />
        </div>
        <CheckboxGroup path="affected.vulnerabilities" legend={f.vulnerabilities} hint={f.vulnerabilitiesHint} options={optionsOf(VULNERABILITIES, cw.vulnerabilities)} />
      </div>
      {c.affected && !form.readOnly && <PersonMerge person={c.affected} onMerged={onChanged} />}
    </section>
  );
}

import { useId } from 'react';
import { CATEGORIES, type Category } from '../../../../src/contracts/domain.js';
import { CATEGORY_FIELDS, SUBCATEGORIES } from '../../../../src/contracts/case-fields.js';
import { useI18n } from '../../i18n.js';
import { useCaseForm } from './case-form.js';
import { SelectField, TextField, optionsOf } from './fields.js';

const PRIORITIES = ['1', '2', '3', '4'] as const;

/** Category, subcategory and priority with its reason, then the fields the category adds. */
export function CategorySection() {
  const { t } = useI18n();
  const cw = t.cw;
  const f = cw.fields;
  const form = useCaseForm();
  const titleId = useId();
  const fieldsTitleId = useId();
  const category = form.draft.category as Category;
  const subcategories = SUBCATEGORIES[category] ?? [];
  const extra = CATEGORY_FIELDS[category] ?? [];
  return (
    <>
      <section className="case-section" aria-labelledby={titleId} data-testid="category-section">
        <h3 id={titleId}>{cw.sections.category}</h3>
        <div className="field-grid">
          <SelectField path="category" label={f.category} options={optionsOf(CATEGORIES, t.categories)} required />
          {subcategories.length > 0 && <SelectField path="subcategory" label={f.subcategory} options={optionsOf(subcategories, cw.subcategories)} />}
          <SelectField path="priority" label={f.priority} options={PRIORITIES.map((p) => ({ value: p, label: t.priorityLabel(Number(p)) }))} required />
          <TextField path="priorityReason" label={f.priorityReason} maxLength={300} wide />
        </div>
      </section>
      <section className="case-section" aria-labelledby={fieldsTitleId} data-testid="category-fields-section">
        <h3 id={fieldsTitleId}>{cw.sections.categoryFields}</h3>
        {extra.length === 0
          ? <p className="muted">{cw.noCategoryFields}</p>
          : (
            <div className="field-grid">
              {extra.map((def) => {
                const path = `categoryFields.${def.key}`;
                const label = cw.categoryFields[def.key] ?? def.key;
                if (def.kind === 'choice') return <SelectField key={path} path={path} label={label} options={optionsOf(def.choices ?? [], cw.categoryChoices)} />;
                return <TextField key={path} path={path} label={label} type={def.kind === 'date' ? 'date' : 'text'} maxLength={1000} wide={def.kind === 'text'} />;
              })}
            </div>
          )}
      </section>
    </>
  );
}

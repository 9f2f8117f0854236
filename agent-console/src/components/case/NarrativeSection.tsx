import { useId } from 'react';
import { REQUEST_TYPES } from '../../../../src/contracts/case-fields.js';
import { useI18n } from '../../i18n.js';
import { CheckboxGroup, TextArea, optionsOf } from './fields.js';

/** What happened, in the caller's words as the agent wrote them, and what is asked of us. */
export function NarrativeSection() {
  const { t } = useI18n();
  const cw = t.cw;
  const titleId = useId();
  return (
    <section className="case-section" aria-labelledby={titleId} data-testid="narrative-section">
      <h3 id={titleId}>{cw.sections.narrative}</h3>
      <div className="field-grid">
        <TextArea path="narrative" label={cw.fields.narrative} maxLength={10_000} rows={6} />
        <TextArea path="request" label={cw.fields.request} maxLength={2000} rows={3} />
        <CheckboxGroup path="requestTypes" legend={cw.fields.requestTypes} options={optionsOf(REQUEST_TYPES, cw.requestTypes)} />
      </div>
    </section>
  );
}

import { OfficeSelect } from '../escalations/OfficeSelect.js';
import { useCaseForm } from './case-form.js';
import { FieldShell } from './fields.js';

/** The office a case is for, picked from the directory (GET /api/offices) rather than typed as a code. */
export function OfficeField({ path, label, hint }: { path: string; label: string; hint?: string }) {
  const form = useCaseForm();
  const value = form.draft[path];
  return (
    <FieldShell path={path} label={label} hint={hint} wide>
      {(a11y) => <OfficeSelect {...a11y} value={typeof value === 'string' ? value : ''} emptyLabel="—" onChange={(id) => form.set(path, id)} />}
    </FieldShell>
  );
}

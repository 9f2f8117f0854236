import { z } from 'zod';
import { fieldMessage, normalisePhone, type FieldIssue } from '../../contracts/case-fields.js';
import type { Language } from '../../contracts/domain.js';
import type { BlockNumberRequest } from '../../contracts/rest.js';
import { issuePath, problemOf, unstorablePath } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';

const MAX_MINUTES = 60 * 24 * 90;

const blockSchema = z.object({ phone: z.string().max(30), minutes: z.number().int().min(5).max(MAX_MINUTES), reason: z.string().trim().min(3).max(300) }).strict();

/** What a supervisor is told when a field is refused; the phone's own problems are the shared ones (case-fields). */
const REFUSALS: Record<'minutes' | 'reason', Record<Language, string>> = {
  minutes: { es: 'Elija una duración de 5 minutos a 90 días.', en: 'Choose a duration from 5 minutes to 90 days.' },
  reason: { es: 'Escriba el motivo: de 3 a 300 caracteres.', en: 'Give the reason: 3 to 300 characters.' },
};

/** The request, or one refusal (422) naming every wrong field in the supervisor's language. */
export function parseBlock(body: unknown, language: Language): BlockNumberRequest {
  const issues: FieldIssue[] = [];
  const parsed = blockSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issuePath(issue);
      const problem = problemOf(issue);
      const own = path === 'minutes' || path === 'reason' ? REFUSALS[path][language] : null;
      issues.push({ path, problem, message: own ?? fieldMessage(problem, language) });
    }
  }
  // A NUL (or half a surrogate pair) in the reason cannot be stored: refused with the other fields, not a 500.
  const unstorable = parsed.success ? unstorablePath(parsed.data) : null;
  if (unstorable) issues.push({ path: unstorable, problem: 'not_allowed', message: fieldMessage('not_allowed', language) });
  const raw = (body as { phone?: unknown } | null)?.phone;
  let phone: string | null = null;
  if (typeof raw === 'string' && raw.length <= 30) {
    const checked = raw.trim() === '' ? ({ ok: false, problem: 'required' } as const) : normalisePhone(raw);
    if (checked.ok) phone = checked.value;
    else issues.push({ path: 'phone', problem: checked.problem, message: fieldMessage(checked.problem, language) });
  }
  if (!parsed.success || phone === null || issues.length) {
    const summary = language === 'es' ? 'Revise los datos marcados' : 'Check the marked fields';
    throw new AppError('validation_failed', `${summary}: ${issues.map((f) => `${f.path}: ${f.message}`).join(' ')}`, { details: issues });
  }
  return { ...parsed.data, phone };
}

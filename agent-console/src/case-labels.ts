import { fieldMessage, type FieldProblem } from '../../src/contracts/case-fields.js';
import type { Language } from '../../src/contracts/index.js';
import type { DraftProblem } from './case-draft.js';
import type { Messages } from './i18n.js';

const known = (map: Record<string, string>, key: string): string | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** A field path as the server and the draft name it ('affected.dni'), in words. */
export function fieldLabel(t: Messages, path: string): string {
  const cw = t.cw;
  const [group = '', key = ''] = path.split(/\.(.*)/s);
  const fields = cw.fields as unknown as Record<string, string>;
  if (group === 'requester' || group === 'affected') {
    const section = cw.sections[group];
    return key ? `${section}: ${known(fields, key) ?? key}` : section;
  }
  if (group === 'categoryFields') return known(cw.categoryFields, key) ?? key;
  if (group === 'situation') return known(fields, key) ?? key;
  return known(fields, group) ?? path;
}

/** What is wrong with a field, in the console's language (the shared rules' own wording). */
export function problemText(t: Messages, lang: Language, problem: DraftProblem): string {
  return problem === 'a_number' ? t.cw.problems.a_number : fieldMessage(problem as FieldProblem, lang);
}

/** A code from the server (a reason, a subcategory...) in words, or as it came when this console does not know it. */
export const labelOf = (map: Record<string, string>, code: string): string => known(map, code) ?? code;

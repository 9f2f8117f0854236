import { createContext, useContext } from 'react';
import type { Draft, DraftValue } from '../../case-draft.js';

/** What every field of the case editor reads and writes, by its path ('affected.dni'). */
export interface CaseForm {
  /** Unique per editor: the case panel and "my call" may show the same case at once. */
  idPrefix: string;
  draft: Draft;
  readOnly: boolean;
  set: (path: string, value: DraftValue) => void;
  /** The message for a field that is wrong, in the console's language; null when it is fine. */
  error: (path: string) => string | null;
}

export const CaseFormContext = createContext<CaseForm | null>(null);

export function useCaseForm(): CaseForm {
  const form = useContext(CaseFormContext);
  if (!form) throw new Error('a case field outside the case editor');
  return form;
}

/** Test ids and element ids follow the path: 'affected.dni' -> 'affected-dni'. */
export const slug = (path: string): string => path.replace(/\./g, '-');

/** Lower case, no accents, letters and digits only: how spoken words are compared. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `phrase` stands in `text` as whole words. */
export const hasWords = (text: string, phrase: string): boolean => ` ${text} `.includes(` ${phrase} `);

/**
 * Text PostgreSQL cannot keep: a NUL character (refused in text and JSON columns alike) or half of a
 * surrogate pair (refused in JSON columns, silently replaced in text ones). Refused at the edge, never
 * left to fail in the database as a 500.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

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

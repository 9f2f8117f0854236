import type { Language } from '../../contracts/domain.js';
import type { MenuNode } from './flow.types.js';
import { hasWords, normalise } from '../../shared/text.js';

/** Below this, Twilio's own confidence says the words are a guess: ask again rather than act on them. */
export const MIN_SPEECH_CONFIDENCE = 0.3;

const SPOKEN_DIGITS: Record<Language, Record<string, string>> = {
  es: { cero: '0', uno: '1', una: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', siete: '7', nueve: '9' },
  en: { zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', seven: '7', nine: '9' },
};

const GLOBAL_WORDS: Record<Language, Record<string, string>> = {
  es: { agente: '0', operador: '0', operadora: '0', persona: '0', asesor: '0', repetir: '9', repita: '9' },
  en: { agent: '0', operator: '0', person: '0', representative: '0', repeat: '9' },
};

const hasPhrase = (haystack: string, phrase: string): boolean => hasWords(haystack, phrase) || (phrase.length >= 5 && haystack.includes(phrase));

/**
 * Maps what a caller said to a key of the current menu: a spoken digit, an option's words
 * (in either language, callers mix them), or a word that means "agent" or "repeat".
 * Option words win over global words: "persona detenida" means detention, not "a person".
 */
export function matchSpeech(node: MenuNode, lang: Language, said: string): string | null {
  const text = normalise(said);
  if (!text) return null;
  const other: Language = lang === 'es' ? 'en' : 'es';
  for (const l of [lang, other]) {
    for (const [word, key] of Object.entries(SPOKEN_DIGITS[l])) if (text === word || text === `${word}.`) return key;
  }
  if (/^\d$/.test(text)) return text;
  for (const l of [lang, other]) {
    for (const option of node.options) {
      if (option.speech[l].some((phrase) => hasPhrase(text, phrase))) return option.key;
    }
  }
  for (const l of [lang, other]) {
    for (const [word, key] of Object.entries(GLOBAL_WORDS[l])) if (hasPhrase(text, word)) return key;
  }
  return null;
}

/** Words to bias Twilio's recogniser towards this menu's answers. */
export function speechHints(node: MenuNode, lang: Language): string[] {
  const words = new Set<string>(Object.keys(GLOBAL_WORDS[lang]));
  for (const option of node.options) for (const w of option.speech[lang]) words.add(w);
  return [...words];
}

import type { Category, Language, LocationAnswer, Priority } from '../../contracts/domain.js';

export type Text = Record<Language, string>;
export type Key = '1' | '2' | '3' | '4' | '5' | '7';

/** Where an answer leads. Targets are data so that a flow can be checked before it goes live. */
export type Target =
  | { go: string }
  | { agent: { category: Category; priority: Priority; reason: string } }
  | { language: Language; go: string }
  | { location: LocationAnswer; go: string };

export interface MenuOption {
  key: Key;
  /** Words a caller may say instead of pressing the key, without accents, lower case. */
  speech: Record<Language, string[]>;
  then: Target;
}

export interface MenuNode {
  id: string;
  /** Spoken once, when the call arrives (the greeting). */
  intro?: Text;
  prompt: Text;
  options: MenuOption[];
  /** What 0, two silences or two wrong answers lead to from this node. */
  agent: { category: Category; priority: Priority; reason: string };
  /** Where 1 leads from an information answer ("back to the main menu"). */
  isInfo?: boolean;
}

export interface Flow {
  start: string;
  nodes: Record<string, MenuNode>;
  messages: {
    notUnderstood: Text;
    noInput: Text;
    toAgent: Text;
    infoFooter: Text;
  };
}

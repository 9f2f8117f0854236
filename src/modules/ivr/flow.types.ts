import type { Category, Language, LocationAnswer, Priority } from '../../contracts/domain.js';

export type Text = Record<Language, string>;
export type Key = '1' | '2' | '3' | '4' | '5' | '7';

/** What a caller asked a person for: the case it opens, and why. */
export interface AgentRequest {
  category: Category;
  priority: Priority;
  reason: string;
  /** Ask whether the affected person is vulnerable before queueing; "yes" raises the priority one level. */
  askVulnerability?: boolean;
}

/** Where an answer leads. Targets are data so that a flow can be checked before it goes live. */
export type Target =
  | { go: string }
  | { agent: AgentRequest }
  | { language: Language; go: string }
  | { location: LocationAnswer; go: string }
  | { callback: true }
  | { voicemail: true }
  /** On the vulnerability question: queue the pending request, raised one level or as it was. */
  | { pending: 'raise' | 'keep' };

export interface MenuOption {
  key: Key;
  /** Words a caller may say instead of pressing the key, without accents, lower case. */
  speech: Record<Language, string[]>;
  then: Target;
}

/**
 * menu: options by key or speech. info: an answer read to the caller, then repeat (9), agent (0),
 * main menu (1) or the same text by SMS (2). caseNumber: the caller keys a case number and #.
 * officeLookup: the caller says their city or state and hears their consulate from the directory.
 */
export type NodeKind = 'menu' | 'info' | 'caseNumber' | 'officeLookup';

export interface MenuNode {
  id: string;
  kind?: NodeKind;
  /** Spoken once, when the call arrives (the greeting). */
  intro?: Text;
  prompt: Text;
  options: MenuOption[];
  /** What 0, two silences or two wrong answers lead to from this node. */
  agent: AgentRequest;
}

/** Nodes the step function enters by itself; every flow must define them. */
export const RESERVED_NODES = ['vulnerability', 'after_hours', 'case_number', 'case_result', 'consulate_place', 'consulate_result'] as const;

/** In the prompt of consulate_result, replaced by the office found (name, address, phone). */
export const OFFICE_PLACEHOLDER = '{office}';

export interface Flow {
  start: string;
  nodes: Record<string, MenuNode>;
  messages: {
    notUnderstood: Text;
    noInput: Text;
    useKeypad: Text;
    toAgent: Text;
    infoFooter: Text;
    smsSent: Text;
    smsUnavailable: Text;
    afterHours: Text;
    caseNotFound: Text;
    placeNotFound: Text;
    /** Read for a found case; {number} is replaced by the case number. One per case status. */
    caseStatus: Record<'new' | 'in_progress' | 'waiting_caller' | 'escalated' | 'resolved' | 'closed', Text>;
  };
}

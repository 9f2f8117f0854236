import type { Language } from '../../src/contracts/index.js';
import type { Weekday } from './i18n.js';

/**
 * The settings as GET /api/settings returns them. They are not part of the shared contracts, so
 * the console describes only what it edits; everything else in a value is sent back unchanged.
 */
export interface Interval { open: string; close: string }
export interface Hours { weekly: Record<Weekday, Interval[]> }
export interface Holiday { date: string; name: string }
export interface OnCall { number: string | null }
export interface QueueSettings { maxWaitSeconds: number; defaultSecondsPerCaller: number }

export type Text = Record<Language, string>;

export interface FlowNode {
  id: string;
  kind?: string;
  intro?: Text;
  prompt: Text;
  options: unknown[];
  agent: unknown;
  [more: string]: unknown;
}

export interface Flow {
  start: string;
  nodes: Record<string, FlowNode>;
  messages: unknown;
  [more: string]: unknown;
}

/** Texts to callers; placeholders {caseNumber} and, for status changes, {status}. */
export interface SmsSettings {
  sendOnCaseOpened: boolean;
  templates: { caseOpened: Text; statusChanged: Text };
}
export interface RetentionSettings { personalDataDays: number }

/** How long an office has from when an escalation is sent: minutes, the end of its day, or working days (Monday to Friday). */
export type DeadlineRule = { minutes: number } | { endOfDay: true } | { workingDays: number };
export type DeadlinePriority = '1' | '2' | '3' | '4';
export interface EscalationDeadlines {
  byPriority: Record<DeadlinePriority, { ack: DeadlineRule; action: DeadlineRule | null }>;
  /** Share of the time allowed after which the office is reminded (0.1 to 0.95). */
  remindAt: number;
}

export interface HotlineSettings {
  hours: Hours;
  holidays: Holiday[];
  onCall: OnCall;
  queue: QueueSettings;
  sms: SmsSettings;
  retention: RetentionSettings;
  escalationDeadlines: EscalationDeadlines;
  flow: Flow;
}

export type SettingKey = keyof HotlineSettings;

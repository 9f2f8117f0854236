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

/** Reports: T of the service level (5 to 3600 s), and the open data's smallest published count (2 to 100). */
export interface ReportSettings { serviceLevelSeconds: number; suppressBelow: number }

/** When a wallboard figure turns amber or red. */
export interface Band { amber: number; red: number }
export interface WallboardSettings {
  /** Shares (0 to 1), higher is better: below amber it turns amber, below red, red (red ≤ amber). */
  serviceLevel: Band;
  /** Shares (0 to 1), lower is better: above amber, amber; above red, red (red ≥ amber). */
  abandonmentRate: Band;
  /** Seconds, lower is better (red ≥ amber). */
  longestWaitS: Band;
}

/** Floods and toll fraud: calls from one number in an hour (1 to 1000) before it hears a recorded message instead. */
export interface AbuseSettings { maxCallsPerHour: number }

export interface HotlineSettings {
  hours: Hours;
  holidays: Holiday[];
  onCall: OnCall;
  queue: QueueSettings;
  sms: SmsSettings;
  retention: RetentionSettings;
  escalationDeadlines: EscalationDeadlines;
  reports: ReportSettings;
  wallboard: WallboardSettings;
  abuse: AbuseSettings;
  flow: Flow;
}

export type SettingKey = keyof HotlineSettings;

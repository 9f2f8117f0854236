import type { Category, Language } from '../../src/contracts/index.js';
import { request } from './api.js';

// Not in the shared contracts (src/contracts) yet: what GET /api/reports/* answer (src/modules/reports).

export type Granularity = 'day' | 'week' | 'month';
/** The dimensions GET /api/reports/cases counts by (STAT_DIMENSIONS on the server). */
export const CASE_DIMENSIONS = ['category', 'priority', 'country', 'state', 'department', 'sex', 'ageBand', 'minor', 'month'] as const;
export type CaseDimension = (typeof CASE_DIMENSIONS)[number];

/** What a report covers: the hotline's days, `to` included. */
export interface ReportFilters {
  from: string;
  to: string;
  category: Category | '';
  office: string;
  granularity: Granularity;
}

export interface CallsRowDto {
  /** The first day of the period, YYYY-MM-DD (a Monday for weeks, the 1st for months). */
  period: string;
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  shortAbandoned: number;
  callbacks: number;
  voicemails: number;
  /** 0..1; null when no call counted towards it. */
  serviceLevel: number | null;
  abandonmentRate: number | null;
  asaS: number | null;
  talkS: number | null;
}

export interface CallsReportDto {
  serviceLevelSeconds: number;
  /** The server's own wording (English), keyed by measure. */
  formulas: Record<string, string>;
  rows: CallsRowDto[];
}

export interface CasesReportDto {
  by: CaseDimension;
  rows: { key: string | null; count: number }[];
}

export interface EscalationsRowDto {
  officeId: string;
  officeName: string;
  sent: number;
  acknowledged: number;
  closed: number;
  breached: number;
  ackMinutesAvg: number | null;
  closeHoursAvg: number | null;
}

export interface AgentsRowDto {
  agentId: string;
  agentName: string;
  handled: number;
  talkSAvg: number | null;
}

type Section = 'calls' | 'cases' | 'escalations' | 'agents' | 'open-data';

/** The query of one report: the filters each route takes, empty ones left out. */
export function reportQuery(section: Section, f: ReportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to });
  // Open data is the same for everyone: by month over the whole hotline, never narrowed.
  if (section !== 'open-data') {
    if (f.category) params.set('category', f.category);
    if (f.office) params.set('office', f.office);
  }
  if (section === 'calls') params.set('granularity', f.granularity);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** Where a section's CSV downloads from: the same filters, format=csv (the server names the file). */
export const reportCsvUrl = (section: Section, f: ReportFilters, extra: Record<string, string> = {}): string =>
  `/api/reports/${section}?${reportQuery(section, f, { ...extra, format: 'csv' })}`;

/** `language` goes out as Accept-Language, so that refusals (422) come in the console's language where the server has it. */
export const reportApi = {
  calls: (f: ReportFilters, lang: Language) => request<CallsReportDto>('GET', `/api/reports/calls?${reportQuery('calls', f)}`, undefined, lang),
  cases: (f: ReportFilters, by: CaseDimension, lang: Language) =>
    request<CasesReportDto>('GET', `/api/reports/cases?${reportQuery('cases', f, { by })}`, undefined, lang),
  escalations: (f: ReportFilters, lang: Language) =>
    request<{ rows: EscalationsRowDto[] }>('GET', `/api/reports/escalations?${reportQuery('escalations', f)}`, undefined, lang),
  agents: (f: ReportFilters, lang: Language) =>
    request<{ rows: AgentsRowDto[] }>('GET', `/api/reports/agents?${reportQuery('agents', f)}`, undefined, lang),
};

/** A YYYY-MM-DD day moved by `days` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day of the period starting on `start`. */
export function periodEnd(start: string, granularity: Granularity): string {
  if (granularity === 'day') return start;
  if (granularity === 'week') return addDays(start, 6);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

/** The days of a period that the report covers: a week or month may begin before `from` or end after `to`. */
export function periodWithin(start: string, granularity: Granularity, f: Pick<ReportFilters, 'from' | 'to'>): { from: string; to: string } {
  const end = periodEnd(start, granularity);
  return { from: start < f.from ? f.from : start, to: end > f.to ? f.to : end };
}

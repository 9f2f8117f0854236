import { HN_DEPARTMENTS } from '../../src/contracts/case-fields.js';
import type { Language } from '../../src/contracts/index.js';
import { labelOf } from './case-labels.js';
import { formatDuration } from './format.js';
import { LOCALES, type Messages } from './i18n.js';
import type { CallsRowDto, CaseDimension, Granularity } from './report-api.js';

/** Numbers as the console's language writes them; a missing figure is a dash, never a zero. */
export function reportFormats(lang: Language, none: string) {
  const locale = LOCALES[lang];
  const int = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Calendar days: formatted in UTC so that the day written is the day the server named.
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const shortDay = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  return {
    int: (n: number) => int.format(n),
    pct: (n: number | null) => (n === null ? none : pct.format(n)),
    dec: (n: number | null) => (n === null ? none : dec.format(n)),
    duration: (s: number | null) => (s === null ? none : formatDuration(s)),
    day: (d: string) => day.format(at(d)),
    shortDay: (d: string) => shortDay.format(at(d)),
    month: (d: string) => month.format(at(d)),
  };
}
export type ReportFormats = ReturnType<typeof reportFormats>;

/** A period of the calls report in words: its day, the week it starts, or its month. */
export function periodLabel(t: Messages, f: ReportFormats, period: string, granularity: Granularity, short = false): string {
  if (granularity === 'month') return f.month(period);
  const d = short ? f.shortDay(period) : f.day(period);
  return granularity === 'week' ? t.rep.calls.week(d) : d;
}

/** A value of a case dimension in words; values this console does not know are shown as they came. */
export function caseKeyLabel(t: Messages, lang: Language, f: ReportFormats, by: CaseDimension, key: string | null): string {
  if (key === null || key === '') return t.rep.cases.unknown;
  switch (by) {
    case 'category': return labelOf(t.categories, key);
    case 'priority': return /^\d$/.test(key) ? t.priorityLabel(Number(key)) : key;
    case 'sex': return labelOf(t.cw.sexes, key);
    case 'ageBand': return t.rep.cases.ageBand(key);
    case 'minor': return labelOf(t.rep.cases.minor, key);
    case 'department': return labelOf(HN_DEPARTMENTS, key);
    case 'month': return /^\d{4}-\d{2}$/.test(key) ? f.month(`${key}-01`) : key;
    case 'country': {
      if (Object.hasOwn(t.rep.cases.countries, key)) return labelOf(t.rep.cases.countries, key);
      if (!/^[A-Z]{2}$/.test(key)) return key;
      try {
        return new Intl.DisplayNames([lang], { type: 'region' }).of(key) ?? key;
      } catch {
        return key;
      }
    }
    default: return key;
  }
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);
const weighted = (rows: readonly CallsRowDto[], pick: (r: CallsRowDto) => number | null): number | null => {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const v = pick(r);
    if (v === null || r.answered === 0) continue;
    sum += v * r.answered;
    n += r.answered;
  }
  return n > 0 ? Math.round((sum / n) * 10) / 10 : null;
};

/** The whole range in one row: counts added up, rates by the server's formulas, means weighted by answered calls. */
export function callsTotal(rows: readonly CallsRowDto[]): Omit<CallsRowDto, 'period'> {
  const sum = (k: 'offered' | 'answered' | 'answeredWithin' | 'abandoned' | 'shortAbandoned' | 'callbacks' | 'voicemails') =>
    rows.reduce((s, r) => s + r[k], 0);
  const offered = sum('offered');
  const shortAbandoned = sum('shortAbandoned');
  const callbacks = sum('callbacks');
  const answeredWithin = sum('answeredWithin');
  const abandoned = sum('abandoned');
  return {
    offered, answered: sum('answered'), answeredWithin, abandoned, shortAbandoned, callbacks, voicemails: sum('voicemails'),
    serviceLevel: ratio(answeredWithin, offered - shortAbandoned - callbacks),
    abandonmentRate: ratio(abandoned, offered),
    asaS: weighted(rows, (r) => r.asaS),
    talkS: weighted(rows, (r) => r.talkS),
  };
}

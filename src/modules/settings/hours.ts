import { DAYS, type Holidays, type Hours } from './settings.schemas.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, at: Date) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday: String(p.weekday).toLowerCase().slice(0, 3) };
}

/** Whether the hotline is open at `at`, in its own time zone: weekly hours, minus holidays. */
export function isOpen(hours: Hours, holidays: Holidays, at: Date, timeZone: string): boolean {
  const local = partsIn(timeZone, at);
  if (holidays.some((h) => h.date === local.date)) return false;
  const day = DAYS.find((d) => d === local.weekday);
  if (!day) return false;
  return hours.weekly[day].some((i) => i.open <= local.time && local.time < i.close);
}

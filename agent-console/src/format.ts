/** Elapsed time as mm:ss; minutes keep counting past 59 because long waits must stand out, not wrap. */
export function formatWait(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const mm = Math.floor(total / 60);
  const ss = total % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

export function formatMenuPath(path: readonly string[]): string {
  return path.length ? path.join(' › ') : '—';
}

/** A recording's length as m:ss; unknown lengths show a dash. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD in the hotline's time zone: the last day a birth or a detention may be on. */
export function hotlineToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Tegucigalpa', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

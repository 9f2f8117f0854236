import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarize(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? Number.NaN;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

/** (max - min) / median, as a fraction. */
export const spread = (xs: readonly number[]) => (xs.length < 2 ? 0 : (Math.max(...xs) - Math.min(...xs)) / median(xs));

export function table(headers: string[], rows: string[][], alignRight: (col: number) => boolean = (c) => c > 0): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (alignRight(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (alignRight(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

export const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)) : '-');
export const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What the figures were measured on, written beside them (these machines are shared and vary). */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAvgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench-results');

/** Writes one bench's results as bench-results/<name> (NaN and infinities become null, as JSON has them). */
export async function saveResult(name: string, data: unknown): Promise<string> {
  await mkdir(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/**
 * The fields a bench's result file opens with, so that every file says alike when it ran, for how
 * long, and on what machine (with the load average at its end, as finishReport returned it).
 */
export function resultHeader<M extends object>(started: number, machine: M, loadAvgAtEnd: number[]) {
  return { timestamp: new Date(started).toISOString(), durationS: (Date.now() - started) / 1000, machine: { ...machine, loadAvgAtEnd } };
}

/** The last line of a bench's report (how long it took, the load average now), printed with the rest. */
export function finishReport(out: string[], started: number): number[] {
  const loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  out.push(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end ${loadAvgAtEnd.join(' ')}`);
  console.log(out.join('\n'));
  return loadAvgAtEnd;
}

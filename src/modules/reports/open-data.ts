/** A published count: null when it is too small to publish without singling someone out. */
export interface OpenDataCell { month: string; key: string | null; count: number | null }

/**
 * Suppression for the observatory's open data. Counts under `below` are withheld; and when a month's
 * table would withhold a single cell, the next smallest is withheld too, because every table of a month
 * adds up to the same total and one missing cell could be worked out from another table.
 */
export function suppress(rows: { month: string; key: string | null; count: number }[], below: number): OpenDataCell[] {
  const byMonth = new Map<string, { month: string; key: string | null; count: number }[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const out: OpenDataCell[] = [];
  for (const cells of byMonth.values()) {
    const hidden = new Set(cells.filter((c) => c.count < below));
    if (hidden.size === 1 && cells.length > 1) {
      const next = cells.filter((c) => !hidden.has(c)).sort((a, b) => a.count - b.count)[0];
      if (next) hidden.add(next);
    }
    for (const c of cells) out.push({ month: c.month, key: c.key, count: hidden.has(c) ? null : c.count });
  }
  return out;
}

import { useEffect, useState } from 'react';
import type { OfficeDto } from '../../../src/contracts/index.js';
import { isUnauthorized } from '../api.js';
import { escalationApi } from '../escalation-api.js';
import { useLive } from '../live-context.js';

// One directory for every picker on the page (search, case editor, escalation review): it changes
// only when an admin edits it, and the admin's page asks for it afresh.
let shared: Promise<OfficeDto[]> | null = null;
const listeners = new Set<(offices: OfficeDto[]) => void>();

function load(fresh = false): Promise<OfficeDto[]> {
  if (!shared || fresh) {
    const next = escalationApi.offices().then(({ offices }) => offices);
    shared = next;
    next.then((offices) => listeners.forEach((l) => l(offices))).catch(() => {
      // A failed load is not kept: the next picker tries again.
      if (shared === next) shared = null;
    });
  }
  return shared;
}

/** GET /api/offices, shared by every picker; `reload` fetches it again for all of them (after an admin's edit). */
export function useOffices(enabled = true) {
  const { onUnauthorized } = useLive();
  const [offices, setOffices] = useState<OfficeDto[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    const listener = (list: OfficeDto[]) => !cancelled && setOffices(list);
    listeners.add(listener);
    load()
      .then((list) => !cancelled && (setOffices(list), setFailed(false)))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorized();
        else setFailed(true);
      });
    return () => {
      cancelled = true;
      listeners.delete(listener);
    };
  }, [enabled, onUnauthorized]);

  return { offices, failed, reload: () => load(true).then(() => undefined, () => undefined) };
}

/** Offices by country, countries in the console's language and alphabetical order, offices by name. */
export function groupByCountry(offices: readonly OfficeDto[], lang: string): { country: string; label: string; offices: OfficeDto[] }[] {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const groups = new Map<string, OfficeDto[]>();
  for (const o of offices) groups.set(o.country, [...(groups.get(o.country) ?? []), o]);
  return [...groups.entries()]
    .map(([country, list]) => ({
      country,
      label: names.of(country) ?? country,
      offices: [...list].sort((a, b) => a.name.localeCompare(b.name, lang)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { HttpError, isUnauthorized } from '../api.js';
import { caseApi } from '../case-api.js';
import { CaseDetail } from '../components/CaseDetail.js';
import { SearchForm, toQuery, type SearchFilters } from '../components/search/SearchForm.js';
import { SearchResults } from '../components/search/SearchResults.js';
import { useCaseDrawer } from '../hooks/useCaseDrawer.js';
import type { CaseListener } from '../hooks/useLiveData.js';
import { useI18n } from '../i18n.js';

interface Props {
  subscribeCases: (listener: CaseListener) => () => void;
  connectCount: number;
  onUnauthorized: () => void;
  /** A search to run on opening, its filters shown in the form (a report's drill-down). */
  initialFilters?: SearchFilters;
}

type Results =
  | { kind: 'none' }
  | { kind: 'ready'; filters: SearchFilters; cases: CaseSummaryDto[]; nextCursor: string | null }
  | { kind: 'error'; message: string };

/** Finding any case, open or not: GET /api/cases with one free-text box and filters, page by page. */
export function SearchPage({ subscribeCases, connectCount, onUnauthorized, initialFilters }: Props) {
  const { t } = useI18n();
  const s = t.cw.search;
  const drawer = useCaseDrawer();
  const [results, setResults] = useState<Results>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const generation = useRef(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  const run = useCallback(async (filters: SearchFilters, after?: { cases: CaseSummaryDto[]; cursor: string }) => {
    // Only the latest search counts: an earlier, slower one must not overwrite it.
    const gen = ++generation.current;
    // The server would refuse it in English; said here in the console's language instead.
    const q = filters.q.trim();
    if (q && !/\d/.test(q) && q.replace(/[^\p{L}]/gu, '').length < 3) return setResults({ kind: 'error', message: s.tooShort });
    setBusy(true);
    try {
      const page = await caseApi.search({ ...toQuery(filters), cursor: after?.cursor });
      if (gen !== generation.current) return;
      setResults({ kind: 'ready', filters, cases: [...(after?.cases ?? []), ...page.cases], nextCursor: page.nextCursor });
    } catch (err) {
      if (gen !== generation.current) return;
      if (isUnauthorized(err)) return onUnauthorizedRef.current();
      const message = !(err instanceof HttpError) || err.status === 0 ? s.failed
        : err.status === 403 ? s.forbidden
          : err.status === 400 || err.status === 422 ? `${s.refused} ${err.message}` : s.failed;
      setResults({ kind: 'error', message });
    } finally {
      if (gen === generation.current) setBusy(false);
    }
  }, [s]);

  // Opened with filters: their results at once, as if the form had been sent; once, not again on a
  // change of language. The console gives each drill-down a page of its own (a new key).
  const initialRef = useRef(initialFilters);
  useEffect(() => {
    const first = initialRef.current;
    if (!first) return;
    initialRef.current = undefined;
    void run(first);
  }, [run]);

  return (
    <div className={drawer.openId ? 'search-page queue-page-with-drawer' : 'search-page'} data-testid="search-page">
      <div className="page-head">
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </div>
      <SearchForm busy={busy} initial={initialFilters} onSearch={(f) => void run(f)} />
      {results.kind === 'error' && <p className="alert" role="alert" data-testid="search-error">{results.message}</p>}
      {results.kind === 'ready' && (
        <section className="panel" aria-labelledby="search-results-title">
          <div className="panel-head">
            <h2 id="search-results-title">{s.results}</h2>
            <span className="count" role="status" data-testid="search-count">{t.caseCount(results.cases.length)}</span>
            <span className="note">{t.cases.timeZoneNote}</span>
          </div>
          {results.cases.length === 0
            ? <p className="empty" data-testid="search-empty">{s.empty}</p>
            : <SearchResults cases={results.cases} openId={drawer.openId} onOpen={drawer.open} />}
          {results.nextCursor && (
            <div className="panel-foot">
              <button
                type="button"
                className="button"
                disabled={busy}
                data-testid="search-more"
                onClick={() => void run(results.filters, { cases: results.cases, cursor: results.nextCursor as string })}
              >
                {s.more}
              </button>
            </div>
          )}
        </section>
      )}
      {drawer.openId && (
        <CaseDetail
          key={drawer.openId}
          caseId={drawer.openId}
          onClose={drawer.close}
          onUnauthorized={onUnauthorized}
          subscribeCases={subscribeCases}
          connectCount={connectCount}
          onOpenCase={drawer.open}
        />
      )}
    </div>
  );
}

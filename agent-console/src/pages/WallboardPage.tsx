import { useMemo, type ReactNode } from 'react';
import { AGENT_STATES } from '../../../src/contracts/domain.js';
import type { WallboardDto, WallboardFigures, WallboardLevel, WallboardQueue } from '../../../src/contracts/index.js';
import { useWallboard } from '../hooks/useWallboard.js';
import { LOCALES, TIME_ZONE, useI18n } from '../i18n.js';
import type { WallboardPeriod } from '../i18n-wallboard.js';
import { reportFormats, type ReportFormats } from '../report-format.js';

const PERIODS: readonly WallboardPeriod[] = ['today', 'lastHour'];
const SYMBOLS: Record<WallboardLevel, string> = { ok: '', amber: '▲', red: '■' };

/** Amber and red are said in words as well as in colour; nothing is added while all is well. */
function LevelMarker({ level }: { level: WallboardLevel }) {
  const { t } = useI18n();
  if (level === 'ok') return null;
  return (
    <span className={`wb-marker wb-marker-${level}`} data-testid="wb-level-marker">
      <span aria-hidden="true">{SYMBOLS[level]} </span>
      {t.wb.levels[level]}
    </span>
  );
}

function Tile({ id, label, level = 'ok', children, sub }: { id: string; label: string; level?: WallboardLevel; children: ReactNode; sub?: ReactNode }) {
  return (
    <li className={`wb-tile wb-level-${level}`} data-testid={`wb-tile-${id}`} data-level={level}>
      <span className="wb-tile-label">{label}</span>
      <span className="wb-tile-value" data-testid="wb-value">{children}</span>
      <LevelMarker level={level} />
      {sub && <span className="wb-tile-sub">{sub}</span>}
    </li>
  );
}

/**
 * Supervisors: the hotline now. Tiles for what needs acting on, calls per queue today and over the last
 * hour with their formulas, and open escalations by office; amber and red come from the server's levels.
 */
export function WallboardPage() {
  const { t, lang } = useI18n();
  const w = t.wb;
  const wallboard = useWallboard();
  const f = useMemo(() => reportFormats(lang, w.none), [lang, w.none]);
  const clock = useMemo(
    () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    [lang],
  );

  return (
    <div className="wallboard-page" data-testid="wallboard-page" data-state={wallboard.state}>
      <div className="page-head wb-head">
        <div>
          <h1>{w.title}</h1>
          <p className="muted">{w.intro}</p>
        </div>
        {wallboard.state === 'ready' && (
          <p className={`wb-updated${wallboard.stale ? ' wb-updated-stale' : ''}`} data-testid="wb-updated" data-stale={wallboard.stale ? 'true' : 'false'}>
            <span data-testid="wb-updated-at">{w.updatedAt(clock.format(new Date(wallboard.board.at)))}</span>
            {' '}
            <span className={wallboard.stale ? 'wb-marker wb-marker-amber' : 'wb-live'} data-testid="wb-freshness">
              {wallboard.stale ? <><span aria-hidden="true">{SYMBOLS.amber} </span>{w.staleMarker}</> : w.live}
            </span>
          </p>
        )}
      </div>
      {/* Announced once when the figures go out of date, not at every second's update. */}
      <p className="wb-stale-note" role="status" data-testid="wb-stale-note">{wallboard.state === 'ready' && wallboard.stale ? w.stale : ''}</p>
      {wallboard.state === 'loading' && <p className="muted" role="status">{w.loading}</p>}
      {wallboard.state === 'failed' && (
        <div className="alert" role="alert" data-testid="wb-error">
          {wallboard.forbidden ? w.forbidden : w.loadError}{' '}
          {!wallboard.forbidden && <button type="button" className="button button-small" onClick={wallboard.reload}>{w.retry}</button>}
        </div>
      )}
      {wallboard.state === 'ready' && <WallboardBody board={wallboard.board} f={f} />}
    </div>
  );
}

function WallboardBody({ board, f }: { board: WallboardDto; f: ReportFormats }) {
  const { t } = useI18n();
  const w = t.wb;
  const { overall, levels } = board;
  const queue = (language: string) => board.queues.find((q) => q.language === language);
  const perQueue = (pick: (q: WallboardQueue) => string) =>
    w.tiles.byQueue(pick(queue('es') ?? overall), pick(queue('en') ?? overall));
  const T = board.serviceLevelSeconds;

  return (
    <>
      <section aria-labelledby="wb-now-title">
        <h2 id="wb-now-title" className="visually-hidden">{w.tiles.label}</h2>
        <ul className="wb-tiles">
          <Tile id="waiting" label={w.tiles.waiting} sub={board.queues.length ? perQueue((q) => f.int(q.waiting)) : undefined}>
            {f.int(overall.waiting)}
          </Tile>
          <Tile id="longestWait" label={w.tiles.longestWait} level={levels.longestWait} sub={board.queues.length ? perQueue((q) => f.duration(q.longestWaitS)) : undefined}>
            {f.duration(overall.longestWaitS)}
          </Tile>
          <Tile id="serviceLevel" label={w.tiles.serviceLevel} level={levels.serviceLevel}>{f.pct(overall.today.serviceLevel)}</Tile>
          <Tile id="abandonmentRate" label={w.tiles.abandonmentRate} level={levels.abandonmentRate}>{f.pct(overall.today.abandonmentRate)}</Tile>
          <Tile id="callbacksPending" label={w.tiles.callbacksPending}>{f.int(board.callbacksPending)}</Tile>
          <li className="wb-tile wb-tile-agents wb-level-ok" data-testid="wb-tile-agents">
            <span className="wb-tile-label">{w.tiles.agents}</span>
            <dl className="wb-agents">
              {AGENT_STATES.map((s) => (
                <div key={s} className={`wb-agent wb-agent-${s}`}>
                  <dt>{t.presence.states[s]}</dt>
                  <dd data-testid={`wb-agents-${s}`}>{f.int(board.agents[s] ?? 0)}</dd>
                </div>
              ))}
            </dl>
          </li>
        </ul>
      </section>

      <section className="panel" aria-labelledby="wb-calls-title" data-testid="wb-calls">
        <div className="panel-head">
          <h2 id="wb-calls-title">{w.table.title}</h2>
        </div>
        <div className="report-body">
          <div className="report-with-formulas">
            <div className="table-wrap">
              <table className="report-table wb-table" data-testid="wb-table">
                <caption className="visually-hidden">{w.table.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.table.queue}</th>
                    <th scope="col">{w.table.period}</th>
                    <th scope="col" className="num">{w.table.offered}</th>
                    <th scope="col" className="num">{w.table.answered}</th>
                    <th scope="col" className="num">{w.table.abandoned}</th>
                    <th scope="col" className="num" aria-describedby="wb-formula-serviceLevel">{w.table.serviceLevel}</th>
                    <th scope="col" className="num" aria-describedby="wb-formula-abandonmentRate">{w.table.abandonmentRate}</th>
                    <th scope="col" className="num" aria-describedby="wb-formula-asa">{w.table.asa}</th>
                    <th scope="col" className="num" aria-describedby="wb-formula-aht">{w.table.aht}</th>
                    <th scope="col" className="num" aria-describedby="wb-formula-occupancy">{w.table.occupancy}</th>
                  </tr>
                </thead>
                {[...board.queues, { ...overall, language: 'all' }].map((q) => (
                  <tbody key={q.language} className={q.language === 'all' ? 'wb-total' : undefined}>
                    {PERIODS.map((period, i) => (
                      <FiguresRow
                        key={period}
                        queueKey={q.language}
                        queueLabel={i === 0 ? (w.queues[q.language] ?? q.language) : null}
                        period={period}
                        figures={q[period]}
                        // The levels are those of today's total.
                        levels={q.language === 'all' && period === 'today' ? levels : null}
                        f={f}
                      />
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
            <aside className="formulas" aria-labelledby="wb-formulas-title" data-testid="wb-formulas">
              <h3 id="wb-formulas-title">{w.formulasTitle}</h3>
              <dl>
                {Object.entries(board.formulas).map(([key, serverText]) => (
                  <div key={key}>
                    <dt>{Object.hasOwn(w.formulaNames, key) ? w.formulaNames[key] : key}</dt>
                    <dd id={`wb-formula-${key}`} data-testid={`wb-formula-${key}`}>
                      {/* The server's wording is English; known measures are said in the console's language. */}
                      {Object.hasOwn(w.formulas, key) ? w.formulas[key]?.(T) : serverText}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="hint">{w.tIs(T)}</p>
              <p className="hint">{w.table.levelNote}</p>
              <p className="hint">{w.table.occupancyNote}</p>
            </aside>
          </div>
        </div>
      </section>

      <section className={`panel wb-escalations wb-level-${levels.escalations}`} aria-labelledby="wb-esc-title" data-testid="wb-escalations" data-level={levels.escalations}>
        <div className="panel-head">
          <h2 id="wb-esc-title">{w.escalations.title}</h2>
          <LevelMarker level={levels.escalations} />
        </div>
        {board.escalations.length === 0
          ? <p className="empty" data-testid="wb-escalations-empty">{w.escalations.empty}</p>
          : (
            <div className="table-wrap">
              <table className="report-table">
                <caption className="visually-hidden">{w.escalations.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.escalations.office}</th>
                    <th scope="col" className="num">{w.escalations.open}</th>
                    <th scope="col" className="num">{w.escalations.atRisk}</th>
                    <th scope="col" className="num">{w.escalations.breached}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.escalations.map((e) => {
                    const atRisk: WallboardLevel = e.atRisk > 0 ? 'amber' : 'ok';
                    const breached: WallboardLevel = e.breached > 0 ? 'red' : 'ok';
                    return (
                      <tr key={e.officeId} data-testid={`wb-esc-${e.officeId}`}>
                        <th scope="row">{e.officeName}</th>
                        <td className="num" data-testid="wb-esc-open">{f.int(e.open)}</td>
                        <td className={`num wb-cell wb-level-${atRisk}`} data-testid="wb-esc-at-risk" data-level={atRisk}>
                          {f.int(e.atRisk)} <LevelMarker level={atRisk} />
                        </td>
                        <td className={`num wb-cell wb-level-${breached}`} data-testid="wb-esc-breached" data-level={breached}>
                          {f.int(e.breached)} <LevelMarker level={breached} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </>
  );
}

function FiguresRow({ queueKey, queueLabel, period, figures: r, levels, f }: {
  queueKey: string;
  /** Only on the queue's first row, which spans its periods. */
  queueLabel: string | null;
  period: WallboardPeriod;
  figures: WallboardFigures;
  levels: WallboardDto['levels'] | null;
  f: ReportFormats;
}) {
  const { t } = useI18n();
  const leveled = (level: WallboardLevel | undefined, testId: string, value: string) => (
    <td className={`num wb-cell wb-level-${level ?? 'ok'}`} data-testid={testId} data-level={level ?? 'ok'}>
      <span data-testid="wb-cell-value">{value}</span>
      {level && level !== 'ok' && <> <LevelMarker level={level} /></>}
    </td>
  );
  return (
    <tr data-testid={`wb-row-${queueKey}-${period}`}>
      {queueLabel !== null && <th scope="rowgroup" rowSpan={PERIODS.length}>{queueLabel}</th>}
      <th scope="row">{t.wb.periods[period]}</th>
      <td className="num" data-testid="wb-offered">{f.int(r.offered)}</td>
      <td className="num" data-testid="wb-answered">{f.int(r.answered)}</td>
      <td className="num" data-testid="wb-abandoned">{f.int(r.abandoned)}</td>
      {leveled(levels?.serviceLevel, 'wb-service-level', f.pct(r.serviceLevel))}
      {leveled(levels?.abandonmentRate, 'wb-abandonment-rate', f.pct(r.abandonmentRate))}
      <td className="num" data-testid="wb-asa">{f.duration(r.asaS)}</td>
      <td className="num" data-testid="wb-aht">{f.duration(r.ahtS)}</td>
      <td className="num" data-testid="wb-occupancy">{f.pct(r.occupancy)}</td>
    </tr>
  );
}

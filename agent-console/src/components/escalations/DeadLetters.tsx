import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isUnauthorized } from '../../api.js';
import { labelOf } from '../../case-labels.js';
import { escalationApi, type DeadLetterDto } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { failureText, type Feedback } from './action-feedback.js';

/**
 * Deliveries that gave up after every attempt (supervisors). Loaded again when another one dies
 * (the `dead_letter` alert) and on reconnect; "Reintentar" sends one again once its channel is fixed.
 */
export function DeadLetters({ onOpen }: { onOpen: (escalationId: string, from: HTMLElement) => void }) {
  const { t, formatDateTime } = useI18n();
  const dl = t.esc.deadLetters;
  const { socket, connectCount, onUnauthorized } = useLive();
  const titleId = useId();
  const [letters, setLetters] = useState<DeadLetterDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const { deliveries } = await escalationApi.deadLetters();
      if (gen !== generation.current) return;
      setLetters(deliveries);
      setFailed(false);
    } catch (err) {
      if (gen !== generation.current) return;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [connectCount, load]);

  useEffect(() => {
    if (!socket) return undefined;
    const onAlert = (a: { kind: string }) => {
      if (a.kind === 'dead_letter') void load();
    };
    socket.on('escalation.alert', onAlert);
    return () => {
      socket.off('escalation.alert', onAlert);
    };
  }, [socket, load]);

  const retry = async (d: DeadLetterDto) => {
    setRetrying(d.id);
    setFeedback(null);
    try {
      await escalationApi.retryDelivery(d.id);
      // It is pending again: off this list until it dies again (then the alert brings it back).
      setLetters((list) => list?.filter((x) => x.id !== d.id) ?? null);
      setFeedback({ kind: 'done', text: dl.retried(d.caseNumber) });
    } catch (err) {
      if (isUnauthorized(err)) return onUnauthorizedRef.current();
      setFeedback({ kind: 'error', text: failureText(dl.failed, dl.failed, err) });
      void load();
    } finally {
      setRetrying(null);
    }
  };

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="dead-letters">
      <div className="panel-head">
        <h2 id={titleId}>{dl.title}</h2>
        {letters && <span className="count">{letters.length}</span>}
        <span className="note">{t.cases.timeZoneNote}</span>
      </div>
      <p className="hint panel-hint">{dl.hint}</p>
      {failed && <p className="alert panel-alert" role="alert">{dl.loadError}</p>}
      {feedback && (
        <p className={`${feedback.kind === 'done' ? 'success-note' : 'alert'} panel-alert`} role={feedback.kind === 'done' ? 'status' : 'alert'} data-testid="dead-letter-feedback">
          {feedback.text}
        </p>
      )}
      {letters && letters.length === 0 && <p className="empty" data-testid="dead-letters-empty">{dl.empty}</p>}
      {letters && letters.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.esc.list.number}</th>
                <th scope="col">{t.esc.list.office}</th>
                <th scope="col">{dl.channel}</th>
                <th scope="col">{dl.purpose}</th>
                <th scope="col">{dl.attempts}</th>
                <th scope="col">{dl.error}</th>
                <th scope="col">{dl.when}</th>
                <th scope="col"><span className="visually-hidden">{dl.retry}</span></th>
              </tr>
            </thead>
            <tbody>
              {letters.map((d) => (
                <tr key={d.id} data-testid="dead-letter" data-delivery-id={d.id} data-escalation-id={d.escalationId}>
                  <td className="mono strong">
                    <button type="button" className="link-button mono" onClick={(e) => onOpen(d.escalationId, e.currentTarget)}>{d.caseNumber}</button>
                  </td>
                  <td>{d.officeName}</td>
                  <td>{labelOf(t.esc.channels, d.channel)}</td>
                  <td>{labelOf(t.esc.purposes, d.purpose)}</td>
                  <td className="mono">{d.attempts}</td>
                  <td className="mono delivery-error">{d.lastError ?? '—'}</td>
                  <td><time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time></td>
                  <td>
                    <button type="button" className="button button-small button-primary" disabled={retrying !== null} data-testid="dead-letter-retry" onClick={() => void retry(d)}>
                      {retrying === d.id ? dl.retrying : dl.retry}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useRef, useState } from 'react';
import type { BlockedNumberDto } from '../../../../src/contracts/index.js';
import { HttpError, api, isUnauthorized } from '../../api.js';
import { useNow } from '../../hooks/useNow.js';
import { useRowConfirm } from '../../hooks/useRowConfirm.js';
import { useI18n } from '../../i18n.js';
import { RowConfirm } from '../RowConfirm.js';

interface Props {
  /** null until the first answer. */
  blocked: BlockedNumberDto[] | null;
  failed: boolean;
  onRetry: () => void;
  /** After an unblock (or finding it already gone): the list is asked again. */
  onChanged: () => void;
  onUnauthorized: () => void;
}

type Notice = { kind: 'done' | 'gone'; phone: string } | null;

/** The blocks in force, with who set them and why, each with its unblock (asked twice). */
export function BlockedList({ blocked, failed, onRetry, onChanged, onUnauthorized }: Props) {
  const { t, formatDateTime } = useI18n();
  const l = t.blk.list;
  // A block that ended while the page is open leaves the list within a minute, without asking the server.
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const [failedPhone, setFailedPhone] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // Numbers unblocked here leave the list at once, not when the list asked again arrives.
  const [hidden, setHidden] = useState<{ list: BlockedNumberDto[] | null; phones: string[] }>({ list: null, phones: [] });
  const rowConfirm = useRowConfirm();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const unblock = async (phone: string) => {
    setBusy(true);
    setFailedPhone(null);
    try {
      await api.unblockNumber(phone);
      setNotice({ kind: 'done', phone });
    } catch (err) {
      if (isUnauthorized(err)) {
        onUnauthorized();
        return;
      }
      if (!(err instanceof HttpError && err.status === 404)) {
        setFailedPhone(phone);
        return;
      }
      // Ended or removed by someone else meanwhile: the same result for this supervisor.
      setNotice({ kind: 'gone', phone });
    } finally {
      setBusy(false);
    }
    setHidden((h) => ({ list: blocked, phones: [...(h.list === blocked ? h.phones : []), phone] }));
    rowConfirm.forget();
    // The row and its button go: focus goes to the list's heading rather than being lost.
    headingRef.current?.focus();
    onChanged();
  };

  const gone = hidden.list === blocked ? hidden.phones : [];
  const shown = blocked?.filter((b) => Date.parse(b.until) > now && !gone.includes(b.phone)) ?? null;

  return (
    <section className="panel" aria-labelledby="blocked-list-title" data-testid="blocked-list">
      <div className="panel-head">
        <h2 id="blocked-list-title" ref={headingRef} tabIndex={-1}>{l.title}</h2>
        {shown && <span className="count" data-testid="blocked-count">{l.count(shown.length)}</span>}
        <span className="note">{l.timeZoneNote}</span>
      </div>
      <div role="status">
        {notice && (
          <p className="success-note panel-alert" data-testid="blocked-notice">
            {notice.kind === 'done' ? l.unblocked(notice.phone) : l.alreadyGone(notice.phone)}
          </p>
        )}
      </div>
      {failed && (
        <div className="alert panel-alert" role="alert" data-testid="blocked-load-error">
          {l.loadError}{' '}
          <button type="button" className="button button-small" onClick={onRetry}>{l.retry}</button>
        </div>
      )}
      {failedPhone && <p className="alert panel-alert" role="alert" data-testid="unblock-error">{l.unblockFailed}</p>}
      {!shown && !failed && <p className="muted empty" role="status">{l.loading}</p>}
      {shown && shown.length === 0 && <p className="empty" data-testid="blocked-empty">{l.empty}</p>}
      {shown && shown.length > 0 && (
        <div className="table-wrap">
          <table className="blocked-table">
            <thead>
              <tr>
                <th scope="col">{l.phone}</th>
                <th scope="col">{l.reason}</th>
                <th scope="col">{l.blockedBy}</th>
                <th scope="col">{l.until}</th>
                <th scope="col"><span className="visually-hidden">{l.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => (
                <tr key={b.phone} data-testid="blocked-row" data-phone={b.phone}>
                  <td className="mono strong" data-testid="blocked-phone">{b.phone}</td>
                  <td className="blocked-reason" data-testid="blocked-reason">{b.reason}</td>
                  <td data-testid="blocked-by">{b.blockedBy ?? <span className="muted">{l.unknownUser}</span>}</td>
                  <td data-testid="blocked-until"><time dateTime={b.until}>{formatDateTime(b.until)}</time></td>
                  <td className={rowConfirm.confirming === b.phone ? 'blocked-actions blocked-confirming' : 'blocked-actions'}>
                    <RowConfirm
                      confirm={rowConfirm}
                      rowKey={b.phone}
                      label={l.unblockLabel(b.phone)}
                      trigger={l.unblock}
                      question={l.confirm(b.phone)}
                      yes={l.confirmYes}
                      cancel={l.cancel}
                      testId="unblock"
                      busy={busy}
                      onAsk={() => {
                        setFailedPhone(null);
                        setNotice(null);
                      }}
                      onConfirm={() => void unblock(b.phone)}
                    />
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

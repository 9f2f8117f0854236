import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { CaseDto, EscalationDto } from '../../../../src/contracts/index.js';
import { sortByUrgency } from '../../escalation-order.js';
import { useEscalations } from '../../hooks/useEscalations.js';
import { useI18n } from '../../i18n.js';
import { EscalationDetailView } from './EscalationDetailView.js';
import { EscalationReview } from './EscalationReview.js';
import { EscalationTable } from './EscalationTable.js';

interface Props {
  c: CaseDto;
  /** The case may be escalated from here (it is worked by this role, and not merged, non-data or anonymised). */
  workable: boolean;
  /** The agent's edits not saved yet: the packet would go without them. */
  unsaved: number;
  /** After sending: the case is escalated now, and its timeline has a new entry. */
  onSent: () => void;
}

/**
 * The case's escalations to consulates: "Escalar al consulado" opens the review of the packet, and
 * the list below follows every escalation live (status, deadlines counting down, breaches). One opens
 * in place with its history, deliveries and the hotline's answers.
 */
export function CaseEscalations({ c, workable, unsaved, onSent }: Props) {
  const { t } = useI18n();
  const s = t.esc.caseSection;
  const titleId = useId();
  const [reviewing, setReviewing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const belongs = useCallback((e: EscalationDto) => e.caseId === c.id, [c.id]);
  const query = useMemo(() => ({ caseId: c.id }), [c.id]);
  const list = useEscalations({ query, belongs });
  const sorted = useMemo(() => sortByUrgency(list.escalations), [list.escalations]);
  const closedCase = c.status === 'resolved' || c.status === 'closed';

  if (!workable && sorted.length === 0) return null;

  const sent = (e: EscalationDto) => {
    list.put(e);
    setReviewing(false);
    setSentTo(e.officeName);
    setOpenId(null);
    onSent();
    requestAnimationFrame(() => openButton.current?.focus());
  };

  return (
    <section className="case-section esc-case" aria-labelledby={titleId} data-testid="case-escalations">
      <h3 id={titleId}>
        {s.title} {sorted.length > 0 && <span className="count">{t.esc.list.count(sorted.length)}</span>}
      </h3>
      {workable && !reviewing && (
        closedCase
          ? <p className="muted">{s.cannot}</p>
          : (
            <div className="section-actions">
              <button
                ref={openButton}
                type="button"
                className="button button-primary"
                data-testid="escalate-open"
                onClick={() => {
                  setSentTo(null);
                  setReviewing(true);
                }}
              >
                {s.escalate}
              </button>
            </div>
          )
      )}
      {sentTo && <p className="success-note" role="status" data-testid="escalation-sent">{t.esc.review.sent(sentTo)}</p>}
      {reviewing && (
        <>
          {unsaved > 0 && <p className="notice notice-warning" role="note" data-testid="review-unsaved">{s.unsaved}</p>}
          <EscalationReview c={c} onCancel={() => setReviewing(false)} onSent={sent} />
        </>
      )}
      {list.state === 'failed' && (
        <p className="alert" role="alert">
          {t.esc.list.loadError}{' '}
          <button type="button" className="button button-small" onClick={() => void list.reload()}>{t.esc.list.retry}</button>
        </p>
      )}
      {sorted.length > 0 && (
        <EscalationTable
          escalations={sorted}
          show={{ caseNumber: false, office: true, category: false, priority: false, sent: false }}
          openId={openId}
          onOpen={(id) => setOpenId((current) => (current === id ? null : id))}
          label={s.title}
        />
      )}
      {openId && (
        <div className="esc-inline-detail" data-testid="escalation-detail" data-escalation-id={openId}>
          <div className="esc-inline-head">
            <strong>{sorted.find((e) => e.id === openId)?.officeName}</strong>
            <button type="button" className="button button-small" data-testid="escalation-detail-close" onClick={() => setOpenId(null)}>{t.esc.detail.close}</button>
          </div>
          <EscalationDetailView key={openId} escalationId={openId} side="hotline" onChanged={list.put} />
        </div>
      )}
    </section>
  );
}

import { useEffect, useRef } from 'react';
import type { EscalationDto } from '../../../../src/contracts/index.js';
import { useI18n } from '../../i18n.js';
import { EscalationDetailView } from './EscalationDetailView.js';

interface Props {
  escalationId: string;
  /** What the list shows of it, for the title while the detail loads. */
  summary: EscalationDto | undefined;
  side: 'office' | 'hotline';
  onClose: () => void;
  onChanged?: (e: EscalationDto) => void;
  onOpenCase?: (caseId: string) => void;
}

/** An escalation in the side panel (the inbox, the supervisors' page), like a case: not modal, Escape closes it. */
export function EscalationDrawer({ escalationId, summary, side, onClose, onChanged, onOpenCase }: Props) {
  const { t } = useI18n();
  const d = t.esc.detail;
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [escalationId]);

  return (
    <aside className="drawer esc-drawer" role="dialog" aria-modal="false" aria-labelledby="escalation-drawer-title" data-testid="escalation-detail" data-escalation-id={escalationId}>
      <div className="drawer-head">
        <h2 id="escalation-drawer-title" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">{d.title} </span>
          <span className="mono">{summary?.caseNumber ?? d.title}</span>
        </h2>
        {summary && <span className="muted esc-drawer-office">{summary.officeName}</span>}
        <button type="button" className="button drawer-close" data-testid="escalation-detail-close" aria-label={d.closeLabel} onClick={onClose}>{d.close}</button>
      </div>
      <div className="drawer-body">
        <EscalationDetailView key={escalationId} escalationId={escalationId} side={side} onChanged={onChanged} onOpenCase={onOpenCase} />
      </div>
    </aside>
  );
}

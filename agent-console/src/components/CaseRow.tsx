import type { KeyboardEvent, ReactNode } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { useI18n } from '../i18n.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  caseId: string;
  /** This case's detail is open in the side panel. */
  open: boolean;
  title: string;
  testId: string;
  onOpen: (id: string, row: HTMLElement) => void;
  children: ReactNode;
}

/** A table row that opens its case by click, Enter or Space, marked while that case is open. */
export function CaseRow({ caseId, open, title, testId, onOpen, children }: Props) {
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    // Keys pressed on a control inside the row are that control's.
    if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    onOpen(caseId, e.currentTarget);
  };
  return (
    <tr
      tabIndex={0}
      title={title}
      data-testid={testId}
      data-case-id={caseId}
      aria-current={open ? 'true' : undefined}
      className={open ? 'row-open' : undefined}
      // No focus on mouse down: focusing a row wider than its scroll box scrolls the table sideways.
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => onOpen(caseId, e.currentTarget)}
      onKeyDown={onKeyDown}
    >
      {children}
    </tr>
  );
}

/** Headings for the columns every case table starts with, matching CaseSummaryCells. */
export function CaseSummaryHeadings() {
  const h = useI18n().t.cases;
  return (
    <>
      <th scope="col">{h.number}</th>
      <th scope="col">{h.createdAt}</th>
      <th scope="col">{h.status}</th>
      <th scope="col">{h.priority}</th>
      <th scope="col">{h.category}</th>
    </>
  );
}

/** Number, opening time, status, priority and category: the cells every case table starts with. */
export function CaseSummaryCells({ c }: { c: CaseSummaryDto }) {
  const { t, formatDateTime } = useI18n();
  return (
    <>
      <td className="mono strong">{c.number}</td>
      <td><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></td>
      <td><span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span></td>
      <td><PriorityBadge priority={c.priority} /></td>
      <td>{t.categories[c.category] ?? c.category}</td>
    </>
  );
}

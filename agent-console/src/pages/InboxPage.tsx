import { useCallback, useMemo, useState } from 'react';
import type { EscalationDto } from '../../../src/contracts/index.js';
import { EscalationDrawer } from '../components/escalations/EscalationDrawer.js';
import { EscalationTable } from '../components/escalations/EscalationTable.js';
import { isBreached, sortByUrgency } from '../escalation-order.js';
import { useCaseDrawer } from '../hooks/useCaseDrawer.js';
import { useEscalations } from '../hooks/useEscalations.js';
import { useI18n } from '../i18n.js';
import { EscalationListState } from '../components/escalations/EscalationListState.js';

const everything = () => true;
const NO_FILTER = {};

/**
 * A consulate's whole console: the escalations sent to its office (the server lists no other),
 * open ones first, missed deadlines and then the nearest deadline on top, live. One opens beside
 * the list with the packet and what the office can do.
 */
export function InboxPage() {
  const { t } = useI18n();
  const i = t.esc.inbox;
  const drawer = useCaseDrawer();
  const [arrived, setArrived] = useState('');
  const onArrived = useCallback((e: EscalationDto) => setArrived(i.arrived(e.caseNumber)), [i]);
  const list = useEscalations({ query: NO_FILTER, belongs: everything, onArrived });
  const sorted = useMemo(() => sortByUrgency(list.escalations), [list.escalations]);
  const open = sorted.filter((e) => e.status !== 'closed').length;
  const breached = sorted.filter(isBreached).length;

  return (
    <div className={drawer.openId ? 'inbox-page queue-page-with-drawer' : 'inbox-page'} data-testid="inbox-page">
      <div className="page-head">
        <h1>{i.title}</h1>
        <p className="muted">{i.intro}</p>
      </div>
      {/* Read out when an escalation arrives while the office is looking elsewhere on the page. */}
      <p className="visually-hidden" role="status" data-testid="inbox-arrived">{arrived}</p>
      <section className="panel" aria-labelledby="inbox-title">
        <div className="panel-head">
          <h2 id="inbox-title">{t.esc.supervisor.open}</h2>
          <span className="count" data-testid="inbox-count">{t.esc.list.count(open)}</span>
          {breached > 0 && <span className="breach-mark">{t.esc.supervisor.breached(breached)}</span>}
          <span className="note">{t.cases.timeZoneNote}</span>
        </div>
        <EscalationListState list={list}>
          <EscalationTable escalations={sorted} show={{ caseNumber: true, office: false, category: true, priority: true, sent: true }} openId={drawer.openId} onOpen={drawer.open} label={i.title} />
        </EscalationListState>
      </section>
      {drawer.openId && (
        <EscalationDrawer
          key={drawer.openId}
          escalationId={drawer.openId}
          summary={sorted.find((e) => e.id === drawer.openId)}
          side="office"
          onClose={drawer.close}
          onChanged={list.put}
        />
      )}
    </div>
  );
}

import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import type { Role, UserDto } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { CurrentUserContext, seesCases } from '../current-user.js';
import { AgentsPanel } from '../components/AgentsPanel.js';
import { Header, type ConsoleView } from '../components/Header.js';
import { MyCallPanel } from '../components/MyCall.js';
import { OfferCard, OfferNoticeBanner } from '../components/OfferCard.js';
import { PresenceControl } from '../components/PresenceControl.js';
import { SoftphoneBar } from '../components/SoftphoneBar.js';
import { EMPTY_FILTERS, type SearchFilters } from '../components/search/SearchForm.js';
import { EscalationAlerts } from '../components/escalations/EscalationAlerts.js';
import { useEscalationAlerts } from '../hooks/useEscalationAlerts.js';
import { useLiveData } from '../hooks/useLiveData.js';
import { useOffers } from '../hooks/useOffers.js';
import { usePresence } from '../hooks/usePresence.js';
import { useSoftphone } from '../hooks/useSoftphone.js';
import { useI18n } from '../i18n.js';
import { LiveContext, type Live } from '../live-context.js';
import { BlockedNumbersPage } from './BlockedNumbersPage.js';
import { EscalationsPage } from './EscalationsPage.js';
import { InboxPage } from './InboxPage.js';
import { OfficesPage } from './OfficesPage.js';
import { QueuePage } from './QueuePage.js';
import type { ReportView } from './ReportsPage.js';
import { SearchPage } from './SearchPage.js';
import { SettingsPage } from './SettingsPage.js';

// Reports and their charting library load only when the page is opened: agents never download them.
const ReportsPage = lazy(() => import('./ReportsPage.js').then((m) => ({ default: m.ReportsPage })));
// Likewise the wallboard, which only supervisors open.
const WallboardPage = lazy(() => import('./WallboardPage.js').then((m) => ({ default: m.WallboardPage })));

interface Props {
  user: UserDto;
  onSignedOut: (expired: boolean) => void;
}

export const canConfigure = (role: Role): boolean => role === 'supervisor' || role === 'admin';
/** Agents and supervisors are offered calls; admins and consulates are not. */
export const takesCalls = (role: Role): boolean => role === 'agent' || role === 'supervisor';

/** The views a role may open, in the navigation's order; the first is where the console opens. */
export function viewsFor(role: Role): ConsoleView[] {
  // A consulate works its office's escalations and nothing else: no queue, no cases, no settings.
  if (role === 'consulate') return ['inbox'];
  return [
    'queue',
    // Supervisors watch the hotline live; the server pushes the wallboard to them alone.
    ...(role === 'supervisor' ? ['wallboard' as const] : []),
    ...(seesCases(role) ? ['search' as const] : []),
    ...(role === 'supervisor' ? ['escalations' as const] : []),
    ...(canConfigure(role) ? ['reports' as const, 'settings' as const] : []),
    // Blocking callers' numbers is the supervisors' alone (the numbers are shown in full there).
    ...(role === 'supervisor' ? ['blocked' as const] : []),
    ...(role === 'admin' ? ['offices' as const] : []),
  ];
}

/** The view in the address, so that reload and the back button keep it; a view the role lacks is its first. */
function viewFromLocation(views: readonly ConsoleView[]): ConsoleView {
  const home = views[0] ?? 'queue';
  const named = window.location.hash.slice(1) as ConsoleView;
  return named !== home && views.includes(named) ? named : home;
}

/**
 * Everything after sign-in. The live connection belongs here rather than to the queue view, so it
 * stays up (and the header's status stays true) while a supervisor is in the settings; so do the
 * agent's presence, offers, their call and the softphone, which must work from any view.
 */
export function ConsolePage({ user, onSignedOut }: Props) {
  const { t } = useI18n();
  const expire = useCallback(() => onSignedOut(true), [onSignedOut]);
  const consulate = user.role === 'consulate';
  const live = useLiveData(expire, { staff: !consulate });
  const allowed = canConfigure(user.role);
  const views = useMemo(() => viewsFor(user.role), [user.role]);
  const callTaker = takesCalls(user.role);
  const connected = live.connection === 'live';
  const [view, setView] = useState<ConsoleView>(() => viewFromLocation(views));

  const presence = usePresence({ socket: live.socket, connected, enabled: callTaker, userId: user.id, role: user.role });
  const offers = useOffers({ socket: live.socket, enabled: callTaker, userId: user.id });

  // The browser call the server places right after an accept (or a transfer, or the end of a
  // hold) is picked up without a click; any other rings until the agent answers.
  const softphone = useSoftphone(callTaker, offers.shouldAnswer);

  useEffect(() => {
    const onPop = () => setView(viewFromLocation(views));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [views]);

  const navigate = useCallback((next: ConsoleView) => {
    setView(next);
    const url = next === views[0] ? window.location.pathname + window.location.search : `#${next}`;
    if (viewFromLocation(views) !== next) window.history.pushState(null, '', url);
  }, [views]);

  const alerts = useEscalationAlerts(live.socket, user.role === 'supervisor');
  // "Ver" on an alert: the escalations page, with that escalation open.
  const [escalationToOpen, setEscalationToOpen] = useState<string | null>(null);
  const showEscalation = useCallback((escalationId: string) => {
    navigate('escalations');
    setEscalationToOpen(escalationId);
  }, [navigate]);
  const openHandled = useCallback(() => setEscalationToOpen(null), []);

  // The reports' range and dimension outlive the page, so the back button from a drill-down finds them.
  const [reportView, setReportView] = useState<ReportView | null>(null);
  // A search opened from a report (supervisors: they see the cases themselves; admins see them redacted,
  // so their reports stay aggregate). Each request is a new search page, its filters filled in.
  const [searchRequest, setSearchRequest] = useState<{ filters: SearchFilters; seq: number } | null>(null);
  const drill = useCallback((filters: Partial<SearchFilters>) => {
    setSearchRequest((r) => ({ filters: { ...EMPTY_FILTERS, ...filters }, seq: (r?.seq ?? 0) + 1 }));
    navigate('search');
  }, [navigate]);
  // The header's "Buscar" is a fresh search, not the last drill-down.
  const navigateFromHeader = useCallback((next: ConsoleView) => {
    if (next === 'search') setSearchRequest(null);
    navigate(next);
  }, [navigate]);
  const liveContext = useMemo<Live>(
    () => ({ socket: live.socket, connectCount: live.connectCount, onUnauthorized: expire }),
    [live.socket, live.connectCount, expire],
  );

  const logout = async () => {
    // Out of rotation first, so no caller is offered to a console that is closing.
    if (callTaker && connected && presence.presence.state !== 'offline') await presence.set('offline');
    // Leave the console even if the request fails: the agent asked to go.
    api.logout().catch(() => undefined).finally(() => onSignedOut(false));
  };

  return (
    <CurrentUserContext.Provider value={user}>
      <LiveContext.Provider value={liveContext}>
        <div className="app">
          <Header
            user={user}
            connection={live.connection}
            onLogout={() => void logout()}
            view={view}
            views={views}
            onNavigate={navigateFromHeader}
            subtitle={consulate ? t.esc.inbox.consoleName : undefined}
            presence={callTaker
              ? (
                <PresenceControl
                  presence={presence.presence}
                  pending={presence.pending}
                  connected={connected}
                  error={presence.error}
                  onSet={presence.set}
                  onDismissError={presence.clearError}
                />
              )
              : undefined}
          />
          {callTaker && <SoftphoneBar phone={softphone} />}
          <main className={`content${live.connection === 'live' || (view !== 'queue' && view !== 'inbox') ? '' : ' content-stale'}`}>
            <EscalationAlerts alerts={alerts.alerts} onShow={showEscalation} onDismiss={alerts.dismiss} onDismissAll={alerts.dismissAll} />
            {offers.myCall && (
              <MyCallPanel
                key={offers.myCall.callSid}
                call={offers.myCall}
                presenceState={presence.presence.state}
                softphoneStatus={softphone.status}
                busy={offers.callBusy}
                error={offers.callError}
                onHold={(on) => void offers.hold(on)}
                onHangup={() => void offers.hangup()}
                onTransfer={offers.transfer}
                onReady={() => void presence.set('available')}
                onClose={offers.closeMyCall}
                onUnauthorized={expire}
                subscribeCases={live.subscribeCases}
                connectCount={live.connectCount}
              />
            )}
            {view === 'inbox' && consulate && <InboxPage />}
            {view === 'escalations' && user.role === 'supervisor' && (
              <EscalationsPage subscribeCases={live.subscribeCases} connectCount={live.connectCount} onUnauthorized={expire} openRequest={escalationToOpen} onOpenHandled={openHandled} />
            )}
            {view === 'offices' && user.role === 'admin' && <OfficesPage />}
            {view === 'settings' && allowed && <SettingsPage onUnauthorized={expire} />}
            {view === 'blocked' && user.role === 'supervisor' && <BlockedNumbersPage onUnauthorized={expire} />}
            {view === 'reports' && allowed && (
              <Suspense fallback={<p className="muted" role="status">{t.loading}</p>}>
                <ReportsPage view={reportView} onViewChange={setReportView} onDrill={user.role === 'supervisor' ? drill : undefined} />
              </Suspense>
            )}
            {view === 'wallboard' && user.role === 'supervisor' && (
              <Suspense fallback={<p className="muted" role="status">{t.loading}</p>}>
                <WallboardPage />
              </Suspense>
            )}
            {view === 'search' && (
              <SearchPage
                key={searchRequest?.seq ?? 0}
                subscribeCases={live.subscribeCases}
                connectCount={live.connectCount}
                onUnauthorized={expire}
                initialFilters={searchRequest?.filters}
              />
            )}
            {view === 'queue' && (
              <>
                {live.loadError && <p className="alert" role="alert">{t.loadError}</p>}
                <QueuePage
                  calls={live.calls}
                  total={live.total}
                  cases={live.cases}
                  subscribeCases={live.subscribeCases}
                  connectCount={live.connectCount}
                  onUnauthorized={expire}
                  agentsPanel={allowed
                    ? <AgentsPanel socket={live.socket} connectCount={live.connectCount} onUnauthorized={expire} />
                    : undefined}
                />
              </>
            )}
          </main>
          {callTaker && (offers.standing || offers.notice) && (
            <div className="offer-layer">
              {offers.standing && (
                <OfferCard
                  key={offers.standing.offer.offerId}
                  standing={offers.standing}
                  busy={offers.busy}
                  onAccept={() => void offers.accept()}
                  onDecline={() => void offers.decline()}
                />
              )}
              {offers.notice && <OfferNoticeBanner notice={offers.notice} onDismiss={offers.dismissNotice} />}
            </div>
          )}
        </div>
      </LiveContext.Provider>
    </CurrentUserContext.Provider>
  );
}

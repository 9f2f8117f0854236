import { useState } from 'react';
import { formatWait } from '../format.js';
import { useAgents } from '../hooks/useAgents.js';
import { useRowConfirm } from '../hooks/useRowConfirm.js';
import { useNow } from '../hooks/useNow.js';
import { reasonLabel, useI18n } from '../i18n.js';
import { isUnauthorized } from '../api.js';
import { RowConfirm } from './RowConfirm.js';
import type { ConsoleSocket } from '../socket.js';

interface Props {
  socket: ConsoleSocket | null;
  connectCount: number;
  onUnauthorized: () => void;
}

/** Supervisors: every agent's state live, and a way to take one out of rotation. */
export function AgentsPanel({ socket, connectCount, onUnauthorized }: Props) {
  const { t } = useI18n();
  const a = t.agents;
  const { agents, loadError, forceOffline } = useAgents({ socket, connectCount, onUnauthorized });
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const rowConfirm = useRowConfirm();

  const force = async (agentId: string) => {
    setBusy(agentId);
    setFailed(null);
    try {
      await forceOffline(agentId);
      rowConfirm.close();
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorized();
      else setFailed(agentId);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="agents-title" data-testid="agents-panel">
      <div className="panel-head">
        <h2 id="agents-title">{a.title}</h2>
        <span className="count">{a.count(agents.length)}</span>
      </div>
      {loadError && <p className="alert panel-alert" role="alert">{a.loadError}</p>}
      {failed && <p className="alert panel-alert" role="alert" data-testid="agents-error">{a.forceFailed}</p>}
      <div className="table-wrap">
        <table data-testid="agents-list">
          <thead>
            <tr>
              <th scope="col">{a.name}</th>
              <th scope="col">{a.state}</th>
              <th scope="col">{a.reason}</th>
              <th scope="col">{a.timeInState}</th>
              <th scope="col">{a.languages}</th>
              <th scope="col"><span className="visually-hidden">{a.actions}</span></th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.agentId} data-testid="agent-row" data-agent-id={agent.agentId} data-state={agent.state}>
                <td className="strong">{agent.name}</td>
                <td>
                  <span className={`agent-state agent-state-${agent.state}`} data-testid="agent-state" data-state={agent.state}>
                    <span className="presence-dot" aria-hidden="true" />
                    {t.presence.states[agent.state] ?? agent.state}
                  </span>
                </td>
                <td data-testid="agent-reason">{agent.reason ? reasonLabel(t, agent.reason) : <span className="muted">—</span>}</td>
                <td className="mono" data-testid="agent-time">{formatWait(now - Date.parse(agent.since))}</td>
                <td>{agent.languages.map((l) => (t.languages as Record<string, string>)[l] ?? l).join(', ') || '—'}</td>
                <td className="agent-actions">
                  <RowConfirm
                    confirm={rowConfirm}
                    rowKey={agent.agentId}
                    label={a.forceOfflineLabel(agent.name)}
                    trigger={a.forceOffline}
                    question={a.confirm(agent.name)}
                    yes={a.confirmYes}
                    cancel={a.cancel}
                    testId="force-offline"
                    busy={busy === agent.agentId}
                    triggerDisabled={agent.state === 'offline'}
                    onAsk={() => setFailed(null)}
                    onConfirm={() => void force(agent.agentId)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {agents.length === 0 && <p className="empty">{a.empty}</p>}
      </div>
    </section>
  );
}

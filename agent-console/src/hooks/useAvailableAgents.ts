import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentPresenceDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';

export type AvailableAgentsStatus = 'loading' | 'loaded' | 'error';

/**
 * Colleagues free to take a transferred call: GET /api/agents/available when mounted and on
 * `reload`. Agents are not told of other agents' state changes, so the list is as fresh as its
 * last load; the server checks again when the transfer is asked for.
 */
export function useAvailableAgents(onUnauthorized: () => void) {
  const [agents, setAgents] = useState<AgentPresenceDto[]>([]);
  const [status, setStatus] = useState<AvailableAgentsStatus>('loading');
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  // Only the latest request's answer counts (a refresh can cross a slow one).
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    setStatus('loading');
    try {
      const { agents: list } = await api.availableAgents();
      if (gen !== generation.current) return;
      setAgents(list);
      setStatus('loaded');
    } catch (err) {
      if (gen !== generation.current) return;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setStatus('error');
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { agents, status, reload };
}

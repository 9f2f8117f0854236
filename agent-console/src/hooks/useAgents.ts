import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentPresenceDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';
import type { ConsoleSocket } from '../socket.js';

/** Same order as the server's list: by name. */
function sortAgents(agents: AgentPresenceDto[]): AgentPresenceDto[] {
  return [...agents].sort((a, b) => a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));
}

/** Adds or replaces by agent; a copy older than the one shown never overwrites it (events can cross a refetch). */
export function upsertAgent(agents: AgentPresenceDto[], next: AgentPresenceDto): AgentPresenceDto[] {
  const current = agents.find((a) => a.agentId === next.agentId);
  if (current && Date.parse(current.since) > Date.parse(next.since)) return agents;
  return sortAgents([next, ...agents.filter((a) => a.agentId !== next.agentId)]);
}

interface Options {
  socket: ConsoleSocket | null;
  /** Goes up on every (re)connect: the list is fetched again, since missed events are not replayed. */
  connectCount: number;
  onUnauthorized: () => void;
}

/** Every agent's state, for supervisors: GET /api/agents, then `presence.changed` on top. */
export function useAgents({ socket, connectCount, onUnauthorized }: Options) {
  const [agents, setAgents] = useState<AgentPresenceDto[]>([]);
  const [loadError, setLoadError] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  // Events that arrive while the list is in flight are replayed on top of it.
  const buffered = useRef<AgentPresenceDto[] | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!socket) return;
    const onChanged = (p: AgentPresenceDto) => {
      buffered.current?.push(p);
      setAgents((list) => upsertAgent(list, p));
    };
    socket.on('presence.changed', onChanged);
    return () => {
      socket.off('presence.changed', onChanged);
    };
  }, [socket]);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    buffered.current = [];
    try {
      const { agents: list } = await api.agents();
      if (gen !== generation.current) return;
      const replay = buffered.current ?? [];
      buffered.current = null;
      setAgents(replay.reduce(upsertAgent, sortAgents(list)));
      setLoadError(false);
      setLoaded(true);
    } catch (err) {
      if (gen !== generation.current) return;
      buffered.current = null;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setLoadError(true);
    }
  }, []);

  useEffect(() => {
    void load();
    return () => {
      generation.current++;
    };
  }, [connectCount, load]);

  /** The server's answer replaces the row at once; the event that follows changes nothing. */
  const forceOffline = useCallback(async (agentId: string) => {
    const { agent } = await api.forceOffline(agentId);
    setAgents((list) => upsertAgent(list, agent));
  }, []);

  return { agents, loaded, loadError, forceOffline };
}

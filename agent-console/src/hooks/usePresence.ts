import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentPresenceDto, AgentState, Role } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { ask, type ConsoleSocket } from '../socket.js';

/** The states an agent chooses; on_call and wrap_up are the server's. */
export const SELF_STATES = ['available', 'break', 'offline'] as const;
export type SelfState = (typeof SELF_STATES)[number];

/** Break reasons offered to the agent; sent as these codes and shown translated. */
export const BREAK_REASONS = ['lunch', 'training', 'personal', 'other'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** `unknown`: connected, not offline, but no state heard yet (see the note on `usePresence`). */
export interface OwnPresence { state: AgentState | 'unknown'; reason: string | null; since: string | null }

const HEARTBEAT_MS = 10_000;

interface Options {
  socket: ConsoleSocket | null;
  connected: boolean;
  /** Agents and supervisors take calls; for other roles the hook does nothing. */
  enabled: boolean;
  userId: string;
  role: Role;
}

/**
 * The signed-in agent's own state, kept on the server. It follows `presence.changed` (the server
 * moves the agent to on_call, wrap_up, a break after missed offers, or offline), and sends a
 * heartbeat on connect and every 10 s while connected: without them the server sets the agent
 * offline.
 *
 * After a reload the server does not say what state the agent is in: a heartbeat answered `false`
 * means offline; `true` leaves the state `unknown` until the next change (supervisors read their
 * own entry from GET /api/agents instead).
 */
export function usePresence({ socket, connected, enabled, userId, role }: Options) {
  const [presence, setPresence] = useState<OwnPresence>({ state: 'unknown', reason: null, since: null });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Bumped on every state heard from the server: an answer to a request sent before it is stale.
  const version = useRef(0);

  const apply = useCallback((p: AgentPresenceDto) => {
    version.current++;
    setPresence({ state: p.state, reason: p.reason, since: p.since });
  }, []);

  useEffect(() => {
    if (!socket || !enabled) return;
    const onChanged = (p: AgentPresenceDto) => {
      if (p.agentId === userId) apply(p);
    };
    socket.on('presence.changed', onChanged);
    return () => {
      socket.off('presence.changed', onChanged);
    };
  }, [socket, enabled, userId, apply]);

  useEffect(() => {
    if (!socket || !enabled || !connected) return;
    let stopped = false;
    const beat = async () => {
      const seen = version.current;
      const res = await ask<unknown>(socket, (s, ack) => s.emit('presence.heartbeat', ack));
      if (stopped || !res.ok || seen !== version.current) return;
      if (res.data === false) {
        setPresence((p) => (p.state === 'offline' ? p : { state: 'offline', reason: null, since: null }));
      }
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);

    // Supervisors may read the agents list, themselves included: their state is known at once.
    if (role === 'supervisor') {
      const seen = version.current;
      api.agents()
        .then(({ agents }) => {
          const own = agents.find((a) => a.agentId === userId);
          if (!stopped && own && seen === version.current) apply(own);
        })
        .catch(() => undefined);
    }
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [socket, enabled, connected, role, userId, apply]);

  const set = useCallback(async (state: SelfState, reason?: string): Promise<boolean> => {
    setPending(true);
    setError(null);
    const res = await ask<AgentPresenceDto>(socket, (s, ack) => s.emit('presence.set', reason ? { state, reason } : { state }, ack));
    setPending(false);
    if (res.ok) {
      if (res.data) apply(res.data);
      return true;
    }
    setError(res.error.code);
    return false;
  }, [socket, apply]);

  const clearError = useCallback(() => setError(null), []);

  return { presence, pending, error, set, clearError };
}

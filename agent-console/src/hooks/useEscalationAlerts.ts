import { useCallback, useEffect, useState } from 'react';
import type { ServerToClientEvents } from '../../../src/contracts/index.js';
import type { ConsoleSocket } from '../socket.js';

export type EscalationAlert = Parameters<ServerToClientEvents['escalation.alert']>[0];

const keyOf = (a: EscalationAlert) => `${a.kind}:${a.escalationId}`;

/**
 * Supervisors' alerts (a deadline missed, a delivery that gave up), newest first, kept until
 * dismissed: the server sends each once and does not replay it, so a missed glance must not lose it.
 */
export function useEscalationAlerts(socket: ConsoleSocket | null, enabled: boolean) {
  const [alerts, setAlerts] = useState<EscalationAlert[]>([]);

  useEffect(() => {
    if (!socket || !enabled) return undefined;
    const onAlert = (a: EscalationAlert) => setAlerts((list) => [a, ...list.filter((x) => keyOf(x) !== keyOf(a))]);
    socket.on('escalation.alert', onAlert);
    return () => {
      socket.off('escalation.alert', onAlert);
    };
  }, [socket, enabled]);

  const dismiss = useCallback((a: EscalationAlert) => setAlerts((list) => list.filter((x) => keyOf(x) !== keyOf(a))), []);
  const dismissAll = useCallback(() => setAlerts([]), []);
  return { alerts, dismiss, dismissAll };
}

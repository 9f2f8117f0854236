import { useCallback } from 'react';
import type { EscalationDetailDto, EscalationDto } from '../../../src/contracts/index.js';
import { escalationApi } from '../escalation-api.js';
import { useLive } from '../live-context.js';
import { useLiveResource, type ChangeFeed, type LiveResourceError } from './useLiveResource.js';

export type EscalationLoadError = LiveResourceError;

const escalationVersion = (detail: EscalationDetailDto) => detail.escalation.version;

/**
 * One escalation from GET /api/escalations/:id (packet, events, deliveries), loaded again when an
 * event shows a newer version, on reconnect, and after this console's own actions.
 */
export function useEscalationDetail(escalationId: string) {
  const { socket, connectCount, onUnauthorized } = useLive();
  const subscribe = useCallback<ChangeFeed>((onChanged) => {
    if (!socket) return undefined;
    const onUpdated = (e: EscalationDto) => onChanged(e.id, e.version);
    socket.on('escalation.updated', onUpdated);
    return () => {
      socket.off('escalation.updated', onUpdated);
    };
  }, [socket]);
  const { value, error, reload } = useLiveResource(escalationId, {
    fetch: escalationApi.detail,
    versionOf: escalationVersion,
    subscribe,
    connectCount,
    onUnauthorized,
  });
  return { detail: value, error, reload };
}

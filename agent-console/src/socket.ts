import { io, type Socket } from 'socket.io-client';
import { receiveBatches, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '../../src/contracts/index.js';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin as the page, so the HttpOnly session cookie authenticates the handshake. */
export function createSocket(): ConsoleSocket {
  const socket: ConsoleSocket = io({ withCredentials: true });
  receiveBatches(socket);
  return socket;
}

/** What the server acknowledges a request with; 'timeout' and 'disconnected' are added here. */
export type AckResult<T> = Parameters<Ack<T>>[0];

const REQUEST_TIMEOUT_MS = 8000;

/**
 * One request over the socket, answered through its acknowledgement. Never rejects: a missing
 * answer becomes `timeout`, and a request while disconnected is refused at once rather than
 * buffered (a presence change or an accept must not fire minutes later, on reconnect).
 *
 * `send` does the typed emit, e.g. `(s, ack) => s.emit('offer.accept', { offerId }, ack)`, so the
 * event's payload and acknowledgement types are checked against the shared contract.
 */
export function ask<T>(
  socket: ConsoleSocket | null,
  send: (socket: ConsoleSocket, ack: Ack<T>) => void,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<AckResult<T>> {
  if (!socket?.connected) {
    return Promise.resolve({ ok: false, error: { code: 'disconnected', message: 'Not connected to the server' } });
  }
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ ok: false, error: { code: 'timeout', message: 'The server did not answer' } });
    }, timeoutMs);
    send(socket, (res) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(res);
    });
  });
}

import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/contracts/index.js';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin as the page, so the HttpOnly session cookie authenticates the handshake. */
export function createSocket(): ConsoleSocket {
  return io({ withCredentials: true });
}

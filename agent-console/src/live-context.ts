import { createContext, useContext } from 'react';
import type { ConsoleSocket } from './socket.js';

/**
 * The console's one live connection, for views deep in the tree (a case's escalations, the inbox)
 * that listen to more events than the lists at the top do.
 */
export interface Live {
  socket: ConsoleSocket | null;
  /** Goes up on every (re)connect: what was missed while offline is fetched again. */
  connectCount: number;
  /** The session ended (401): back to the login form. */
  onUnauthorized: () => void;
}

export const LiveContext = createContext<Live>({ socket: null, connectCount: 0, onUnauthorized: () => undefined });

export const useLive = (): Live => useContext(LiveContext);

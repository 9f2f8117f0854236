import type { Socket } from 'socket.io-client';
import type { LiveEvent } from './events.js';

type Listener = (...args: unknown[]) => void;

/** What unpacking uses of a Socket.IO client socket, whatever events it is typed with. */
interface UntypedSocket {
  on(event: 'events.batch', listener: (events: LiveEvent[]) => void): unknown;
  listeners(event: string): Listener[];
  listenersAny(): Listener[];
}

/**
 * Every client of the live events calls this once on a new socket: the server sends events that
 * follow each other closely as one `events.batch`, and this hands each of them, in order, to the
 * listeners registered for it (and to `onAny` listeners), as if it had come alone. `onAny`
 * listeners also see the batch itself, under its own name: skip it there.
 */
// `any`: a socket typed with whatever events its user declared.
export function receiveBatches(socket: Socket<any, any>): void {
  const s = socket as unknown as UntypedSocket;
  s.on('events.batch', (events) => {
    for (const [event, ...args] of events) {
      // Copies, called on the socket: a `once` listener removes itself through `this` while being called.
      for (const listener of [...s.listenersAny()]) listener.call(s, event, ...args);
      for (const listener of [...s.listeners(event)]) listener.apply(s, args);
    }
  });
}

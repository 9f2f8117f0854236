import type { Socket } from 'socket.io';
import type { Role } from '../../contracts/domain.js';
import type { Ack, ClientToServerEvents } from '../../contracts/events.js';
import { rooms } from '../../platform/realtime/events.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE, readCookie } from './session.cookie.js';

/**
 * Who may send each event, the sockets' counterpart of requireRole on routes. Typed over every
 * event of the contract, so a new event does not compile until someone decides who may send it.
 */
export const SOCKET_EVENT_ROLES: Record<keyof ClientToServerEvents, readonly Role[]> = {
  'session.ping': ['agent', 'supervisor', 'admin', 'consulate'],
  'presence.set': ['agent', 'supervisor'],
  'presence.heartbeat': ['agent', 'supervisor'],
  'offer.accept': ['agent', 'supervisor'],
  'offer.decline': ['agent', 'supervisor'],
  'call.hold': ['agent', 'supervisor'],
  'call.transfer': ['agent', 'supervisor'],
  'call.hangup': ['agent', 'supervisor'],
};

const rolesFor = (event: string): readonly Role[] | undefined =>
  Object.hasOwn(SOCKET_EVENT_ROLES, event) ? SOCKET_EVENT_ROLES[event as keyof ClientToServerEvents] : undefined;

/** Sockets use the same session as the API: no cookie, no connection. */
export function socketAuth(auth: AuthService) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = await auth.authenticate(token);
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      const joined = [rooms.user(user.id), rooms.role(user.role)];
      if (user.officeId) joined.push(rooms.office(user.officeId));
      await socket.join(joined);
      socket.use(([event, ...args], forward) => {
        const last: unknown = args.at(-1);
        const refuse = (code: string, message: string) => {
          if (typeof last === 'function') (last as Ack)({ ok: false, error: { code, message } });
        };
        // Each event checks the session again: a logged-out or idle session stops here, and the
        // console's heartbeats count as use, so an agent waiting for calls is not logged out.
        auth.authenticate(token).then(
          (still) => {
            if (!still) {
              refuse('unauthenticated', 'Your session has ended; log in again');
              socket.disconnect();
              return;
            }
            const roles = rolesFor(event);
            if (!roles) return refuse('not_found', 'No such event');
            if (!roles.includes(still.role)) return refuse('forbidden', 'Your role may not do this');
            forward();
          },
          () => refuse('unavailable', 'Try again in a moment'),
        );
      });
      next();
    } catch {
      next(new Error('unavailable'));
    }
  };
}

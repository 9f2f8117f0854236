import type { Socket } from 'socket.io';
import { rooms } from '../../platform/realtime/events.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE, readCookie } from './session.cookie.js';

/** Sockets use the same session as the API: no cookie, no connection. */
export function socketAuth(auth: AuthService) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      const user = await auth.authenticate(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      const joined = [rooms.user(user.id), rooms.role(user.role)];
      if (user.role !== 'consulate') joined.push(rooms.staff);
      if (user.officeId) joined.push(rooms.office(user.officeId));
      await socket.join(joined);
      next();
    } catch {
      next(new Error('unavailable'));
    }
  };
}

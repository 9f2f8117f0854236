import { z } from 'zod';
import type { Socket } from 'socket.io';
import type { Ack } from '../../contracts/events.js';
import type { UserDto } from '../../contracts/rest.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { PresenceService } from './presence.service.js';

const setRequest = z.object({ state: z.enum(['available', 'break', 'offline']), reason: z.string().trim().min(1).max(100).optional() });

/** Answers every socket request through its acknowledgement, never by throwing into Socket.IO. */
export function acknowledge<T>(ack: unknown, work: () => Promise<T>): void {
  if (typeof ack !== 'function') return;
  const reply = ack as Ack<T>;
  work().then(
    (data) => reply({ ok: true, data }),
    (e) => reply({ ok: false, error: isAppError(e) ? { code: e.code, message: e.message } : { code: 'internal', message: 'Something went wrong' } }),
  );
}

export function registerPresenceHandlers(socket: Socket, presence: PresenceService): void {
  const user = socket.data.user as UserDto;
  socket.on('presence.set', (req: unknown, ack: unknown) =>
    acknowledge(ack, async () => {
      const parsed = setRequest.safeParse(req);
      if (!parsed.success) throw new AppError('validation_failed', 'state must be available, break or offline, with a reason for a break');
      return presence.setOwn(user, parsed.data.state, parsed.data.reason ?? null);
    }),
  );
  socket.on('presence.heartbeat', (ack: unknown) => acknowledge(ack, () => presence.heartbeat(user)));
}

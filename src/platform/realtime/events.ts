import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contracts/events.js';

/** Rooms: everyone who works calls and cases, each role, each user, each office. */
export const rooms = {
  staff: 'staff',
  role: (role: string) => `role:${role}`,
  user: (id: string) => `user:${id}`,
  office: (id: string) => `office:${id}`,
} as const;

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** What modules use to push live updates; the Redis adapter fans them out to every process. */
export interface EventPublisher {
  /** To one room or several: a console in more than one of them gets the event once. */
  emit<E extends keyof ServerToClientEvents>(room: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}

export function createEventPublisher(io: TypedServer): EventPublisher {
  return {
    emit(room, event, ...args) {
      io.to(room).emit(event, ...args);
    },
  };
}

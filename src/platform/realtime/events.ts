import { performance } from 'node:perf_hooks';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, LiveEvent, LiveEvents, ServerToClientEvents } from '../../contracts/events.js';

/** Rooms: each role, each user, each office. */
export const rooms = {
  role: (role: string) => `role:${role}`,
  user: (id: string) => `user:${id}`,
  office: (id: string) => `office:${id}`,
} as const;

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** What modules use to push live updates; the Redis adapter fans them out to every process. */
export interface EventPublisher {
  /** To one room or several: a console in more than one of them gets the event once. */
  emit<E extends keyof LiveEvents>(room: string | string[], event: E, ...args: Parameters<LiveEvents[E]>): void;
}

export interface BatchingPublisher extends EventPublisher {
  /** Sends every event still held back at once, and stops watching the load; before the process stops. */
  flush(): void;
}

/**
 * How long events to one audience are held after one was sent. Every event is a socket write to
 * every console in its rooms, and on this kind of machine the writes, not the events, are the cost:
 * at 100 new calls a second, 200 consoles took 40,000 writes a second and most of a core (issue 9).
 */
export const BATCH_WINDOW_MS = 25;

/** Whether the process is busy enough for batching to pay. */
export interface LoadSignal {
  busy(): boolean;
  stop(): void;
}

/**
 * Busy: the event loop ran more than 70 % of the last quarter second, and stays so until it falls
 * under 40 % (so it does not flip at every sample; batching itself brings it down). A process less
 * busy sends each event at once, however close together.
 */
export function loopIsBusy(): LoadSignal {
  let busy = false;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const share = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    busy = busy ? share > 0.4 : share > 0.7;
  }, 250).unref();
  return { busy: () => busy, stop: () => clearInterval(timer) };
}

type Audience = { rooms: string | string[]; held: LiveEvent[]; timer: ReturnType<typeof setTimeout> };

/**
 * While the process is busy, the first event to an audience (a room, or a set of rooms) after a
 * quiet window goes at once, and the ones that follow within `windowMs` of it go together, in order,
 * as one `events.batch` at the window's end, which opens the next window: at most one write per
 * console per audience every `windowMs`. While it is not, every event goes at once. Events to
 * different audiences are independent: an offer to one agent never waits behind the queue's changes.
 */
export function createEventPublisher(
  io: TypedServer,
  { windowMs = BATCH_WINDOW_MS, load = loopIsBusy() }: { windowMs?: number; load?: LoadSignal } = {},
): BatchingPublisher {
  // Held events lose their individual types in the batch; `emit` checked each of them.
  const send = (to: string | string[], events: LiveEvent[]) => {
    const [first] = events;
    if (events.length === 1 && first) (io.to(to).emit as (...a: unknown[]) => boolean)(...first);
    else io.to(to).emit('events.batch', events);
  };
  const audiences = new Map<string, Audience>();
  const endWindow = (key: string) => {
    const audience = audiences.get(key);
    if (!audience) return;
    const events = audience.held;
    if (events.length === 0 || !load.busy()) audiences.delete(key);
    if (events.length === 0) return;
    audience.held = [];
    send(audience.rooms, events);
    if (audiences.has(key)) audience.timer = startWindow(key);
  };
  // Unref'd: a process that stops calls flush(); one that merely has a window open may exit.
  const startWindow = (key: string) => setTimeout(() => endWindow(key), windowMs).unref();

  return {
    emit(room, event, ...args) {
      const live = [event, ...args] as unknown as LiveEvent;
      if (windowMs <= 0) return send(room, [live]);
      const key = typeof room === 'string' ? room : room.join('\n');
      const audience = audiences.get(key);
      if (audience) {
        audience.held.push(live);
        return;
      }
      send(room, [live]);
      if (load.busy()) audiences.set(key, { rooms: room, held: [], timer: startWindow(key) });
    },
    flush() {
      load.stop();
      for (const audience of audiences.values()) {
        clearTimeout(audience.timer);
        if (audience.held.length) send(audience.rooms, audience.held);
      }
      audiences.clear();
    },
  };
}

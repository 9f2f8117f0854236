import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { receiveBatches } from '../../contracts/live-batch.js';
import type { QueueChange } from '../../contracts/events.js';
import { createEventPublisher, loopIsBusy, type BatchingPublisher, type LoadSignal, type TypedServer } from './events.js';

// A plain Socket.IO server: each client names the rooms it joins, so audiences can be arranged freely.
let http: HttpServer;
let io: TypedServer;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on('connection', (socket) => void socket.join(socket.handshake.auth.rooms as string[]));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

interface Console {
  /** Every event as its listener received it: `via` says which listener. */
  events: { via: 'on' | 'once' | 'any'; event: string; data: unknown }[];
  /** What the socket carried: an event alone, or a batch of several. */
  frames: string[];
}

async function console(rooms: string[]): Promise<Console> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, auth: { rooms } });
  clients.push(socket);
  receiveBatches(socket);
  const seen: Console = { events: [], frames: [] };
  // onAny hears a batch, then each event in it: those are not frames of their own.
  let inner = 0;
  socket.onAny((event: string, data: unknown) => {
    if (event === 'events.batch') {
      inner = (data as unknown[]).length;
      seen.frames.push(`batch of ${inner}`);
      return;
    }
    seen.events.push({ via: 'any', event, data });
    if (inner > 0) inner--;
    else seen.frames.push(event);
  });
  socket.on('queue.changed', (data) => seen.events.push({ via: 'on', event: 'queue.changed', data }));
  socket.once('offer.expired', (data) => seen.events.push({ via: 'once', event: 'offer.expired', data }));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return seen;
}

/** Batching is for a busy process: these tests say when it is. */
const busy: LoadSignal = { busy: () => true, stop: () => undefined };
const left = (n: number): QueueChange => ({ kind: 'left', callSid: `CA${n}`, reason: 'answered' });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};
const heard = (c: Console, via: Console['events'][number]['via']) => c.events.filter((e) => e.via === via).map((e) => e.data);

describe('live events, batched per audience', () => {
  let publisher: BatchingPublisher;
  afterEach(() => publisher.flush());

  it('when events to one audience follow each other closely, then the first goes alone and the rest together, in order, each to its own listeners', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 100 });
    const agent = await console(['role:agent']);
    for (let n = 1; n <= 5; n++) publisher.emit('role:agent', 'queue.changed', left(n));
    await until(() => heard(agent, 'on').length === 5);
    expect(heard(agent, 'on')).toEqual([1, 2, 3, 4, 5].map(left));
    expect(heard(agent, 'any')).toEqual([1, 2, 3, 4, 5].map(left));
    expect(agent.frames).toEqual(['queue.changed', 'batch of 4']);
  });

  it('when a once listener is in a batch, then it hears only the first of its events', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 100 });
    const agent = await console(['user:a']);
    publisher.emit('user:a', 'queue.changed', left(1));
    publisher.emit('user:a', 'offer.expired', { offerId: 'o1', reason: 'timeout' });
    publisher.emit('user:a', 'offer.expired', { offerId: 'o2', reason: 'declined' });
    await until(() => heard(agent, 'any').length === 3);
    expect(heard(agent, 'once')).toEqual([{ offerId: 'o1', reason: 'timeout' }]);
  });

  it('when the window has passed quietly, then the next event goes alone at once again', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 30 });
    const agent = await console(['role:agent']);
    publisher.emit('role:agent', 'queue.changed', left(1));
    await until(() => heard(agent, 'on').length === 1);
    // Two windows: the first ends with nothing held and closes.
    await new Promise((r) => setTimeout(r, 100));
    publisher.emit('role:agent', 'queue.changed', left(2));
    await until(() => heard(agent, 'on').length === 2);
    expect(agent.frames).toEqual(['queue.changed', 'queue.changed']);
  });

  it('when one audience is busy, then an event to another is not held behind it', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 300 });
    const agent = await console(['role:agent', 'user:a']);
    publisher.emit('role:agent', 'queue.changed', left(1));
    publisher.emit('role:agent', 'queue.changed', left(2));
    publisher.emit('user:a', 'offer.expired', { offerId: 'o1', reason: 'timeout' });
    await until(() => heard(agent, 'any').length === 3);
    // The offer's audience was quiet: it went at once, before the queue's held change.
    expect(agent.events.filter((e) => e.via === 'any').map((e) => e.event)).toEqual(['queue.changed', 'offer.expired', 'queue.changed']);
  });

  it('when a console is in several rooms of one audience, then it gets each event once', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 50 });
    const supervisor = await console(['role:agent', 'role:supervisor']);
    for (let n = 1; n <= 3; n++) publisher.emit(['role:agent', 'role:supervisor'], 'queue.changed', left(n));
    await until(() => heard(supervisor, 'on').length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard(supervisor, 'on')).toEqual([1, 2, 3].map(left));
  });

  it('when the process stops with events held, then flushing sends them at once', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 60_000 });
    const agent = await console(['role:agent']);
    publisher.emit('role:agent', 'queue.changed', left(1));
    publisher.emit('role:agent', 'queue.changed', left(2));
    publisher.emit('role:agent', 'queue.changed', left(3));
    await until(() => heard(agent, 'on').length === 1);
    publisher.flush();
    await until(() => heard(agent, 'on').length === 3);
    expect(heard(agent, 'on')).toEqual([1, 2, 3].map(left));
  });

  it('when the process is not busy, then every event goes alone at once, however close together', async () => {
    publisher = createEventPublisher(io, { load: { busy: () => false, stop: () => undefined }, windowMs: 60_000 });
    const agent = await console(['role:agent']);
    for (let n = 1; n <= 3; n++) publisher.emit('role:agent', 'queue.changed', left(n));
    await until(() => heard(agent, 'on').length === 3);
    expect(agent.frames).toEqual(['queue.changed', 'queue.changed', 'queue.changed']);
  });

  it('when the process stops being busy, then the open window ends and events go alone again', async () => {
    let isBusy = true;
    publisher = createEventPublisher(io, { load: { busy: () => isBusy, stop: () => undefined }, windowMs: 50 });
    const agent = await console(['role:agent']);
    publisher.emit('role:agent', 'queue.changed', left(1));
    publisher.emit('role:agent', 'queue.changed', left(2));
    isBusy = false;
    await until(() => heard(agent, 'on').length === 2);
    publisher.emit('role:agent', 'queue.changed', left(3));
    publisher.emit('role:agent', 'queue.changed', left(4));
    await until(() => heard(agent, 'on').length === 4);
    expect(agent.frames).toEqual(['queue.changed', 'queue.changed', 'queue.changed', 'queue.changed']);
  });

  it('when the window is zero, then every event goes alone', async () => {
    publisher = createEventPublisher(io, { load: busy, windowMs: 0 });
    const agent = await console(['role:agent']);
    for (let n = 1; n <= 3; n++) publisher.emit('role:agent', 'queue.changed', left(n));
    await until(() => heard(agent, 'on').length === 3);
    expect(agent.frames).toEqual(['queue.changed', 'queue.changed', 'queue.changed']);
  });
});

describe('the load signal', () => {
  it('when the event loop is kept busy, then it says busy, and once the loop rests, not busy', async () => {
    const load = loopIsBusy();
    try {
      expect(load.busy()).toBe(false);
      // Blocks of 40 ms with a short breath between: the loop is busy almost all the time.
      const until = performance.now() + 1_000;
      while (performance.now() < until) {
        const block = performance.now() + 40;
        while (performance.now() < block);
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(load.busy()).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(load.busy()).toBe(false);
    } finally {
      load.stop();
    }
  });
});

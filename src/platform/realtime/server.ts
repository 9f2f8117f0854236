import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { TypedServer } from './events.js';

export interface RealtimeRedis {
  pub: Redis;
  sub: Redis;
  prefix: string;
}

/**
 * The adapter publishes without waiting on the result: while Redis is away each publish would be an
 * unhandled rejection, which ends a Node process. An event published then is lost (consoles reload
 * their lists on reconnecting); the process is not.
 */
function publishingSafely(pub: Redis): Redis {
  const publish = pub.publish.bind(pub) as (channel: string, message: string) => Promise<number>;
  (pub as unknown as { publish: typeof publish }).publish = (channel, message) => publish(channel, message).catch(() => 0);
  return pub;
}

/**
 * A Socket.IO server sharing rooms through Redis. Without an HTTP server it only publishes,
 * which is how the worker pushes events to consoles connected to the api processes.
 */
export function createRealtimeServer(redis: RealtimeRedis, http?: HttpServer): TypedServer {
  const io: TypedServer = new Server({
    serveClient: false,
    // The console is served from the same origin; nothing else may connect.
    cors: undefined,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.adapter(createAdapter(publishingSafely(redis.pub), redis.sub, { key: `${redis.prefix}:socket.io` }));
  if (http) io.attach(http);
  return io;
}

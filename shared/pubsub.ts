import { EventEmitter } from 'node:events';
import { PubSub as MemoryPubSub, type PubSubEngine } from 'graphql-subscriptions';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { onFirstUse } from './on-first-use.js';

/**
 * Topic-based pub/sub between service instances: Redis when REDIS_URL is set, in-process otherwise.
 * Payloads must be plain JSON (they cross Redis); publish ids and small facts, let resolvers load the rest.
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * An iterator whose return() unsubscribes at once. `counted: false` for a listener that lives as long as its
   * process (the gateway's auth-changed listener), which leak counts leave out.
   */
  subscribe<T = unknown>(topic: string | string[], options?: { counted?: boolean }): AsyncIterableIterator<T>;
  /** Number of live counted subscriptions (tests count leaks with it). */
  listenerCount(): number;
  /**
   * Calls `listener` each time this process's subscriptions may have missed messages: the Redis subscriber
   * connection closed (ioredis reconnects and subscribes again, but what was published meanwhile is lost). Never
   * called in-process. Returns the listener's removal.
   */
  onGap?(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createPubSub(options: { redisUrl?: string | null; prefix?: string } = {}): PubSub {
  const prefix = options.prefix ?? 'soulseer:';
  let engine: PubSubEngine;
  let close: () => Promise<void> = async () => {};
  const gapListeners = new Set<() => void>();
  if (options.redisUrl) {
    const { Redis } = onFirstUse<typeof import('ioredis')>('ioredis');
    const { RedisPubSub } = onFirstUse<typeof import('graphql-redis-subscriptions')>('graphql-redis-subscriptions');
    const publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    // Named (CLIENT LIST shows whose it is; tests cut it with CLIENT KILL to see a gap handled).
    const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null, connectionName: `${prefix}subscriber` });
    // Once per lost connection (ioredis emits `close` before each reconnection attempt's `reconnecting`).
    subscriber.on('close', () => gapListeners.forEach((l) => l()));
    engine = new RedisPubSub({ publisher, subscriber });
    close = async () => {
      await (engine as RedisPubSub).close();
    };
  } else {
    // One listener per subscriber on a topic: thousands watch one stream, so no listener cap.
    const eventEmitter = new EventEmitter();
    eventEmitter.setMaxListeners(0);
    engine = new MemoryPubSub({ eventEmitter });
  }
  let live = 0;
  return {
    async publish(topic, payload) {
      await engine.publish(prefix + topic, payload);
    },
    subscribe<T>(topic: string | string[], options?: { counted?: boolean }) {
      const topics = (Array.isArray(topic) ? topic : [topic]).map((t) => prefix + t);
      const inner = engine.asyncIterableIterator<T>(topics) as AsyncIterableIterator<T> & {
        return(): Promise<IteratorResult<T>>;
      };
      const counted = options?.counted !== false;
      if (counted) live += 1;
      let done = !counted;
      const finish = () => {
        if (!done) {
          done = true;
          live -= 1;
        }
      };
      const it: AsyncIterableIterator<T> = {
        next: () => inner.next().then((r) => (r.done && finish(), r)),
        return: () => {
          finish();
          return inner.return();
        },
        throw: (e?: unknown) => {
          finish();
          return inner.throw ? inner.throw(e) : Promise.reject(e);
        },
        [Symbol.asyncIterator]() {
          return it;
        },
      };
      return it;
    },
    listenerCount: () => live,
    onGap(listener) {
      gapListeners.add(listener);
      return () => void gapListeners.delete(listener);
    },
    close,
  };
}

/** Keeps only the events that pass `keep`; return() still reaches the source at once. */
export function filterIterator<T>(source: AsyncIterableIterator<T>, keep: (event: T) => boolean | Promise<boolean>): AsyncIterableIterator<T> {
  const it: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done || (await keep(r.value))) return r;
      }
    },
    return: () => (source.return ? source.return() : Promise.resolve({ done: true, value: undefined })),
    throw: (e?: unknown) => (source.throw ? source.throw(e) : Promise.reject(e)),
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}

import type { Redis } from 'ioredis';

// Where automatic persisted queries (APQ) are kept: documents registered by hash, looked up by hash.
// In Redis (REDIS_URL) every gateway instance sees what any of them registered; in memory otherwise, bounded.

export interface ApqStore {
  get(hash: string): Promise<string | null>;
  set(hash: string, document: string): Promise<void>;
}

/** Least-recently-used in process memory: at most `maxEntries` documents and `maxBytes` of text. */
export function memoryApqStore(options: { maxEntries?: number; maxBytes?: number } = {}): ApqStore & { size(): number } {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, string>();
  let bytes = 0;
  return {
    size: () => entries.size,
    async get(hash) {
      const doc = entries.get(hash);
      if (doc === undefined) return null;
      // Map order is insertion order: re-inserting marks it most recently used.
      entries.delete(hash);
      entries.set(hash, doc);
      return doc;
    },
    async set(hash, document) {
      const previous = entries.get(hash);
      if (previous !== undefined) {
        entries.delete(hash);
        bytes -= previous.length;
      }
      entries.set(hash, document);
      bytes += document.length;
      for (const [oldest, doc] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= doc.length;
      }
    },
  };
}

/** In Redis under `<prefix><hash>`, each kept `ttlSeconds` after its last registration (refreshed by lookups). */
export function redisApqStore(redis: Redis, options: { prefix?: string; ttlSeconds?: number } = {}): ApqStore {
  const prefix = options.prefix ?? 'gateway:apq:';
  const ttl = options.ttlSeconds ?? 7 * 24 * 3600;
  return {
    async get(hash) {
      const doc = await redis.getex(`${prefix}${hash}`, 'EX', ttl);
      return doc ?? null;
    },
    async set(hash, document) {
      await redis.set(`${prefix}${hash}`, document, 'EX', ttl);
    },
  };
}

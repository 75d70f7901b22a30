import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../repo-root.js';

/**
 * PGlite's one database session as the embedded server (shared/db/embedded.ts) drives it: raw protocol bytes in, the
 * answer's bytes out. Two homes for it:
 * - `local`: PGlite in this thread (tests' in-memory default);
 * - `threaded`: PGlite in a worker thread (shared/db/pglite-worker.mjs), which `npm start` uses: opening the data
 *   folder (~0.9 s warm, ~5 s when it is created) runs while the main thread loads the application, and queries
 *   then run beside GraphQL instead of between its requests.
 */
export interface PgSession {
  /** Runs protocol bytes alone on the session; `onData` gets the answer's bytes. */
  exec(bytes: Uint8Array, onData: (data: Uint8Array) => void): Promise<void>;
  /** Whether the session is inside a transaction block after the last exec. */
  isInTransaction(): boolean;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function openLocalSession(dataDir: string | null): Promise<PgSession> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    exec: (bytes, onData) => db.runExclusive(() => db.execProtocolRawStream(bytes, { onRawData: onData })).then(() => undefined),
    isInTransaction: () => db.isInTransaction(),
    query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    close: () => db.close(),
  };
}

type Answer = { id: number; error?: string; data?: Uint8Array; inTransaction?: boolean; rows?: unknown[] };

export async function openThreadedSession(dataDir: string | null): Promise<PgSession> {
  const worker = new Worker(path.join(REPO_ROOT, 'shared/db/pglite-worker.mjs'), { workerData: { dataDir } });
  const waiting = new Map<number, { resolve(a: Answer): void; reject(e: Error): void }>();
  let nextId = 1;
  let inTransaction = false;
  let gone: Error | null = null;
  const fail = (error: Error) => {
    gone ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  let opened: { resolve(): void; reject(e: Error): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
  worker.on('message', (a: Answer & { ready?: boolean; openError?: string }) => {
    if (opened) {
      if (a.ready) opened.resolve();
      else opened.reject(new Error(`embedded database: ${a.openError}`));
      opened = null;
      return;
    }
    const w = waiting.get(a.id);
    waiting.delete(a.id);
    if (a.error !== undefined) w?.reject(new Error(a.error));
    else w?.resolve(a);
  });
  worker.on('error', (e) => {
    opened?.reject(e);
    fail(e);
  });
  worker.on('exit', (code) => {
    opened?.reject(new Error(`embedded database thread exited (${code}) while opening`));
    fail(new Error(`embedded database thread exited (${code})`));
  });
  await ready;
  const call = (message: Record<string, unknown>, transfer: ArrayBuffer[] = []) =>
    new Promise<Answer>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  return {
    async exec(bytes, onData) {
      // A copy of just these bytes, handed over (not cloned with the pooled buffer they may sit in).
      const copy = bytes.slice();
      const a = await call({ op: 'exec', bytes: copy }, [copy.buffer]);
      inTransaction = a.inTransaction!;
      if (a.data?.length) onData(a.data);
    },
    isInTransaction: () => inTransaction,
    query: async <T>(sql: string) => (await call({ op: 'query', sql })).rows as T[],
    async close() {
      if (gone) return;
      await call({ op: 'close' });
      await new Promise((resolve) => (gone ? resolve(undefined) : worker.once('exit', resolve)));
    },
  };
}

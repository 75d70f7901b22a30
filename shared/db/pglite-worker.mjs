// The embedded database's own thread (shared/db/pglite-session.ts, threaded mode): PGlite's WebAssembly opens the data
// folder and runs every query here, so neither blocks the main thread (module loading at start-up, then GraphQL).
// Plain JavaScript located from the repository root, so the same file serves the start-up bundle, tsx and vitest.
// Messages in: { id, op: 'exec', bytes } (raw protocol bytes; answers { id, data, inTransaction }), { id, op: 'query',
// sql } (answers { id, rows }), { id, op: 'close' }. Out first: { ready: true } or { openError }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = parentPort;
let db;
try {
  db = workerData.dataDir ? await PGlite.create(workerData.dataDir) : await PGlite.create();
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ openError: error instanceof Error ? error.message : String(error) });
  port.close();
}

port.on('message', async ({ id, op, bytes, sql }) => {
  try {
    if (op === 'exec') {
      const chunks = [];
      await db.runExclusive(() => db.execProtocolRawStream(bytes, { onRawData: (d) => d.length && chunks.push(d.slice()) }));
      const data = chunks.length === 1 ? chunks[0] : concat(chunks);
      port.postMessage({ id, data, inTransaction: db.isInTransaction() }, [data.buffer]);
    } else if (op === 'query') {
      port.postMessage({ id, rows: (await db.query(sql)).rows });
    } else if (op === 'close') {
      await db.close();
      port.postMessage({ id });
      port.close();
    }
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

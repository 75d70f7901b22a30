import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';

// The embedded default shares PGlite's one session between connections; each must see only its own settings.
let db: EmbeddedPostgres;
const clients: pg.Client[] = [];

async function connect(searchPath?: string): Promise<pg.Client> {
  const url = new URL(db.url);
  if (searchPath) url.searchParams.set('options', `-c search_path=${searchPath}`);
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  clients.push(c);
  return c;
}
const searchPath = async (c: pg.Client) => (await c.query<{ search_path: string }>('SHOW search_path')).rows[0]!.search_path;

// Both homes of PGlite's session: this thread (the tests' fallback) and a worker thread (npm start).
describe.each([
  ['in this thread', false],
  ['in a worker thread', true],
])('embedded PostgreSQL session sharing, PGlite %s', (_where, thread) => {
  beforeAll(async () => {
    db = await startEmbeddedPostgres(null, 0, { thread });
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await db.stop();
  });

  it("gives a connection without options the default settings after another's startup options and SET", async () => {
    const plain = await connect();
    const initial = await searchPath(plain);
    const admin = await connect();
    await admin.query('CREATE SCHEMA emb_a');
    await admin.query('CREATE SCHEMA emb_b');
    const a = await connect('emb_a');
    await a.query('CREATE TABLE t (id int)');
    expect(await searchPath(plain)).toBe(initial);
    await admin.query('SET search_path TO emb_b');
    expect(await searchPath(plain)).toBe(initial);
    // Each keeps its own: the SET survives other connections' turns, the startup option too.
    expect(await searchPath(admin)).toBe('emb_b');
    expect(await searchPath(a)).toBe('emb_a');
    await admin.query('DROP SCHEMA emb_a CASCADE');
    await a.end();
    // A dropped schema's search_path does not leak into the next connection (it could not create tables).
    const late = await connect();
    await late.query('CREATE TABLE emb_plain (id int)');
    expect((await late.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'emb_plain'`)).rows).toEqual([
      { table_schema: 'public' },
    ]);
  });

  it('runs a transaction alone, returns large answers whole, and answers errors without losing the connection', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('CREATE TABLE emb_tx (id int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO emb_tx VALUES (1)');
    // b waits for a's transaction (one session), then sees its committed row.
    const seen = b.query<{ n: string }>('SELECT count(*) AS n FROM emb_tx');
    await a.query('COMMIT');
    expect((await seen).rows[0]!.n).toBe('1');
    const big = await b.query<{ s: string }>(`SELECT repeat('x', 1000) || g AS s FROM generate_series(1, 3000) g`);
    expect(big.rows).toHaveLength(3000);
    expect(big.rows[2999]!.s).toBe(`${'x'.repeat(1000)}3000`);
    await expect(a.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    await expect(a.query('INSERT INTO emb_tx VALUES ($1)', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await a.query<{ n: string }>('SELECT count(*) AS n FROM emb_tx')).rows[0]!.n).toBe('1');
    await a.query('DROP TABLE emb_tx');
  });
});

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

beforeAll(async () => {
  db = await startEmbeddedPostgres(null);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db.stop();
});

describe('embedded PostgreSQL session sharing', () => {
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
});

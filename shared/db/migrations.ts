// Prisma migrations without the native schema-engine binary: Prisma's own engine compiled to
// WebAssembly (@prisma/schema-engine-wasm), driven through the pg driver adapter. The folder format is
// Prisma's, so `prisma migrate deploy` on a connected machine accepts the same prisma/migrations.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { logger } from '../logger.js';
import { REPO_ROOT } from '../repo-root.js';

export const PRISMA_DIR = path.join(REPO_ROOT, 'prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
/** The schema as it stood at the last migration: what the next migration is diffed from. */
export const SNAPSHOT_FILE = path.join(MIGRATIONS_DIR, 'schema-snapshot.json');
const LOCKFILE = 'provider = "postgresql"\n';

type Bg = typeof import('@prisma/schema-engine-wasm');
let enginePromise: Promise<Bg> | undefined;

/** Loads the bundler-style wasm-bindgen build without --experimental-wasm-modules. */
function loadEngineModule(): Promise<Bg> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    // A literal specifier (not a computed path), so the start-up bundle can include it (scripts/launch.mjs).
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Bg & {
      __wbg_set_wasm(exports: unknown): void;
    };
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bg as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return enginePromise;
}

export async function readSchemaFiles(dir = PRISMA_DIR): Promise<Array<{ path: string; content: string }>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.prisma')).sort();
  return Promise.all(names.map(async (n) => ({ path: n, content: await readFile(path.join(dir, n), 'utf8') })));
}

type ScriptRunner = { executeScript(script: string): Promise<void> };

/**
 * PrismaPg's executeScript splits a migration on every ";" (even inside quoted function bodies). PostgreSQL
 * takes a whole multi-statement script in one simple query (run as one implicit transaction), as the native
 * engine sends it, so send it whole.
 */
function wholeScriptAdapter(factory: PrismaPg, opened: Array<{ dispose(): Promise<void> }>): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    opened.push(adapter);
    const internals = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
    (adapter as unknown as ScriptRunner).executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

/**
 * The engine over its own connection pool. Closing it frees the engine AND ends that pool: the engine holds the
 * migration advisory lock on a session of it, so a pool left to its idle timeout could keep the lock for another
 * ~10 s and make the next migration (another process, or a retry) time out waiting for it.
 */
async function openEngine(connectionString: string, files: Array<{ path: string; content: string }>) {
  const { SchemaEngine } = await loadEngineModule();
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const factory = bindMigrationAwareSqlAdapterFactory(wholeScriptAdapter(new PrismaPg({ connectionString }), opened));
  const log = (line: string) => {
    if (process.env.MIGRATE_DEBUG) logger('db').info({ engine: line }, 'migration engine');
  };
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, factory as never);
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

async function listMigrations() {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    dirs.map(async (d) => ({
      path: d,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8') },
      },
    })),
  );
}

/** Applies every pending migration of prisma/migrations, as `prisma migrate deploy` does. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const files = await readSchemaFiles();
  const { engine, close } = await openEngine(connectionString, files);
  try {
    const migrationDirectories = await listMigrations();
    const out = (await engine.applyMigrations({
      migrationsList: {
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: 'migration_lock.toml', content: LOCKFILE },
        shadowDbInitScript: '',
        migrationDirectories,
      },
      filters: { externalTables: [], externalEnums: [] },
    } as never)) as { appliedMigrationNames: string[] };
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Writes a new migration from the difference between the committed snapshot (the schema as of the last
 * migration) and the schema now. No database is read. Returns null when nothing changed.
 */
export async function createMigration(name: string, connectionString: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('migration name must be snake_case: [a-z0-9_]+');
  const files = await readSchemaFiles();
  const snapshot = await readFile(SNAPSHOT_FILE, 'utf8')
    .then((t) => JSON.parse(t) as Array<{ path: string; content: string }>)
    // No snapshot yet (first migration of a fresh project): diff against the empty schema.
    .catch(() => null);
  const { engine, close } = await openEngine(connectionString, files);
  try {
    const result = (await engine.diff({
      from: snapshot ? { tag: 'schemaDatamodel', files: snapshot } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: { externalTables: [], externalEnums: [] },
    } as never)) as { stdout: string };
    const sql = result.stdout.trim();
    if (!sql || sql === '-- This is an empty migration.') return null;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql + '\n');
    await writeFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), LOCKFILE);
    await writeFile(SNAPSHOT_FILE, JSON.stringify(files, null, 2) + '\n');
    return dir;
  } finally {
    await close();
  }
}

/** Names of prisma/migrations not yet recorded as applied (finished, not rolled back) in the database `query` reads. */
export async function pendingMigrations(query: (sql: string) => Promise<Array<{ migration_name: string }>>): Promise<string[]> {
  const all = (await listMigrations()).map((m) => m.path);
  let applied: Set<string>;
  try {
    applied = new Set(
      (await query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')).map((r) => r.migration_name),
    );
  } catch (error) {
    // No _prisma_migrations table: nothing was ever applied here.
    if ((error as { code?: string })?.code === '42P01' || /_prisma_migrations/.test(String((error as Error)?.message))) applied = new Set();
    else throw error;
  }
  return all.filter((name) => !applied.has(name));
}

/** pendingMigrations of the database at `connectionString`, over one short-lived connection. */
export async function pendingMigrationsAt(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await pendingMigrations(async (sql) => (await client.query<{ migration_name: string }>(sql)).rows);
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrisma } from '../../shared/db/client.js';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { MIGRATIONS_DIR } from '../../shared/db/migrations.js';

export interface TestDatabase {
  /** Connection string whose search_path is this file's own schema. */
  url: string;
  schema: string;
  prisma: PrismaClient;
  /** Raw SQL on the same schema (for assertions the API does not expose). */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

let migrationSql: Promise<string> | undefined;
function allMigrationsSql(): Promise<string> {
  migrationSql ??= (async () => {
    const dirs = await migrationNames();
    const parts = await Promise.all(dirs.map((d) => readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8')));
    return parts.join('\n;\n').replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, '');
  })();
  return migrationSql;
}

async function migrationNames(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * A fresh PostgreSQL schema with every migration applied, for one test file. The schema-engine path
 * (npm run db:migrate) is exercised by its own test; here the same SQL is run directly, which is faster.
 */
export async function createTestDatabase(options: { poolSize?: number; baseUrl?: string; connectionTimeoutMillis?: number } = {}): Promise<TestDatabase> {
  // baseUrl: a caller outside vitest (bench:shop) names the server itself.
  const base = options.baseUrl ?? inject('databaseUrl');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    await admin.query(await allMigrationsSql());
    // Recorded as `npm run db:migrate` records them, so a service process started on this schema finds none pending.
    await admin.query(
      `CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL,
        logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0)`,
    );
    await admin.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
       SELECT gen_random_uuid()::text, '', now(), name, 1 FROM unnest($1::text[]) AS name`,
      [await migrationNames()],
    );
  } finally {
    await admin.end();
  }
  const url = withSearchPath(base, schema);
  const prisma = createPrisma(url, { schema, max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    schema,
    prisma,
    async sql<T>(text: string, values?: unknown[]) {
      return (await pool.query(text, values as unknown[])).rows as T[];
    },
    async drop() {
      await prisma.$disconnect();
      await pool.end();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    },
  };
}

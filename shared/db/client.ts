import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';

export { PrismaClient };
export type { Prisma } from './generated/client.js';

export interface DbOptions {
  /** Pool size per process. */
  max?: number;
  /** PostgreSQL schema (tests isolate files by schema). */
  schema?: string;
  /** How long a query waits for a pooled connection before failing (SERVICE_UNAVAILABLE to clients); default 10 s. */
  connectionTimeoutMillis?: number;
  /** Named (prepared) statements, see statementNames; default on. Off for a pooler in transaction mode without prepared-statement support. */
  preparedStatements?: boolean;
}

/** Distinct statement texts one client prepares at most (each pooled connection keeps them on the server). */
const MAX_PREPARED = 500;
/** Texts seen once remembered at most (a text is prepared the second time it runs); emptied when full. */
const MAX_SEEN = 5_000;

/**
 * Names for the statements the client runs, one per distinct SQL text, so that pg prepares each once per connection
 * and afterwards sends only Bind/Execute: PostgreSQL skips parsing and planning (a quarter of a point read's time in
 * the database) and the driver one message per statement. Prisma's SQL for a query shape is fixed (values are
 * parameters), so the texts are few; a text is named only when it runs a second time (a one-off raw statement
 * stays unnamed), and at most MAX_PREPARED are, so that rarer texts (an `IN` list of every length) cannot grow what
 * each connection keeps on the server without bound. Unnamed statements are parsed and planned each time, as before.
 */
function statementNames(): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  return ({ sql }) => {
    const name = names.get(sql);
    if (name !== undefined) return name;
    if (seen.delete(sql) && names.size < MAX_PREPARED) {
      const fresh = `prisma_${names.size}`;
      names.set(sql, fresh);
      return fresh;
    }
    if (seen.size >= MAX_SEEN) seen.clear();
    if (names.size < MAX_PREPARED) seen.add(sql);
    return ''; // pg runs a query without a name unnamed
  };
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrisma(connectionString: string, options: DbOptions = {}): PrismaClient {
  // The pool is made here (and ended by $disconnect) so its use can be watched (shared/metrics.ts, poolOf).
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000 });
  const adapter = new PrismaPg(pool, {
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.preparedStatements !== false ? { statementNameGenerator: statementNames() } : {}),
    disposeExternalPool: true,
  });
  const prisma = new PrismaClient({ adapter });
  pools.set(prisma, pool);
  return prisma;
}

/** The pg pool of a client made by createPrisma (undefined for others). */
export function poolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}

/** A unique-constraint violation, however it surfaces (Prisma P2002, or PostgreSQL 23505 through the driver adapter). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === 'P2002' || err?.cause?.code === '23505' || /23505|unique constraint/i.test(err?.message ?? '');
}

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
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrisma(connectionString: string, options: DbOptions = {}): PrismaClient {
  // The pool is made here (and ended by $disconnect) so its use can be watched (shared/metrics.ts, poolOf).
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000 });
  const adapter = new PrismaPg(pool, { ...(options.schema ? { schema: options.schema } : {}), disposeExternalPool: true });
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

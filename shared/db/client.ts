import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export { PrismaClient };
export type { Prisma } from './generated/client.js';

export interface DbOptions {
  /** Pool size per process. */
  max?: number;
  /** PostgreSQL schema (tests isolate files by schema). */
  schema?: string;
}

export function createPrisma(connectionString: string, options: DbOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: options.max ?? 10, connectionTimeoutMillis: 10_000 },
    options.schema ? { schema: options.schema } : undefined,
  );
  return new PrismaClient({ adapter });
}

/** A unique-constraint violation, however it surfaces (Prisma P2002, or PostgreSQL 23505 through the driver adapter). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === 'P2002' || err?.cause?.code === '23505' || /23505|unique constraint/i.test(err?.message ?? '');
}

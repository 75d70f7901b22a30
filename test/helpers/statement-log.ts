import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../shared/db/generated/client.js';
import type { TestFederation } from './federation.js';

/**
 * A Prisma client over the federation's schema that records every SQL statement it sends, for the tests that hold
 * a request's SQL to a fixed count (a second subgraph server runs on it). Empty `statements` before the request.
 */
export function statementLoggingPrisma(fed: TestFederation): { prisma: PrismaClient; statements: string[] } {
  const statements: string[] = [];
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: fed.db.url, max: 4 }, { schema: fed.db.schema }),
    log: [{ emit: 'event', level: 'query' }],
  });
  // The generated client types $on only when the log option is a literal in its type parameters; this is that event.
  (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => statements.push(e.query));
  return { prisma, statements };
}

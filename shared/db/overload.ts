/**
 * Database failures that say "overloaded or briefly unavailable; the statement did not run (or its transaction was
 * rolled back), try again", as opposed to a bug. shared/errors.ts answers them SERVICE_UNAVAILABLE instead of INTERNAL.
 * Each shape below was reproduced against PostgreSQL through Prisma 7's pg driver adapter (shared/db/overload.test.ts):
 * - BUSY: no pooled connection within the pool's connectionTimeoutMillis (pg-pool's "timeout exceeded when trying to
 *   connect"), a new connection not set up in that time ("Connection terminated due to connection timeout"), an
 *   interactive transaction not started within its maxWait (P2028 "Unable to start a transaction in the given time"),
 *   PostgreSQL refusing another connection (53300 too_many_connections: server, database or role limit; P2037);
 * - TIMEOUT: a statement cancelled by statement_timeout (57014) or lock_timeout (55P03), an interactive transaction
 *   past its timeout (P2028 "… expired transaction"; Prisma rolls it back);
 * - UNAVAILABLE: the database server cannot be reached (P1001, DatabaseNotReachable).
 */
export type OverloadReason = 'DATABASE_BUSY' | 'DATABASE_TIMEOUT' | 'DATABASE_UNAVAILABLE';

/** pg-pool and pg's own errors carry no code: their messages (pg 8) are the only way to tell them. */
const CONNECT_TIMEOUT = /^(?:timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/;
/** SQLSTATEs, as PostgreSQL sends them (pg errors) or as the driver adapter relays them (meta.driverAdapterError). */
const SQLSTATES: Record<string, OverloadReason> = { '53300': 'DATABASE_BUSY', '57014': 'DATABASE_TIMEOUT', '55P03': 'DATABASE_TIMEOUT' };
const ADAPTER_KINDS: Record<string, OverloadReason> = { TooManyConnections: 'DATABASE_BUSY', DatabaseNotReachable: 'DATABASE_UNAVAILABLE' };

interface DbErrorLike {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
}

/**
 * Why `error` (or an error it wraps, through `cause`) is an overload of the database, or null when it is not one.
 * Only thrown Error objects count: an error relayed as JSON (a subgraph's answer at the gateway) keeps the code its
 * subgraph gave it, whatever its message says.
 */
export function overloadReason(error: unknown): OverloadReason | null {
  let next: unknown = error;
  for (let depth = 0; next instanceof Error && depth < 4; depth++, next = next.cause) {
    const e = next as Error & DbErrorLike;
    const message = e.message;
    if (CONNECT_TIMEOUT.test(message)) return 'DATABASE_BUSY';
    if (e.code === 'P2028') {
      if (message.includes('Unable to start a transaction in the given time')) return 'DATABASE_BUSY';
      if (message.includes('expired transaction')) return 'DATABASE_TIMEOUT';
    }
    const cause = e.meta?.driverAdapterError?.cause;
    const kind = typeof cause?.kind === 'string' && Object.hasOwn(ADAPTER_KINDS, cause.kind) ? ADAPTER_KINDS[cause.kind] : undefined;
    if (kind) return kind;
    const sqlstate = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof e.code === 'string' ? e.code : '';
    if (Object.hasOwn(SQLSTATES, sqlstate)) return SQLSTATES[sqlstate]!;
    if (e.code === 'P1001') return 'DATABASE_UNAVAILABLE';
  }
  return null;
}

/**
 * The mistakes a newcomer makes when starting a process (a port in use, a database that does not answer, migrations
 * not applied), said in one line with what to do, instead of a stack trace. Anything else is not explained here.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

interface SystemLike {
  code?: string;
  port?: number;
  address?: string;
  message?: string;
  errno?: number | string;
  cause?: unknown;
}

/** The error itself or the first cause that carries a system or PostgreSQL code (drivers wrap them). */
function coded(error: unknown): SystemLike | null {
  for (let e = error as SystemLike | undefined, depth = 0; e && depth < 5; e = e.cause as SystemLike | undefined, depth++) {
    if (typeof e.code === 'string') return e;
  }
  return null;
}

const DB_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']);

/** Prisma's driver adapter reports pg's errors as a kind (`DatabaseNotReachable`…) under meta.driverAdapterError.cause. */
const ADAPTER_KINDS: Record<string, string> = {
  DatabaseNotReachable: 'ECONNREFUSED',
  ConnectionClosed: 'ECONNRESET',
  SocketTimeout: 'ETIMEDOUT',
  AuthenticationFailed: '28P01',
  DatabaseAccessDenied: '28000',
  DatabaseDoesNotExist: '3D000',
};

function adapterCode(error: unknown): string | null {
  const kind = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } })?.meta?.driverAdapterError?.cause?.kind;
  return (kind && ADAPTER_KINDS[kind]) ?? null;
}

/** One line saying what went wrong and what to do, or null for errors that are not a known start-up mistake. */
export function explainStartupError(error: unknown, databaseUrl: string | null): string | null {
  if (error instanceof StartupError) return error.message;
  const fromAdapter = adapterCode(error);
  const e = fromAdapter ? { code: fromAdapter } : coded(error);
  if (!e) return null;
  if (e.code === 'EADDRINUSE') {
    return `Port ${e.port ?? ''} is already in use (another npm start?): stop what holds it, or choose other ports with PORT, ACCOUNTS_PORT, READINGS_PORT, PAYMENTS_PORT, COMMUNITY_PORT.`;
  }
  const where = databaseUrl ? describeDatabase(databaseUrl) : 'the database';
  if (DB_UNREACHABLE.has(e.code ?? '')) {
    return `Cannot reach ${where} (${e.code}): check DATABASE_URL and that PostgreSQL is running, or unset DATABASE_URL to run the embedded database.`;
  }
  if (e.code === '28P01' || e.code === '28000') return `${cap(where)} refused the login (${e.code}): check the user and password in DATABASE_URL.`;
  if (e.code === '3D000') return `${cap(where)} does not exist (3D000): create it (createdb) or fix the database name in DATABASE_URL.`;
  return null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** host:port/database of a connection string, without its password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `the PostgreSQL database ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the database in DATABASE_URL (not a valid URL)';
  }
}

/** Runs a process's start; a known mistake is one line on stderr and exit 1, anything else is thrown on. */
export async function startOrExplain<T>(databaseUrl: string | null, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const line = explainStartupError(error, databaseUrl);
    if (!line) throw error;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}

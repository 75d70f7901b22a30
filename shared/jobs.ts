import { run, runMigrations, Logger, type Runner, type TaskList } from 'graphile-worker';
import type { PrismaClient, Prisma } from './db/generated/client.js';

/**
 * Durable timers on graphile-worker (PostgreSQL-backed): jobs survive restarts, and a job with a `jobKey`
 * exists at most once however many instances schedule it, and runs on exactly one of them.
 */
export interface JobsConfig {
  connectionString: string;
  /** PostgreSQL schema holding the queue (default graphile_worker; tests use one per file). */
  schema?: string;
  /** Polling for due future jobs, in ms (new jobs arrive by NOTIFY on PostgreSQL; PGlite polls only). */
  pollIntervalMs?: number;
  /** PGlite over its socket: no named prepared statements (they collide between connections). */
  embedded?: boolean;
  concurrency?: number;
}

export interface AddJobOptions {
  runAt?: Date;
  /** One pending job per key: adding again replaces it (new payload and run time). */
  jobKey?: string;
  maxAttempts?: number;
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Adds and removes jobs with SQL, so a job scheduled inside a Prisma transaction exists only if that
 * transaction commits (no timer for a state change that rolled back).
 */
export interface JobQueue {
  add(db: Db, task: string, payload: Record<string, unknown>, options?: AddJobOptions): Promise<void>;
  remove(db: Db, jobKey: string): Promise<void>;
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}

export function createJobQueue(schema = 'graphile_worker'): JobQueue {
  const s = quoteIdent(schema);
  return {
    async add(db, task, payload, options = {}) {
      await db.$queryRawUnsafe(
        `SELECT 1 FROM ${s}.add_job(identifier => $1::text, payload => $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text)`,
        task,
        JSON.stringify(payload),
        options.runAt ?? null,
        options.maxAttempts ?? 10,
        options.jobKey ?? null,
      );
    },
    async remove(db, jobKey) {
      // remove_job deletes an unlocked job; a running one loses its key and is left to finish (its handler
      // re-checks the state it acts on, so a stale run does nothing).
      await db.$queryRawUnsafe(`SELECT 1 FROM ${s}.remove_job($1::text)`, jobKey);
    },
  };
}

export interface JobRunner {
  queue: JobQueue;
  stop(): Promise<void>;
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.warn(`[jobs] ${message}`);
});

/** Installs the queue schema (idempotent) without running jobs, so jobs can be added before a runner starts. */
export async function migrateJobs(config: JobsConfig): Promise<void> {
  await runMigrations({
    connectionString: config.connectionString,
    schema: config.schema,
    noPreparedStatements: config.embedded,
    logger: quietLogger,
  });
}

/**
 * Starts a worker pool for `tasks`. Several may run against one queue; each job runs once. If the pool dies
 * (database restart, lost connection) it is started again after a pause: jobs wait in the table meanwhile.
 */
export async function startJobRunner(config: JobsConfig, tasks: TaskList): Promise<JobRunner> {
  const options = {
    connectionString: config.connectionString,
    schema: config.schema,
    taskList: tasks,
    concurrency: config.concurrency ?? (config.embedded ? 1 : 4),
    pollInterval: config.pollIntervalMs ?? (config.embedded ? 250 : 1000),
    noPreparedStatements: config.embedded,
    noHandleSignals: true,
    maxPoolSize: config.embedded ? 2 : 4,
    logger: quietLogger,
  };
  let stopped = false;
  let runner: Runner | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  const launch = async (): Promise<void> => {
    const r = await run(options);
    runner = r;
    r.promise.catch((e: unknown) => {
      if (stopped || runner !== r) return;
      runner = null;
      console.warn(`[jobs] runner stopped unexpectedly (${String(e)}); restarting in 1 s`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (!stopped) launch().catch((err: unknown) => console.warn(`[jobs] restart failed: ${String(err)}`));
      }, 1000);
    });
  };
  await launch();
  return {
    queue: createJobQueue(config.schema),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      const r = runner;
      runner = null;
      await r?.stop().catch((e: unknown) => {
        if (!/already stopped/i.test(String(e))) throw e;
      });
    },
  };
}

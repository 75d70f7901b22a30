import { EventEmitter } from 'node:events';
import { parseCronItems, run, runMigrations, Logger, type Job, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker';
import type { PrismaClient, Prisma } from './db/generated/client.js';
import { logger } from './logger.js';
import { metrics } from './metrics.js';
import { drainBudgetMs } from './server/shutdown.js';
import { staleWorkerSeconds, startHeartbeats } from './jobs-recovery.js';
import { withRequestScope } from './request-scope.js';
import { JOB_LINK_KEY, JOB_TRACE_KEY, SpanKind, contextFrom, currentTraceparent, inJobRun, inSpan, markJobRun, trace, tracing } from './telemetry.js';

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
  /**
   * PGlite over its socket (one shared session): no named prepared statements and polling instead of LISTEN. The
   * embedded server renames statements per connection, so this is belt and braces; NOTIFY reaches no other
   * connection there, so workers poll.
   */
  embedded?: boolean;
  concurrency?: number;
  /**
   * Namespace for task names and job keys, so several independent services (test files) can share one queue
   * schema: a runner only takes jobs whose task names it knows. Installing a queue schema notifies every worker
   * in the database to shut down, so tests share one schema instead of installing one each.
   */
  prefix?: string;
  /**
   * A worker pool that wrote no heartbeat for this long is taken for dead and its locked jobs run again elsewhere
   * (shared/jobs-recovery.ts). Default `JOBS_STALE_WORKER_SECONDS`, else 60.
   */
  staleWorkerSeconds?: number;
  /**
   * Runners start only once this settles (`npm start`: after its ready line, so the first request does not wait for six
   * pools' connections, checks and cron backfills on the one embedded session). Jobs added meanwhile wait in the table;
   * a runner stopped before then never starts. A failed start is logged and retried like a pool that died.
   */
  startAfter?: Promise<unknown>;
}

export interface AddJobOptions {
  runAt?: Date;
  /** One pending job per key: adding again replaces it (new payload and run time). */
  jobKey?: string;
  maxAttempts?: number;
  /** Jobs of one named queue run one at a time, in order (prefixed like task names). */
  queueName?: string;
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Adds and removes jobs with SQL, so a job scheduled inside a Prisma transaction exists only if that
 * transaction commits (no timer for a state change that rolled back).
 */
export interface JobQueue {
  add(db: Db, task: string, payload: Record<string, unknown>, options?: AddJobOptions): Promise<void>;
  /** Removes the jobs with these keys (one statement). */
  remove(db: Db, jobKey: string | string[]): Promise<void>;
  /**
   * Adds the job (due now) unless a job with this key is queued, or running under a lock younger than
   * `staleLockSeconds`; an older lock is presumed held by a dead worker, and the new job takes the key. For a
   * recurring job that reschedules itself: start it once, and restart it if its chain broke. Returns whether it added.
   */
  ensure(db: Db, task: string, payload: Record<string, unknown>, options: { jobKey: string; staleLockSeconds: number; maxAttempts?: number }): Promise<boolean>;
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}

export function createJobQueue(schema = 'graphile_worker', prefix = ''): JobQueue {
  const s = quoteIdent(schema);
  const insert = async (db: Db, task: string, payload: Record<string, unknown>, options: AddJobOptions) => {
    await db.$queryRawUnsafe(
      `SELECT 1 FROM ${s}.add_job(identifier => $1::text, payload => $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text, queue_name => $6::text)`,
      prefix + task,
      JSON.stringify(payload),
      options.runAt ?? null,
      options.maxAttempts ?? 10,
      options.jobKey ? prefix + options.jobKey : null,
      options.queueName ? prefix + options.queueName : null,
    );
  };
  return {
    async add(db, task, payload, options = {}) {
      // Traced: a span around the insert, and its trace context in the payload so the run continues the trace.
      // A job queued by a job run (a recurring job rescheduling itself) starts a trace of its own, linked to this one
      // (JOB_LINK_KEY): a chain of runs is not one endless trace.
      if (!tracing()) return insert(db, task, payload, options);
      return inSpan(`job.add ${task}`, { kind: SpanKind.PRODUCER, attributes: { 'soulseer.job.task': task } }, () =>
        insert(db, task, { ...payload, [inJobRun() ? JOB_LINK_KEY : JOB_TRACE_KEY]: currentTraceparent() }, options),
      );
    },
    async remove(db, jobKey) {
      // remove_job deletes an unlocked job; a running one loses its key and is left to finish (its handler
      // re-checks the state it acts on, so a stale run does nothing).
      const keys = (Array.isArray(jobKey) ? jobKey : [jobKey]).map((k) => prefix + k);
      if (keys.length === 1) await db.$queryRawUnsafe(`SELECT 1 FROM ${s}.remove_job($1::text)`, keys[0]);
      else if (keys.length) await db.$queryRawUnsafe(`SELECT count(*) FROM unnest($1::text[]) AS k(key), LATERAL ${s}.remove_job(k.key) AS j`, keys);
    },
    async ensure(db, task, payload, options) {
      // Without FROM, the WHERE is checked first: add_job runs only when no live job holds the key.
      const rows = await db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM (
           SELECT ${s}.add_job(identifier => $1::text, payload => $2::json, max_attempts => $4::int, job_key => $3::text)
            WHERE NOT EXISTS (SELECT 1 FROM ${s}._private_jobs j
                               WHERE j.key = $3::text AND j.attempts < j.max_attempts
                                 AND (j.locked_at IS NULL OR j.locked_at > now() - make_interval(secs => $5::int)))) added`,
        prefix + task,
        JSON.stringify(payload),
        prefix + options.jobKey,
        options.maxAttempts ?? 10,
        options.staleLockSeconds,
      );
      return (rows[0]?.n ?? 0) > 0;
    },
  };
}

/**
 * Each run in a request scope of its own (`job:<id>`, on every log line it writes) and, when traced, in a
 * `job <task>` CONSUMER span continuing the trace of the work that queued it (the payload's JOB_TRACE_KEY, which
 * the task never sees).
 */
function tracedTask(name: string, task: Task): Task {
  return (payload, helpers) => {
    const fields = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : null;
    const parent = fields?.[JOB_TRACE_KEY];
    const link = fields?.[JOB_LINK_KEY];
    let own = payload;
    if (parent !== undefined || link !== undefined) {
      const { [JOB_TRACE_KEY]: _parent, [JOB_LINK_KEY]: _link, ...rest } = fields!;
      own = rest;
    }
    return withRequestScope(`job:${helpers.job.id}`, () => {
      if (!tracing()) return task(own, helpers);
      const linked = trace.getSpanContext(contextFrom({ traceparent: link }));
      return inSpan(
        `job ${name}`,
        {
          kind: SpanKind.CONSUMER,
          parent: markJobRun(contextFrom({ traceparent: parent })),
          links: linked ? [{ context: linked }] : undefined,
          attributes: { 'soulseer.job.task': name, 'soulseer.job.id': String(helpers.job.id), 'soulseer.job.attempt': helpers.job.attempts },
        },
        () => task(own, helpers),
      );
    });
  };
}

export interface JobRunner {
  stop(): Promise<void>;
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') logger('jobs').warn(message);
});

/** Job metrics (shared/metrics.ts): lag from due to start, and each attempt's outcome, by task (prefix removed). */
function jobEvents(prefix: string): WorkerEvents {
  const events: WorkerEvents = new EventEmitter();
  const task = (job: Job) => (job.task_identifier.startsWith(prefix) ? job.task_identifier.slice(prefix.length) : job.task_identifier);
  events.on('job:start', ({ job }) => metrics.jobLag.observe({ task: task(job) }, Math.max(0, Date.now() - new Date(job.run_at).getTime()) / 1000));
  events.on('job:success', ({ job }) => metrics.jobs.inc({ task: task(job), outcome: 'success' }));
  events.on('job:error', ({ job }) => {
    if (job.attempts < job.max_attempts) metrics.jobs.inc({ task: task(job), outcome: 'error' });
  });
  events.on('job:failed', ({ job }) => metrics.jobs.inc({ task: task(job), outcome: 'failed' }));
  return events;
}

const migrating = new Map<string, Promise<void>>();

/**
 * Installs the queue schema (idempotent) without running jobs, so jobs can be added before a runner starts. Services
 * of one process (readings' timers, payments' cron) share one installation instead of racing two.
 */
export async function migrateJobs(config: JobsConfig): Promise<void> {
  const key = `${config.connectionString}\u0000${config.schema ?? ''}`;
  let done = migrating.get(key);
  if (!done) {
    done = runMigrations({
      connectionString: config.connectionString,
      schema: config.schema,
      noPreparedStatements: config.embedded,
      logger: quietLogger,
    });
    migrating.set(key, done);
    done.catch(() => migrating.delete(key));
  }
  await done;
}

/**
 * Starts a worker pool for `tasks`. Several may run against one queue; each job runs once. If the pool dies
 * (database restart, lost connection) it is started again after a pause: jobs wait in the table meanwhile.
 */
export async function startJobRunner(
  config: JobsConfig,
  tasks: TaskList,
  /**
   * Recurring tasks (cron patterns, UTC); each fires once per slot however many runners there are. A slot missed
   * while no runner was up is run at start if it is at most `backfillSeconds` old (default 0: skipped).
   */
  cron: Array<{ task: string; match: string; backfillSeconds?: number }> = [],
): Promise<JobRunner> {
  const prefix = config.prefix ?? '';
  // Heartbeats of this runner's pools, so another instance can take over the jobs of a pool that died (a killed
  // process leaves its jobs locked: graphile-worker alone would wait 4 hours).
  const heartbeats = startHeartbeats({
    connectionString: config.connectionString,
    schema: config.schema ?? 'graphile_worker',
    staleSeconds: config.staleWorkerSeconds ?? staleWorkerSeconds(),
  });
  const events = jobEvents(prefix);
  events.on('pool:create', ({ workerPool }) => heartbeats.add(workerPool.id));
  events.on('pool:release', ({ workerPool }) => heartbeats.remove(workerPool.id));
  const options = {
    parsedCronItems: parseCronItems(
      cron.map((c) => ({
        task: prefix + c.task,
        match: c.match,
        identifier: prefix + c.task,
        options: { backfillPeriod: (c.backfillSeconds ?? 0) * 1000 },
      })),
    ),
    connectionString: config.connectionString,
    schema: config.schema,
    taskList: Object.fromEntries(Object.entries(tasks).map(([name, task]) => [prefix + name, tracedTask(name, task as Task)])) as TaskList,
    concurrency: config.concurrency ?? (config.embedded ? 1 : 4),
    pollInterval: config.pollIntervalMs ?? (config.embedded ? 250 : 1000),
    noPreparedStatements: config.embedded,
    noHandleSignals: true,
    maxPoolSize: config.embedded ? 2 : 4,
    logger: quietLogger,
    // stop() takes no new job and lets the running ones finish within the shutdown budget (SHUTDOWN_GRACE_MS).
    gracefulShutdownAbortTimeout: drainBudgetMs(),
    // Completions and failures through graphile-worker's batcher (flushed at once): a stopping pool awaits the
    // batcher, while an unbatched completion is not awaited and was lost when the process exited right after a job
    // finished (the job then stayed locked and would have run again once its lock went stale).
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    events,
  };
  let stopped = false;
  let runner: Runner | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  // graphile-worker shuts a pool down when any queue in the database installs its schema (the jobs:migrate
  // notification is not per schema) or when its connection dies. Jobs wait in the table, so start again.
  const restartLater = (why: string) => {
    if (stopped) return;
    failures += 1;
    // graphile-worker marks the process as failed (exit code 57) when it shuts down for another queue's
    // install; this pool is restarted instead, so that is not a failure of the process.
    if (process.exitCode === 57) process.exitCode = undefined;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(failures - 1, 7));
    logger('jobs').warn({ reason: why, delayMs: delay }, 'job runner stopped; restarting');
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (!stopped) void relaunch();
    }, delay);
  };
  let launching: Promise<void> | null = null;
  const relaunch = () => {
    launching = launch()
      .catch((e: unknown) => restartLater(String(e)))
      .finally(() => {
        launching = null;
      });
    return launching;
  };
  const launch = async (): Promise<void> => {
    const r = await run(options);
    if (stopped) {
      // Stopped while it was starting: it is discarded either way, so a failure to stop it changes nothing.
      await r.stop().catch(() => {});
      return;
    }
    runner = r;
    failures = 0;
    r.promise.then(
      () => {
        if (runner === r) {
          runner = null;
          restartLater('shut down');
        }
      },
      (e: unknown) => {
        if (runner === r) {
          runner = null;
          restartLater(String(e));
        }
      },
    );
  };
  if (config.startAfter) {
    void config.startAfter.then(
      () => {
        if (!stopped) void relaunch();
      },
      () => {
        // The process did not come up (it explains and exits): nothing to start.
      },
    );
  } else {
    try {
      await launch();
    } catch (e) {
      await heartbeats.close();
      throw e;
    }
  }
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      // A restart in flight finishes first (it sees `stopped` and stops its own pool), so no pool outlives stop().
      if (launching) await launching;
      const r = runner;
      runner = null;
      try {
        await r?.stop().catch((e: unknown) => {
          if (!/already stopped/i.test(String(e))) throw e;
        });
      } finally {
        await heartbeats.close();
      }
    },
  };
}

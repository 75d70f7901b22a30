import pg from 'pg';
import { errorField, logger } from './logger.js';

/**
 * Recovery of jobs locked by a worker pool that died (SIGKILL, power loss, out of memory). graphile-worker (the open
 * source edition) leaves such a job locked for 4 hours (hard-coded in its `resetLockedAt`), and documents
 * `workerUtils.forceUnlockWorkers(ids)` / SQL `force_unlock_workers(ids)` for "workers that are no longer running";
 * the heartbeat that says which ones are gone is Worker Pro's, so this is ours:
 *
 * - every pool this process runs writes a heartbeat row (`<queue schema>._soulseer_worker_heartbeats`, its pool id —
 *   the `locked_by` of the jobs it takes — and the database's `now()`) when created and every `staleSeconds / 4`;
 * - on each beat, the process also deletes the rows older than `staleSeconds` and force-unlocks those pools' jobs, in
 *   one statement (so two sweepers never unlock twice, and a row is gone only with its jobs unlocked);
 * - a pool that stops cleanly deletes its row (its jobs were completed or released by graphile-worker).
 *
 * So a job of a killed process runs again within `staleSeconds` plus one beat, on any live instance sharing the queue,
 * and never while its pool still beats. Time is the database's only (no clock skew between hosts). A pool whose
 * database connection or event loop is stuck for `staleSeconds` is taken for dead: choose it well above the longest
 * pause you expect (default 60 s; `JOBS_STALE_WORKER_SECONDS`).
 */
export const HEARTBEAT_TABLE = '_soulseer_worker_heartbeats';
const DEFAULT_STALE_SECONDS = 60;

/** `JOBS_STALE_WORKER_SECONDS` (≥ 2), else 60. */
export function staleWorkerSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.JOBS_STALE_WORKER_SECONDS ?? '', 10);
  return Number.isFinite(n) && n >= 2 ? n : DEFAULT_STALE_SECONDS;
}

export interface Heartbeats {
  /** Starts beating for a pool (graphile-worker's `pool:create`). */
  add(poolId: string): void;
  /** Stops beating for a pool and deletes its row (`pool:release`: it stopped cleanly). */
  remove(poolId: string): void;
  /** Stops every beat and closes the connection. */
  close(): Promise<void>;
}

interface HeartbeatOptions {
  connectionString: string;
  schema: string;
  staleSeconds: number;
}

const shared = new Map<string, { beats: Heartbeats; users: number }>();

/**
 * The heartbeats of this process for one queue: one connection and one timer however many runners (readings' timers,
 * payments' cron, retention…) the process starts on it; closed when the last runner stops.
 */
export function startHeartbeats(options: HeartbeatOptions): Heartbeats {
  const key = `${options.connectionString}\u0000${options.schema}\u0000${options.staleSeconds}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = { beats: createHeartbeats(options), users: 0 };
    shared.set(key, entry);
  }
  entry.users += 1;
  const e = entry;
  let released = false;
  return {
    add: (id) => e.beats.add(id),
    remove: (id) => e.beats.remove(id),
    async close() {
      if (released) return;
      released = true;
      e.users -= 1;
      if (e.users === 0) {
        shared.delete(key);
        await e.beats.close();
      }
    },
  };
}

function createHeartbeats(options: HeartbeatOptions): Heartbeats {
  const s = `"${options.schema}"`;
  const table = `${s}.${HEARTBEAT_TABLE}`;
  const log = logger('jobs');
  // One connection: a beat is two short statements.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 1, idleTimeoutMillis: 0 });
  pool.on('error', (e) => log.warn(errorField(e), 'job heartbeat connection error'));
  const pools = new Set<string>();
  let installed: Promise<void> | null = null;
  const install = () =>
    (installed ??= pool
      .query(`CREATE TABLE IF NOT EXISTS ${table} (pool_id text PRIMARY KEY, beat_at timestamptz NOT NULL DEFAULT now())`)
      .then(
        () => undefined,
        (e: unknown) => {
          installed = null;
          // Two processes creating it at once: one wins, the other sees a duplicate; either way it exists now.
          if (!/already exists|duplicate key/i.test(String(e))) throw e;
        },
      ));
  const beat = async () => {
    if (closed) return;
    try {
      await install();
      if (pools.size > 0) {
        await pool.query(
          `INSERT INTO ${table} (pool_id, beat_at) SELECT unnest($1::text[]), now() ON CONFLICT (pool_id) DO UPDATE SET beat_at = now()`,
          [[...pools]],
        );
      }
      const swept = await pool.query<{ pool_id: string }>(
        `WITH dead AS (DELETE FROM ${table} WHERE beat_at < now() - make_interval(secs => $1::int) RETURNING pool_id),
              unlocked AS (SELECT ${s}.force_unlock_workers(array(SELECT pool_id FROM dead)))
         SELECT pool_id FROM dead, unlocked`,
        [options.staleSeconds],
      );
      if (swept.rows.length > 0) log.warn({ pools: swept.rows.map((r) => r.pool_id) }, 'unlocked the jobs of worker pools that stopped beating');
    } catch (e) {
      if (!closed) log.warn(errorField(e), 'job heartbeat failed');
    }
  };
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => (running = running.then(beat));
  const timer = setInterval(tick, Math.max(500, (options.staleSeconds * 1000) / 4));
  timer.unref();
  return {
    add(poolId) {
      pools.add(poolId);
      void tick();
    },
    remove(poolId) {
      pools.delete(poolId);
      running = running.then(async () => {
        if (closed) return;
        await install();
        await pool.query(`DELETE FROM ${table} WHERE pool_id = $1`, [poolId]);
      }).catch((e: unknown) => log.warn(errorField(e), 'job heartbeat removal failed'));
    },
    async close() {
      clearInterval(timer);
      await running;
      closed = true;
      await pool.end();
    },
  };
}

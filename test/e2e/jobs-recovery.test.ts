import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { eventually } from './subscriptions-fixtures.js';
import { migrateJobs } from '../../shared/jobs.js';
import { startHeartbeats } from '../../shared/jobs-recovery.js';

// shared/jobs-recovery.ts on both databases: the jobs of a worker pool whose heartbeat went stale are unlocked (run
// again elsewhere); those of a pool still beating, or of a pool that never registered a heartbeat, are left alone.
// A queue schema of its own: a 2-second staleness here must not judge the pools of other files (they beat every 15 s).

const SCHEMA = 'test_jobs_recovery';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
  await migrateJobs({ connectionString: db.url, schema: SCHEMA, embedded: !process.env.TEST_DATABASE_URL });
});
afterAll(async () => {
  await db?.drop();
});

describe('worker pool heartbeats', () => {
  it('unlocks the jobs of a pool that stopped beating, never those of a live or unknown pool', async () => {
    const tag = `recovery-${Date.now()}`;
    const beats = startHeartbeats({ connectionString: db.url, schema: SCHEMA, staleSeconds: 2 });
    try {
      beats.add(`${tag}-self`);
      const table = `"${SCHEMA}"._soulseer_worker_heartbeats`;
      // The first beat creates the table (a query before it answers "does not exist").
      await eventually(() => db.sql(`SELECT 1 FROM ${table} WHERE pool_id = $1`, [`${tag}-self`]).catch(() => []), (r) => r.length === 1, 10_000);
      await db.sql(`INSERT INTO ${table} (pool_id, beat_at) VALUES ($1, now() - interval '1 hour'), ($2, now() + interval '1 hour')`, [`${tag}-dead`, `${tag}-live`]);
      for (const pool of ['dead', 'live', 'unknown']) {
        await db.sql(`SELECT "${SCHEMA}".add_job($1, '{}'::json, job_key => $2)`, [`${tag}.task`, `${tag}:${pool}`]);
        await db.sql(`UPDATE "${SCHEMA}"._private_jobs SET locked_at = now() - interval '1 minute', locked_by = $1 WHERE key = $2`, [`${tag}-${pool}`, `${tag}:${pool}`]);
      }
      const locks = () => db.sql<{ key: string; locked_by: string | null }>(`SELECT key, locked_by FROM "${SCHEMA}"._private_jobs WHERE key LIKE $1 ORDER BY key`, [`${tag}:%`]);
      const after = await eventually(locks, (rows) => rows.find((r) => r.key.endsWith(':dead'))?.locked_by === null, 15_000);
      expect(after).toEqual([
        { key: `${tag}:dead`, locked_by: null },
        { key: `${tag}:live`, locked_by: `${tag}-live` },
        { key: `${tag}:unknown`, locked_by: `${tag}-unknown` },
      ]);
      const rows = await db.sql<{ pool_id: string }>(`SELECT pool_id FROM ${table} WHERE pool_id LIKE $1 ORDER BY pool_id`, [`${tag}-%`]);
      expect(rows.map((r) => r.pool_id)).toEqual([`${tag}-live`, `${tag}-self`]);
      // A pool that stops cleanly takes its row with it.
      beats.remove(`${tag}-self`);
      await eventually(() => db.sql(`SELECT 1 FROM ${table} WHERE pool_id = $1`, [`${tag}-self`]), (r) => r.length === 0, 10_000);
    } finally {
      await beats.close();
      await db.sql(`DELETE FROM "${SCHEMA}"._private_jobs WHERE key LIKE $1`, [`${tag}:%`]);
      await db.sql(`DELETE FROM "${SCHEMA}"._soulseer_worker_heartbeats WHERE pool_id LIKE $1`, [`${tag}-%`]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { eventually } from './subscriptions-fixtures.js';
import { migrateJobs, startJobRunner, type JobsConfig } from '../../shared/jobs.js';

// JobsConfig.startAfter (shared/jobs.ts), which `npm start` uses to start its job runners after its ready line: a
// runner takes no job before the promise settles, takes them once it has, and never starts if stopped before then.
// A queue schema of its own; task names carry the test's tag so no other runner takes these jobs.

const SCHEMA = 'test_jobs_start_after';
let db: TestDatabase;
let jobs: JobsConfig;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
  jobs = { connectionString: db.url, schema: SCHEMA, embedded: !process.env.TEST_DATABASE_URL, pollIntervalMs: 100 };
  await migrateJobs(jobs);
});
afterAll(async () => {
  await db?.drop();
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls the queue a few times (the runner polls every 100 ms): long enough for a started runner to take a due job. */
async function severalPolls() {
  for (let i = 0; i < 10; i++) await db.sql('SELECT 1');
  await new Promise((r) => setTimeout(r, 1_000));
}

describe('job runners started after a promise (npm start: after the ready line)', () => {
  it('takes no job until the promise settles, then runs the ones queued meanwhile', async () => {
    const tag = `after${Date.now()}`;
    const ran: string[] = [];
    const ready = deferred();
    const runner = await startJobRunner({ ...jobs, startAfter: ready.promise }, { [`${tag}.task`]: async (payload) => void ran.push((payload as { n: string }).n) });
    try {
      await db.sql(`SELECT "${SCHEMA}".add_job($1, $2::json)`, [`${tag}.task`, JSON.stringify({ n: 'queued before ready' })]);
      await severalPolls();
      expect(ran).toEqual([]);
      ready.resolve();
      await eventually(() => ran, (r) => r.length === 1, 15_000);
      expect(ran).toEqual(['queued before ready']);
    } finally {
      await runner.stop();
    }
  });

  it('never starts when stopped before the promise settles', async () => {
    const tag = `stopped${Date.now()}`;
    const ran: string[] = [];
    const ready = deferred();
    const runner = await startJobRunner({ ...jobs, startAfter: ready.promise }, { [`${tag}.task`]: async () => void ran.push('ran') });
    await runner.stop();
    await db.sql(`SELECT "${SCHEMA}".add_job($1, '{}'::json)`, [`${tag}.task`]);
    ready.resolve();
    await severalPolls();
    expect(ran).toEqual([]);
    const left = await db.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${SCHEMA}"._private_jobs j JOIN "${SCHEMA}"._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1`,
      [`${tag}.task`],
    );
    expect(left[0]!.n).toBe(1);
  });
});

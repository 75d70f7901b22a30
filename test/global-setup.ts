import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../shared/db/embedded.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Tests run on TEST_DATABASE_URL (CI: the machine's PostgreSQL). Without it they fall back to embedded
 * PostgreSQL (PGlite) so `npm test` works on a bare clone, one file at a time since PGlite is one session.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('databaseUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'soulseer-pglite-'));
  const pg = await startEmbeddedPostgres(dir);
  project.provide('databaseUrl', pg.url);
  console.warn('TEST_DATABASE_URL is not set: running the suite on embedded PGlite (slow; set it for real PostgreSQL).');
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

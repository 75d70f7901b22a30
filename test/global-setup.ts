import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../shared/db/embedded.js';

/**
 * Tests run on TEST_DATABASE_URL (CI: the machine's PostgreSQL). Without it they fall back to embedded
 * PostgreSQL (PGlite, in memory) so `npm test` works on a bare clone, one file at a time since PGlite is one
 * session (shared between connections by shared/db/embedded.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('databaseUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const pg = await startEmbeddedPostgres(null);
  project.provide('databaseUrl', pg.url);
  console.warn('TEST_DATABASE_URL is not set: running the suite on embedded PGlite (slow; set it for real PostgreSQL).');
  return async () => {
    await pg.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

import { connect } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../shared/db/embedded.js';

/**
 * Tests run on TEST_DATABASE_URL (CI: the machine's PostgreSQL). Without it they fall back to embedded
 * PostgreSQL (PGlite, in memory) so `npm test` works on a bare clone, one file at a time since PGlite is one
 * session (shared between connections by shared/db/embedded.ts).
 */
/** Redis on its default local port, if one answers: the tests of pub/sub across instances need one. */
async function localRedis(): Promise<string | null> {
  const socket = connect({ host: '127.0.0.1', port: 6379 });
  socket.setTimeout(500);
  const answer = await new Promise<string>((resolve) => {
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => resolve(d.toString()));
    socket.once('timeout', () => resolve(''));
    socket.once('error', () => resolve(''));
  });
  socket.destroy();
  return answer.startsWith('+PONG') ? 'redis://127.0.0.1:6379' : null;
}

export default async function setup(project: TestProject) {
  // Workers inherit the environment: the Redis-backed tests run whenever a Redis answers, variable or not.
  if (!process.env.TEST_REDIS_URL) {
    const redis = await localRedis();
    if (redis) process.env.TEST_REDIS_URL = redis;
    else console.warn('No Redis at TEST_REDIS_URL or 127.0.0.1:6379: the tests of pub/sub across instances are skipped.');
  }
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

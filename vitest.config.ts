import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql for ESM test files and CJS Apollo packages ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.data/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-file.ts'],
    pool: 'forks',
    // A worker runs file after file in one process with one module cache: the product's modules, Prisma's client,
    // the schemas and Node's JIT warm-up are paid once per worker instead of once per file (about 0.6x the CPU of a
    // fresh process per file). Every file still gets its own database schema, federation and ports;
    // test/setup-file.ts undoes what a file may leave in process-wide state (spies, fake timers, stubs).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    // Every file gets its own PostgreSQL schema, so files run in parallel on real PostgreSQL; the embedded
    // fallback (PGlite, one session) runs them one at a time.
    fileParallelism: !!process.env.TEST_DATABASE_URL,
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Files that need a process of their own: they register a global OpenTelemetry tracer provider, and @apollo/gateway
 * keeps the first real tracer it got for the life of the process, so a file after them would trace into a provider
 * that was shut down (and one before them would hand them a stale one).
 */
const OWN_PROCESS = ['test/e2e/telemetry-traces.test.ts', 'test/e2e/log-hygiene.test.ts'];
/** Per project (a root-level one would start a third embedded database nobody uses). */
const globalSetup = ['test/global-setup.ts'];

export default defineConfig({
  resolve: {
    // One copy of graphql for ESM test files and CJS Apollo packages ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // include, exclude and globalSetup are per project: a project that extends the root concatenates its arrays.
    setupFiles: ['test/setup-file.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    // Every file gets its own PostgreSQL schema, so files run in parallel on real PostgreSQL; the embedded
    // fallback (PGlite, one session) runs them one at a time.
    fileParallelism: !!process.env.TEST_DATABASE_URL,
    projects: [
      {
        // A worker runs file after file in one process with one module cache: the product's modules, Prisma's client,
        // the schemas and Node's JIT warm-up are paid once per worker instead of once per file (about 0.6x the CPU of
        // a fresh process per file). Every file still gets its own database schema, federation and ports;
        // test/setup-file.ts undoes what a file may leave in process-wide state (spies, fake timers, stubs).
        extends: true,
        test: { name: 'shared', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '.data/**', ...OWN_PROCESS], isolate: false, globalSetup },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true, globalSetup } },
    ],
  },
});

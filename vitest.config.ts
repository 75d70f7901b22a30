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
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    // Every file gets its own PostgreSQL schema, so files run in parallel on real PostgreSQL; the embedded
    // fallback (PGlite, one session) runs them one at a time.
    fileParallelism: !!process.env.TEST_DATABASE_URL,
  },
});

import { afterAll, vi } from 'vitest';

/**
 * Runs around every test file (vitest.config.ts setupFiles). Files share their worker process and its module
 * cache (isolate: false), so whatever a file changed in process-wide state must not reach the next file: spies on
 * shared objects (a logger child, console) are restored, fake timers and stubbed variables or globals undone.
 */
afterAll(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

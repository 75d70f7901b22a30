import type { WebSocketServer } from 'ws';

/**
 * Graceful shutdown (docs/operations.md, "Shutdown"). On SIGTERM a process stops taking work, lets the work it has
 * finish, and exits 0 within SHUTDOWN_GRACE_MS; past that it exits 1 whatever still runs.
 */

const DEFAULT_GRACE_MS = 10_000;

/** SHUTDOWN_GRACE_MS (default 10 s; at least 1 s): the longest a SIGTERM'd process takes to exit. */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.SHUTDOWN_GRACE_MS ?? '', 10);
  return Number.isFinite(n) && n >= 1000 ? n : DEFAULT_GRACE_MS;
}

/**
 * How long in-flight HTTP requests and running jobs may take once shutdown began: the grace period less 2 s kept
 * for closing sockets, pools and pub/sub, so the process still exits 0 within the grace period.
 */
export function drainBudgetMs(graceMs = shutdownGraceMs()): number {
  return Math.max(500, graceMs - 2000);
}

/**
 * WebSocket close code 1012 "Service Restart": the server is restarting, the client should reconnect (graphql-ws
 * clients retry it like a lost connection; the load balancer sends them to another instance).
 */
export const CLOSE_SERVICE_RESTART = 1012;

/**
 * Closes every socket of `wss` with 1012 and a reason, waits up to `waitMs` for the closing handshakes, then
 * terminates the sockets that did not answer (a client that never answers must not hold the shutdown).
 */
export async function closeSocketsForRestart(wss: WebSocketServer, waitMs = 1000): Promise<void> {
  const sockets = [...wss.clients];
  if (!sockets.length) return;
  const closed = Promise.all(sockets.map((s) => (s.readyState === s.CLOSED ? null : new Promise((r) => s.once('close', r)))));
  for (const s of sockets) s.close(CLOSE_SERVICE_RESTART, 'Service restart: reconnect.');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
  for (const s of sockets) if (s.readyState !== s.CLOSED) s.terminate();
}

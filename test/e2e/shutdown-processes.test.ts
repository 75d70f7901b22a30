import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';
import { CLOSE_SERVICE_RESTART } from '../../shared/server/shutdown.js';
import { connect, eventually } from './subscriptions-fixtures.js';

// Graceful shutdown (shared/server/shutdown.ts; docs/operations.md, "Shutdown") of the production entry points
// (`tsx gateway/main.ts`, `tsx scripts/services/readings.ts`): on SIGTERM a gateway lets an in-flight request finish,
// closes its graphql-ws sockets with 1012 (reconnect) and exits 0 within SHUTDOWN_GRACE_MS; a subgraph takes no new
// job, finishes the one it runs (which is then neither failed nor run again) and exits 0.

const children: ChildProcess[] = [];
const closers: Array<() => Promise<unknown>> = [];

interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

function start(file: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`${file} exited (${code}) before it was ready: ${stderr.slice(-500)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{') && line.includes('"ready":true')) resolve({ child, url: (JSON.parse(line) as { url: string }).url, exited });
    });
  });
}

afterAll(async () => {
  await Promise.all(
    children.map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return null;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      return exited;
    }),
  );
  for (const close of closers.reverse()) await close();
});

describe('SIGTERM to a gateway process', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
    closers.push(() => fed.stop());
  }, 120_000);

  it('finishes the request in flight, tells socket clients to reconnect (1012) and exits 0', async () => {
    // Accounts behind a proxy that holds the request of operation SlowMe until the test releases it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const slowArrived = new Promise<void>((r) => (arrived = r));
    const origin = new URL(fed.subgraphs.accounts.url).origin;
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        if (body.includes('SlowMe')) {
          arrived();
          await gate;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
        const upstream = await fetch(origin + req.url, { method: req.method, headers, body: req.method === 'POST' ? new Uint8Array(body) : undefined });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => proxy.close(r)));

    const gateway = await start('gateway/main.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: fed.runtime.config.jwtSecret,
      GATEWAY_SECRET: fed.runtime.config.gatewaySecret,
      REDIS_URL: '',
      PORT: '0',
      SHUTDOWN_GRACE_MS: '20000',
      ACCOUNTS_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
      READINGS_URL: fed.subgraphs.readings.url,
      PAYMENTS_URL: fed.subgraphs.payments.url,
      COMMUNITY_URL: fed.subgraphs.community.url,
    });
    const user = await createSeed(fed).client().create();
    const ws = connect(gateway.url.replace(/^http/, 'ws'), user.token);
    closers.push(() => ws.dispose());
    // The socket is up (its connection_init acknowledged) before the shutdown.
    await new Promise<void>((resolve, reject) => ws.client.subscribe({ query: 'query Ping { me { id } }' }, { next: () => {}, error: reject, complete: resolve }));

    const slow = postGraphQL<{ me: { id: string } }>(gateway.url, { query: 'query SlowMe { me { id } }' }, user.token);
    await slowArrived;
    gateway.child.kill('SIGTERM');
    const closed = await ws.closed;
    expect(closed.code).toBe(CLOSE_SERVICE_RESTART);
    // Still draining: the request in flight has not been cut.
    expect(gateway.child.exitCode).toBeNull();
    release();
    const answer = await slow;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.me.id).toBe(user.id);
    // Exit 0: closed within the grace period (past it the process exits 1).
    expect(await gateway.exited).toBe(0);
  }, 120_000);
});

// The job must block on a row lock the test holds from another session. The embedded database (PGlite) is ONE session
// shared by every connection, so a second session cannot wait on the first: this part needs real PostgreSQL, and runs in
// the suite's PostgreSQL run (TEST_DATABASE_URL; .ci/run runs both).
describe.runIf(!!process.env.TEST_DATABASE_URL)('SIGTERM to a readings process', () => {
  let db: TestDatabase;
  // A queue of its own: no other file's readings process takes this file's job.
  const JOBS_SCHEMA = 'test_jobs_shutdown';
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 3 });
    closers.push(() => db.drop());
  }, 120_000);

  it('finishes the job it runs (not failed, not run again) and exits 0', async () => {
    const seed = createSeed({ prisma: db.prisma, jwtSecret: 'unused-here-0123456789abcdef0123456789' });
    const reader = await seed.reader().create();
    const client = await seed.client().create();
    // A request an hour old: its expiry job ends it as EXPIRED.
    const session = await db.prisma.session.create({
      data: { clientId: client.id, readerId: reader.id, type: 'CHAT', status: 'REQUESTED', rateCents: 100, requestedAt: new Date(Date.now() - 3600_000) },
    });
    const readings = await start('scripts/services/readings.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: 'a'.repeat(32) + 'b'.repeat(32),
      GATEWAY_SECRET: 'c'.repeat(32) + 'd'.repeat(32),
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      JOBS_SCHEMA,
      DB_POOL_SIZE: '3',
      REDIS_URL: '',
      READINGS_PORT: '0',
      SHUTDOWN_GRACE_MS: '20000',
    });
    // The test holds the session's row lock, so the job blocks inside its transaction once it has started.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    closers.push(() => holder.end());
    await holder.query(`SET search_path TO "${db.schema}"`);
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM sessions WHERE id = $1 FOR UPDATE', [session.id]);
    await db.sql(`SELECT "${JOBS_SCHEMA}".add_job('readings.expire-request', json_build_object('sessionId', $1::text), job_key => $2)`, [session.id, `shutdown-test:${session.id}`]);
    const job = () => db.sql<{ locked_at: Date | null; attempts: number; last_error: string | null }>(`SELECT locked_at, attempts, last_error FROM "${JOBS_SCHEMA}"._private_jobs WHERE key = $1`, [`shutdown-test:${session.id}`]);
    await eventually(job, (rows) => rows[0]?.locked_at != null, 20_000);
    // Blocked on the row lock the test holds.
    await eventually(
      () => db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%sessions%'`),
      (rows) => rows[0]!.n >= 1,
      20_000,
    );

    readings.child.kill('SIGTERM');
    // The runner waits for its job: the process is still there while the job is blocked.
    await new Promise((r) => setTimeout(r, 1000));
    expect(readings.child.exitCode).toBeNull();
    await holder.query('COMMIT');
    expect(await readings.exited).toBe(0);

    // The job finished once: the request expired, and the job is gone (not released for a retry).
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('EXPIRED');
    expect(await job()).toEqual([]);
  }, 120_000);
});

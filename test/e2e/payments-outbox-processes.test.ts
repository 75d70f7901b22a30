import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptSessionDocument, JoinSessionDocument, RequestSessionDocument } from '../generated/graphql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { postGraphQL } from '../helpers/federation.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe.js';
import { eventually } from './subscriptions-fixtures.js';
import { createSeed, type TestUser } from '../helpers/seed.js';

// Production layout: the four subgraphs and the gateway as separate processes (`tsx scripts/services/<name>.ts`,
// `tsx gateway/main.ts`) over one database and one job queue. A minute charged by readings' billing sweep that
// crosses a client's auto-reload threshold reloads the wallet exactly once — the effect runs in the payments
// process, from the outbox job readings queued in its charging transaction — even when readings is killed
// (SIGKILL) right after that transaction committed.

let db: TestDatabase;
let stripe: FakeStripe;
let gateway = '';
const children = new Map<string, ChildProcess>();
const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), GATEWAY_SECRET: randomBytes(32).toString('hex') };

function start(name: string, file: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${file} exited (${code ?? signal}): ${stderr.slice(-500)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{') && line.includes('"ready":true')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

/** Jobs of these processes: the shared test queue, task names without a per-file prefix (only process tests use those). */
const unprefixedJobs = `FROM test_jobs._private_jobs j USING test_jobs._private_tasks t WHERE j.task_id = t.id AND t.identifier NOT LIKE '%:%'`;
/** Deletes them; the queue schema may not exist yet (this file can run before any other installed it). */
async function deleteUnprefixedJobs(): Promise<void> {
  const [queue] = await db.sql<{ t: string | null }>(`SELECT to_regclass('test_jobs._private_jobs')::text AS t`);
  if (queue?.t) await db.sql(`DELETE ${unprefixedJobs}`);
}

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 3 });
  stripe = await startFakeStripe();
  await deleteUnprefixedJobs(); // leftovers of an earlier run that was itself killed
  const common = {
    NODE_ENV: 'production',
    ...secrets,
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.schema,
    JOBS_SCHEMA: 'test_jobs',
    DB_POOL_SIZE: '3',
    REDIS_URL: '',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: `http://${stripe.host}:${stripe.port}`,
    ACCOUNTS_PORT: '0',
    READINGS_PORT: '0',
    PAYMENTS_PORT: '0',
    COMMUNITY_PORT: '0',
  };
  const names = ['accounts', 'readings', 'payments', 'community'] as const;
  const urls = await Promise.all(names.map((n) => start(n, `scripts/services/${n}.ts`, common)));
  const subgraphUrls = Object.fromEntries(names.map((n, i) => [`${n.toUpperCase()}_URL`, urls[i]!]));
  gateway = await start('gateway', 'gateway/main.ts', { ...common, ...subgraphUrls, PORT: '0' });
}, 90_000);

afterAll(async () => {
  await Promise.all(
    [...children.values()].map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return null;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      return exited;
    }),
  );
  if (db) await deleteUnprefixedJobs();
  await stripe?.close();
  await db?.drop();
});

const run = async <R>(doc: Parameters<typeof print>[0], variables: Record<string, unknown>, token: string) => postGraphQL<R>(gateway, { query: print(doc), variables }, token);

/** Users in this database, their money paid by card through the gateway (payments runs in its own process). */
const seed = () => createSeed({ prisma: db.prisma, jwtSecret: secrets.JWT_SECRET, gatewayUrl: gateway });
const reader = (rate: number): Promise<TestUser> => seed().reader().online().withRates({ CHAT: rate }).create();

/** A client who paid `cents` by card through Stripe (the card is saved) and turned auto-reload on at `threshold`. */
const client = (cents: number, thresholdCents: number): Promise<TestUser> => seed().client().withCardTopUp(cents, stripe, { thresholdCents }).create();

async function session(c: TestUser, r: TestUser): Promise<string> {
  const req = await run<{ requestSession: { id: string } }>(RequestSessionDocument, { input: { readerId: r.id, type: 'CHAT' } }, c.token);
  expect(req.errors).toBeUndefined();
  const id = req.data!.requestSession.id;
  expect((await run(AcceptSessionDocument, { sessionId: id }, r.token)).errors).toBeUndefined();
  await run(JoinSessionDocument, { sessionId: id }, c.token);
  const joined = await run<{ joinSession: { status: string } }>(JoinSessionDocument, { sessionId: id }, r.token);
  expect(joined.data?.joinSession.status).toBe('IN_PROGRESS');
  return id;
}

/** Auto-reload payments made for this user: one per distinct idempotency key (Stripe answers a repeated key with the first payment). */
const reloadsOf = (userId: string) =>
  new Set(
    stripe.requests
      .filter((r) => r.path === '/v1/payment_intents' && r.params.off_session === 'true' && r.params['metadata[userId]'] === userId)
      .map((r) => r.idempotencyKey),
  ).size;

describe('auto-reload with the services as separate processes', () => {
  it('a minute charged by readings crosses the threshold: payments reloads once, even with readings killed right after its commit', async () => {
    const clients = [await client(1000, 500), await client(1000, 500)];
    const sessions = [await session(clients[0]!, await reader(300)), await session(clients[1]!, await reader(300))]; // 700 left each
    expect(clients.map((c) => reloadsOf(c.id))).toEqual([0, 0]);

    // Minute 2 becomes due for both (400 left: under 500); readings' billing sweep charges it within a second or so.
    await db.sql(`UPDATE sessions SET started_at = started_at - interval '60 seconds', resumed_at = resumed_at - interval '60 seconds' WHERE id = ANY($1)`, [sessions]);
    await eventually(
      () => db.sql(`SELECT 1 FROM transactions WHERE session_id = ANY($1) AND session_minute = 2`, [sessions]),
      (rows) => rows.length > 0,
      20_000,
    );
    const readings = children.get('readings')!;
    readings.kill('SIGKILL');
    await new Promise((r) => readings.once('exit', r));

    const charged = await db.sql<{ client_id: string }>(`SELECT user_id AS client_id FROM transactions WHERE session_id = ANY($1) AND session_minute = 2`, [sessions]);
    expect(charged.length).toBeGreaterThan(0);
    for (const { client_id } of charged) {
      await eventually(() => reloadsOf(client_id), (n) => n >= 1, 15_000);
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (const { client_id } of charged) expect(reloadsOf(client_id)).toBe(1);
    const rows = await db.sql<{ user_id: string }>(`SELECT user_id FROM top_ups WHERE is_auto_reload`);
    expect(rows.map((r) => r.user_id).sort()).toEqual(charged.map((c) => c.client_id).sort());
  }, 60_000);
});

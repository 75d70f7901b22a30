import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createSeed } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';

// Durable delivery with real processes (docs/notifications.md, "Durable delivery"): a community process
// (`tsx scripts/services/community.ts`) commits a notification with its delivery jobs in the transaction of its
// cause (a reader's paid reply), starts the email, and is killed with SIGKILL while the SMTP server still holds the
// message (not accepted). Its job stays locked by its dead worker pool; a second community process takes it over
// once that pool stopped beating (shared/jobs-recovery.ts, JOBS_STALE_WORKER_SECONDS), never while it still beats,
// and the user receives the email exactly once.
//
// The embedded database (PGlite) is ONE session shared by every connection and lives inside a single process: two
// processes cannot share it, so this file runs in the suite's PostgreSQL run only (TEST_DATABASE_URL; .ci/run runs both).

const STALE_SECONDS = 3;
const children = new Set<ChildProcess>();
const closers: Array<() => Promise<unknown>> = [];

function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/services/community.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`community exited (${code ?? signal}) before it was ready: ${stderr.slice(-500)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{') && line.includes('"ready":true')) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

interface Accepted {
  to: string[];
  messageId: string;
  subject: string;
}

/**
 * An SMTP server that holds the first message it is sent (reads it, never answers the end of DATA, so the sender
 * waits in its send) and accepts every later one.
 */
async function startHoldingSmtp() {
  const accepted: Accepted[] = [];
  let received = 0;
  let onHeld: (m: Accepted) => void = () => {};
  const heldArrived = new Promise<Accepted>((r) => (onHeld = r));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const first = received++ === 0;
      simpleParser(stream)
        .then((parsed) => {
          const mail = { to: (session.envelope.rcptTo ?? []).map((r) => r.address), messageId: parsed.messageId ?? '', subject: parsed.subject ?? '' };
          if (first) {
            onHeld(mail);
            return; // no answer: the sender waits
          }
          accepted.push(mail);
          callback();
        })
        .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    heldArrived,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let db: TestDatabase;
let smtp: Awaited<ReturnType<typeof startHoldingSmtp>>;
const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), GATEWAY_SECRET: randomBytes(32).toString('hex') };
// A queue of its own: no other file's community process takes these jobs.
const JOBS_SCHEMA = 'test_jobs_notify';
let env: Record<string, string>;

afterAll(async () => {
  await Promise.all([...children].map(kill));
  for (const close of closers.reverse()) await close();
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('a community process killed while it delivers', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 3 });
    closers.push(() => db.drop());
    smtp = await startHoldingSmtp();
    closers.push(() => smtp.close());
    env = {
      NODE_ENV: 'production',
      ...secrets,
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      JOBS_SCHEMA,
      JOBS_STALE_WORKER_SECONDS: String(STALE_SECONDS),
      DB_POOL_SIZE: '3',
      REDIS_URL: '',
      COMMUNITY_PORT: '0',
      SMTP_URL: smtp.url,
      APP_URL: 'https://app.soulseer.test',
    };
  }, 60_000);

  it('is taken over by another process only once its worker stopped beating, and the email arrives exactly once', async () => {
    const seed = createSeed({ prisma: db.prisma, jwtSecret: secrets.JWT_SECRET });
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().create();
    const first = await start(env);

    const send = async (as: { id: string; role: 'CLIENT' | 'READER' }, input: Record<string, unknown>) => {
      const identity = await signForwardedIdentity({ viewer: { ...as, emailVerified: true }, ip: '10.0.0.9', userAgent: 'test' }, secrets.GATEWAY_SECRET);
      const res = await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIEWER_HEADER]: identity },
        body: JSON.stringify({ query: 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id } }', variables: { input } }),
      });
      const body = (await res.json()) as { data?: { sendMessage: { id: string } }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!.sendMessage.id;
    };
    await send({ id: client.id, role: 'CLIENT' }, { recipientId: reader.id, content: 'A question' });
    // The cause: the reader's paid reply, committed by the first process with the client's notification and its jobs.
    await send({ id: reader.id, role: 'READER' }, { recipientId: client.id, content: 'The answer', priceCents: 300 });

    const [delivery] = await db.sql<{ id: string }>(
      `SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.user_id = $1 AND n.kind = 'PAID_REPLY_RECEIVED' AND d.channel = 'EMAIL'`,
      [client.id],
    );
    expect(delivery).toBeDefined();
    const job = () =>
      db.sql<{ locked_by: string | null; attempts: number }>(
        `SELECT j.locked_by, j.attempts FROM "${JOBS_SCHEMA}"._private_jobs j WHERE j.payload->>'deliveryId' = $1`,
        [delivery!.id],
      );
    const status = async () => (await db.sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM notification_deliveries WHERE id = $1`, [delivery!.id]))[0]!;

    // The first process is in the send: the SMTP server has the message and holds its answer.
    const held = await Promise.race([smtp.heldArrived, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no email started')), 30_000))]);
    expect(held.to).toEqual([client.email]);
    const [locked] = await job();
    expect(locked!.locked_by).toMatch(/^pool-/);

    // A second process starts while the first still lives: for several stale periods it leaves the job alone.
    await start(env);
    await new Promise((r) => setTimeout(r, 3 * STALE_SECONDS * 1000));
    expect((await job())[0]).toMatchObject({ locked_by: locked!.locked_by, attempts: 1 });
    expect(await status()).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(smtp.accepted).toEqual([]);

    // kill -9 mid-send: nothing was accepted, the job is locked by a pool that no longer beats.
    await kill(first.child);
    const done = await eventually(status, (s) => s.status !== 'PENDING', 60_000);
    expect(done).toEqual({ status: 'SENT', attempts: 2 });
    // Exactly once to the user, with the Message-ID of this delivery (the same on any retry).
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.accepted.filter((m) => m.to.includes(client.email))).toHaveLength(1);
    expect(smtp.accepted[0]!.messageId).toBe(`<notification-delivery.${delivery!.id}@app.soulseer.test>`);
    expect(smtp.accepted[0]!.messageId).toBe(held.messageId);
    // The job is done (graphile-worker deletes a completed job) and the dead pool's heartbeat is gone.
    expect(await eventually(job, (rows) => rows.length === 0, 10_000)).toEqual([]);
    const beats = await db.sql<{ pool_id: string }>(`SELECT pool_id FROM "${JOBS_SCHEMA}"._soulseer_worker_heartbeats`);
    expect(beats.map((b) => b.pool_id)).not.toContain(locked!.locked_by);
  }, 150_000);
});

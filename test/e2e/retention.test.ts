import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';

// Retention (shared/retention.ts; docs/operations.md, "Retention"): each owner's daily job, run here through the job
// queue as its cron fires it, deletes its own old replay guards, expired tokens and invites and dead jobs, and keeps
// fresh rows, Stripe events the ledger refers to, the ledger itself and the audit log.

let fed: TestFederation;
beforeAll(async () => {
  fed = await startTestFederation();
});
afterAll(async () => {
  await fed?.stop();
});

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const count = async (table: string, where = 'true', values: unknown[] = []) =>
  (await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values))[0]!.n;

describe('the retention jobs', () => {
  it('prune old rows of each owner and keep fresh ones, ledger evidence, the ledger and the audit log', async () => {
    const prisma = fed.db.prisma;
    const seed = createSeed(fed);
    const admin = await seed.admin().create();
    const reader = await seed.reader().create();
    const prefix = fed.runtime.jobs!.prefix!;
    const jobs = fed.runtime.jobs!.schema!;

    // accounts
    const token = (tag: string, expiresAt: Date, revokedAt: Date | null = null) =>
      prisma.refreshToken.create({ data: { userId: admin.id, tokenHash: `ret-${tag}-${Math.random()}`, familyId: `fam-${tag}`, expiresAt, revokedAt } });
    await token('old', ago(40));
    await token('old-revoked', ago(35), ago(60));
    await token('revoked-live', new Date(Date.now() + DAY), ago(40)); // kept until it expires: replay detection
    await token('fresh-expired', ago(1));
    const invite = (tag: string, expiresAt: Date, acceptedAt: Date | null = null) =>
      prisma.readerInvite.create({ data: { email: `${tag}@example.com`, tokenHash: `inv-${tag}-${Math.random()}`, invitedById: admin.id, userId: reader.id, expiresAt, acceptedAt } });
    await invite('old', ago(40));
    await invite('old-accepted', ago(40), ago(45));
    await invite('fresh', ago(2));
    await prisma.auditLog.create({ data: { userId: admin.id, action: 'retention.test', entityType: 'User', entityId: admin.id, createdAt: ago(400) } });

    // readings and community: replay guards
    await prisma.processedWebhook.createMany({ data: [{ id: 'ret-old', source: 'livekit', createdAt: ago(40) }, { id: 'ret-fresh', source: 'livekit' }] });
    await prisma.liveKitParticipantEvent.createMany({ data: [{ room: 'ret-room', identity: 'old', eventAt: 1n, event: 'participant_left' }, { room: 'ret-room', identity: 'fresh', eventAt: 2n, event: 'participant_left' }] });
    await fed.db.sql(`UPDATE livekit_participant_events SET updated_at = now() - interval '40 days' WHERE identity = 'old'`);
    await prisma.streamWebhookEvent.createMany({ data: [{ id: 'ret-old', event: 'room_finished', roomName: 'r', createdAt: ago(40) }, { id: 'ret-fresh', event: 'room_finished', roomName: 'r' }] });
    await prisma.streamParticipantEvent.createMany({ data: [{ roomName: 'ret-stream', identity: 'old', eventAt: 1n, event: 'participant_left' }, { roomName: 'ret-stream', identity: 'fresh', eventAt: 2n, event: 'participant_left' }] });
    await fed.db.sql(`UPDATE stream_participant_events SET updated_at = now() - interval '40 days' WHERE identity = 'old'`);

    // payments: Stripe events, one of them evidence of a ledger credit; and an old ledger row
    const stripeEvent = (id: string, receivedAt: Date) => prisma.stripeEvent.create({ data: { id, type: 'payment_intent.succeeded', status: 'PROCESSED', payload: {}, receivedAt } });
    await stripeEvent('evt_ret_old', ago(40));
    await stripeEvent('evt_ret_credited', ago(40));
    await stripeEvent('evt_ret_fresh', ago(1));
    await prisma.transaction.create({
      data: { idempotencyKey: `ret-${Math.random()}`, type: 'ADD_FUNDS', status: 'COMPLETED', amountCents: 500, stripeEventId: 'evt_ret_credited', createdAt: ago(400) },
    });

    // Dead jobs (attempts exhausted) of readings' and payments' tasks, old and fresh; a live job of the same task.
    const addJob = async (task: string, key: string, dead: boolean, daysAgo: number) => {
      await fed.db.sql(`SELECT "${jobs}".add_job($1, '{}'::json, run_at => now() + interval '1 day', max_attempts => 1, job_key => $2)`, [prefix + task, prefix + key]);
      if (dead) await fed.db.sql(`UPDATE "${jobs}"._private_jobs SET attempts = 1, last_error = 'boom', updated_at = now() - make_interval(days => $2::int) WHERE key = $1`, [prefix + key, daysAgo]);
    };
    await addJob('readings.no-show', 'ret:dead-old', true, 40);
    await addJob('readings.no-show', 'ret:dead-fresh', true, 1);
    await addJob('readings.no-show', 'ret:live', false, 0);
    await addJob('payments.daily-payouts', 'ret:pay-dead-old', true, 40);
    const jobKeys = async () =>
      (await fed.db.sql<{ key: string }>(`SELECT key FROM "${jobs}"._private_jobs WHERE key LIKE $1 ORDER BY key`, [`${prefix}ret:%`])).map((r) => r.key.slice(prefix.length));

    // The cron fires each owner's retention task; here the test queues them as it would.
    for (const owner of ['accounts', 'readings', 'payments', 'community']) {
      await fed.db.sql(`SELECT "${jobs}".add_job($1, '{}'::json)`, [`${prefix}${owner}.retention`]);
    }
    await eventually(
      () => fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${jobs}"._private_jobs j JOIN "${jobs}"._private_tasks t ON t.id = j.task_id WHERE t.identifier LIKE $1`, [`${prefix}%.retention`]),
      (rows) => rows[0]!.n === 0,
      30_000,
    );

    expect((await prisma.refreshToken.findMany({ where: { userId: admin.id, familyId: { startsWith: 'fam-' } }, orderBy: { familyId: 'asc' } })).map((t) => t.familyId)).toEqual([
      'fam-fresh-expired',
      'fam-revoked-live',
    ]);
    expect((await prisma.readerInvite.findMany({ where: { invitedById: admin.id }, orderBy: { email: 'asc' } })).map((i) => i.email)).toEqual([
      'fresh@example.com',
      'old-accepted@example.com',
    ]);
    expect(await count('audit_logs', "action = 'retention.test'")).toBe(1);
    expect((await prisma.processedWebhook.findMany({ where: { id: { startsWith: 'ret-' } } })).map((r) => r.id)).toEqual(['ret-fresh']);
    expect((await prisma.liveKitParticipantEvent.findMany({ where: { room: 'ret-room' } })).map((r) => r.identity)).toEqual(['fresh']);
    expect((await prisma.streamWebhookEvent.findMany({ where: { id: { startsWith: 'ret-' } } })).map((r) => r.id)).toEqual(['ret-fresh']);
    expect((await prisma.streamParticipantEvent.findMany({ where: { roomName: 'ret-stream' } })).map((r) => r.identity)).toEqual(['fresh']);
    expect((await prisma.stripeEvent.findMany({ where: { id: { startsWith: 'evt_ret_' } }, orderBy: { id: 'asc' } })).map((e) => e.id)).toEqual([
      'evt_ret_credited',
      'evt_ret_fresh',
    ]);
    expect(await count('transactions', 'stripe_event_id = $1', ['evt_ret_credited'])).toBe(1);
    expect(await jobKeys()).toEqual(['ret:dead-fresh', 'ret:live']);
    await fed.db.sql(`DELETE FROM "${jobs}"._private_jobs WHERE key LIKE $1`, [`${prefix}ret:%`]);
  }, 120_000);
});

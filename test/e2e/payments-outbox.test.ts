import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobHelpers } from 'graphile-worker';
import {
  AcceptSessionDocument,
  CommunityCreateVirtualGiftDocument,
  CommunitySendGiftDocument,
  JoinSessionDocument,
  RequestSessionDocument,
  SetAutoReloadDocument,
  WalletUpdatedDocument,
} from '../generated/graphql.js';
import type { TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { PaymentsServer } from '../../subgraphs/payments/server.js';
import { MONEY_MOVED_TASK, type MoneyMoved } from '../../subgraphs/payments/services/outbox.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { timeTravel } from './readings-fixtures.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import type { Seed, TestUser } from '../helpers/seed.js';

// Effects after a money movement go through payments' outbox job, queued in the movement's own transaction: a
// session minute charged by readings' billing sweep and a gift paid inside community's transaction each trigger
// exactly one auto-reload when they cross the client's threshold, and walletUpdated is announced by the job.

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
let admin: TestUser;
const sockets: WsClient[] = [];
beforeAll(() => {
  ({ fed, stripe, admin, seed } = stack);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
});

/** Requests for off-session payment intents for this user (auto-reloads). */
const reloadRequests = (userId: string) =>
  stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.params.off_session === 'true' && r.params['metadata[userId]'] === userId);
/**
 * The auto-reload payments made for this user: one per distinct idempotency key (a request repeated with its key is
 * answered by Stripe with the payment it made the first time).
 */
const reloadsOf = (userId: string) => [...new Map(reloadRequests(userId).map((r) => [r.idempotencyKey, r])).values()];
const reloadRows = (userId: string) =>
  fed.db.sql<{ idempotency_key: string; amount_cents: number }>(`SELECT idempotency_key, amount_cents FROM top_ups WHERE user_id = $1 AND is_auto_reload`, [userId]);
const outboxJobs = () =>
  fed.db.sql<{ payload: MoneyMoved }>(
    `SELECT j.payload FROM test_jobs._private_jobs j JOIN test_jobs._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1`,
    [`${fed.runtime.jobs!.prefix}${MONEY_MOVED_TASK}`],
  );

/** A client who topped up `cents` by card (so a card is saved) and turned auto-reload on. */
async function clientWithAutoReload(cents: number, thresholdCents: number, amountCents = 2500): Promise<TestUser> {
  const client = await seed.client().withCardTopUp(cents, stripe, { thresholdCents, amountCents }).create();
  expect(await stack.balance(client.id)).toBe(cents);
  return client;
}

async function runningSession(client: TestUser, rate: number) {
  const reader = await seed.reader().online().withRates({ CHAT: rate }).create();
  const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
  expect(req.errors).toBeUndefined();
  const id = req.data!.requestSession.id;
  expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
  await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
  expect((await fed.run(JoinSessionDocument, { sessionId: id }, reader.token)).data!.joinSession.status).toBe('IN_PROGRESS');
  // Minute 1 is charged at the join; wait until its outbox job has run (its walletUpdated is out), so a subscription
  // opened afterwards receives only what comes next (under load it could still receive minute 1's).
  await eventually(() => fed.db.sql(`SELECT 1 FROM transactions WHERE session_id = $1 AND session_minute = 1`, [id]), (rows) => rows.length === 1, 8000);
  await eventually(() => outboxJobs(), (jobs) => !jobs.some((j) => j.payload.users.includes(client.id)), 8000);
  return { reader, id };
}

function walletEvents(client: TestUser) {
  const ws = connect(fed.gateway.wsUrl, client.token);
  sockets.push(ws);
  return subscribe(ws, WalletUpdatedDocument);
}

describe('effects after a money movement (outbox)', () => {
  it('a minute charged by the billing sweep that crosses the threshold reloads once, and walletUpdated is announced', async () => {
    const client = await clientWithAutoReload(1000, 500);
    const { id } = await runningSession(client, 300); // minute 1 at the join: 700 left, over the threshold
    await new Promise((r) => setTimeout(r, 300));
    expect(reloadsOf(client.id)).toHaveLength(0);
    const wallet = walletEvents(client);
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);

    await timeTravel(fed, id, 60); // the sweep (every second) charges minute 2: 400 left, under 500
    const event = (await wallet.next(8000)).data!.walletUpdated;
    expect(event).toMatchObject({ balanceCents: 400, cause: 'SESSION_CHARGE', transaction: { type: 'SESSION_CHARGE' } });
    const [charge] = await fed.db.sql<{ id: string }>(`SELECT id FROM transactions WHERE session_id = $1 AND session_minute = 2`, [id]);
    expect(event.transaction!.id).toBe(charge!.id);
    await eventually(() => reloadRows(client.id), (rows) => rows.length === 1, 8000);
    await new Promise((r) => setTimeout(r, 500));
    expect(reloadsOf(client.id)).toHaveLength(1);
    expect(reloadsOf(client.id)[0]!.params).toMatchObject({ amount: '2500', confirm: 'true' });
    // Minute 3 (100 left) is a debit under the threshold, not a new crossing: no second reload.
    await timeTravel(fed, id, 60);
    await eventually(() => wallet.events.length, (n) => n === 2, 8000);
    await new Promise((r) => setTimeout(r, 500));
    expect(reloadsOf(client.id)).toHaveLength(1);
    wallet.stop();
  });

  it('a gift paid inside community\'s transaction that crosses the threshold reloads once; walletUpdated carries it', async () => {
    const client = await clientWithAutoReload(1000, 500);
    const { reader, id } = await runningSession(client, 100); // 900 left
    const gift = await fed.run(CommunityCreateVirtualGiftDocument, { input: { name: `Comet ${id}`, priceCents: 500, imageUrl: 'https://cdn.example.com/c.png' } }, admin.token);
    expect(gift.errors).toBeUndefined();
    const wallet = walletEvents(client);
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);

    const sent = await fed.run(
      CommunitySendGiftDocument,
      { input: { idempotencyKey: `outbox-gift-${id}`, virtualGiftId: gift.data!.createVirtualGift.id, readerId: reader.id, sessionId: id } },
      client.token,
    );
    expect(sent.errors).toBeUndefined();
    const event = (await wallet.next(8000)).data!.walletUpdated;
    expect(event).toMatchObject({ balanceCents: 400, cause: 'GIFT_PURCHASE', transaction: { type: 'GIFT_PURCHASE' } });
    await eventually(() => reloadRows(client.id), (rows) => rows.length === 1, 8000);
    await new Promise((r) => setTimeout(r, 500));
    expect(reloadsOf(client.id)).toHaveLength(1);
    wallet.stop();
  });

  it('the outbox job run twice, at once, for one crossing reloads once; a claimed reload left pending is sent once with its key', async () => {
    const payments = fed.subgraphs.payments as PaymentsServer;
    const task = payments.tasks[MONEY_MOVED_TASK]!;
    const run = (payload: MoneyMoved, attempts = 1) => task(payload, { job: { attempts } } as unknown as JobHelpers);
    const client = await clientWithAutoReload(1000, 500);
    // Raise the threshold over the balance by hand: the wallet is armed and under it, no job has run for it yet.
    await fed.db.sql(`UPDATE wallets SET auto_reload_threshold_cents = 2000 WHERE user_id = $1`, [client.id]);
    const moved: MoneyMoved = { cause: 'PURCHASE', direction: 'DEBIT', users: [client.id], balances: [1000], transactionIds: ['t'], low: [] };
    await Promise.all([run(moved), run(moved), run(moved, 2)]);
    await run(moved, 3);
    expect(reloadsOf(client.id)).toHaveLength(1);
    expect(await reloadRows(client.id)).toHaveLength(1);

    // A job that claimed a crossing and died before Stripe answered: the retry sends the claimed key, once.
    const other = await clientWithAutoReload(1000, 500);
    await fed.db.sql(`UPDATE wallets SET auto_reload_armed = false, auto_reload_pending_key = $2 WHERE user_id = $1`, [other.id, `autoreload:${other.id}:crashed`]);
    await Promise.all([run({ ...moved, users: [other.id] }, 2), run({ ...moved, users: [other.id] }, 3)]);
    expect(reloadsOf(other.id).map((r) => r.idempotencyKey)).toEqual([`autoreload:${other.id}:crashed`]);
    expect(await reloadRows(other.id)).toEqual([{ idempotency_key: `autoreload:${other.id}:crashed`, amount_cents: 2500 }]);
    const [w] = await fed.db.sql<{ k: string | null; armed: boolean }>(`SELECT auto_reload_pending_key AS k, auto_reload_armed AS armed FROM wallets WHERE user_id = $1`, [other.id]);
    expect(w).toEqual({ k: null, armed: false });

    // A client who turns auto-reload off while a claimed reload waits for Stripe is not charged for it.
    const quitter = await clientWithAutoReload(1000, 500);
    await fed.db.sql(`UPDATE wallets SET auto_reload_armed = false, auto_reload_pending_key = $2 WHERE user_id = $1`, [quitter.id, `autoreload:${quitter.id}:crashed`]);
    expect((await fed.run(SetAutoReloadDocument, { input: { enabled: false } }, quitter.token)).errors).toBeUndefined();
    await run({ ...moved, users: [quitter.id] }, 2);
    expect(reloadsOf(quitter.id)).toHaveLength(0);
    expect(await fed.db.sql(`SELECT auto_reload_pending_key AS k FROM wallets WHERE user_id = $1`, [quitter.id])).toEqual([{ k: null }]);
  });

  it('a movement that rolls back with its caller queues nothing', async () => {
    const client = await clientWithAutoReload(1000, 500);
    const before = (await outboxJobs()).length;
    await expect(
      fed.db.prisma.$transaction(async (tx) => {
        await fed.runtime.money!.purchase({ idempotencyKey: `rollback-${client.id}`, clientId: client.id, readerId: null, amountCents: 800, type: 'PURCHASE', description: 'x' }, tx);
        expect((await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM test_jobs._private_jobs j JOIN test_jobs._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1 AND j.payload::text LIKE '%' || $2 || '%'`, `${fed.runtime.jobs!.prefix}${MONEY_MOVED_TASK}`, client.id)).length).toBe(1);
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await stack.balance(client.id)).toBe(1000);
    await new Promise((r) => setTimeout(r, 500));
    expect((await outboxJobs()).filter((j) => j.payload.users.includes(client.id))).toHaveLength(0);
    expect((await outboxJobs()).length).toBeLessThanOrEqual(before);
    expect(reloadsOf(client.id)).toHaveLength(0);
  });
});

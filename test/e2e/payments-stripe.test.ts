import { beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePayoutAccountLinkDocument,
  CreateTopUpDocument,
  PayoutsDocument,
  ReaderEarningsDocument,
  ReconciliationReportDocument,
  RequestPayoutDocument,
  SetAutoReloadDocument,
  TopUpsDocument,
  WalletDocument,
} from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import type { Seed, TestUser } from '../helpers/seed.js';

const stack = useStripeFederation();
const { deliver, balance } = stack;
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
let admin: TestUser;
beforeAll(() => {
  ({ fed, stripe, admin, seed } = stack);
});

async function topUp(user: { id: string; token: string }, amountCents: number) {
  const res = await fed.run(CreateTopUpDocument, { input: { amountCents } }, user.token);
  expect(res.errors).toBeUndefined();
  return res.data!.createTopUp;
}

describe('top-ups through Stripe', () => {
  it('creates a PaymentIntent with an idempotency key and credits the wallet only on the verified webhook', async () => {
    const client = await seed.client().create();
    const started = await topUp(client, 2500);
    expect(started.clientSecret).toMatch(/_secret_/);
    expect(started.topUp).toMatchObject({ amountCents: 2500, status: 'PENDING' });
    const piRequest = stripe.requests.find((r) => r.path === '/v1/payment_intents' && r.params['metadata[userId]'] === client.id);
    expect(piRequest?.idempotencyKey).toMatch(new RegExp(`^topup:${client.id}:`));
    expect(piRequest?.params).toMatchObject({ amount: '2500', currency: 'usd', setup_future_usage: 'off_session' });
    expect(await balance(client.id)).toBe(0);

    const res = await deliver(stripe.succeed(started.topUp.paymentIntentId));
    expect(res.status).toBe(200);
    const wallet = await fed.run(WalletDocument, {}, client.token);
    expect(wallet.data!.wallet).toMatchObject({ balanceCents: 2500, hasSavedCard: true });
    const topUps = await fed.run(TopUpsDocument, {}, client.token);
    expect(topUps.data!.topUps.edges[0]!.node.status).toBe('SUCCEEDED');
  });

  it('the same event delivered five times in parallel credits once', async () => {
    const client = await seed.client().create();
    const started = await topUp(client, 1000);
    const delivery = stripe.succeed(started.topUp.paymentIntentId);
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(delivery)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{ duplicate?: boolean }>;
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await balance(client.id)).toBe(1000);
    // A second, distinct event for the same payment intent does not credit again either.
    await deliver(stripe.succeed(started.topUp.paymentIntentId));
    expect(await balance(client.id)).toBe(1000);
  });

  it('refuses unsigned, forged, tampered and stale webhooks with 400 and changes nothing', async () => {
    const client = await seed.client().create();
    const started = await topUp(client, 1000);
    const good = stripe.succeed(started.topUp.paymentIntentId);
    const before = await fed.db.sql(`SELECT count(*)::int AS n FROM stripe_events`);
    const forged = stripe.event('payment_intent.succeeded', JSON.parse(good.body).data.object, { secret: 'whsec_wrong' });
    const stale = stripe.event('payment_intent.succeeded', JSON.parse(good.body).data.object, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    for (const bad of [
      { body: good.body, signature: null },
      forged,
      { body: good.body.replace('"amount":1000', '"amount":100000'), signature: good.signature },
      stale,
      { body: good.body, signature: 't=1,v1=deadbeef' },
    ]) {
      const res = await deliver(bad);
      expect(res.status).toBe(400);
    }
    expect(await fed.db.sql(`SELECT count(*)::int AS n FROM stripe_events`)).toEqual(before);
    expect(await balance(client.id)).toBe(0);
  });

  it('records failures and cancellations without crediting; ignores unknown payment intents', async () => {
    const client = await seed.client().create();
    const a = await topUp(client, 1000);
    const b = await topUp(client, 2500);
    const pa = stripe.paymentIntents.get(a.topUp.paymentIntentId)!;
    const pb = stripe.paymentIntents.get(b.topUp.paymentIntentId)!;
    expect((await deliver(stripe.event('payment_intent.payment_failed', { ...pa, last_payment_error: { message: 'Your card was declined.' } }))).status).toBe(200);
    expect((await deliver(stripe.event('payment_intent.canceled', { ...pb, cancellation_reason: 'abandoned' }))).status).toBe(200);
    expect((await deliver(stripe.event('payment_intent.succeeded', { id: 'pi_unknown', amount: 5000, amount_received: 5000, currency: 'usd' }))).status).toBe(200);
    // One of ours (our metadata) whose top-up row is not written yet: 500 and nothing recorded, so Stripe retries.
    const early = stripe.event('payment_intent.succeeded', { id: 'pi_early', amount: 2000, amount_received: 2000, currency: 'usd', metadata: { userId: 'u', purpose: 'wallet_auto_reload' } });
    expect((await deliver(early)).status).toBe(500);
    expect(await fed.db.sql(`SELECT id FROM stripe_events WHERE id = $1`, [early.id])).toEqual([]);
    const rows = await fed.db.sql<{ status: string; failure_reason: string }>(
      `SELECT status, failure_reason FROM top_ups WHERE user_id = $1 ORDER BY amount_cents`,
      [client.id],
    );
    expect(rows).toEqual([
      { status: 'FAILED', failure_reason: 'Your card was declined.' },
      { status: 'CANCELED', failure_reason: 'abandoned' },
    ]);
    // A failed payment intent later succeeding is not credited twice nor wrongly: it was FAILED, so nothing.
    expect(await balance(client.id)).toBe(0);
  });

  it('credits only the amount the top-up was created for', async () => {
    const client = await seed.client().create();
    const started = await topUp(client, 1000);
    await deliver(stripe.succeed(started.topUp.paymentIntentId, { amount_received: 999 }));
    expect(await balance(client.id)).toBe(0);
  });

  it('refuses bad top-up amounts and repeats a keyed top-up instead of starting another', async () => {
    const client = await seed.client().create();
    for (const amountCents of [0, -500, 499, 100_001, 2_000_000_000]) {
      const res = await fed.run(CreateTopUpDocument, { input: { amountCents } }, client.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    const fractional = await fed.run(CreateTopUpDocument, { input: { amountCents: 10.5 } }, client.token);
    expect(errorCode(fractional)).toBe('BAD_USER_INPUT');
    const key = `k-${client.id}`;
    const one = await fed.run(CreateTopUpDocument, { input: { amountCents: 5000, idempotencyKey: key } }, client.token);
    const two = await fed.run(CreateTopUpDocument, { input: { amountCents: 5000, idempotencyKey: key } }, client.token);
    expect(two.data!.createTopUp.topUp.id).toBe(one.data!.createTopUp.topUp.id);
    expect(two.data!.createTopUp.clientSecret).toBe(one.data!.createTopUp.clientSecret);
    const other = await fed.run(CreateTopUpDocument, { input: { amountCents: 6000, idempotencyKey: key } }, client.token);
    expect(errorCode(other)).toBe('CONFLICT');
    expect(await fed.db.sql(`SELECT id FROM top_ups WHERE user_id = $1`, [client.id])).toHaveLength(1);
  });
});

describe('auto-reload', () => {
  it('needs a saved card, then charges it off-session once per threshold crossing', async () => {
    const client = await seed.client().create();
    const reader = (await seed.reader().create()).id;
    const refused = await fed.run(SetAutoReloadDocument, { input: { enabled: true, thresholdCents: 500, amountCents: 1000 } }, client.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');

    const started = await topUp(client, 1000);
    await deliver(stripe.succeed(started.topUp.paymentIntentId));
    const set = await fed.run(SetAutoReloadDocument, { input: { enabled: true, thresholdCents: 500, amountCents: 2500 } }, client.token);
    expect(set.data!.setAutoReload.autoReload).toEqual({ enabled: true, thresholdCents: 500, amountCents: 2500, armed: true });

    const money = fed.runtime.money!;
    const session = await createSession(fed.db.prisma, client.id, reader, 300);
    const payments = () => stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.params.off_session === 'true' && r.params.customer);
    const before = payments().length;
    await money.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader, minute: 1, rateCents: 300 }); // 700 left
    await money.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader, minute: 2, rateCents: 300 }); // 400: crosses
    await Promise.all([3, 4].map((minute) => money.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader, minute, rateCents: 100 })));
    await waitFor(async () => (await fed.db.sql(`SELECT 1 FROM top_ups WHERE user_id = $1 AND is_auto_reload`, [client.id])).length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(payments().length - before).toBe(1);
    const reload = stripe.requests.filter((r) => r.params.off_session === 'true').at(-1)!;
    expect(reload.params).toMatchObject({ amount: '2500', confirm: 'true' });
    const [auto] = await fed.db.sql<{ stripe_payment_intent_id: string }>(`SELECT stripe_payment_intent_id FROM top_ups WHERE user_id = $1 AND is_auto_reload`, [client.id]);
    await deliver(stripe.succeed(auto!.stripe_payment_intent_id));
    expect(await balance(client.id)).toBe(200 + 2500);
    const wallet = await fed.run(WalletDocument, {}, client.token);
    expect(wallet.data!.wallet.autoReload.armed).toBe(true);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Connect onboarding and payouts', () => {
  const urls = { returnUrl: 'https://soulseer.test/return', refreshUrl: 'https://soulseer.test/refresh' };

  it('creates the Express account once and returns a link each time', async () => {
    const reader = await seed.reader().withTwoFactor().create();
    const one = await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    const two = await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    expect(one.errors).toBeUndefined();
    expect(two.data!.createPayoutAccountLink.stripeAccountId).toBe(one.data!.createPayoutAccountLink.stripeAccountId);
    expect(one.data!.createPayoutAccountLink.url).toMatch(/^https:\/\//);
    expect(stripe.requests.filter((r) => r.path === '/v1/accounts' && r.params['metadata[userId]'] === reader.id)).toHaveLength(1);
    const client = await seed.client().create();
    expect(errorCode(await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CreatePayoutAccountLinkDocument, { input: { ...urls, returnUrl: 'javascript:alert(1)' } }, reader.token))).toBe('BAD_USER_INPUT');
  });

  it('pays out once when requested twice at once, refuses below the threshold, and shows history and earnings', async () => {
    const reader = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    await seed.credit(reader, 1400, 'EARNINGS');
    const below = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `p0-${reader.id}` } }, admin.token);
    expect(errorCode(below)).toBe('BAD_USER_INPUT');
    await seed.credit(reader, 600, 'EARNINGS');
    const [a, b] = await Promise.all(
      ['p1', 'p2'].map((k) => fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `${k}-${reader.id}` } }, admin.token)),
    );
    const ok = [a, b].filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.data!.requestPayout).toMatchObject({ amountCents: 2000, status: 'COMPLETED' });
    expect(ok[0]!.data!.requestPayout.stripeTransferId).toMatch(/^tr_/);
    expect(['BAD_USER_INPUT', 'INSUFFICIENT_FUNDS']).toContain(errorCode([a, b].find((r) => r.errors)!));
    expect(stripe.requests.filter((r) => r.path === '/v1/transfers' && r.params['metadata[readerId]'] === reader.id)).toHaveLength(1);
    const earnings = await fed.run(ReaderEarningsDocument, {}, reader.token);
    expect(earnings.data!.readerEarnings).toMatchObject({ availableCents: 0, paidOutCents: 2000, pendingPayoutCents: 0 });
    const history = await fed.run(PayoutsDocument, {}, reader.token);
    expect(history.data!.payouts.edges.map((e) => e.node.status)).toEqual(['COMPLETED']);
    const client = await seed.client().create();
    expect(errorCode(await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `p3-${reader.id}` } }, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(PayoutsDocument, {}, client.token))).toBe('FORBIDDEN');
  });

  it('a failed transfer puts the earnings back; repeating the key returns the same payout', async () => {
    const reader = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    await seed.credit(reader, 3000, 'EARNINGS');
    stripe.failTransfers = true;
    try {
      const res = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `f1-${reader.id}` } }, admin.token);
      expect(res.data!.requestPayout).toMatchObject({ status: 'FAILED', amountCents: 3000 });
      expect(res.data!.requestPayout.failureReason).toMatch(/cannot receive transfers/);
      const again = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `f1-${reader.id}` } }, admin.token);
      expect(again.data!.requestPayout.id).toBe(res.data!.requestPayout.id);
    } finally {
      stripe.failTransfers = false;
    }
    const earnings = await fed.run(ReaderEarningsDocument, { readerId: reader.id }, admin.token);
    expect(earnings.data!.readerEarnings).toMatchObject({ availableCents: 3000, paidOutCents: 0 });
    const audit = await fed.db.sql(`SELECT action FROM audit_logs WHERE action LIKE 'payments:payout%' AND entity_id = $1 ORDER BY created_at`, [
      (await fed.db.sql<{ id: string }>(`SELECT id FROM payouts WHERE reader_id = $1`, [reader.id]))[0]!.id,
    ]);
    expect(audit).toEqual([{ action: 'payments:payout' }, { action: 'payments:payout_failed' }]);
  });

  it('a reversed transfer (transfer.reversed) puts the reversed part back into earnings once, however often it is delivered', async () => {
    const reader = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    await seed.credit(reader, 4000, 'EARNINGS');
    const paid = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: `r1-${reader.id}` } }, admin.token);
    expect(paid.data!.requestPayout).toMatchObject({ status: 'COMPLETED', amountCents: 4000 });
    const transfer = { id: paid.data!.requestPayout.stripeTransferId!, object: 'transfer', amount: 4000, currency: 'usd' };
    const earnings = async () => (await fed.run(ReaderEarningsDocument, { readerId: reader.id }, admin.token)).data!.readerEarnings;

    // A partial reversal of 1,500, delivered three times at once: 1,500 back, once; the payout stays COMPLETED.
    const partial = stripe.event('transfer.reversed', { ...transfer, amount_reversed: 1500, reversed: false });
    const statuses = await Promise.all([partial, partial, partial].map(async (d) => (await deliver(d)).status));
    expect(statuses).toEqual([200, 200, 200]);
    expect(await earnings()).toMatchObject({ availableCents: 1500, paidOutCents: 2500 });
    // Partly reversed, still COMPLETED: the ledger agrees with it (no reconciliation difference).
    const midway = await fed.run(ReconciliationReportDocument, {}, admin.token);
    expect(midway.data!.reconciliationReport.checks.filter((c) => c.differences > 0)).toEqual([]);
    // The rest reversed later (cumulative amount_reversed 4,000), and a stale copy of the first event after it.
    expect((await deliver(stripe.event('transfer.reversed', { ...transfer, amount_reversed: 4000, reversed: true }))).status).toBe(200);
    expect((await deliver(stripe.event('transfer.reversed', { ...transfer, amount_reversed: 1500, reversed: false }))).status).toBe(200);
    expect(await earnings()).toMatchObject({ availableCents: 4000 });
    const history = await fed.run(PayoutsDocument, { readerId: reader.id }, admin.token);
    expect(history.data!.payouts.edges[0]!.node).toMatchObject({ status: 'FAILED', failureReason: 'Stripe transfer reversed' });
    const restored = await fed.db.sql<{ n: number; cents: number }>(
      `SELECT count(*)::int AS n, sum(amount_cents)::int AS cents FROM transactions WHERE reader_id = $1 AND type = 'PAYOUT' AND reverses_id IS NOT NULL`,
      [reader.id],
    );
    expect(restored).toEqual([{ n: 2, cents: 4000 }]);
    // A reversal of a transfer we never made changes nothing.
    expect((await deliver(stripe.event('transfer.reversed', { ...transfer, id: 'tr_unknown', amount_reversed: 4000 }))).status).toBe(200);
    expect(await earnings()).toMatchObject({ availableCents: 4000 });
  });

  it('a transfer with an unknown outcome stays PROCESSING (earnings not restored) and a retry with the same key completes it once', async () => {
    const reader = await seed.reader().withTwoFactor().create();
    await fed.run(CreatePayoutAccountLinkDocument, { input: urls }, reader.token);
    await seed.credit(reader, 2500, 'EARNINGS');
    const input = { readerId: reader.id, idempotencyKey: `o1-${reader.id}` };
    stripe.transferOutage = true;
    try {
      const res = await fed.run(RequestPayoutDocument, { input }, admin.token);
      expect(res.data!.requestPayout).toMatchObject({ status: 'PROCESSING', amountCents: 2500, stripeTransferId: null });
    } finally {
      stripe.transferOutage = false;
    }
    expect((await fed.run(ReaderEarningsDocument, { readerId: reader.id }, admin.token)).data!.readerEarnings).toMatchObject({ availableCents: 0, pendingPayoutCents: 2500 });
    const retried = await fed.run(RequestPayoutDocument, { input }, admin.token);
    expect(retried.data!.requestPayout).toMatchObject({ status: 'COMPLETED', amountCents: 2500 });
    const again = await fed.run(RequestPayoutDocument, { input }, admin.token);
    expect(again.data!.requestPayout.stripeTransferId).toBe(retried.data!.requestPayout.stripeTransferId);
    expect(stripe.requests.filter((r) => r.path === '/v1/transfers' && r.params['metadata[readerId]'] === reader.id && r.idempotencyKey)).toHaveLength(2);
    expect((await fed.run(ReaderEarningsDocument, { readerId: reader.id }, admin.token)).data!.readerEarnings).toMatchObject({ availableCents: 0, paidOutCents: 2500, pendingPayoutCents: 0 });
  });
});

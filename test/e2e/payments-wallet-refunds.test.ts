import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReconciliationReportDocument,
  RefundWalletBalanceDocument,
  WalletRefundsDocument,
  type RefundWalletBalanceInput,
} from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import { walletTopic, type WalletEvent } from '../../subgraphs/payments/services/money.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import type { Seed, TestUser } from '../helpers/seed.js';

// Admin refunds of unused wallet balance to the card(s) it came from, through the gateway, against the Stripe fake.
const stack = useStripeFederation();
const { deliver, balance } = stack;
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
let admin: TestUser;
beforeAll(() => {
  ({ fed, stripe, admin, seed } = stack);
});
let keyN = 0;
const newKey = () => `wr-${Date.now()}-${++keyN}`;

/** A card top-up paid and credited by its webhook; returns the PaymentIntent id. */
const paidTopUp = (user: TestUser, amountCents: number) => seed.payByCard(user, amountCents, stripe);

const refund = (input: RefundWalletBalanceInput, token = admin.token) => fed.run(RefundWalletBalanceDocument, { input }, token);
const refundRequests = (userId: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.params['metadata[userId]'] === userId);
const refundsAt = (pi: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === pi);

/**
 * Collects the walletUpdated events of one user from now on: first waits until what earlier movements queued on the
 * outbox has been announced (the iterator subscribes on its first next()).
 */
async function watchWallet(userId: string) {
  await seed.settled({ id: userId });
  const it = fed.pubsub.subscribe<WalletEvent>(walletTopic(userId));
  const seen: WalletEvent[] = [];
  void (async () => {
    for await (const e of it) seen.push(e);
  })();
  return {
    seen,
    async until(n: number) {
      const end = Date.now() + 5000;
      while (seen.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      return seen;
    },
    stop: () => it.return?.(),
  };
}

async function state(userId: string) {
  const [row] = await fed.db.sql<{ requests: number; parts: number; refunds: number; audits: number }>(
    `SELECT (SELECT count(*)::int FROM wallet_refunds WHERE user_id = $1) AS requests,
            (SELECT count(*)::int FROM wallet_refund_parts p JOIN wallet_refunds r ON r.id = p.wallet_refund_id WHERE r.user_id = $1) AS parts,
            (SELECT count(*)::int FROM transactions WHERE user_id = $1 AND type = 'REFUND') AS refunds,
            (SELECT count(*)::int FROM audit_logs WHERE action LIKE 'payments:wallet_refund%' AND changes->>'userId' = $1) AS audits`,
    [userId],
  );
  return { ...row!, balance: await balance(userId), stripeCalls: refundRequests(userId).length };
}

afterAll(async () => {
  // The reconciliation report (checked for zero differences by the fixture) includes the wallet-refund checks.
  const report = await fed.run(ReconciliationReportDocument, {}, admin.token);
  expect(report.data?.reconciliationReport.checks.map((c) => c.check)).toEqual(
    expect.arrayContaining(['wallet_refund_ledger_mismatch', 'wallet_refund_amount_mismatch', 'over_refunded_top_ups', 'refund_without_source', 'stuck_wallet_refunds']),
  );
});

describe('refundWalletBalance', () => {
  it('refunds part, then the rest, of the balance over two top-ups, newest first, with one Stripe refund per PaymentIntent', async () => {
    const client = await seed.client().create();
    const older = await paidTopUp(client, 1000);
    const newer = await paidTopUp(client, 2500);
    expect(await balance(client.id)).toBe(3500);
    const events = await watchWallet(client.id);
    try {
      // Part: 1,500 from the newest top-up only.
      const k1 = newKey();
      const part = await refund({ userId: client.id, amountCents: 1500, reason: '  client asked to close the account  ', idempotencyKey: k1 });
      expect(part.errors).toBeUndefined();
      const r1 = part.data!.refundWalletBalance;
      expect(r1).toMatchObject({ balanceCents: 2000, replayed: false });
      expect(r1.walletRefund).toMatchObject({ userId: client.id, amountCents: 1500, status: 'SUCCEEDED', reason: 'client asked to close the account', requestedById: admin.id });
      expect(r1.walletRefund.parts).toHaveLength(1);
      expect(r1.walletRefund.parts[0]).toMatchObject({
        paymentIntentId: newer,
        amountCents: 1500,
        status: 'SUCCEEDED',
        stripeStatus: 'succeeded',
        restoreTransaction: null,
        transaction: { type: 'REFUND', status: 'COMPLETED', amountCents: 1500, reason: 'client asked to close the account' },
      });
      const [first] = refundRequests(client.id);
      expect(first!.idempotencyKey).toBe(`wallet-refund:${k1}:${newer}`);
      expect(first!.params).toMatchObject({ payment_intent: newer, amount: '1500', 'metadata[walletRefundId]': r1.walletRefund.id, 'metadata[walletRefundPartId]': r1.walletRefund.parts[0]!.id });
      expect(r1.walletRefund.parts[0]!.stripeRefundId).toBe(refundsAt(newer)[0]!.id);
      expect((await events.until(1))[0]).toMatchObject({ userId: client.id, balanceCents: 2000, cause: 'REFUND' });

      // The rest (no amount: the whole balance): 1,000 left on the newer top-up, then 1,000 from the older one.
      const all = await refund({ userId: client.id, reason: 'client asked to close the account', idempotencyKey: newKey() });
      expect(all.errors).toBeUndefined();
      const r2 = all.data!.refundWalletBalance;
      expect(r2).toMatchObject({ balanceCents: 0, replayed: false, walletRefund: { amountCents: 2000, status: 'SUCCEEDED' } });
      expect(r2.walletRefund.parts.map((p) => [p.paymentIntentId, p.amountCents, p.status])).toEqual([
        [newer, 1000, 'SUCCEEDED'],
        [older, 1000, 'SUCCEEDED'],
      ]);
      expect((await events.until(2))[1]).toMatchObject({ balanceCents: 0, cause: 'REFUND' });
    } finally {
      await events.stop();
    }
    expect(refundsAt(newer).map((r) => r.amount)).toEqual([1500, 1000]);
    expect(refundsAt(older).map((r) => r.amount)).toEqual([1000]);
    expect(await state(client.id)).toMatchObject({ requests: 2, parts: 3, refunds: 3, audits: 3, balance: 0, stripeCalls: 3 });
    // Every cent that came in by card went back out: the client's card money nets to zero in Stripe clearing.
    const [net] = await fed.db.sql<{ n: string }>(
      `SELECT COALESCE(sum(e.amount_cents), 0) AS n FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id
        WHERE t.user_id = $1 AND e.account_id = 'stripe:clearing'`,
      [client.id],
    );
    expect(Number(net!.n)).toBe(0);
    const listed = await fed.run(WalletRefundsDocument, { userId: client.id }, admin.token);
    expect(listed.data!.walletRefunds.edges.map((e) => e.node.amountCents)).toEqual([2000, 1500]);
    // Nothing is left to refund to the card: a top-up is never refunded for more than it paid.
    await seed.credit(client, 500);
    expect(errorCode(await refund({ userId: client.id, reason: 'again', idempotencyKey: newKey() }))).toBe('BAD_USER_INPUT');
  });

  it('the same key twice at once makes one refund; a later repeat returns it; another user or amount with that key is a CONFLICT', async () => {
    const client = await seed.client().create();
    const pi = await paidTopUp(client, 2500);
    const input = { userId: client.id, amountCents: 2000, reason: 'duplicate charge', idempotencyKey: newKey() };
    const [a, b] = await Promise.all([refund(input), refund(input)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.refundWalletBalance.walletRefund.id).toBe(b.data!.refundWalletBalance.walletRefund.id);
    expect([a, b].map((r) => r.data!.refundWalletBalance.replayed).sort()).toEqual([false, true]);
    const again = await refund(input);
    expect(again.data!.refundWalletBalance).toMatchObject({ replayed: true, balanceCents: 500, walletRefund: { id: a.data!.refundWalletBalance.walletRefund.id, status: 'SUCCEEDED' } });
    expect(refundsAt(pi)).toHaveLength(1);
    expect(await state(client.id)).toMatchObject({ requests: 1, parts: 1, refunds: 1, audits: 1, balance: 500 });

    const other = await seed.client().create();
    await paidTopUp(other, 1000);
    const before = await state(other.id);
    expect(errorCode(await refund({ ...input, userId: other.id, amountCents: 500 }))).toBe('CONFLICT');
    expect(errorCode(await refund({ ...input, amountCents: 100 }))).toBe('CONFLICT');
    expect(await state(other.id)).toEqual(before);
  });

  it('only admins may refund a wallet', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await paidTopUp(client, 1000);
    const before = await state(client.id);
    const input = { userId: client.id, reason: 'I want my money back', idempotencyKey: newKey() };
    expect(errorCode(await refund(input, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await refund(input, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await refund(input, null as unknown as string))).toBe('UNAUTHENTICATED');
    expect(await state(client.id)).toEqual(before);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const client = await seed.client().create();
    await paidTopUp(client, 1000);
    await seed.credit(client, 3000); // 4,000 in the wallet, 1,000 of it refundable to the card
    const before = await state(client.id);
    const ok = { userId: client.id, reason: 'client request', idempotencyKey: newKey() };
    const cases: Array<[RefundWalletBalanceInput, string]> = [
      [{ ...ok, amountCents: 4001 }, 'INSUFFICIENT_FUNDS'],
      [{ ...ok, amountCents: 2000 }, 'BAD_USER_INPUT'], // more than the top-ups can take back
      [ok, 'BAD_USER_INPUT'], // the whole balance: likewise
      [{ ...ok, amountCents: 0 }, 'BAD_USER_INPUT'],
      [{ ...ok, amountCents: -100 }, 'BAD_USER_INPUT'],
      [{ ...ok, reason: '   ' }, 'BAD_USER_INPUT'],
      [{ ...ok, reason: 'ab' }, 'BAD_USER_INPUT'],
      [{ ...ok, reason: 'x'.repeat(501) }, 'BAD_USER_INPUT'],
      [{ ...ok, idempotencyKey: 'short' }, 'BAD_USER_INPUT'],
      [{ ...ok, userId: 'no-such-user' }, 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const res = await refund(input);
      expect([JSON.stringify(input).slice(0, 80), errorCode(res)]).toEqual([JSON.stringify(input).slice(0, 80), code]);
    }
    const over = await refund({ ...ok, amountCents: 2000 });
    expect(over.errors![0]!.message).toMatch(/At most 1000 cents can go back to the card/);
    expect(over.errors![0]!.extensions).toMatchObject({ field: 'amountCents', refundableCents: 1000, balanceCents: 4000 });
    const missing = await fed.run(RefundWalletBalanceDocument, { input: { userId: client.id, idempotencyKey: newKey() } } as never, admin.token);
    expect(errorCode(missing)).toBe('BAD_USER_INPUT'); // a required variable field left out
    expect(await state(client.id)).toEqual(before);

    // Credit from an adjustment alone has no card to go back to.
    const granted = await seed.client().create();
    await seed.credit(granted, 2500);
    const none = await refund({ userId: granted.id, amountCents: 1000, reason: 'client request', idempotencyKey: newKey() });
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
    expect(none.errors![0]!.message).toMatch(/no card top-up/);
    const empty = await seed.client().create();
    expect(errorCode(await refund({ userId: empty.id, reason: 'client request', idempotencyKey: newKey() }))).toBe('INSUFFICIENT_FUNDS');
    expect(await state(granted.id)).toMatchObject({ requests: 0, refunds: 0, balance: 2500, stripeCalls: 0 });

    // Within the card money it works, and the adjustment stays in the wallet.
    const fine = await refund({ ...ok, amountCents: 1000, idempotencyKey: newKey() });
    expect(fine.data!.refundWalletBalance).toMatchObject({ balanceCents: 3000, walletRefund: { status: 'SUCCEEDED' } });
  });

  it('a refund and a session charge racing for the same cents: one of them gets them, the wallet never goes below zero', async () => {
    const client = await seed.client().create();
    const reader = (await seed.reader().create()).id;
    await paidTopUp(client, 1000);
    const session = await createSession(fed.db.prisma, client.id, reader, 1000);
    const [refunded, charged] = await Promise.all([
      refund({ userId: client.id, amountCents: 1000, reason: 'race', idempotencyKey: newKey() }),
      fed.runtime.money!.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader, minute: 1, rateCents: 1000 }),
    ]);
    const refundWon = !refunded.errors;
    expect(refundWon).toBe(charged.status === 'INSUFFICIENT_FUNDS');
    if (!refundWon) expect(errorCode(refunded)).toBe('INSUFFICIENT_FUNDS');
    expect(await balance(client.id)).toBe(0);
  });

  it('a refusal by Stripe (4xx) puts the cents back into the wallet; repeating the key returns the failed refund without asking again', async () => {
    const client = await seed.client().create();
    await paidTopUp(client, 1000);
    await paidTopUp(client, 2000);
    const input = { userId: client.id, amountCents: 2500, reason: 'support ticket 42', idempotencyKey: newKey() };
    stripe.failRefunds = true;
    let res;
    try {
      res = await refund(input);
    } finally {
      stripe.failRefunds = false;
    }
    expect(res.errors).toBeUndefined();
    const r = res.data!.refundWalletBalance;
    expect(r).toMatchObject({ balanceCents: 3000, walletRefund: { status: 'FAILED', amountCents: 2500 } });
    for (const p of r.walletRefund.parts) {
      expect(p).toMatchObject({ status: 'FAILED', stripeRefundId: null, transaction: { status: 'FAILED' }, restoreTransaction: { type: 'REFUND', status: 'COMPLETED', amountCents: p.amountCents } });
      expect(p.failureReason).toMatch(/disputed/);
    }
    expect(r.walletRefund.parts.map((p) => p.amountCents)).toEqual([2000, 500]);
    const calls = refundRequests(client.id).length;
    expect(calls).toBe(2);
    const again = await refund(input);
    expect(again.data!.refundWalletBalance).toMatchObject({ replayed: true, balanceCents: 3000, walletRefund: { id: r.walletRefund.id, status: 'FAILED' } });
    expect(refundRequests(client.id)).toHaveLength(calls);
    const audit = await fed.db.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY created_at`, [r.walletRefund.parts[0]!.id]);
    expect(audit).toEqual([{ action: 'payments:wallet_refund' }, { action: 'payments:wallet_refund_failed' }]);
    // The failed parts took nothing back from the top-ups: the full 3,000 can still go to the card.
    const later = await refund({ userId: client.id, reason: 'support ticket 42, second try', idempotencyKey: newKey() });
    expect(later.data!.refundWalletBalance).toMatchObject({ balanceCents: 0, walletRefund: { amountCents: 3000, status: 'SUCCEEDED' } });
  });

  it('an unknown outcome (Stripe 5xx) keeps the cents reserved; a retry with the same key completes it once', async () => {
    const client = await seed.client().create();
    const pi = await paidTopUp(client, 2500);
    const input = { userId: client.id, amountCents: 2000, reason: 'client moving abroad', idempotencyKey: newKey() };
    stripe.refundOutage = true;
    try {
      const res = await refund(input);
      expect(res.errors).toBeUndefined();
      expect(res.data!.refundWalletBalance).toMatchObject({ balanceCents: 500, walletRefund: { status: 'PROCESSING' } });
      expect(res.data!.refundWalletBalance.walletRefund.parts[0]).toMatchObject({ status: 'PROCESSING', stripeRefundId: null, transaction: { status: 'PENDING' } });
      // The reserved cents cannot be spent or refunded again meanwhile.
      expect(errorCode(await refund({ ...input, amountCents: 1000, idempotencyKey: newKey() }))).toBe('INSUFFICIENT_FUNDS');
    } finally {
      stripe.refundOutage = false;
    }
    expect(await balance(client.id)).toBe(500);
    const retried = await refund(input);
    expect(retried.data!.refundWalletBalance).toMatchObject({ replayed: true, balanceCents: 500, walletRefund: { status: 'SUCCEEDED' } });
    expect(retried.data!.refundWalletBalance.walletRefund.parts[0]).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'COMPLETED' } });
    await refund(input);
    const keys = refundRequests(client.id).map((r) => r.idempotencyKey);
    expect(keys).toEqual([`wallet-refund:${input.idempotencyKey}:${pi}`, `wallet-refund:${input.idempotencyKey}:${pi}`]);
    expect(refundsAt(pi).map((r) => r.amount)).toEqual([2000]);
    expect(await state(client.id)).toMatchObject({ requests: 1, parts: 1, refunds: 1, balance: 500 });
  });

  it('a refund that fails later (refund.failed / refund.updated webhook) restores the wallet once, however often it is delivered', async () => {
    const client = await seed.client().create();
    const pi = await paidTopUp(client, 3000);
    const res = await refund({ userId: client.id, amountCents: 1200, reason: 'client request', idempotencyKey: newKey() });
    const part = res.data!.refundWalletBalance.walletRefund.parts[0]!;
    expect(part.status).toBe('SUCCEEDED');
    expect(await balance(client.id)).toBe(1800);
    const stripeRefund = stripe.refunds.get(part.stripeRefundId!)!;
    const failed = { ...stripeRefund, status: 'failed', failure_reason: 'expired_or_canceled_card' };

    const events = await watchWallet(client.id);
    try {
      const delivery = stripe.event('refund.failed', failed);
      const statuses = await Promise.all([delivery, delivery, stripe.event('refund.updated', failed)].map(async (d) => (await deliver(d)).status));
      expect(statuses).toEqual([200, 200, 200]);
      expect((await deliver(stripe.event('charge.refund.updated', failed))).status).toBe(200);
      expect(await balance(client.id)).toBe(3000);
      expect(await events.until(1)).toEqual([expect.objectContaining({ balanceCents: 3000, cause: 'REFUND' })]);
      await new Promise((r) => setTimeout(r, 100));
      expect(events.seen).toHaveLength(1); // restored once, announced once
    } finally {
      await events.stop();
    }
    const listed = await fed.run(WalletRefundsDocument, { userId: client.id }, admin.token);
    expect(listed.data!.walletRefunds.edges[0]!.node).toMatchObject({ status: 'FAILED', parts: [{ status: 'FAILED', paymentIntentId: pi }] });
    const restores = await fed.db.sql<{ n: number; cents: number; events: number }>(
      `SELECT count(*)::int AS n, sum(amount_cents)::int AS cents, count(stripe_event_id)::int AS events FROM transactions
        WHERE user_id = $1 AND type = 'REFUND' AND reverses_id IS NOT NULL`,
      [client.id],
    );
    expect(restores).toEqual([{ n: 1, cents: 1200, events: 1 }]);
    const [row] = await fed.db.sql<{ failure_reason: string; stripe_status: string }>(`SELECT failure_reason, stripe_status FROM wallet_refund_parts WHERE id = $1`, [part.id]);
    expect(row).toEqual({ failure_reason: 'Stripe refund failed: expired_or_canceled_card', stripe_status: 'failed' });

    // A late "succeeded" copy does not undo the restore; a refund we never made changes nothing.
    expect((await deliver(stripe.event('refund.updated', { ...stripeRefund, status: 'succeeded' }))).status).toBe(200);
    expect((await deliver(stripe.event('refund.failed', { ...failed, id: 're_unknown', metadata: {} }))).status).toBe(200);
    expect(await balance(client.id)).toBe(3000);
    expect((await fed.db.sql<{ status: string }>(`SELECT status FROM wallet_refund_parts WHERE id = $1`, [part.id]))[0]!.status).toBe('FAILED');
  });

  it('a refund.updated webhook settles a part whose outcome was unknown', async () => {
    const client = await seed.client().create();
    const pi = await paidTopUp(client, 1500);
    stripe.refundOutage = true;
    let res;
    try {
      res = await refund({ userId: client.id, reason: 'client request', idempotencyKey: newKey() });
    } finally {
      stripe.refundOutage = false;
    }
    const part = res.data!.refundWalletBalance.walletRefund.parts[0]!;
    expect(part.status).toBe('PROCESSING');
    // Stripe made the refund after all; its webhook names our part in the metadata.
    const made = { id: 're_late_1', object: 'refund', amount: 1500, currency: 'usd', payment_intent: pi, status: 'pending', metadata: { walletRefundPartId: part.id } };
    expect((await deliver(stripe.event('refund.updated', made))).status).toBe(200);
    const [row] = await fed.db.sql<{ status: string; stripe_refund_id: string; stripe_status: string }>(
      `SELECT status, stripe_refund_id, stripe_status FROM wallet_refund_parts WHERE id = $1`,
      [part.id],
    );
    expect(row).toEqual({ status: 'SUCCEEDED', stripe_refund_id: 're_late_1', stripe_status: 'pending' });
    expect(await balance(client.id)).toBe(0);
  });
});

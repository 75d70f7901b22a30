import { createClient as createWsClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdjustBalanceDocument,
  CreatePayoutAccountLinkDocument,
  CreateTopUpDocument,
  LedgerAccountsDocument,
  ReaderEarningsDocument,
  ReconciliationReportDocument,
  RefundSessionDocument,
  RefundWalletBalanceDocument,
  RequestPayoutDocument,
  SetAutoReloadDocument,
  TopUpOptionsDocument,
  TransactionsDocument,
  WalletDocument,
  WalletUpdatedDocument,
  type WalletUpdatedSubscription,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { CLEAN, checkLedger, createSession } from '../../subgraphs/payments/testing/fixtures.js';
import { connect, eventually, subscribe } from './subscriptions-fixtures.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// The embedded default: no Stripe keys. Card operations answer PAYMENTS_NOT_CONFIGURED; admins grant credit.
let fed: TestFederation;
let seed: Seed;
let admin: TestUser;

let keyN = 0;
const key = () => `key-${Date.now()}-${++keyN}`;
async function counts() {
  const [row] = await fed.db.sql<{ t: number; e: number; a: number }>(
    `SELECT (SELECT count(*)::int FROM transactions) AS t, (SELECT count(*)::int FROM ledger_entries) AS e, (SELECT count(*)::int FROM audit_logs) AS a`,
  );
  return row;
}

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
});
afterAll(async () => {
  if (fed) expect(await checkLedger(fed.db.sql)).toEqual(CLEAN);
  await fed?.stop();
});

describe('without Stripe (embedded default)', () => {
  it('card operations answer PAYMENTS_NOT_CONFIGURED and change nothing; options say so', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().withTwoFactor().create();
    const before = await counts();
    expect(errorCode(await fed.run(CreateTopUpDocument, { input: { amountCents: 1000 } }, client.token))).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(errorCode(await fed.run(SetAutoReloadDocument, { input: { enabled: true, thresholdCents: 500, amountCents: 1000 } }, client.token))).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(errorCode(await fed.run(CreatePayoutAccountLinkDocument, { input: { returnUrl: 'https://a.test', refreshUrl: 'https://a.test' } }, reader.token))).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(errorCode(await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: key() } }, admin.token))).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(errorCode(await fed.run(RefundWalletBalanceDocument, { input: { userId: client.id, reason: 'client asked', idempotencyKey: key() } }, admin.token))).toBe('PAYMENTS_NOT_CONFIGURED');
    expect(await counts()).toEqual(before);
    const options = await fed.run(TopUpOptionsDocument, {});
    expect(options.data!.topUpOptions).toEqual({ minimumCents: 500, maximumCents: 100000, presetsCents: [1000, 2500, 5000, 10000], cardPaymentsEnabled: false });
  });

  it('admins grant demo credit by adjustment (audited, idempotent); the wallet shows it', async () => {
    const client = await seed.client().create();
    const input = { userId: client.id, amountCents: 5000, reason: 'demo credit', idempotencyKey: key() };
    const first = await fed.run(AdjustBalanceDocument, { input }, admin.token);
    expect(first.data!.adjustBalance).toMatchObject({ balanceCents: 5000, replayed: false, transaction: { type: 'ADJUSTMENT', amountCents: 5000, reason: 'demo credit' } });
    const again = await fed.run(AdjustBalanceDocument, { input }, admin.token);
    expect(again.data!.adjustBalance).toMatchObject({ balanceCents: 5000, replayed: true, transaction: { id: first.data!.adjustBalance.transaction.id } });
    const wallet = await fed.run(WalletDocument, {}, client.token);
    expect(wallet.data!.wallet).toMatchObject({ userId: client.id, balanceCents: 5000, currency: 'USD', autoReload: { enabled: false } });
    const audit = await fed.db.sql(`SELECT action, user_id FROM audit_logs WHERE entity_id = $1`, [first.data!.adjustBalance.transaction.id]);
    expect(audit).toEqual([{ action: 'payments:adjust', user_id: admin.id }]);
  });

  it('bad adjustments get clear errors and move nothing', async () => {
    const client = await seed.client().create();
    await seed.credit(client, 1000);
    const before = await counts();
    const bad = [
      { userId: client.id, amountCents: 0, reason: 'zero', idempotencyKey: key() },
      { userId: client.id, amountCents: 100_000_001, reason: 'huge', idempotencyKey: key() },
      { userId: client.id, amountCents: 100, reason: '', idempotencyKey: key() },
      { userId: client.id, amountCents: 100, reason: 'short key', idempotencyKey: 'k' },
    ];
    for (const input of bad) expect(errorCode(await fed.run(AdjustBalanceDocument, { input }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(AdjustBalanceDocument, { input: { userId: client.id, amountCents: -1001, reason: 'too much', idempotencyKey: key() } }, admin.token))).toBe(
      'INSUFFICIENT_FUNDS',
    );
    expect(errorCode(await fed.run(AdjustBalanceDocument, { input: { userId: 'nobody', amountCents: 100, reason: 'nobody', idempotencyKey: key() } }, admin.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(AdjustBalanceDocument, { input: { userId: client.id, amountCents: 100, reason: 'self', idempotencyKey: key() } }, client.token))).toBe('FORBIDDEN');
    const reused = await fed.run(AdjustBalanceDocument, { input: { userId: client.id, amountCents: 1, reason: 'x1x', idempotencyKey: 'same-key-123' } }, admin.token);
    expect(reused.errors).toBeUndefined();
    expect(errorCode(await fed.run(AdjustBalanceDocument, { input: { userId: client.id, amountCents: 2, reason: 'x2x', idempotencyKey: 'same-key-123' } }, admin.token))).toBe('CONFLICT');
    const after = await counts();
    expect({ t: after!.t - 1, e: after!.e - 2, a: after!.a - 1 }).toEqual(before);
  });

  it('another user\'s wallet or transactions are forbidden; anonymous is unauthenticated', async () => {
    const a = await seed.client().create();
    const b = await seed.client().create();
    expect(errorCode(await fed.run(WalletDocument, { userId: b.id }, a.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(TransactionsDocument, { userId: b.id }, a.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(WalletDocument, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(ReconciliationReportDocument, {}, a.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(ReaderEarningsDocument, {}, a.token))).toBe('FORBIDDEN');
    const asAdmin = await fed.run(WalletDocument, { userId: b.id }, admin.token);
    expect(asAdmin.data!.wallet.userId).toBe(b.id);
  });
});

describe('charges, refunds, transactions and earnings', () => {
  it('transactions page newest first with type and date filters; the reader sees earnings', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await seed.credit(client, 3000);
    const session = await createSession(fed.db.prisma, client.id, reader.id, 250);
    const money = fed.runtime.money!;
    const t0 = new Date().toISOString();
    await money.chargeSessionMinutes([1, 2, 3].map((minute) => ({ sessionId: session, clientId: client.id, readerId: reader.id, minute, rateCents: 250 })));
    await money.purchase({ idempotencyKey: `gift-${session}`, clientId: client.id, readerId: reader.id, amountCents: 500, type: 'GIFT_PURCHASE', description: 'Crystal' });

    const page1 = await fed.run(TransactionsDocument, { first: 2 }, client.token);
    expect(page1.data!.transactions.edges.map((e) => e.node.type)).toEqual(['GIFT_PURCHASE', 'SESSION_CHARGE']);
    expect(page1.data!.transactions.pageInfo.hasNextPage).toBe(true);
    const page2 = await fed.run(TransactionsDocument, { first: 10, after: page1.data!.transactions.pageInfo.endCursor }, client.token);
    expect(page2.data!.transactions.edges.map((e) => e.node.type)).toEqual(['SESSION_CHARGE', 'SESSION_CHARGE', 'ADJUSTMENT']);
    const charges = await fed.run(TransactionsDocument, { types: ['SESSION_CHARGE'], from: t0 }, client.token);
    // One tick commits its minutes at one instant: compare them by minute.
    const rows = charges.data!.transactions.edges.map((e) => [e.node.sessionMinute, e.node.amountCents, e.node.readerShareCents, e.node.platformShareCents]);
    expect(rows.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [1, 250, 175, 75],
      [2, 250, 175, 75],
      [3, 250, 175, 75],
    ]);
    const none = await fed.run(TransactionsDocument, { to: t0, types: ['SESSION_CHARGE'] }, client.token);
    expect(none.data!.transactions.edges).toEqual([]);

    const earnings = await fed.run(ReaderEarningsDocument, {}, reader.token);
    expect(earnings.data!.readerEarnings).toMatchObject({ todayCents: 875, weekCents: 875, monthCents: 875, availableCents: 875, giftsCents: 350, giftsCount: 1, paidOutCents: 0 });
    const readerView = await fed.run(TransactionsDocument, {}, reader.token);
    expect(readerView.data!.transactions.edges).toHaveLength(4);
  });

  it('refunds a session in part then in full, reversing shares exactly, never more than charged', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await seed.credit(client, 1000);
    const session = await createSession(fed.db.prisma, client.id, reader.id, 333);
    await fed.runtime.money!.chargeSessionMinutes([1, 2, 3].map((minute) => ({ sessionId: session, clientId: client.id, readerId: reader.id, minute, rateCents: 333 })));
    // charged 999: reader 3 × 233 = 699, platform 300.
    const before = await counts();
    for (const input of [
      { sessionId: session, amountCents: 1000, reason: 'too much', idempotencyKey: key() },
      { sessionId: session, amountCents: 0, reason: 'zero', idempotencyKey: key() },
      { sessionId: session, amountCents: -5, reason: 'negative', idempotencyKey: key() },
      { sessionId: session, amountCents: 100, reason: '', idempotencyKey: key() },
    ]) {
      expect(errorCode(await fed.run(RefundSessionDocument, { input }, admin.token))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await fed.run(RefundSessionDocument, { input: { sessionId: 'missing', reason: 'nope', idempotencyKey: key() } }, admin.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(RefundSessionDocument, { input: { sessionId: session, reason: 'mine', idempotencyKey: key() } }, client.token))).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const partial = await fed.run(RefundSessionDocument, { input: { sessionId: session, amountCents: 400, reason: 'bad connection', idempotencyKey: key() } }, admin.token);
    expect(partial.data!.refundSession).toMatchObject({ type: 'REFUND', amountCents: 400, readerShareCents: 279, platformShareCents: 121, reason: 'bad connection' });
    const rest = await fed.run(RefundSessionDocument, { input: { sessionId: session, reason: 'reader left', idempotencyKey: key() } }, admin.token);
    expect(rest.data!.refundSession).toMatchObject({ amountCents: 599, readerShareCents: 420, platformShareCents: 179 });
    const more = await fed.run(RefundSessionDocument, { input: { sessionId: session, amountCents: 1, reason: 'again', idempotencyKey: key() } }, admin.token);
    expect(errorCode(more)).toBe('BAD_USER_INPUT');
    const wallet = await fed.run(WalletDocument, {}, client.token);
    expect(wallet.data!.wallet.balanceCents).toBe(1000);
    const earnings = await fed.run(ReaderEarningsDocument, { readerId: reader.id }, admin.token);
    expect(earnings.data!.readerEarnings).toMatchObject({ availableCents: 0, lifetimeCents: 0 });
    const audits = await fed.db.sql(`SELECT action FROM audit_logs WHERE entity_id = $1`, [session]);
    expect(audits).toEqual([{ action: 'payments:refund' }, { action: 'payments:refund' }]);
  });

  it('two refunds racing on one session never refund more than was charged', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await seed.credit(client, 1000);
    const session = await createSession(fed.db.prisma, client.id, reader.id, 300);
    await fed.runtime.money!.chargeSessionMinutes([1, 2].map((minute) => ({ sessionId: session, clientId: client.id, readerId: reader.id, minute, rateCents: 300 })));
    const results = await Promise.all(
      [1, 2, 3].map(() => fed.run(RefundSessionDocument, { input: { sessionId: session, amountCents: 400, reason: 'race', idempotencyKey: key() } }, admin.token)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const [{ refunded }] = (await fed.db.sql<{ refunded: number }>(`SELECT sum(amount_cents)::int AS refunded FROM transactions WHERE session_id = $1 AND type = 'REFUND'`, [session])) as [
      { refunded: number },
    ];
    expect(refunded).toBe(400);
  });

  it('admins read the whole ledger and its accounts; others may not', async () => {
    const client = await seed.client().create();
    expect(errorCode(await fed.run(TransactionsDocument, { allUsers: true }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(LedgerAccountsDocument, {}, client.token))).toBe('FORBIDDEN');
    const all = await fed.run(TransactionsDocument, { allUsers: true, first: 100 }, admin.token);
    const [{ n }] = (await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM transactions`)) as [{ n: number }];
    expect(all.data!.transactions.edges.length).toBe(Math.min(n, 100));
    const platform = await fed.run(LedgerAccountsDocument, { kind: 'PLATFORM_REVENUE' }, admin.token);
    expect(platform.data!.ledgerAccounts.edges.map((e) => e.node)).toEqual([
      { id: 'platform:revenue', kind: 'PLATFORM_REVENUE', userId: null, balanceCents: expect.any(Number), allowNegative: false },
    ]);
    expect(platform.data!.ledgerAccounts.edges[0]!.node.balanceCents).toBeGreaterThan(0);
  });

  it('the reconciliation report is clean and its totals sum to zero', async () => {
    const report = await fed.run(ReconciliationReportDocument, {}, admin.token);
    expect(report.data!.reconciliationReport.ok).toBe(true);
    expect(report.data!.reconciliationReport.checks.length).toBeGreaterThanOrEqual(10);
    const totals = report.data!.reconciliationReport.totals;
    expect(Object.values(totals).filter((v): v is number => typeof v === 'number').reduce((a, b) => a + b, 0)).toBe(0);
    expect(totals.walletsCents).toBeGreaterThan(0);
  });
});

describe('walletUpdated (graphql-ws on the payments subgraph)', () => {
  it('delivers the viewer\'s own credits and charges with low-balance warnings, and nobody else\'s; closes cleanly', async () => {
    const client = await seed.client().create();
    const other = await seed.client().create();
    const reader = await seed.reader().create();
    const identity = await signForwardedIdentity({ viewer: { id: client.id, role: 'CLIENT' }, ip: null, userAgent: 'test' }, fed.runtime.config.gatewaySecret);
    const ws = createWsClient({ url: fed.subgraphs.payments.wsUrl, webSocketImpl: WebSocket, connectionParams: { [VIEWER_HEADER]: identity }, lazy: false });
    const events: WalletUpdatedSubscription['walletUpdated'][] = [];
    const listeners = fed.pubsub.listenerCount();
    const done = new Promise<void>((resolve, reject) => {
      const unsubscribe = ws.subscribe<WalletUpdatedSubscription>(
        { query: print(WalletUpdatedDocument) },
        {
          next: (msg) => {
            events.push(msg.data!.walletUpdated);
            if (events.length === 2) {
              unsubscribe();
              resolve();
            }
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    const start = Date.now();
    while (fed.pubsub.listenerCount() === listeners && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
    await seed.credit(other, 700);
    await seed.credit(client, 700);
    const session = await createSession(fed.db.prisma, client.id, reader.id, 300);
    await fed.runtime.money!.chargeSessionMinute({ sessionId: session, clientId: client.id, readerId: reader.id, minute: 1, rateCents: 300 });
    await done;
    expect(events).toEqual([
      { balanceCents: 700, cause: 'ADJUSTMENT', lowBalance: false, transaction: expect.objectContaining({ type: 'ADJUSTMENT' }) },
      { balanceCents: 400, cause: 'SESSION_CHARGE', lowBalance: true, transaction: expect.objectContaining({ type: 'SESSION_CHARGE' }) },
    ]);
    await ws.dispose();
    const end = Date.now();
    while (fed.pubsub.listenerCount() !== listeners && Date.now() - end < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(fed.pubsub.listenerCount()).toBe(listeners);
  });
});

describe('walletUpdated through the gateway', () => {
  it('a client sees its top-up credit and charges with the low-balance warning, resolving the transaction across the federation', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    const ws = connect(fed.gateway.wsUrl, client.token);
    try {
      const listeners = fed.pubsub.listenerCount();
      const sub = subscribe(ws, WalletUpdatedDocument);
      await eventually(() => fed.pubsub.listenerCount(), (n) => n > listeners);
      await seed.credit(client, 1000);
      const first = await sub.next();
      expect(first.errors).toBeUndefined();
      expect(first.data!.walletUpdated).toMatchObject({ balanceCents: 1000, cause: 'ADJUSTMENT', lowBalance: false, transaction: { type: 'ADJUSTMENT' } });
      const session = await createSession(fed.db.prisma, client.id, reader.id, 400);
      await fed.runtime.money!.chargeSessionMinutes([{ sessionId: session, clientId: client.id, readerId: reader.id, minute: 1, rateCents: 400 }]);
      const second = await sub.next();
      expect(second.data!.walletUpdated).toMatchObject({ balanceCents: 600, cause: 'SESSION_CHARGE', lowBalance: true });
      sub.stop();
      await eventually(() => fed.pubsub.listenerCount(), (n) => n === listeners);
    } finally {
      await ws.dispose();
    }
  });
});

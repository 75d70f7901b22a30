import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { testConfig } from '../../../test/helpers/federation.js';
import { fakeStripeConfig, startFakeStripe, type FakeStripe } from '../../../test/fakes/stripe.js';
import { createPubSub, type PubSub } from '../../../shared/pubsub.js';
import { AppError } from '../../../shared/errors.js';
import type { Context } from '../../../shared/context.js';
import { createPaymentsDeps, type PaymentsDeps } from '../deps.js';
import { CLEAN, checkLedger, createUser, paymentsContext, rid } from '../testing/fixtures.js';
import { adjustBalance } from './adjustments.js';
import { createPayoutAccountLink, requestPayout } from './payouts.js';
import { refundSession } from './refunds.js';
import { reconciliationReport } from './reports.js';
import { handleStripeWebhook } from './stripe-webhook.js';
import { createTopUp } from './topups.js';

/**
 * Property: whatever random, partly concurrent sequence of top-ups (with webhook replays, forgeries and
 * failures), session minutes (single and ticks), purchases, refunds, adjustments and payouts runs against real
 * PostgreSQL, the ledger invariants hold afterwards and the reconciliation (report and `npm run reconcile`)
 * finds nothing.
 */
let db: TestDatabase;
let pubsub: PubSub;
let stripe: FakeStripe;
let deps: PaymentsDeps;
let admin: string;
const clients: string[] = [];
const readers: string[] = [];
const sessions: Array<{ id: string; clientId: string; readerId: string; rateCents: number }> = [];
/** Payment intents a valid payment_intent.succeeded was delivered for, and the amount the top-up was made for. */
const paid = new Map<string, number>();
const deliveries: Array<{ body: string; signature: string }> = [];
const actor = (): Context => ({ ...paymentsContext({ prisma: db.prisma, pubsub }, deps, { id: admin, role: 'ADMIN', adminRoles: ['SUPER_ADMIN'] }), userAgent: 'property-test' });
const as = (id: string, role: 'CLIENT' | 'READER') => paymentsContext({ prisma: db.prisma, pubsub }, deps, { id, role });
/** A Stripe delivery, as the webhook route hands it over (no viewer). */
const deliver = (body: string, signature: string) => handleStripeWebhook(paymentsContext({ prisma: db.prisma, pubsub }, deps), { rawBody: Buffer.from(body), signature });
const EXPECTED = new Set(['INSUFFICIENT_FUNDS', 'BAD_USER_INPUT', 'CONFLICT']);

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  pubsub = createPubSub({ prefix: `${db.schema}:` });
  stripe = await startFakeStripe();
  deps = createPaymentsDeps({ prisma: db.prisma, pubsub, config: testConfig({ stripe: fakeStripeConfig(stripe) }) });
  admin = await createUser(db.prisma, 'ADMIN');
  for (let i = 0; i < 3; i++) clients.push(await createUser(db.prisma, 'CLIENT'));
  for (let i = 0; i < 3; i++) {
    const r = await createUser(db.prisma, 'READER');
    readers.push(r);
    await createPayoutAccountLink(as(r, 'READER'), { returnUrl: 'https://x.test/r', refreshUrl: 'https://x.test/f' });
  }
  for (let i = 0; i < 6; i++) {
    const clientId = clients[i % 3]!;
    const readerId = readers[(i + 1) % 3]!;
    const rateCents = [100, 199, 333, 1000, 250, 777][i]!;
    const id = rid('session');
    await db.prisma.session.create({ data: { id, clientId, readerId, type: 'CHAT', status: 'COMPLETED', rateCents } });
    sessions.push({ id, clientId, readerId, rateCents });
  }
}, 60_000);

afterAll(async () => {
  await stripe?.close();
  await pubsub?.close();
  await db?.drop();
});

type Op =
  | { kind: 'topUp'; client: number; amount: number; deliveries: number; outcome: 'succeed' | 'fail' | 'forge' | 'none' }
  | { kind: 'replay'; index: number }
  | { kind: 'minute'; session: number; minute: number }
  | { kind: 'tick'; pairs: Array<{ session: number; minute: number }> }
  | { kind: 'purchase'; client: number; reader: number | null; amount: number; key: number }
  | { kind: 'refund'; session: number; amount: number | null; key: number }
  | { kind: 'adjust'; user: number; amount: number; key: number }
  | { kind: 'payout'; reader: number; key: number; fail: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('topUp' as const),
    client: fc.nat(2),
    amount: fc.integer({ min: 500, max: 5000 }),
    deliveries: fc.integer({ min: 1, max: 5 }),
    outcome: fc.constantFrom('succeed' as const, 'succeed' as const, 'fail' as const, 'forge' as const, 'none' as const),
  }),
  fc.record({ kind: fc.constant('replay' as const), index: fc.nat(1000) }),
  fc.record({ kind: fc.constant('minute' as const), session: fc.nat(5), minute: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    kind: fc.constant('tick' as const),
    pairs: fc.array(fc.record({ session: fc.nat(5), minute: fc.integer({ min: 1, max: 400 }) }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('purchase' as const),
    client: fc.nat(2),
    reader: fc.option(fc.nat(2), { nil: null }),
    amount: fc.integer({ min: 1, max: 3000 }),
    key: fc.nat(30),
  }),
  fc.record({ kind: fc.constant('refund' as const), session: fc.nat(5), amount: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null, freq: 2 }), key: fc.nat(30) }),
  fc.record({ kind: fc.constant('adjust' as const), user: fc.nat(5), amount: fc.integer({ min: -3000, max: 5000 }).filter((n) => n !== 0), key: fc.nat(30) }),
  fc.record({ kind: fc.constant('payout' as const), reader: fc.nat(2), key: fc.nat(30), fail: fc.boolean() }),
);

let run = 0;
/** What the random runs did, by operation and outcome (printed, and checked for coverage). */
const outcomes = new Map<string, number>();
async function apply(o: Op, runId: number): Promise<void> {
  switch (o.kind) {
    case 'topUp': {
      const clientId = clients[o.client]!;
      const { topUp } = await createTopUp(as(clientId, 'CLIENT'), { amountCents: o.amount });
      const pi = stripe.paymentIntents.get(topUp.stripePaymentIntentId)!;
      if (o.outcome === 'none') return;
      const d =
        o.outcome === 'succeed'
          ? stripe.succeed(pi.id as string)
          : o.outcome === 'fail'
            ? stripe.event('payment_intent.payment_failed', { ...pi, last_payment_error: { message: 'declined' } })
            : stripe.event('payment_intent.succeeded', { ...pi, amount_received: pi.amount }, { secret: 'whsec_forged' });
      deliveries.push(d);
      const results = await Promise.all(Array.from({ length: o.deliveries }, () => deliver(d.body, d.signature)));
      if (o.outcome === 'forge') expect(results.every((r) => r.status === 400)).toBe(true);
      else expect(results.filter((r) => r.status === 200 && !r.body.duplicate)).toHaveLength(1);
      if (o.outcome === 'succeed') paid.set(pi.id as string, o.amount);
      return;
    }
    case 'replay': {
      if (!deliveries.length) return;
      const d = deliveries[o.index % deliveries.length]!;
      const r = await deliver(d.body, d.signature);
      expect([200, 400]).toContain(r.status);
      if (r.status === 200) expect(r.body.duplicate).toBe(true);
      return;
    }
    case 'minute': {
      const s = sessions[o.session]!;
      await deps.money.chargeSessionMinute({ sessionId: s.id, clientId: s.clientId, readerId: s.readerId, minute: o.minute, rateCents: s.rateCents });
      return;
    }
    case 'tick': {
      const inputs = o.pairs.map((p) => {
        const s = sessions[p.session]!;
        return { sessionId: s.id, clientId: s.clientId, readerId: s.readerId, minute: p.minute, rateCents: s.rateCents };
      });
      const results = await deps.money.chargeSessionMinutes(inputs);
      expect(results).toHaveLength(inputs.length);
      return;
    }
    case 'purchase': {
      await deps.money.purchase({
        idempotencyKey: `p-${runId}-${o.key}`,
        clientId: clients[o.client]!,
        readerId: o.reader === null ? null : readers[o.reader]!,
        amountCents: o.amount,
        type: o.reader === null ? 'PURCHASE' : 'GIFT_PURCHASE',
        description: 'property purchase',
      });
      return;
    }
    case 'refund': {
      await refundSession(actor(), { sessionId: sessions[o.session]!.id, amountCents: o.amount, reason: 'property refund', idempotencyKey: `refund-${runId}-${o.key}` });
      return;
    }
    case 'adjust': {
      const user = o.user < 3 ? clients[o.user]! : readers[o.user - 3]!;
      await adjustBalance(actor(), { userId: user, amountCents: o.amount, account: o.user < 3 ? 'WALLET' : 'EARNINGS', reason: 'property adjustment', idempotencyKey: `a-${runId}-${o.key}-${o.amount}` });
      return;
    }
    case 'payout': {
      stripe.failTransfers = o.fail;
      await requestPayout(actor(), { readerId: readers[o.reader]!, idempotencyKey: `payout-${runId}-${o.key}` });
      return;
    }
  }
}

async function invariants() {
  expect(await checkLedger(db.sql)).toEqual(CLEAN);
  // Every top-up credited exactly once if a valid success was delivered, never otherwise.
  const credits = await db.sql<{ pi: string; n: number; amount: number }>(
    `SELECT stripe_payment_intent_id AS pi, count(*)::int AS n, sum(amount_cents)::int AS amount FROM transactions WHERE type = 'ADD_FUNDS' GROUP BY 1`,
  );
  expect(new Map(credits.map((c) => [c.pi, c.amount]))).toEqual(paid);
  expect(credits.every((c) => c.n === 1)).toBe(true);
  // Refunds never exceed charges, per session.
  const over = await db.sql(`SELECT session_id FROM transactions WHERE session_id IS NOT NULL GROUP BY session_id
    HAVING COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0) > COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0)`);
  expect(over).toEqual([]);
  // All accounts together sum to zero; every session minute charged at most once (the unique index) and at its rate.
  const [{ total }] = await db.sql<{ total: string }>(`SELECT COALESCE(sum(balance_cents), 0)::text AS total FROM ledger_accounts`) as [{ total: string }];
  expect(total).toBe('0');
  const wrongRate = await db.sql(`SELECT t.id FROM transactions t JOIN sessions s ON s.id = t.session_id WHERE t.type = 'SESSION_CHARGE' AND t.amount_cents <> s.rate_cents`);
  expect(wrongRate).toEqual([]);
  const report = await reconciliationReport(actor());
  expect(report.checks.filter((c) => c.differences > 0)).toEqual([]);
}

describe('ledger properties under random concurrent sequences', () => {
  it('keeps every invariant after each run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 10 }), async (batches) => {
        const runId = ++run;
        // Some credit for every client each run, so charges, purchases and refunds have money to move.
        for (const c of clients) {
          await adjustBalance(actor(), { userId: c, amountCents: 2000, account: 'WALLET', reason: 'run credit', idempotencyKey: `seed-${runId}-${c}` });
        }
        for (const batch of batches) {
          const settled = await Promise.allSettled(batch.map((o) => apply(o, runId)));
          settled.forEach((s, i) => {
            const key = `${batch[i]!.kind}:${s.status === 'fulfilled' ? 'ok' : ((s.reason as AppError).code ?? 'error')}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            if (s.status === 'rejected') {
              const e = s.reason as unknown;
              if (!(e instanceof AppError) || !EXPECTED.has(e.code)) throw e;
            }
          });
        }
        stripe.failTransfers = false;
        await invariants();
      }),
      { numRuns: 20, endOnFailure: true },
    );
    console.log('property run outcomes:', Object.fromEntries([...outcomes].sort()));
  }, 240_000);

  it('npm run reconcile reports zero differences on the same database afterwards', async () => {
    const url = new URL(db.url);
    url.search = '';
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/reconcile.ts', '--schema', db.schema], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      cwd: process.cwd(),
    }).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`reconcile failed: ${e.stdout ?? ''} ${e.stderr ?? ''}`);
    });
    expect(stdout).toContain('reconciliation: 0 differences');
    expect(stdout).not.toContain('DIFF');
    const [{ n }] = (await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM transactions`)) as [{ n: number }];
    expect(n).toBeGreaterThan(50);
    const kinds = await db.sql<{ type: string }>(`SELECT DISTINCT type::text AS type FROM transactions ORDER BY 1`);
    expect(kinds.map((k) => k.type)).toEqual(['ADD_FUNDS', 'ADJUSTMENT', 'GIFT_PURCHASE', 'PAYOUT', 'PURCHASE', 'REFUND', 'SESSION_CHARGE']);
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { PrismaClient } from '../../../shared/db/generated/client.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { PLATFORM_ACCOUNTS, assertAmount, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, inTransaction, post, walletAccountId, type Tx } from './ledger.js';
import type { PaymentsMoney } from './money.js';
import { applyTransferReversal } from './payouts.js';
import { notConfigured, stripeFailure } from './stripe-client.js';
import { rearmAutoReload } from './rearm.js';
import { applyRefundUpdate } from './wallet-refunds.js';

export const TOP_UP_PRESETS_CENTS = [1000, 2500, 5000, 10000] as const;
/** Largest single top-up ($1,000): bigger amounts are refused as input errors. */
export const MAX_TOP_UP_CENTS = 100_000;

export interface TopUpDeps {
  prisma: PrismaClient;
  money: PaymentsMoney;
  stripe: Stripe | null;
  webhookSecret: string | null;
}

/** A wallet a webhook credited: a top-up (ADD_FUNDS) or a failed refund to the card restored (REFUND). */
type Credited = { userId: string; transactionId: string; cause?: 'ADD_FUNDS' | 'REFUND' };

export interface WebhookOutcome {
  status: number;
  body: { received: boolean; duplicate?: boolean; error?: string };
}

export function createTopUps(d: TopUpDeps) {
  const requireStripe = () => {
    if (!d.stripe || !d.webhookSecret) throw notConfigured();
    return d.stripe;
  };

  async function assertTopUpAmount(amountCents: number, field = 'amountCents') {
    assertAmount(amountCents, field);
    const min = await getIntSetting(d.prisma, 'min_topup_cents');
    if (amountCents < min) throw badInput(`${field} must be at least ${min} cents.`, { field, minCents: min });
    if (amountCents > MAX_TOP_UP_CENTS) throw badInput(`${field} must be at most ${MAX_TOP_UP_CENTS} cents.`, { field });
  }

  /** The wallet's Stripe customer, created once (the idempotency key makes racing creations return one customer). */
  async function customerFor(stripe: Stripe, userId: string): Promise<string> {
    await ensureUserAccounts(d.prisma, { wallets: [userId] });
    const wallet = await d.prisma.wallet.findUniqueOrThrow({ where: { userId } });
    if (wallet.stripeCustomerId) return wallet.stripeCustomerId;
    const user = await d.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    let customer: Stripe.Customer;
    try {
      customer = await stripe.customers.create({ email: user.email, metadata: { userId } }, { idempotencyKey: `customer:${userId}` });
    } catch (error) {
      throw stripeFailure(error, 'create a customer');
    }
    await d.prisma.wallet.updateMany({ where: { userId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
    return customer.id;
  }

  async function createTopUp(userId: string, amountCents: number, idempotencyKey?: string | null) {
    const stripe = requireStripe();
    await assertTopUpAmount(amountCents);
    const key = `topup:${userId}:${idempotencyKey ?? randomUUID()}`;
    if (idempotencyKey != null) idempotencyKeyOf(idempotencyKey);
    const existing = await d.prisma.topUp.findUnique({ where: { idempotencyKey: key } });
    if (existing) {
      if (existing.amountCents !== amountCents) throw conflict('This idempotency key was already used for another amount.');
      const pi = await stripe.paymentIntents.retrieve(existing.stripePaymentIntentId).catch((e) => Promise.reject(stripeFailure(e, 'load the payment')));
      return { topUp: existing, clientSecret: pi.client_secret ?? '' };
    }
    const customer = await customerFor(stripe, userId);
    let pi: Stripe.PaymentIntent;
    try {
      pi = await stripe.paymentIntents.create(
        {
          amount: amountCents,
          currency: 'usd',
          customer,
          setup_future_usage: 'off_session',
          automatic_payment_methods: { enabled: true },
          metadata: { userId, purpose: 'wallet_top_up' },
          description: 'SoulSeer wallet top-up',
        },
        { idempotencyKey: key },
      );
    } catch (error) {
      throw stripeFailure(error, 'start the payment');
    }
    const topUp = await d.prisma.topUp.upsert({
      where: { idempotencyKey: key },
      create: { userId, amountCents, stripePaymentIntentId: pi.id, idempotencyKey: key },
      update: {},
    });
    return { topUp, clientSecret: pi.client_secret ?? '' };
  }

  async function setAutoReload(userId: string, input: { enabled: boolean; thresholdCents?: number | null; amountCents?: number | null }) {
    await ensureUserAccounts(d.prisma, { wallets: [userId] });
    if (!input.enabled) {
      // A reload claimed but not sent yet (Stripe was unreachable) is dropped with it.
      return d.prisma.wallet.update({ where: { userId }, data: { autoReloadEnabled: false, autoReloadPendingKey: null } });
    }
    requireStripe();
    const threshold = input.thresholdCents;
    if (threshold == null || !Number.isSafeInteger(threshold) || threshold < 100 || threshold > MAX_TOP_UP_CENTS) {
      throw badInput(`thresholdCents must be a whole number of cents from 100 to ${MAX_TOP_UP_CENTS}.`, { field: 'thresholdCents' });
    }
    if (input.amountCents == null) throw badInput('amountCents is required to enable auto-reload.', { field: 'amountCents' });
    await assertTopUpAmount(input.amountCents);
    const wallet = await d.prisma.wallet.findUniqueOrThrow({ where: { userId } });
    if (!wallet.defaultPaymentMethodId || !wallet.stripeCustomerId) {
      throw badInput('Top up once with a card first: auto-reload charges the card saved then.', { field: 'enabled' });
    }
    return d.prisma.wallet.update({
      where: { userId },
      data: { autoReloadEnabled: true, autoReloadThresholdCents: threshold, autoReloadAmountCents: input.amountCents, autoReloadArmed: true },
    });
  }

  /**
   * After a debit (payments' outbox job, outbox.ts): each wallet now under its threshold and still armed is disarmed
   * and given the Stripe idempotency key of this crossing's reload, in one atomic UPDATE (concurrent debits claim
   * one crossing once); then every claimed reload of these wallets not yet recorded charges the saved card
   * off-session under that key. A job run again (retried, duplicated, or racing another) finds the key still pending
   * and sends the same key, which Stripe answers with the same payment, so one crossing charges the card at most
   * once; the key is cleared when its top-up row is recorded. The credit arrives by webhook as for any top-up; the
   * wallet re-arms once a credit brings it back to the threshold. Throws (so the job is retried) when Stripe could
   * not be reached.
   */
  async function autoReload(userIds: string[]): Promise<void> {
    if (!d.stripe || !userIds.length) return;
    const stripe = d.stripe;
    const due = await d.prisma.$queryRawUnsafe<Array<{ user_id: string; key: string; amount: number; customer: string; pm: string }>>(
      `WITH claimed AS (
         UPDATE wallets w SET auto_reload_armed = false, updated_at = now(),
                auto_reload_pending_key = 'autoreload:' || w.user_id || ':' || gen_random_uuid()
           FROM ledger_accounts a
          WHERE a.id = w.account_id AND w.user_id = ANY($1::text[]) AND w.auto_reload_enabled AND w.auto_reload_armed
            AND w.default_payment_method_id IS NOT NULL AND w.stripe_customer_id IS NOT NULL
            AND a.balance_cents < w.auto_reload_threshold_cents
         RETURNING w.user_id, w.auto_reload_pending_key AS key, w.auto_reload_amount_cents AS amount,
                   w.stripe_customer_id AS customer, w.default_payment_method_id AS pm
       )
       SELECT * FROM claimed
       UNION ALL
       SELECT w.user_id, w.auto_reload_pending_key, w.auto_reload_amount_cents, w.stripe_customer_id, w.default_payment_method_id
         FROM wallets w
        WHERE w.user_id = ANY($1::text[]) AND w.auto_reload_pending_key IS NOT NULL AND w.auto_reload_enabled
          AND w.default_payment_method_id IS NOT NULL AND w.stripe_customer_id IS NOT NULL AND w.auto_reload_amount_cents IS NOT NULL
          AND w.user_id NOT IN (SELECT user_id FROM claimed)`,
      [...new Set(userIds)],
    );
    const unreachable: unknown[] = [];
    for (const w of due) {
      // Recorded once per key, however many runs of the job get here (ON CONFLICT: a racing run recorded it).
      const record = async (piId: string, failure: string | null) => {
        await d.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO top_ups (id, user_id, amount_cents, status, stripe_payment_intent_id, idempotency_key, is_auto_reload, failure_reason, updated_at)
             VALUES ($1, $2, $3, $4::"TopUpStatus", $5, $6, true, $7, now()) ON CONFLICT DO NOTHING`,
            randomUUID(),
            w.user_id,
            w.amount,
            failure === null ? 'PENDING' : 'FAILED',
            piId,
            w.key,
            failure,
          );
          await tx.wallet.updateMany({ where: { userId: w.user_id, autoReloadPendingKey: w.key }, data: { autoReloadPendingKey: null } });
        });
      };
      let pi: Stripe.PaymentIntent;
      try {
        pi = await stripe.paymentIntents.create(
          {
            amount: w.amount,
            currency: 'usd',
            customer: w.customer,
            payment_method: w.pm,
            off_session: true,
            confirm: true,
            metadata: { userId: w.user_id, purpose: 'wallet_auto_reload' },
            description: 'SoulSeer wallet auto-reload',
          },
          { idempotencyKey: w.key },
        );
      } catch (error) {
        const failed = (error as { payment_intent?: { id?: string } }).payment_intent;
        // A declined card made a payment intent: the crossing is settled (FAILED). No payment intent: Stripe was
        // not reached, the key stays pending and the job is retried.
        if (failed?.id) await record(failed.id, String((error as Error).message).slice(0, 500));
        else unreachable.push(error);
        continue;
      }
      await record(pi.id, null);
    }
    if (unreachable.length) throw new Error(`auto-reload: Stripe unreachable for ${unreachable.length} wallet(s): ${String(unreachable[0])}`);
  }

  const rearm = (tx: Tx | PrismaClient, userId: string) => rearmAutoReload(tx, [userId]);

  /**
   * POST /webhooks/stripe. Verifies the signature over the raw body (unsigned, forged or stale → 400, nothing
   * changed), then records the event and applies it in one database transaction: the stripe_events primary key
   * makes a replay (even five deliveries at once) wait for the first and then do nothing.
   */
  async function handleWebhook(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookOutcome> {
    if (!d.stripe || !d.webhookSecret) return { status: 503, body: { received: false, error: 'PAYMENTS_NOT_CONFIGURED' } };
    if (!rawBody || !Buffer.isBuffer(rawBody) || !signature) return { status: 400, body: { received: false, error: 'missing signature or body' } };
    let event: Stripe.Event;
    try {
      event = d.stripe.webhooks.constructEvent(rawBody, signature, d.webhookSecret);
    } catch {
      return { status: 400, body: { received: false, error: 'invalid signature' } };
    }
    const credited: Credited[] = [];
    const applied = await inTransaction(d.prisma, undefined, async (tx) => {
      credited.length = 0; // a retried transaction announces only its own credits
      const inserted = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `INSERT INTO stripe_events (id, type, status, payload) VALUES ($1, $2, 'RECEIVED', $3::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
        event.id,
        event.type,
        JSON.stringify(event),
      );
      if (!inserted.length) return false;
      const status = await applyEvent(tx, event, credited);
      await tx.stripeEvent.update({ where: { id: event.id }, data: { status, processedAt: new Date() } });
      return true;
    });
    for (const c of credited) {
      await d.money.walletChanged([c.userId], c.cause ?? 'ADD_FUNDS');
      if (c.cause === 'REFUND') await rearmAutoReload(d.prisma, [c.userId]).catch(() => undefined);
    }
    return { status: 200, body: applied ? { received: true } : { received: true, duplicate: true } };
  }

  async function applyEvent(tx: Tx, event: Stripe.Event, credited: Credited[]): Promise<string> {
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const pi = event.data.object as Stripe.PaymentIntent;
        const topUp = await tx.topUp.findUnique({ where: { stripePaymentIntentId: pi.id } });
        if (!topUp) {
          // One of ours whose row is not written yet (an auto-reload confirmed at once can succeed before its
          // insert): fail, so nothing is recorded and Stripe delivers it again; ignoring it would lose the credit.
          const purpose = pi.metadata?.purpose;
          if (purpose === 'wallet_top_up' || purpose === 'wallet_auto_reload') throw new Error(`the top-up of ${pi.id} is not recorded yet; Stripe will retry`);
          return 'IGNORED_UNKNOWN_PAYMENT_INTENT';
        }
        if (topUp.status === 'SUCCEEDED') return 'IGNORED_ALREADY_CREDITED';
        const received = pi.amount_received ?? pi.amount;
        if (received !== topUp.amountCents || (pi.currency && pi.currency.toLowerCase() !== 'usd')) {
          await tx.topUp.update({ where: { id: topUp.id }, data: { failureReason: `amount mismatch: received ${received} ${pi.currency}` } });
          return 'AMOUNT_MISMATCH';
        }
        await ensurePlatformAccounts(tx);
        await ensureUserAccounts(tx, { wallets: [topUp.userId] });
        const posted = await post(tx, {
          idempotencyKey: `topup:${topUp.id}`,
          type: 'ADD_FUNDS',
          amountCents: topUp.amountCents,
          userId: topUp.userId,
          stripePaymentIntentId: pi.id,
          stripeEventId: event.id,
          description: topUp.isAutoReload ? 'Wallet auto-reload' : 'Wallet top-up',
          entries: [
            { accountId: walletAccountId(topUp.userId), amountCents: topUp.amountCents },
            { accountId: PLATFORM_ACCOUNTS.stripeClearing.id, amountCents: -topUp.amountCents },
          ],
        });
        await tx.topUp.update({ where: { id: topUp.id }, data: { status: 'SUCCEEDED', failureReason: null } });
        const pm = typeof pi.payment_method === 'string' ? pi.payment_method : pi.payment_method?.id;
        if (pm) await tx.wallet.update({ where: { userId: topUp.userId }, data: { defaultPaymentMethodId: pm } });
        await rearm(tx, topUp.userId);
        credited.push({ userId: topUp.userId, transactionId: posted.transactionId });
        return 'PROCESSED';
      }
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled': {
        const pi = event.data.object as Stripe.PaymentIntent;
        const failed = event.type === 'payment_intent.payment_failed';
        const n = await tx.topUp.updateMany({
          where: { stripePaymentIntentId: pi.id, status: 'PENDING' },
          data: {
            status: failed ? 'FAILED' : 'CANCELED',
            failureReason: (failed ? pi.last_payment_error?.message : pi.cancellation_reason)?.slice(0, 500) ?? event.type,
          },
        });
        return n.count ? 'PROCESSED' : 'IGNORED';
      }
      case 'refund.updated':
      case 'refund.failed':
      case 'charge.refund.updated': {
        const restored: Array<{ userId: string; transactionId: string }> = [];
        const status = await applyRefundUpdate(tx, event.data.object as Stripe.Refund, event.id, restored);
        credited.push(...restored.map((r) => ({ ...r, cause: 'REFUND' as const })));
        return status;
      }
      case 'transfer.reversed':
        return applyTransferReversal(tx, event.data.object as Stripe.Transfer, event.id);
      case 'account.updated': {
        const account = event.data.object as Stripe.Account;
        const n = await tx.connectAccount.updateMany({
          where: { stripeAccountId: account.id },
          data: { payoutsEnabled: !!account.payouts_enabled, detailsSubmitted: !!account.details_submitted },
        });
        return n.count ? 'PROCESSED' : 'IGNORED';
      }
      default:
        return 'IGNORED';
    }
  }

  return { createTopUp, setAutoReload, autoReload, handleWebhook, rearm };
}

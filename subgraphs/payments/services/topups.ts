import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { Context } from '../../../shared/context.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { authorize, canUseWallet } from '../authz.js';
import { paymentsDeps } from '../deps.js';
import { assertAmount, ensureUserAccounts, idempotencyKeyOf } from './ledger.js';
import { paymentsTransaction } from './payments-transaction.js';
import { notifyAutoReloadFailed } from './money-notices.js';
import { notConfigured, stripeFailure } from './stripe-client.js';

export const TOP_UP_PRESETS_CENTS = [1000, 2500, 5000, 10000] as const;
/** Largest single top-up ($1,000): bigger amounts are refused as input errors. */
export const MAX_TOP_UP_CENTS = 100_000;

/** Card payments are configured (Stripe client and webhook secret). */
export const cardPaymentsEnabled = (ctx: Pick<Context, 'deps'>): boolean => {
  const { stripe, webhookSecret } = paymentsDeps(ctx);
  return !!stripe && !!webhookSecret;
};

function requireStripe(ctx: Pick<Context, 'deps'>): Stripe {
  const { stripe, webhookSecret } = paymentsDeps(ctx);
  if (!stripe || !webhookSecret) throw notConfigured();
  return stripe;
}

async function assertTopUpAmount(ctx: Pick<Context, 'prisma'>, amountCents: number, field = 'amountCents') {
  assertAmount(amountCents, field);
  const min = await getIntSetting(ctx.prisma, 'min_topup_cents');
  if (amountCents < min) throw badInput(`${field} must be at least ${min} cents.`, { field, minCents: min });
  if (amountCents > MAX_TOP_UP_CENTS) throw badInput(`${field} must be at most ${MAX_TOP_UP_CENTS} cents.`, { field });
}

/** The wallet's Stripe customer, created once (the idempotency key makes racing creations return one customer). */
async function customerFor(ctx: Pick<Context, 'prisma'>, stripe: Stripe, userId: string): Promise<string> {
  await ensureUserAccounts(ctx.prisma, { wallets: [userId] });
  const wallet = await ctx.prisma.wallet.findUniqueOrThrow({ where: { userId } });
  if (wallet.stripeCustomerId) return wallet.stripeCustomerId;
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  let customer: Stripe.Customer;
  try {
    customer = await stripe.customers.create({ email: user.email, metadata: { userId } }, { idempotencyKey: `customer:${userId}` });
  } catch (error) {
    throw stripeFailure(error, 'create a customer');
  }
  await ctx.prisma.wallet.updateMany({ where: { userId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  return customer.id;
}

/** Starts a card top-up of the viewer's wallet (a Stripe PaymentIntent); the wallet is credited by its webhook. */
export async function createTopUp(ctx: Context, input: { amountCents: number; idempotencyKey?: string | null }) {
  authorize(ctx.viewer, canUseWallet);
  const userId = requireVerifiedViewer(ctx).id;
  const { amountCents, idempotencyKey } = input;
  const stripe = requireStripe(ctx);
  await assertTopUpAmount(ctx, amountCents);
  const key = `topup:${userId}:${idempotencyKey ?? randomUUID()}`;
  if (idempotencyKey != null) idempotencyKeyOf(idempotencyKey);
  const existing = await ctx.prisma.topUp.findUnique({ where: { idempotencyKey: key } });
  if (existing) {
    if (existing.amountCents !== amountCents) throw conflict('This idempotency key was already used for another amount.');
    const pi = await stripe.paymentIntents.retrieve(existing.stripePaymentIntentId).catch((e) => Promise.reject(stripeFailure(e, 'load the payment')));
    return { topUp: existing, clientSecret: pi.client_secret ?? '' };
  }
  const customer = await customerFor(ctx, stripe, userId);
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
  const topUp = await ctx.prisma.topUp.upsert({
    where: { idempotencyKey: key },
    create: { userId, amountCents, stripePaymentIntentId: pi.id, idempotencyKey: key },
    update: {},
  });
  return { topUp, clientSecret: pi.client_secret ?? '' };
}

/** Turns auto-reload of the viewer's wallet on (threshold and amount; needs a card saved by a top-up) or off. */
export async function setAutoReload(ctx: Context, input: { enabled: boolean; thresholdCents?: number | null; amountCents?: number | null }) {
  authorize(ctx.viewer, canUseWallet);
  const userId = requireVerifiedViewer(ctx).id;
  await ensureUserAccounts(ctx.prisma, { wallets: [userId] });
  if (!input.enabled) {
    // A reload claimed but not sent yet (Stripe was unreachable) is dropped with it.
    return ctx.prisma.wallet.update({ where: { userId }, data: { autoReloadEnabled: false, autoReloadPendingKey: null } });
  }
  requireStripe(ctx);
  const threshold = input.thresholdCents;
  if (threshold == null || !Number.isSafeInteger(threshold) || threshold < 100 || threshold > MAX_TOP_UP_CENTS) {
    throw badInput(`thresholdCents must be a whole number of cents from 100 to ${MAX_TOP_UP_CENTS}.`, { field: 'thresholdCents' });
  }
  if (input.amountCents == null) throw badInput('amountCents is required to enable auto-reload.', { field: 'amountCents' });
  await assertTopUpAmount(ctx, input.amountCents);
  const wallet = await ctx.prisma.wallet.findUniqueOrThrow({ where: { userId } });
  if (!wallet.defaultPaymentMethodId || !wallet.stripeCustomerId) {
    throw badInput('Top up once with a card first: auto-reload charges the card saved then.', { field: 'enabled' });
  }
  return ctx.prisma.wallet.update({
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
export async function autoReload(ctx: Context, userIds: string[]): Promise<void> {
  const { stripe } = paymentsDeps(ctx);
  if (!stripe || !userIds.length) return;
  const due = await ctx.prisma.$queryRawUnsafe<Array<{ user_id: string; key: string; amount: number; customer: string; pm: string }>>(
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
      await paymentsTransaction(ctx, async (tx) => {
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
        const cleared = await tx.wallet.updateMany({ where: { userId: w.user_id, autoReloadPendingKey: w.key }, data: { autoReloadPendingKey: null } });
        if (failure !== null && cleared.count > 0) {
          await notifyAutoReloadFailed(paymentsDeps(ctx).money.notifications, tx, { userId: w.user_id, amountCents: w.amount, paymentIntentId: piId, reloadKey: w.key });
        }
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


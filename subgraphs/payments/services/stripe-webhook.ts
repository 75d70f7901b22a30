import type Stripe from 'stripe';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, ensurePlatformAccounts, ensureUserAccounts, post, walletAccountId, type Tx } from './ledger.js';
import { walletMoved } from './outbox.js';
import { paymentsTransaction } from './payments-transaction.js';
import { applyOrderPayment } from './order-payment.js';
import { applyTransferReversal } from './payouts.js';
import { rearmAutoReload } from './rearm.js';
import { applyRefundUpdate } from './wallet-refunds.js';
import { applyCardRefundUpdate } from './card-refunds.js';

export interface WebhookOutcome {
  status: number;
  body: { received: boolean; duplicate?: boolean; error?: string };
}

/**
 * POST /webhooks/stripe (called with a background context). Verifies the signature over the raw body (unsigned,
 * forged or stale → 400, nothing changed), then records the event and applies it in one database transaction: the
 * stripe_events primary key makes a replay (even five deliveries at once) wait for the first and then do nothing.
 * A wallet credited by it announces itself through the money outbox, queued in that transaction.
 */
export async function handleStripeWebhook(ctx: Context, input: { rawBody: Buffer | undefined; signature: string | undefined }): Promise<WebhookOutcome> {
  const { stripe, webhookSecret } = paymentsDeps(ctx);
  if (!stripe || !webhookSecret) return { status: 503, body: { received: false, error: 'PAYMENTS_NOT_CONFIGURED' } };
  const { rawBody, signature } = input;
  if (!rawBody || !Buffer.isBuffer(rawBody) || !signature) return { status: 400, body: { received: false, error: 'missing signature or body' } };
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
  } catch {
    // Handled: an unsigned, forged or stale delivery is refused as such (Stripe's reason is no business of the caller).
    return { status: 400, body: { received: false, error: 'invalid signature' } };
  }
  const applied = await paymentsTransaction(ctx, async (tx, after) => {
    const inserted = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `INSERT INTO stripe_events (id, type, status, payload) VALUES ($1, $2, 'RECEIVED', $3::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
      event.id,
      event.type,
      JSON.stringify(event),
    );
    if (!inserted.length) return false;
    const status = await applyEvent(ctx, tx, after, event);
    await tx.stripeEvent.update({ where: { id: event.id }, data: { status, processedAt: new Date() } });
    return true;
  });
  return { status: 200, body: applied ? { received: true } : { received: true, duplicate: true } };
}

async function applyEvent(ctx: Context, tx: Tx, after: AfterCommit, event: Stripe.Event): Promise<string> {
  const { money } = paymentsDeps(ctx);
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object as Stripe.PaymentIntent;
      const orderOutcome = await applyOrderPayment(ctx, tx, after, pi, event.id);
      if (orderOutcome) return orderOutcome;
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
      const wallet = walletAccountId(topUp.userId);
      const posted = await post(tx, {
        idempotencyKey: `topup:${topUp.id}`,
        type: 'ADD_FUNDS',
        amountCents: topUp.amountCents,
        userId: topUp.userId,
        stripePaymentIntentId: pi.id,
        stripeEventId: event.id,
        description: topUp.isAutoReload ? 'Wallet auto-reload' : 'Wallet top-up',
        entries: [
          { accountId: wallet, amountCents: topUp.amountCents },
          { accountId: PLATFORM_ACCOUNTS.stripeClearing.id, amountCents: -topUp.amountCents },
        ],
      });
      await tx.topUp.update({ where: { id: topUp.id }, data: { status: 'SUCCEEDED', failureReason: null } });
      const pm = typeof pi.payment_method === 'string' ? pi.payment_method : pi.payment_method?.id;
      if (pm) await tx.wallet.update({ where: { userId: topUp.userId }, data: { defaultPaymentMethodId: pm } });
      await rearmAutoReload(tx, [topUp.userId]);
      const balanceCents = posted.balances.get(wallet)!;
      await money.moved(tx, after, walletMoved({ userId: topUp.userId, balanceCents, cause: 'ADD_FUNDS', transactionId: posted.transactionId, lowBalance: false }, 'CREDIT'));
      if (topUp.isAutoReload) {
        await money.notifications?.notify(tx, {
          userId: topUp.userId,
          kind: 'AUTO_RELOAD_RESULT',
          title: 'Auto-reload succeeded',
          body: `Your card was charged $${(topUp.amountCents / 100).toFixed(2)} and your balance topped up automatically.`,
          data: { topUpId: topUp.id, result: 'SUCCEEDED' },
          dedupeKey: `auto-reload:${topUp.id}`,
        });
      }
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
    case 'charge.refund.updated':
      return (
        (await applyCardRefundUpdate(ctx, tx, after, event.data.object as Stripe.Refund, event.id)) ??
        applyRefundUpdate(ctx, tx, after, event.data.object as Stripe.Refund, event.id)
      );
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

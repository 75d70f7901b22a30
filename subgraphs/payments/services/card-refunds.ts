import type Stripe from 'stripe';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { audit } from '../../../shared/audit.js';
import type { Context } from '../../../shared/context.js';
import type { OrderCardRefund } from '../../../shared/db/generated/client.js';
import { createJobQueue } from '../../../shared/jobs.js';
import { logger } from '../../../shared/logger.js';
import { paymentsDeps } from '../deps.js';
import { ensurePlatformAccounts, ensureUserAccounts, type Tx } from './ledger.js';
import { paymentsTransaction } from './payments-transaction.js';
import { creditWalletFromClearing } from './wallet-credit.js';
import { isDefiniteRefusal } from './stripe-client.js';

/**
 * Card refunds of shop orders, tracked like refunds of wallet balance (wallet-refunds.ts): one `order_card_refunds`
 * row per Stripe refund of an order's PaymentIntent, written PENDING in the transaction that decided the refund (a
 * refund or cancellation to the card, or a payment that could not be served), with a durable job queued in that
 * same transaction (the outbox pattern: the job exists exactly when the decision committed). The job sends the
 * refund with the row's idempotency key, the same on every attempt, so Stripe refunds once however often it runs;
 * while the outcome is unknown (Stripe unreachable, 5xx) the row stays PROCESSING and the job is retried. Stripe's
 * refund webhooks settle it too. A refund Stripe refuses or that fails later credits its cents to the buyer's
 * wallet (ADJUSTMENT Stripe clearing → wallet), exactly once: the buyer keeps the money either way.
 */
export const CARD_REFUND_TASK = 'payments.card-refund';

export const CARD_REFUND_MAX_ATTEMPTS = 12;

const FAILED_REFUND_STATUSES = new Set(['failed', 'canceled']);

export interface CardRefundRequest {
  orderId: string;
  buyerId: string;
  paymentIntentId: string;
  amountCents: number;
  idempotencyKey: string;
  reason: string;
  /** The order's ledger REFUND to the card; null when the payment was never credited (out of stock, cancelled unpaid). */
  transactionId: string | null;
}

/**
 * Records a card refund to send, in the deciding transaction `tx`, and queues its job. A key already recorded
 * (a webhook delivered twice) records and queues nothing. Without a job queue (unit tests, benchmarks) it is
 * sent once after commit; a failure then stays visible as PENDING (stuck_card_refunds in the reconciliation).
 */
export async function queueCardRefund(ctx: Context, tx: Tx, after: AfterCommit, r: CardRefundRequest): Promise<void> {
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO order_card_refunds (id, order_id, stripe_payment_intent_id, amount_cents, idempotency_key, reason, transaction_id, updated_at)
    VALUES (gen_random_uuid()::text, ${r.orderId}, ${r.paymentIntentId}, ${r.amountCents}, ${r.idempotencyKey}, ${r.reason.slice(0, 500)}, ${r.transactionId}, now())
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;
  const id = inserted[0]?.id;
  if (!id) return;
  await audit(tx, ctx, {
    action: 'payments:order_card_refund',
    entityType: 'OrderCardRefund',
    entityId: id,
    changes: { orderId: r.orderId, userId: r.buyerId, paymentIntentId: r.paymentIntentId, amountCents: r.amountCents, reason: r.reason },
  });
  const { jobs } = paymentsDeps(ctx);
  if (jobs) {
    // 12 attempts (graphile-worker waits e^n seconds after the n-th) all fall within about 16 hours of the first:
    // inside Stripe's 24-hour idempotency window, so no retry can ever make a second refund. A refund still unknown
    // after them stays PROCESSING and is listed by the reconciliation (stuck_card_refunds) for a person to check.
    await createJobQueue(jobs.schema, jobs.prefix).add(tx, CARD_REFUND_TASK, { cardRefundId: id }, { jobKey: `card-refund:${id}`, maxAttempts: CARD_REFUND_MAX_ATTEMPTS });
  } else {
    after.run(`card refund ${id} of order ${r.orderId}`, () => sendCardRefund(ctx, id));
  }
}

/**
 * The job: sends one card refund to Stripe (with its key) unless it is settled already. Throws while the outcome
 * is unknown, so the job runs again with the same key; a definite refusal fails it (wallet credited).
 */
export async function sendCardRefund(ctx: Context, id: string): Promise<OrderCardRefund['status'] | 'GONE' | 'NOT_CONFIGURED'> {
  const { stripe } = paymentsDeps(ctx);
  if (!stripe) return 'NOT_CONFIGURED';
  const row = await ctx.prisma.orderCardRefund.findUnique({ where: { id } });
  if (!row) return 'GONE';
  if (row.status === 'SUCCEEDED' || row.status === 'FAILED') return row.status;
  // PROCESSING before the call: an attempt whose answer is lost shows as PROCESSING, never as not sent.
  await ctx.prisma.orderCardRefund.updateMany({ where: { id, status: { in: ['PENDING', 'PROCESSING'] } }, data: { status: 'PROCESSING', attempts: { increment: 1 } } });
  let refund: Stripe.Refund;
  try {
    refund = await stripe.refunds.create(
      { payment_intent: row.stripePaymentIntentId, amount: row.amountCents, reason: 'requested_by_customer', metadata: { orderId: row.orderId, orderCardRefundId: row.id } },
      { idempotencyKey: row.idempotencyKey },
    );
  } catch (error) {
    if (!isDefiniteRefusal(error)) {
      logger('payments').warn({ cardRefundId: id, orderId: row.orderId }, 'card refund outcome unknown: the job retries it with the same key');
      throw error;
    }
    const message = String((error as Error).message ?? 'refund refused').slice(0, 460);
    await paymentsTransaction(ctx, (tx, after) => failCardRefund(ctx, tx, after, id, `Stripe refused the refund: ${message}`, null, {}));
    return 'FAILED';
  }
  return paymentsTransaction(ctx, (tx, after) => settleCardRefund(ctx, tx, after, id, refund, null));
}

/** Applies what Stripe says about the refund to a locked row: failed/canceled → FAILED (wallet credited), else recorded. */
async function settleCardRefund(ctx: Context, tx: Tx, after: AfterCommit, id: string, refund: Stripe.Refund, eventId: string | null): Promise<OrderCardRefund['status']> {
  const status = refund.status ?? null;
  if (status && FAILED_REFUND_STATUSES.has(status)) {
    const reason = `Stripe refund ${status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`;
    await failCardRefund(ctx, tx, after, id, reason, eventId, { stripeRefundId: refund.id, stripeStatus: status });
    return 'FAILED';
  }
  await tx.$queryRaw`SELECT id FROM order_card_refunds WHERE id = ${id} FOR UPDATE`;
  const row = await tx.orderCardRefund.findUniqueOrThrow({ where: { id } });
  if (row.status === 'FAILED') return 'FAILED';
  if (row.status === 'SUCCEEDED' && status !== 'succeeded') return 'SUCCEEDED'; // a late "pending" copy changes nothing
  // Stripe's `pending` is accepted (it will succeed or fail later, by webhook); `succeeded` is final.
  await tx.orderCardRefund.update({
    where: { id },
    data: {
      status: status === 'succeeded' ? 'SUCCEEDED' : 'PROCESSING',
      stripeRefundId: row.stripeRefundId ?? refund.id,
      stripeStatus: status,
      processedAt: status === 'succeeded' ? (row.processedAt ?? new Date()) : row.processedAt,
    },
  });
  return status === 'succeeded' ? 'SUCCEEDED' : 'PROCESSING';
}

/**
 * Marks a card refund FAILED and credits its cents to the buyer's wallet, once (the row is locked; a FAILED row is
 * left alone and the ledger key is unique). The order stays refunded: the buyer gets the money in the wallet instead.
 */
async function failCardRefund(
  ctx: Context,
  tx: Tx,
  after: AfterCommit,
  id: string,
  reason: string,
  eventId: string | null,
  extra: { stripeRefundId?: string | null; stripeStatus?: string | null },
): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM order_card_refunds WHERE id = ${id} FOR UPDATE`;
  const row = await tx.orderCardRefund.findUniqueOrThrow({ where: { id }, include: { order: { select: { clientId: true } } } });
  if (row.status === 'FAILED') return false;
  const buyer = row.order.clientId;
  await ensurePlatformAccounts(tx);
  await ensureUserAccounts(tx, { wallets: [buyer] });
  const posted = await creditWalletFromClearing(ctx, tx, after, buyer, {
    idempotencyKey: `order-card-refund-failed:${row.id}`,
    type: 'ADJUSTMENT',
    amountCents: row.amountCents,
    orderId: row.orderId,
    stripePaymentIntentId: row.stripePaymentIntentId,
    stripeEventId: eventId,
    reason,
    description: 'Refund to card failed: credited to the wallet',
    metadata: { orderCardRefundId: row.id },
  });
  await tx.orderCardRefund.update({
    where: { id },
    data: {
      status: 'FAILED',
      failureReason: reason.slice(0, 500),
      walletCreditTransactionId: posted.transactionId,
      processedAt: new Date(),
      ...(extra.stripeRefundId && !row.stripeRefundId ? { stripeRefundId: extra.stripeRefundId } : {}),
      ...(extra.stripeStatus ? { stripeStatus: extra.stripeStatus } : {}),
    },
  });
  await audit(tx, ctx, {
    action: 'payments:order_card_refund_failed',
    entityType: 'OrderCardRefund',
    entityId: row.id,
    changes: { orderId: row.orderId, userId: buyer, amountCents: row.amountCents, paymentIntentId: row.stripePaymentIntentId, reason },
  });
  return true;
}

/**
 * `refund.updated` / `refund.failed` / `charge.refund.updated` for a card refund of an order, inside the webhook's
 * transaction; null when the refund is not one of these (wallet-refunds.ts is asked next). Found by the refund id
 * or, when the webhook beat the job to recording it, by `orderCardRefundId` in its metadata.
 */
export async function applyCardRefundUpdate(ctx: Context, tx: Tx, after: AfterCommit, refund: Stripe.Refund, eventId: string): Promise<string | null> {
  const rowId = typeof refund.metadata?.orderCardRefundId === 'string' ? refund.metadata.orderCardRefundId : null;
  const row = await tx.orderCardRefund.findFirst({
    where: { OR: [{ stripeRefundId: refund.id }, ...(rowId ? [{ id: rowId }] : [])] },
    select: { id: true, stripePaymentIntentId: true, stripeRefundId: true, status: true },
  });
  if (!row) return null;
  const pi = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  if ((pi && pi !== row.stripePaymentIntentId) || (row.stripeRefundId && row.stripeRefundId !== refund.id)) return 'IGNORED_UNKNOWN_REFUND';
  if (row.status === 'FAILED') return 'IGNORED_ALREADY_FAILED';
  await settleCardRefund(ctx, tx, after, row.id, refund, eventId);
  return 'PROCESSED';
}

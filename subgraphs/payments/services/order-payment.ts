import type Stripe from 'stripe';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { audit } from '../../../shared/audit.js';
import type { Context } from '../../../shared/context.js';
import { queueCardRefund } from './card-refunds.js';
import { ensurePlatformAccounts, type Tx } from './ledger.js';
import { issueBookingCredits } from './booking-credits.js';
import { postSale, publishOrder } from './order-money.js';
import { takeStock } from './stock.js';

/**
 * payment_intent.succeeded for a card order (stripe-webhook.ts, inside the event's transaction, so the event is
 * recorded exactly when this committed). The order becomes PAID only here: its stock is taken (all lines or none)
 * and the sale posted (Stripe's clearing account pays; sellers' floored shares, the platform the rest), with the
 * event id on the ledger transaction. When the stock ran out meanwhile, the order is CANCELLED (OUT_OF_STOCK),
 * nothing is posted, and the payment is refunded to the card after commit (idempotency key per order).
 * Returns the stripe_events status, or null when the payment intent is not an order's.
 */
export async function applyOrderPayment(ctx: Context, tx: Tx, after: AfterCommit, pi: Stripe.PaymentIntent, eventId: string): Promise<string | null> {
  const [locked] = await tx.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM orders WHERE stripe_payment_intent_id = $1 FOR UPDATE`, pi.id);
  if (!locked) {
    // One of ours whose PaymentIntent id is not saved yet: fail so Stripe delivers it again.
    if (pi.metadata?.purpose === 'shop_order') throw new Error(`the order of ${pi.id} is not recorded yet; Stripe will retry`);
    return null;
  }
  const order = await tx.order.findUniqueOrThrow({ where: { id: locked.id }, include: { orderItems: true } });
  if (order.status !== 'PENDING') {
    // Paid already (a second event for the same payment), or cancelled by the buyer before paying: give it back.
    if (order.status === 'CANCELLED' && !order.paidAt) await refundUnserved(ctx, tx, after, pi, order, 'cancelled');
    return order.status === 'CANCELLED' ? 'REFUNDED_CANCELLED_ORDER' : 'IGNORED_ALREADY_PAID';
  }
  const received = pi.amount_received ?? pi.amount;
  if (received !== order.totalAmountCents || (pi.currency && pi.currency.toLowerCase() !== order.currency.toLowerCase())) {
    await tx.order.update({ where: { id: order.id }, data: { failureReason: `amount mismatch: received ${received} ${pi.currency}` } });
    return 'AMOUNT_MISMATCH';
  }
  const short = await takeStock(tx, order.orderItems);
  if (short.length) {
    const cancelled = await tx.order.update({ where: { id: order.id }, data: { status: 'CANCELLED', failureReason: 'OUT_OF_STOCK', cancelledAt: new Date() } });
    await audit(tx, ctx, { action: 'shop:order.cancelled', entityType: 'Order', entityId: order.id, changes: { from: 'PENDING', to: 'CANCELLED', reason: 'OUT_OF_STOCK', stripeEventId: eventId } });
    await refundUnserved(ctx, tx, after, pi, order, 'out-of-stock');
    publishOrder(after, cancelled);
    return 'REFUSED_OUT_OF_STOCK';
  }
  await ensurePlatformAccounts(tx);
  await postSale(ctx, tx, after, order, order.orderItems.map((i) => ({ readerId: i.readerId, amountCents: i.priceCents * i.quantity, readerShareCents: i.readerShareCents })), {
    stripePaymentIntentId: pi.id,
    stripeEventId: eventId,
  });
  const paid = await tx.order.update({ where: { id: order.id }, data: { status: 'PAID', paidAt: new Date() } });
  await issueBookingCredits(tx, order.id);
  await audit(tx, ctx, { action: 'shop:order.paid', entityType: 'Order', entityId: order.id, changes: { from: 'PENDING', to: 'PAID', paymentMethod: 'CARD', stripeEventId: eventId } });
  publishOrder(after, paid);
  return 'PROCESSED';
}

/**
 * Gives a card payment of an order that cannot be served back: a tracked card refund of the whole amount received
 * (card-refunds.ts; no ledger transaction, the payment was never credited), its key per order and cause, so a
 * repeated delivery refunds once.
 */
async function refundUnserved(ctx: Context, tx: Tx, after: AfterCommit, pi: Stripe.PaymentIntent, order: { id: string; clientId: string }, why: string): Promise<void> {
  await queueCardRefund(ctx, tx, after, {
    orderId: order.id,
    buyerId: order.clientId,
    paymentIntentId: pi.id,
    amountCents: pi.amount_received ?? pi.amount,
    idempotencyKey: `order-refund:${order.id}:${why}`,
    reason: why === 'out-of-stock' ? 'order could not be served: out of stock' : 'order cancelled before its payment arrived',
    transactionId: null,
  });
}

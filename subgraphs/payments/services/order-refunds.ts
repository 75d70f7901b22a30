import type { AfterCommit } from '../../../shared/after-commit.js';
import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import type { Order, OrderItem } from '../../../shared/db/generated/client.js';
import { badInput, conflict, forbidden } from '../../../shared/errors.js';
import { isAdmin } from '../../../shared/authz.js';
import { assertWithinMoneyCap, canFulfilOrder, moneyCapFor } from '../authz.js';
import { getIntSetting } from '../../../shared/settings.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, assertAmount, earningsAccountId, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, lockAccounts, post, walletAccountId, type Tx } from './ledger.js';
import { publishOrder, shares } from './order-money.js';
import { walletMoved } from './outbox.js';
import { paymentsTransaction } from './payments-transaction.js';
import { rearmAutoReload } from './rearm.js';
import { voidBookingCredits } from './booking-credits.js';
import { queueCardRefund } from './card-refunds.js';
import { returnStock } from './stock.js';
import { assertTransition, lockOrder, sellerIdsOf, visibleOrder } from './order-access.js';

type RefundTarget = 'WALLET' | 'CARD';

/**
 * Reverses `amountCents` of a paid order in ONE ledger transaction (type REFUND, with the order id): each reader's
 * share is reversed in proportion (cumulatively floored, so partial refunds add up to exactly the shares earned),
 * the platform's remainder too; a reader share already paid out is absorbed by the platform's refunds account. The
 * money goes to the buyer's wallet, or back to the card (Stripe's clearing account pays; the Stripe refund is a
 * tracked `order_card_refunds` row with its durable job, card-refunds.ts). Card refunds are possible only for card orders.
 */
export async function reverseOrderMoney(
  ctx: Context,
  tx: Tx,
  after: AfterCommit,
  order: Order & { orderItems: OrderItem[] },
  opts: { amountCents: number; idempotencyKey: string; reason: string; to?: RefundTarget },
): Promise<{ transactionId: string; replayed: boolean }> {
  const to: RefundTarget = opts.to ?? (order.paymentMethod === 'CARD' ? 'CARD' : 'WALLET');
  if (to === 'CARD' && (order.paymentMethod !== 'CARD' || !order.stripePaymentIntentId)) throw badInput('Only card orders can be refunded to the card.', 'to');
  const s = shares(order.orderItems.map((i) => ({ readerId: i.readerId, amountCents: i.priceCents * i.quantity, readerShareCents: i.readerShareCents })));
  const before = order.refundedCents;
  const total = before + opts.amountCents;
  const readerParts = [...s.perReader].map(([readerId, share]) => ({
    readerId,
    part: Math.floor((total * share) / s.total) - Math.floor((before * share) / s.total),
  }));
  const readerTotal = readerParts.reduce((sum, r) => sum + r.part, 0);
  const platformPart = opts.amountCents - readerTotal;
  const payee = to === 'WALLET' ? walletAccountId(order.clientId) : PLATFORM_ACCOUNTS.stripeClearing.id;
  const locked = await lockAccounts(tx, [payee, PLATFORM_ACCOUNTS.revenue.id, PLATFORM_ACCOUNTS.refunds.id, ...readerParts.map((r) => earningsAccountId(r.readerId))]);
  let absorbed = 0;
  const earningEntries = readerParts.map((r) => {
    const fromEarnings = Math.min(r.part, Number(locked.get(earningsAccountId(r.readerId))?.balance ?? 0));
    absorbed += r.part - fromEarnings;
    return { accountId: earningsAccountId(r.readerId), amountCents: -fromEarnings };
  });
  const posted = await post(tx, {
    idempotencyKey: opts.idempotencyKey,
    type: 'REFUND',
    amountCents: opts.amountCents,
    userId: order.clientId,
    readerId: readerParts.length === 1 ? readerParts[0]!.readerId : null,
    readerEarningsCents: readerTotal,
    platformRevenueCents: platformPart,
    orderId: order.id,
    actorId: ctx.viewer?.id ?? null,
    reason: opts.reason,
    description: total === order.totalAmountCents && before === 0 ? 'Shop order refunded in full' : 'Shop order refunded in part',
    metadata: { to, absorbedByPlatformCents: absorbed, perReader: Object.fromEntries(readerParts.map((r) => [r.readerId, r.part])) },
    entries: [
      { accountId: payee, amountCents: opts.amountCents },
      ...earningEntries,
      { accountId: PLATFORM_ACCOUNTS.revenue.id, amountCents: -platformPart },
      { accountId: PLATFORM_ACCOUNTS.refunds.id, amountCents: -absorbed },
    ],
  });
  if (posted.replayed) return posted;
  await tx.order.update({ where: { id: order.id }, data: { refundedCents: { increment: opts.amountCents } } });
  if (to === 'WALLET') {
    await rearmAutoReload(tx, [order.clientId]);
    await paymentsDeps(ctx).money.moved(tx, after, walletMoved({ userId: order.clientId, balanceCents: posted.balances.get(payee)!, cause: 'REFUND', transactionId: posted.transactionId, lowBalance: false }, 'CREDIT'));
  } else {
    await queueCardRefund(ctx, tx, after, {
      orderId: order.id,
      buyerId: order.clientId,
      paymentIntentId: order.stripePaymentIntentId!,
      amountCents: opts.amountCents,
      idempotencyKey: opts.idempotencyKey,
      reason: opts.reason,
      transactionId: posted.transactionId,
    });
  }
  return posted;
}

export interface RefundOrderInput {
  orderId: string;
  amountCents?: number | null;
  to: RefundTarget;
  reason?: string | null;
  idempotencyKey: string;
}

/**
 * Refunds a paid, shipped or delivered order in full or in part: the seller of every item, or an admin with the
 * refund right. A full refund makes the order REFUNDED and returns the units of an unshipped order to stock. The
 * same idempotency key returns the first refund's order.
 */
export async function refundOrder(ctx: Context, input: RefundOrderInput) {
  const key = idempotencyKeyOf(input.idempotencyKey);
  if (input.amountCents != null) assertAmount(input.amountCents);
  const reason = input.reason?.trim() || 'order refunded';
  if (reason.length > 500) throw badInput('reason must be at most 500 characters.', 'reason');
  const seen = await visibleOrder(ctx, input.orderId);
  // canFulfilOrder is the one rule: an admin needs REFUNDS for it, a reader must sell every item.
  if (!canFulfilOrder(ctx.viewer, { sellerIds: sellerIdsOf(seen) })) throw forbidden('Only the seller of every item or an admin with the refund right can refund an order.');
  await ensurePlatformAccounts(ctx.prisma);
  await ensureUserAccounts(ctx.prisma, { wallets: [seen.clientId], earnings: sellerIdsOf(seen).flatMap((s) => (s ? [s] : [])) });
  const txKey = `order-refund:${seen.id}:${key}`;
  return paymentsTransaction(ctx, async (tx, after) => {
    const order = await lockOrder(ctx, tx, seen.id);
    const previous = await tx.transaction.findUnique({ where: { idempotencyKey: txKey }, select: { orderId: true, amountCents: true } });
    if (previous) {
      if (input.amountCents != null && previous.amountCents !== input.amountCents) throw conflict('This idempotency key was already used for another refund.');
      return { order, replayed: true };
    }
    if (!['PAID', 'SHIPPED', 'DELIVERED'].includes(order.status)) throw conflict(`An order that is ${order.status} cannot be refunded.`, { status: order.status });
    const refundable = order.totalAmountCents - order.refundedCents;
    const amount = input.amountCents ?? refundable;
    if (amount > refundable) throw badInput(`At most ${refundable} cents can be refunded on this order.`, { field: 'amountCents', refundableCents: refundable });
    // A SUPPORT admin refunds up to support_refund_limit_cents (the seller and unlimited admins: no cap).
    if (isAdmin(ctx.viewer)) assertWithinMoneyCap(amount, moneyCapFor(ctx.viewer, 'REFUNDS', await getIntSetting(tx, 'support_refund_limit_cents')));
    const full = amount === refundable;
    // A full refund voids the order's unused booking credits, and is refused (nothing moved) if one was redeemed.
    if (full) await voidBookingCredits(tx, order.id);
    await reverseOrderMoney(ctx, tx, after, order, { amountCents: amount, idempotencyKey: txKey, reason, to: input.to });
    if (full) {
      assertTransition(order, 'REFUNDED');
      if (order.status === 'PAID') await returnStock(tx, order.orderItems);
    }
    const updated = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    const final = full ? await tx.order.update({ where: { id: order.id }, data: { status: 'REFUNDED' } }) : updated;
    await audit(tx, ctx, {
      action: 'shop:order.refund',
      entityType: 'Order',
      entityId: order.id,
      changes: { from: order.status, to: final.status, amountCents: amount, refundedCents: final.refundedCents, to_: input.to, reason },
    });
    publishOrder(after, final);
    return { order: final, replayed: false };
  });
}

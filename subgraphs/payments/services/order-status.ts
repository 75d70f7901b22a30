import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import type { OrderStatus, Prisma } from '../../../shared/db/generated/client.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { badInput, conflict, forbidden } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { canCancelOwnOrder, canFulfilOrder } from '../authz.js';
import { assertTransition, lockOrder, sellerIdsOf, visibleOrder, type LoadedOrder } from './order-access.js';
import { publishOrder } from './order-money.js';
import { paymentsTransaction } from './payments-transaction.js';
import { voidBookingCredits } from './booking-credits.js';
import { returnStock } from './stock.js';
import type { Tx } from './ledger.js';
import { reverseOrderMoney } from './order-refunds.js';

function assertFulfiller(ctx: Context, order: LoadedOrder): void {
  if (!canFulfilOrder(ctx.viewer, { sellerIds: sellerIdsOf(order) })) throw forbidden('Only the seller of every item or an admin can do this.');
}

const ShipSchema = z.object({
  carrier: z.string().trim().min(2, 'must be 2 to 60 characters').max(60, 'must be 2 to 60 characters'),
  trackingNumber: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .refine((t) => /^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(t), 'must be letters, digits, spaces and -'),
});

async function transition(ctx: Context, orderId: string, to: OrderStatus, apply: (tx: Tx, order: LoadedOrder, after: AfterCommit) => Promise<Prisma.OrderUpdateInput & { auditExtra?: Record<string, unknown> }>) {
  await visibleOrder(ctx, orderId);
  return paymentsTransaction(ctx, async (tx, after) => {
    const order = await lockOrder(ctx, tx, orderId);
    assertTransition(order, to);
    const { auditExtra, ...data } = await apply(tx, order, after);
    const updated = await tx.order.update({ where: { id: order.id }, data: { ...data, status: to } });
    await audit(tx, ctx, { action: `shop:order.${to.toLowerCase()}`, entityType: 'Order', entityId: order.id, changes: { from: order.status, to, ...auditExtra } as Prisma.InputJsonValue });
    publishOrder(after, updated);
    return updated;
  });
}

/** The seller (or an admin) marks a paid physical order shipped with its carrier and tracking number. */
export function markOrderShipped(ctx: Context, input: { orderId: string; carrier: string; trackingNumber: string }) {
  const { carrier, trackingNumber } = parseInput(ShipSchema, input);
  return transition(ctx, input.orderId, 'SHIPPED', async (_tx, order) => {
    assertFulfiller(ctx, order);
    if (!order.orderItems.some((i) => i.product.type === 'PHYSICAL')) throw badInput('Only orders with physical items are shipped.', 'orderId');
    return { carrier, trackingNumber, shippedAt: new Date(), auditExtra: { carrier, trackingNumber } };
  });
}

/** The seller (or an admin) marks an order delivered: a shipped one, or a paid one without physical items. */
export function markOrderDelivered(ctx: Context, input: { orderId: string }) {
  return transition(ctx, input.orderId, 'DELIVERED', async (_tx, order) => {
    assertFulfiller(ctx, order);
    if (order.status === 'PAID' && order.orderItems.some((i) => i.product.type === 'PHYSICAL')) {
      throw conflict('A physical order is delivered after it was shipped.', { status: order.status, to: 'DELIVERED' });
    }
    return { deliveredAt: new Date() };
  });
}

/**
 * Cancels an order before it ships: the buyer their own, the seller of every item or an admin any. A paid order is
 * refunded in full (to the wallet, or to the card for card orders: order-refunds.ts) and its units go back to stock.
 */
export function cancelOrder(ctx: Context, input: { orderId: string; reason?: string | null }) {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) throw badInput('reason must be at most 500 characters.', 'reason');
  return transition(ctx, input.orderId, 'CANCELLED', async (tx, order, after) => {
    if (!canCancelOwnOrder(ctx.viewer, order)) assertFulfiller(ctx, order);
    if (order.status === 'PAID') {
      await voidBookingCredits(tx, order.id); // refuses (CONFLICT) when a credit of the order was redeemed
      await returnStock(tx, order.orderItems);
      await reverseOrderMoney(ctx, tx, after, order, { amountCents: order.totalAmountCents - order.refundedCents, idempotencyKey: `cancel:${order.id}`, reason: reason ?? 'order cancelled' });
    }
    return { cancelledAt: new Date(), refundedCents: order.status === 'PAID' ? order.totalAmountCents : 0, auditExtra: { reason, refundedCents: order.status === 'PAID' ? order.totalAmountCents - order.refundedCents : 0 } };
  });
}

import type { Context } from '../../../shared/context.js';
import type { Order, OrderItem, OrderStatus } from '../../../shared/db/generated/client.js';
import { conflict, notFound } from '../../../shared/errors.js';
import { canSeeOrder } from '../authz.js';
import type { Tx } from './ledger.js';

/**
 * The order status machine: PENDING → PAID → SHIPPED → DELIVERED, or CANCELLED / REFUNDED. Every transition is
 * checked against the order's status read under a row lock (anything else: CONFLICT), audited, and announced to the
 * buyer (orderUpdated) after commit (order-status.ts, order-refunds.ts, order-payment.ts).
 */
export const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

export type LoadedOrder = Order & { orderItems: Array<OrderItem & { product: { type: string } }> };

export const sellerIdsOf = (order: { orderItems: Array<{ readerId: string | null }> }) => [...new Set(order.orderItems.map((i) => i.readerId))];

/** An order the viewer may see, or NOT_FOUND (another buyer's order is not theirs to know about). */
export async function visibleOrder(ctx: Context, orderId: string, db: Context['prisma'] | Tx = ctx.prisma): Promise<LoadedOrder> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { orderItems: { include: { product: { select: { type: true } } } } } });
  if (!order || !canSeeOrder(ctx.viewer, { clientId: order.clientId, sellerIds: sellerIdsOf(order) })) throw notFound('Order');
  return order;
}

/** Locks the order row and re-reads it inside `tx` (after the visibility check outside). */
export async function lockOrder(ctx: Context, tx: Tx, orderId: string): Promise<LoadedOrder> {
  await tx.$queryRawUnsafe(`SELECT id FROM orders WHERE id = $1 FOR UPDATE`, orderId);
  return visibleOrder(ctx, orderId, tx);
}

export function assertTransition(order: { status: OrderStatus }, to: OrderStatus): void {
  if (!TRANSITIONS[order.status].includes(to)) {
    throw conflict(`An order that is ${order.status} cannot become ${to}.`, { status: order.status, to });
  }
}

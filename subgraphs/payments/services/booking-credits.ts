import type { Tx } from './ledger.js';

/**
 * Booking credits: a paid SERVICE order item sold by a reader (with serviceSessionType and serviceMinutes set on
 * the product) entitles its buyer to one reading with that reader per unit. They are issued in the transaction
 * that marks the order PAID (wallet orders in placeOrder, card orders in the verified webhook), once per (item,
 * unit) whatever replays, and voided (REFUNDED) in the transaction that cancels or fully refunds the order while
 * still AVAILABLE. Redemption against a session is not built yet (docs/payments.md).
 */
export async function issueBookingCredits(tx: Tx, orderId: string): Promise<number> {
  const items = await tx.orderItem.findMany({
    where: { orderId, readerId: { not: null }, product: { type: 'SERVICE', serviceMinutes: { not: null }, serviceSessionType: { not: null } } },
    select: { id: true, quantity: true, readerId: true, order: { select: { clientId: true } }, product: { select: { serviceMinutes: true, serviceSessionType: true } } },
  });
  const rows = items.flatMap((i) =>
    Array.from({ length: i.quantity }, (_, u) => ({
      orderId,
      orderItemId: i.id,
      unit: u + 1,
      clientId: i.order.clientId,
      readerId: i.readerId!,
      sessionType: i.product.serviceSessionType!,
      minutes: i.product.serviceMinutes!,
    })),
  );
  if (!rows.length) return 0;
  const { count } = await tx.bookingCredit.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/** The order was cancelled or fully refunded: its credits not used yet are void. Returns how many. */
export async function voidBookingCredits(tx: Tx, orderId: string): Promise<number> {
  const { count } = await tx.bookingCredit.updateMany({ where: { orderId, status: 'AVAILABLE' }, data: { status: 'REFUNDED', voidedAt: new Date() } });
  return count;
}

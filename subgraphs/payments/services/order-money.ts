import type { AfterCommit } from '../../../shared/after-commit.js';
import type { Context } from '../../../shared/context.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, earningsAccountId, post, walletAccountId, type Posted, type Tx } from './ledger.js';
import { walletMoved } from './outbox.js';

/** What the ledger needs of an order's lines: each line's amount and the seller's floored share of it. */
export interface SaleLine {
  readerId: string | null;
  amountCents: number;
  readerShareCents: number;
}

/** Topic of one buyer's order events (orderUpdated). The payload carries the id only: fields are read fresh. */
export const orderTopic = (buyerId: string) => `orderUpdated:${buyerId}`;
export interface OrderEvent {
  orderId: string;
  buyerId: string;
}

/** Announces an order's change to its buyer, after commit. */
export function publishOrder(after: AfterCommit, order: { id: string; clientId: string }): void {
  after.publish(orderTopic(order.clientId), { orderId: order.id, buyerId: order.clientId } satisfies OrderEvent);
}

/** Credit per reader (their floored shares summed) and the platform's remainder. */
export function shares(lines: SaleLine[]): { perReader: Map<string, number>; readerTotal: number; platform: number; total: number } {
  const perReader = new Map<string, number>();
  let total = 0;
  for (const l of lines) {
    total += l.amountCents;
    if (l.readerId && l.readerShareCents > 0) perReader.set(l.readerId, (perReader.get(l.readerId) ?? 0) + l.readerShareCents);
  }
  const readerTotal = [...perReader.values()].reduce((s, v) => s + v, 0);
  return { perReader, readerTotal, platform: total - readerTotal, total };
}

/**
 * Posts the payment of an order as ONE balanced ledger transaction: the buyer's wallet (or Stripe's clearing
 * account, for a card payment confirmed by its webhook) pays the total; each reader's earnings get their share, the
 * platform the rest. A wallet short of the total is refused with INSUFFICIENT_FUNDS before anything is written.
 */
export async function postSale(
  ctx: Pick<Context, 'deps'>,
  tx: Tx,
  after: AfterCommit,
  order: { id: string; clientId: string },
  lines: SaleLine[],
  source: { wallet: true } | { stripePaymentIntentId: string; stripeEventId: string },
): Promise<Posted> {
  const s = shares(lines);
  const readers = [...s.perReader.keys()];
  const payer = 'wallet' in source ? walletAccountId(order.clientId) : PLATFORM_ACCOUNTS.stripeClearing.id;
  const posted = await post(tx, {
    idempotencyKey: `order-pay:${order.id}`,
    type: 'PURCHASE',
    amountCents: s.total,
    userId: order.clientId,
    readerId: readers.length === 1 ? readers[0]! : null,
    readerEarningsCents: s.readerTotal,
    platformRevenueCents: s.platform,
    orderId: order.id,
    stripePaymentIntentId: 'wallet' in source ? null : source.stripePaymentIntentId,
    stripeEventId: 'wallet' in source ? null : source.stripeEventId,
    description: 'wallet' in source ? 'Shop order paid from the wallet' : 'Shop order paid by card',
    metadata: { perReader: Object.fromEntries(s.perReader) },
    entries: [
      { accountId: payer, amountCents: -s.total },
      ...readers.map((r) => ({ accountId: earningsAccountId(r), amountCents: s.perReader.get(r)! })),
      { accountId: PLATFORM_ACCOUNTS.revenue.id, amountCents: s.platform },
    ],
  });
  if ('wallet' in source && !posted.replayed) {
    const balanceCents = posted.balances.get(payer)!;
    await paymentsDeps(ctx).money.moved(tx, after, walletMoved({ userId: order.clientId, balanceCents, cause: 'PURCHASE', transactionId: posted.transactionId, lowBalance: false }, 'DEBIT'));
  }
  return posted;
}

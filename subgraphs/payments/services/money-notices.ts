import type { Tx } from '../../../shared/money.js';
import type { NotificationsPort } from '../../../shared/ports.js';
import type { MoneyMoved } from './outbox.js';

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * The notifications a ledger movement causes, written through community's NotificationsPort in the movement's own
 * transaction (so they exist exactly when it committed): a top-up receipt for a credited top-up (once per ledger
 * transaction) and a low-balance warning for a wallet left with less than `low_balance_minutes` of its session's
 * rate (once per user per clock hour, however many minutes are charged meanwhile).
 */
export async function notifyMoneyMoved(notifications: NotificationsPort | undefined, tx: Tx, m: MoneyMoved): Promise<void> {
  if (!notifications) return;
  if (m.cause === 'ADD_FUNDS' && m.direction === 'CREDIT') {
    for (const [i, userId] of m.users.entries()) {
      const transactionId = m.transactionIds[i];
      if (!transactionId) continue;
      await notifications.notify(tx, {
        userId,
        kind: 'TOP_UP_RECEIPT',
        title: 'Funds added to your balance',
        body: `Your top-up was credited. Your balance is now ${dollars(m.balances[i]!)}.`,
        data: { transactionId },
        dedupeKey: `top-up:${transactionId}`,
      });
    }
  }
  const hour = new Date().toISOString().slice(0, 13);
  for (const userId of new Set(m.low)) {
    const i = m.users.indexOf(userId);
    await notifications.notify(tx, {
      userId,
      kind: 'LOW_BALANCE',
      title: 'Your balance is running low',
      body: `${dollars(m.balances[i] ?? 0)} left: top up to keep your reading going.`,
      dedupeKey: `low-balance:${hour}`,
    });
  }
}

/** A payout's outcome for its reader, in the transaction that settles it (once per payout and outcome). */
export async function notifyPayout(
  notifications: NotificationsPort | undefined,
  tx: Tx,
  payout: { id: string; readerId: string; amountCents: number },
  outcome: { sent: true } | { sent: false; reason: string },
): Promise<void> {
  await notifications?.notify(tx, {
    userId: payout.readerId,
    kind: outcome.sent ? 'PAYOUT_SENT' : 'PAYOUT_FAILED',
    title: outcome.sent ? `Payout of ${dollars(payout.amountCents)} sent` : `Payout of ${dollars(payout.amountCents)} failed`,
    body: outcome.sent
      ? 'Your earnings are on their way to your bank account.'
      : 'The transfer did not go through; the amount is back in your earnings. Check your payout details.',
    data: { payoutId: payout.id },
    dedupeKey: `payout:${payout.id}:${outcome.sent ? 'sent' : 'failed'}`,
  });
}

/**
 * A payout's transfer reversed after it was sent (Stripe `transfer.reversed`, in full or in part): the reader learns
 * the amount is back in their earnings, in the webhook's transaction; once per cumulative reversed amount, so a
 * replayed event says nothing twice and a later further reversal says so again.
 */
export async function notifyPayoutReversed(
  notifications: NotificationsPort | undefined,
  tx: Tx,
  payout: { id: string; readerId: string; amountCents: number },
  r: { reversedCents: number; restoredCents: number },
): Promise<void> {
  const full = r.reversedCents >= payout.amountCents;
  await notifications?.notify(tx, {
    userId: payout.readerId,
    kind: 'PAYOUT_FAILED',
    title: full ? `Payout of ${dollars(payout.amountCents)} reversed` : `${dollars(r.reversedCents)} of your ${dollars(payout.amountCents)} payout reversed`,
    body: `The transfer to your bank account was reversed; ${dollars(r.restoredCents)} is back in your earnings. Check your payout details.`,
    data: { payoutId: payout.id, reversedCents: String(r.reversedCents), restoredCents: String(r.restoredCents) },
    dedupeKey: `payout:${payout.id}:reversed:${r.reversedCents}`,
  });
}

/**
 * An auto-reload that did not top the wallet up: declined at once (topups.ts `autoReload`), or later by Stripe's
 * webhook (`payment_intent.payment_failed` / `canceled` of a PENDING auto-reload: 3-D Secure never completed, an
 * asynchronous decline). One notice per crossing (the reload's idempotency key), whichever path sees it first.
 */
export async function notifyAutoReloadFailed(
  notifications: NotificationsPort | undefined,
  tx: Tx,
  r: { userId: string; amountCents: number; paymentIntentId: string; reloadKey: string },
): Promise<void> {
  await notifications?.notify(tx, {
    userId: r.userId,
    kind: 'AUTO_RELOAD_RESULT',
    title: 'Auto-reload failed',
    body: `We could not charge your card ${dollars(r.amountCents)}: your balance was not topped up. Update your card or top up by hand.`,
    data: { paymentIntentId: r.paymentIntentId, result: 'FAILED' },
    dedupeKey: `auto-reload:${r.reloadKey}`,
  });
}

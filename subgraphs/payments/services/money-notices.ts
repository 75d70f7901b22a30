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

import type { AfterCommit } from '../../../shared/after-commit.js';
import type { Context } from '../../../shared/context.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, post, walletAccountId, type Posted, type Posting, type Tx } from './ledger.js';
import { walletMoved } from './outbox.js';
import { rearmAutoReload } from './rearm.js';

/**
 * Credits a user's wallet with cents held in Stripe's clearing account, because a refund to their card did not
 * happen (a refund of wallet balance or of a shop order that Stripe refused or that failed later): one posting
 * clearing → wallet, auto-reload re-armed, the credit announced through the money outbox, in `tx`.
 */
export async function creditWalletFromClearing(
  ctx: Context,
  tx: Tx,
  after: AfterCommit,
  userId: string,
  posting: Omit<Posting, 'entries' | 'userId'>,
): Promise<Posted> {
  const wallet = walletAccountId(userId);
  const posted = await post(tx, {
    ...posting,
    userId,
    entries: [
      { accountId: wallet, amountCents: posting.amountCents },
      { accountId: PLATFORM_ACCOUNTS.stripeClearing.id, amountCents: -posting.amountCents },
    ],
  });
  await rearmAutoReload(tx, [userId]);
  const balanceCents = posted.balances.get(wallet)!;
  await paymentsDeps(ctx).money.moved(tx, after, walletMoved({ userId, balanceCents, cause: posting.type, transactionId: posted.transactionId, lowBalance: false }, 'CREDIT'));
  return posted;
}

import type { Context } from '../../../shared/context.js';
import { authorize, canAdjustBalances } from '../authz.js';
import { paymentsDeps } from '../deps.js';
import type { AdjustBalanceInput } from './money.js';

/**
 * Admins: credits or debits a wallet or a reader's earnings by hand, with a reason and an idempotency key (audited).
 * The ledger posting is the money port's (money.ts), so its effects go through the outbox like every movement.
 */
export async function adjustBalance(ctx: Context, input: AdjustBalanceInput): Promise<{ transactionId: string; balanceCents: number; replayed: boolean }> {
  authorize(ctx.viewer, canAdjustBalances);
  return paymentsDeps(ctx).money.adjustBalance(input, ctx);
}

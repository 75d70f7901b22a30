import type { Context } from '../../../shared/context.js';
import { assertWithinMoneyCap, authorize, canAdjustBalances, moneyCapFor } from '../authz.js';
import { getIntSetting } from '../../../shared/settings.js';
import { paymentsDeps } from '../deps.js';
import type { AdjustBalanceInput } from './money.js';

/**
 * Admins: credits or debits a wallet or a reader's earnings by hand, with a reason and an idempotency key (audited).
 * The ledger posting is the money port's (money.ts), so its effects go through the outbox like every movement.
 */
export async function adjustBalance(ctx: Context, input: AdjustBalanceInput): Promise<{ transactionId: string; balanceCents: number; replayed: boolean }> {
  authorize(ctx.viewer, canAdjustBalances);
  // Checked before posting (a support admin's cap); the setting is read fresh, so a change applies at once.
  assertWithinMoneyCap(input.amountCents, moneyCapFor(ctx.viewer, 'ADJUSTMENTS', await getIntSetting(ctx.prisma, 'support_refund_limit_cents')));
  return paymentsDeps(ctx).money.adjustBalance(input, ctx);
}

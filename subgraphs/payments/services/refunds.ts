import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { assertWithinMoneyCap, authorize, canRefund, moneyCapFor } from '../authz.js';
import { getIntSetting } from '../../../shared/settings.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, assertAmount, earningsAccountId, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, lockAccounts, post, reasonOf, walletAccountId } from './ledger.js';
import { walletMoved } from './outbox.js';
import { paymentsTransaction } from './payments-transaction.js';
import { rearmAutoReload } from './rearm.js';

export interface RefundInput {
  sessionId: string;
  /** Null refunds everything not refunded yet. */
  amountCents?: number | null;
  reason: string;
  idempotencyKey: string;
}

/**
 * Admin refunds of a session, in full or in part. The reader's and the platform's shares are reversed in the
 * proportion they were earned (cumulatively, so several partial refunds add up to exactly the shares taken);
 * a reader share already paid out is absorbed by the platform's refunds account. Never more than was charged.
 */
export async function refundSession(ctx: Context, input: RefundInput) {
  authorize(ctx.viewer, canRefund);
  const reason = reasonOf(input.reason);
  const key = idempotencyKeyOf(input.idempotencyKey);
  if (input.amountCents != null) assertAmount(input.amountCents);
  const session = await ctx.prisma.session.findUnique({ where: { id: input.sessionId }, select: { id: true, clientId: true, readerId: true } });
  if (!session) throw notFound('Session');
  await ensurePlatformAccounts(ctx.prisma);
  await ensureUserAccounts(ctx.prisma, { wallets: [session.clientId], earnings: [session.readerId] });
  const wallet = walletAccountId(session.clientId);
  const earnings = earningsAccountId(session.readerId);

  const result = await paymentsTransaction(ctx, async (tx, after) => {
    // Locks first: two refunds of one session serialise here and the second sees the first's rows.
    const locked = await lockAccounts(tx, [wallet, earnings, PLATFORM_ACCOUNTS.revenue.id, PLATFORM_ACCOUNTS.refunds.id]);
    const previous = await tx.transaction.findUnique({ where: { idempotencyKey: `refund:${key}` } });
    if (previous) {
      if (previous.sessionId !== session.id) throw conflict('This idempotency key was already used for another refund.');
      return { transaction: previous, replayed: true };
    }
    const [sums] = await tx.$queryRawUnsafe<Array<{ charged: bigint; reader: bigint; refunded: bigint; refunded_reader: bigint }>>(
      `SELECT COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0)::bigint AS charged,
              COALESCE(sum(reader_earnings_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0)::bigint AS reader,
              COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0)::bigint AS refunded,
              COALESCE(sum(reader_earnings_cents) FILTER (WHERE type = 'REFUND'), 0)::bigint AS refunded_reader
         FROM transactions WHERE session_id = $1 AND status IN ('COMPLETED', 'REFUNDED')`,
      session.id,
    );
    const charged = Number(sums!.charged);
    const refunded = Number(sums!.refunded);
    const refundable = charged - refunded;
    if (refundable <= 0) throw badInput('Nothing is left to refund on this session.', { field: 'sessionId', refundableCents: 0 });
    const amount = input.amountCents ?? refundable;
    if (amount > refundable) {
      throw badInput(`At most ${refundable} cents can be refunded on this session.`, { field: 'amountCents', refundableCents: refundable });
    }
    assertWithinMoneyCap(amount, moneyCapFor(ctx.viewer, 'REFUNDS', await getIntSetting(tx, 'support_refund_limit_cents')));
    const readerTotal = Number(sums!.reader);
    const readerTarget = Math.floor(((refunded + amount) * readerTotal) / charged);
    const readerPart = Math.min(amount, Math.max(0, readerTarget - Number(sums!.refunded_reader)));
    const platformPart = amount - readerPart;
    const fromEarnings = Math.min(readerPart, Number(locked.get(earnings)!.balance));
    const shortfall = readerPart - fromEarnings;
    const posted = await post(tx, {
      idempotencyKey: `refund:${key}`,
      type: 'REFUND',
      amountCents: amount,
      userId: session.clientId,
      readerId: session.readerId,
      readerEarningsCents: readerPart,
      platformRevenueCents: platformPart,
      sessionId: session.id,
      actorId: ctx.viewer?.id ?? null,
      reason,
      description: amount === refundable && refunded === 0 ? 'Session refunded in full' : 'Session refunded in part',
      metadata: { absorbedByPlatformCents: shortfall },
      entries: [
        { accountId: wallet, amountCents: amount },
        { accountId: earnings, amountCents: -fromEarnings },
        { accountId: PLATFORM_ACCOUNTS.revenue.id, amountCents: -platformPart },
        { accountId: PLATFORM_ACCOUNTS.refunds.id, amountCents: -shortfall },
      ],
    });
    if (refunded + amount === charged) {
      await tx.transaction.updateMany({ where: { sessionId: session.id, type: 'SESSION_CHARGE', status: 'COMPLETED' }, data: { status: 'REFUNDED' } });
    }
    await rearmAutoReload(tx, [session.clientId]);
    const balanceCents = posted.balances.get(wallet)!;
    await paymentsDeps(ctx).money.moved(tx, after, walletMoved({ userId: session.clientId, balanceCents, cause: 'REFUND', transactionId: posted.transactionId, lowBalance: false }, 'CREDIT'));
    await audit(tx, ctx, {
      action: 'payments:refund',
      entityType: 'Session',
      entityId: session.id,
      changes: { transactionId: posted.transactionId, amountCents: amount, readerShareCents: readerPart, platformShareCents: platformPart, reason },
    });
    return { transaction: await tx.transaction.findUniqueOrThrow({ where: { id: posted.transactionId } }), replayed: false };
  });
  return result.transaction;
}

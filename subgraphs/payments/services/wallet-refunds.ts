import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { WalletRefund, WalletRefundPart } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { audit } from '../../../shared/audit.js';
import { badInput, conflict, insufficientFunds, notFound } from '../../../shared/errors.js';
import { assertWithinMoneyCap, authorize, canRefund, moneyCapFor } from '../authz.js';
import { getIntSetting } from '../../../shared/settings.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, assertAmount, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, lockAccounts, post, reasonOf, walletAccountId, type Tx } from './ledger.js';
import { walletMoved } from './outbox.js';
import { paymentsTransaction } from './payments-transaction.js';
import { isDefiniteRefusal, notConfigured } from './stripe-client.js';
import { creditWalletFromClearing } from './wallet-credit.js';

export interface WalletRefundInput {
  userId: string;
  /** Null refunds the whole balance. */
  amountCents?: number | null;
  reason: string;
  idempotencyKey: string;
}

export type WalletRefundWithParts = WalletRefund & { parts: WalletRefundPart[] };

export interface WalletRefundResult {
  walletRefund: WalletRefundWithParts;
  balanceCents: number;
  /** True when the key had been used: nothing new was reserved (unfinished parts were asked about again). */
  replayed: boolean;
}

/** Stripe's idempotency key for one part: one per (our key, PaymentIntent), so a retry can never refund twice. */
export const stripeRefundKey = (key: string, paymentIntentId: string) => `wallet-refund:${key}:${paymentIntentId}`;


const FAILED_REFUND_STATUSES = new Set(['failed', 'canceled']);

/**
 * Puts one part's amount back into the wallet (Stripe clearing → wallet, type REFUND reversing the debit) and marks
 * it FAILED, once: the part row is locked and a FAILED part is left alone (the ledger key is unique as well).
 * The credit re-arms auto-reload and announces itself through the money outbox. Returns false when the part had
 * been restored already.
 */
async function restorePart(ctx: Context, tx: Tx, after: AfterCommit, partId: string, reason: string, eventId: string | null, extra: { stripeRefundId?: string | null; stripeStatus?: string | null } = {}) {
  await tx.$queryRaw`SELECT id FROM wallet_refund_parts WHERE id = ${partId} FOR UPDATE`;
  const part = await tx.walletRefundPart.findUniqueOrThrow({ where: { id: partId }, include: { walletRefund: { select: { userId: true } } } });
  if (part.status === 'FAILED') return false;
  const userId = part.walletRefund.userId;
  const posted = await creditWalletFromClearing(ctx, tx, after, userId, {
    idempotencyKey: `wallet-refund-restored:${part.id}`,
    type: 'REFUND',
    amountCents: part.amountCents,
    stripePaymentIntentId: part.stripePaymentIntentId,
    stripeEventId: eventId,
    reversesId: part.transactionId,
    actorId: ctx.viewer?.id ?? null,
    reason,
    description: 'Refund to card failed: wallet balance restored',
    metadata: { walletRefundId: part.walletRefundId, walletRefundPartId: part.id, topUpId: part.topUpId },
  });
  await tx.transaction.update({ where: { id: part.transactionId }, data: { status: 'FAILED' } });
  await tx.walletRefundPart.update({
    where: { id: part.id },
    data: {
      status: 'FAILED',
      failureReason: reason.slice(0, 500),
      restoreTransactionId: posted.transactionId,
      processedAt: new Date(),
      ...(extra.stripeRefundId && !part.stripeRefundId ? { stripeRefundId: extra.stripeRefundId } : {}),
      ...(extra.stripeStatus ? { stripeStatus: extra.stripeStatus } : {}),
    },
  });
  await audit(tx, ctx, {
    action: 'payments:wallet_refund_failed',
    entityType: 'WalletRefundPart',
    entityId: part.id,
    changes: { walletRefundId: part.walletRefundId, userId, amountCents: part.amountCents, paymentIntentId: part.stripePaymentIntentId, reason },
  });
  return true;
}

/**
 * Stripe `refund.updated` / `refund.failed` / `charge.refund.updated` for a refund of wallet balance, inside the
 * webhook's transaction. A failed or canceled refund restores its part to the wallet exactly once (however often
 * and in whatever order the events arrive); any other status records what Stripe says, and a part whose outcome
 * was unknown (Stripe unreachable) is completed by it. The part is found by the refund id or, if the webhook beat
 * the mutation to recording it, by the part id in the refund's metadata.
 */
export async function applyRefundUpdate(ctx: Context, tx: Tx, after: AfterCommit, refund: Stripe.Refund, eventId: string): Promise<string> {
  const partId = typeof refund.metadata?.walletRefundPartId === 'string' ? refund.metadata.walletRefundPartId : null;
  const part = await tx.walletRefundPart.findFirst({
    where: { OR: [{ stripeRefundId: refund.id }, ...(partId ? [{ id: partId }] : [])] },
    select: { id: true, stripePaymentIntentId: true, stripeRefundId: true },
  });
  const pi = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  if (!part || (pi && pi !== part.stripePaymentIntentId) || (part.stripeRefundId && part.stripeRefundId !== refund.id)) return 'IGNORED_UNKNOWN_REFUND';
  const status = refund.status ?? null;
  if (status && FAILED_REFUND_STATUSES.has(status)) {
    const reason = `Stripe refund ${status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`;
    const restored = await restorePart(ctx, tx, after, part.id, reason, eventId, { stripeRefundId: refund.id, stripeStatus: status });
    return restored ? 'PROCESSED' : 'IGNORED_ALREADY_RESTORED';
  }
  await tx.$queryRaw`SELECT id FROM wallet_refund_parts WHERE id = ${part.id} FOR UPDATE`;
  const current = await tx.walletRefundPart.findUniqueOrThrow({ where: { id: part.id } });
  if (current.status === 'FAILED') return 'IGNORED_ALREADY_RESTORED';
  await completePart(tx, current, refund);
  return 'PROCESSED';
}

/** Records Stripe's refund for a part still PROCESSING (idempotent: a SUCCEEDED part only gets its status refreshed). */
async function completePart(tx: Tx, part: WalletRefundPart, refund: Stripe.Refund) {
  if (part.status === 'PROCESSING') {
    await tx.transaction.updateMany({ where: { id: part.transactionId, status: 'PENDING' }, data: { status: 'COMPLETED' } });
  }
  await tx.walletRefundPart.updateMany({
    where: { id: part.id, status: { in: ['PROCESSING', 'SUCCEEDED'] } },
    data: { status: 'SUCCEEDED', stripeRefundId: refund.id, stripeStatus: refund.status ?? null, processedAt: part.processedAt ?? new Date() },
  });
}

/** A wallet refund with its parts, newest top-up first. */
const load = (ctx: Pick<Context, 'prisma'>, id: string) => ctx.prisma.walletRefund.findUniqueOrThrow({ where: { id }, include: { parts: { orderBy: [{ topUp: { createdAt: 'desc' } }, { topUpId: 'desc' }] } } });

/**
 * Admin refunds of unused wallet balance back to the card(s) it came from. Phase 1, one database transaction with
 * the wallet locked (a concurrent charge or refund waits and then sees the lower balance): checks, the request,
 * and per part (the client's succeeded top-ups, newest first, each up to what it can still take back) a PENDING
 * ledger debit wallet → Stripe clearing. Phase 2: one Stripe refund per part, with an idempotency key per
 * (our key, PaymentIntent). Phase 3: SUCCEEDED; or, on a definite refusal, the part's cents back in the wallet;
 * an unknown outcome stays PROCESSING for a retry with the same key (or the refund's webhook) to settle.
 */
export async function refundWalletBalance(ctx: Context, input: WalletRefundInput): Promise<WalletRefundResult> {
  authorize(ctx.viewer, canRefund);
  const { stripe } = paymentsDeps(ctx);
  if (!stripe) throw notConfigured();
  const reason = reasonOf(input.reason);
  const key = idempotencyKeyOf(input.idempotencyKey);
  if (input.amountCents != null) assertAmount(input.amountCents);

  const replay = (previous: WalletRefund) => {
    if (previous.userId !== input.userId) throw conflict('This idempotency key was already used for another wallet refund.');
    if (input.amountCents != null && input.amountCents !== previous.amountCents) {
      throw conflict('This idempotency key was already used for a different amount.');
    }
  };
  const previous = await ctx.prisma.walletRefund.findUnique({ where: { idempotencyKey: key } });
  if (previous) {
    replay(previous);
    return settle(ctx, stripe, previous.id, true);
  }
  const user = await ctx.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!user) throw notFound('User');
  await ensurePlatformAccounts(ctx.prisma);
  await ensureUserAccounts(ctx.prisma, { wallets: [input.userId] });
  const wallet = walletAccountId(input.userId);

  const reserved = await paymentsTransaction(ctx, async (tx, after) => {
    const locked = await lockAccounts(tx, [wallet, PLATFORM_ACCOUNTS.stripeClearing.id]);
    const again = await tx.walletRefund.findUnique({ where: { idempotencyKey: key } });
    if (again) {
      replay(again);
      return { id: again.id, replayed: true };
    }
    const balance = Number(locked.get(wallet)!.balance);
    const amount = input.amountCents ?? balance;
    if (amount <= 0 || amount > balance) {
      throw insufficientFunds(balance ? `The wallet holds only ${balance} cents.` : 'The wallet is empty: nothing to refund.', {
        account: 'wallet',
        balanceCents: balance,
        requiredCents: amount,
      });
    }
    // What each succeeded top-up can still take back: its amount less the parts not failed (a failed part's
    // money never left the PaymentIntent). Newest first.
    const topUps = await tx.$queryRawUnsafe<Array<{ id: string; pi: string; refundable: number }>>(
      `SELECT u.id, u.stripe_payment_intent_id AS pi,
              (u.amount_cents - COALESCE((SELECT sum(p.amount_cents) FROM wallet_refund_parts p
                                           WHERE p.top_up_id = u.id AND p.status <> 'FAILED'), 0))::int AS refundable
         FROM top_ups u
        WHERE u.user_id = $1 AND u.status = 'SUCCEEDED'
        ORDER BY u.created_at DESC, u.id DESC`,
      input.userId,
    );
    assertWithinMoneyCap(amount, moneyCapFor(ctx.viewer, 'REFUNDS', await getIntSetting(tx, 'support_refund_limit_cents')));
    const refundable = topUps.reduce((s, t) => s + Math.max(0, t.refundable), 0);
    if (amount > refundable) {
      throw badInput(refundable === 0
          ? 'Nothing in this wallet can go back to a card: no card top-up is left to refund (credit from adjustments or demo credit has no card to return to).'
          : `At most ${refundable} cents can go back to the card(s): the rest of the balance did not come from card top-ups that can still be refunded.`,
        { field: 'amountCents', refundableCents: refundable, balanceCents: balance },
      );
    }
    const request = await tx.walletRefund.create({
      data: { userId: input.userId, amountCents: amount, idempotencyKey: key, reason, requestedById: ctx.viewer?.id ?? null },
    });
    let left = amount;
    let last: { transactionId: string; balanceCents: number } | null = null;
    for (const t of topUps) {
      if (left === 0) break;
      const part = Math.min(left, t.refundable);
      if (part <= 0) continue;
      left -= part;
      const partId = randomUUID();
      const posted = await post(tx, {
        idempotencyKey: `wallet-refund:${partId}`,
        type: 'REFUND',
        status: 'PENDING',
        amountCents: part,
        userId: input.userId,
        stripePaymentIntentId: t.pi,
        actorId: ctx.viewer?.id ?? null,
        reason,
        description: 'Wallet balance refunded to the card',
        metadata: { walletRefundId: request.id, walletRefundPartId: partId, topUpId: t.id },
        entries: [
          { accountId: wallet, amountCents: -part },
          { accountId: PLATFORM_ACCOUNTS.stripeClearing.id, amountCents: part },
        ],
      });
      last = { transactionId: posted.transactionId, balanceCents: posted.balances.get(wallet)! };
      await tx.walletRefundPart.create({
        data: { id: partId, walletRefundId: request.id, topUpId: t.id, stripePaymentIntentId: t.pi, amountCents: part, transactionId: posted.transactionId },
      });
      await audit(tx, ctx, {
        action: 'payments:wallet_refund',
        entityType: 'WalletRefundPart',
        entityId: partId,
        changes: { walletRefundId: request.id, userId: input.userId, topUpId: t.id, paymentIntentId: t.pi, amountCents: part, reason },
      });
    }
    // Announce the debit (WITHDRAWAL: it does not fire auto-reload, taking credit back to the card is no reason to
    // charge the card again).
    if (last) await paymentsDeps(ctx).money.moved(tx, after, walletMoved({ userId: input.userId, cause: 'REFUND', lowBalance: false, ...last }, 'WITHDRAWAL'));
    return { id: request.id, replayed: false };
  });
  return settle(ctx, stripe, reserved.id, reserved.replayed);
}

/** Phase 2 and 3 for every part still PROCESSING (first call, or a retry after an unknown outcome). */
async function settle(ctx: Context, stripe: Stripe, walletRefundId: string, replayed: boolean): Promise<WalletRefundResult> {
  const request = await load(ctx, walletRefundId);
  for (const part of request.parts) {
    if (part.status !== 'PROCESSING') continue;
    let refund: Stripe.Refund;
    try {
      refund = await stripe.refunds.create(
        {
          payment_intent: part.stripePaymentIntentId,
          amount: part.amountCents,
          reason: 'requested_by_customer',
          metadata: { userId: request.userId, walletRefundId: request.id, walletRefundPartId: part.id, topUpId: part.topUpId },
        },
        { idempotencyKey: stripeRefundKey(request.idempotencyKey, part.stripePaymentIntentId) },
      );
    } catch (error) {
      if (!isDefiniteRefusal(error)) continue;
      const message = String((error as Error).message ?? 'refund refused').slice(0, 480);
      await paymentsTransaction(ctx, (tx, after) => restorePart(ctx, tx, after, part.id, `Stripe refused the refund: ${message}`, null));
      continue;
    }
    if (refund.status && FAILED_REFUND_STATUSES.has(refund.status)) {
      await paymentsTransaction(ctx, (tx, after) =>
        restorePart(ctx, tx, after, part.id, `Stripe refund ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`, null, {
          stripeRefundId: refund.id,
          stripeStatus: refund.status,
        }),
      );
      continue;
    }
    await paymentsTransaction(ctx, async (tx) => {
      await tx.$queryRaw`SELECT id FROM wallet_refund_parts WHERE id = ${part.id} FOR UPDATE`;
      const current = await tx.walletRefundPart.findUniqueOrThrow({ where: { id: part.id } });
      if (current.status !== 'FAILED') await completePart(tx, current, refund);
    });
  }
  const balanceCents = await paymentsDeps(ctx).money.balanceOf(request.userId);
  return { walletRefund: await load(ctx, walletRefundId), balanceCents, replayed };
}

/** A request's state from its parts. */
export function walletRefundStatus(parts: Array<Pick<WalletRefundPart, 'status'>>): 'PROCESSING' | 'SUCCEEDED' | 'PARTIALLY_FAILED' | 'FAILED' {
  if (parts.some((p) => p.status === 'PROCESSING')) return 'PROCESSING';
  const failed = parts.filter((p) => p.status === 'FAILED').length;
  if (failed === 0) return 'SUCCEEDED';
  return failed === parts.length ? 'FAILED' : 'PARTIALLY_FAILED';
}

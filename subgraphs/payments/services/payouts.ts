import type Stripe from 'stripe';
import type { Payout } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import { requireTwoFactorViewer, requireViewer } from '../../../shared/authz.js';
import { badInput, conflict, insufficientFunds, notFound } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { authorize, canOpenPayoutAccount, canPayOut } from '../authz.js';
import { paymentsDeps } from '../deps.js';
import { PLATFORM_ACCOUNTS, assertAmount, earningsAccountId, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, lockAccounts, post, type Tx } from './ledger.js';
import { paymentsTransaction } from './payments-transaction.js';
import { isDefiniteRefusal, notConfigured, stripeFailure } from './stripe-client.js';
import { notifyPayout, notifyPayoutReversed } from './money-notices.js';
import type { NotificationsPort } from '../../../shared/ports.js';

function requireStripe(ctx: Pick<Context, 'deps'>): Stripe {
  const { stripe } = paymentsDeps(ctx);
  if (!stripe) throw notConfigured();
  return stripe;
}

export interface PayoutInput {
  readerId: string;
  /** Null pays everything available. */
  amountCents?: number | null;
  idempotencyKey: string;
}

const SAFE_URL = /^(https:\/\/[^\s]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s]*)?)$/;

/**
 * Stripe `transfer.reversed` (the transfer of a payout was reversed, in full or in part, e.g. by the platform in the
 * dashboard or after a dispute): the reversed amount goes back into the reader's earnings, inside the webhook's
 * transaction. The event carries the cumulative `amount_reversed`, so each delivery restores only what has not been
 * restored yet (replays and out-of-order deliveries restore nothing twice); a full reversal marks the payout FAILED.
 * The reader is told (PAYOUT_FAILED, `data.reversedCents`) in the same transaction, once per amount restored.
 */
export async function applyTransferReversal(tx: Tx, transfer: Stripe.Transfer, eventId: string, notifications?: NotificationsPort): Promise<string> {
  const [payout] = await tx.$queryRaw<Payout[]>`SELECT id FROM payouts WHERE stripe_transfer_id = ${transfer.id} FOR UPDATE`;
  if (!payout) return 'IGNORED_UNKNOWN_TRANSFER';
  const row = await tx.payout.findUniqueOrThrow({ where: { id: payout.id } });
  const original = await tx.transaction.findUnique({ where: { idempotencyKey: `payout:${row.id}` } });
  if (!original) return 'IGNORED_UNKNOWN_TRANSFER';
  const reversed = Math.min(Math.max(0, transfer.amount_reversed ?? 0), row.amountCents);
  const done = await tx.transaction.aggregate({ where: { payoutId: row.id, type: 'PAYOUT', reversesId: original.id }, _sum: { amountCents: true } });
  const delta = reversed - (done._sum.amountCents ?? 0);
  if (delta <= 0) return 'IGNORED_ALREADY_RESTORED';
  await post(tx, {
    idempotencyKey: `transfer-reversed:${row.id}:${reversed}`,
    type: 'PAYOUT',
    amountCents: delta,
    userId: row.readerId,
    readerId: row.readerId,
    payoutId: row.id,
    reversesId: original.id,
    stripeEventId: eventId,
    reason: 'Stripe transfer reversed',
    description: reversed === row.amountCents ? 'Payout transfer reversed: earnings restored' : 'Payout transfer partly reversed: earnings restored',
    entries: [
      { accountId: earningsAccountId(row.readerId), amountCents: delta },
      { accountId: PLATFORM_ACCOUNTS.payoutsClearing.id, amountCents: -delta },
    ],
  });
  await audit(tx, { viewer: null, ip: null, userAgent: null }, {
    action: 'payments:payout_reversed',
    entityType: 'Payout',
    entityId: row.id,
    changes: { transferId: transfer.id, reversedCents: reversed, restoredCents: delta },
  });
  if (reversed === row.amountCents) {
    await tx.transaction.update({ where: { id: original.id }, data: { status: 'FAILED' } });
    await tx.payout.update({ where: { id: row.id }, data: { status: 'FAILED', failureReason: 'Stripe transfer reversed', processedAt: new Date() } });
  }
  await notifyPayoutReversed(notifications, tx, row, { reversedCents: reversed, restoredCents: delta });
  return 'PROCESSED';
}

/** The reader's Connect Express account (created once) and a fresh onboarding link. */
export async function createPayoutAccountLink(ctx: Context, urls: { returnUrl: string; refreshUrl: string }) {
  authorize(ctx.viewer, canOpenPayoutAccount);
  const readerId = requireTwoFactorViewer(ctx, 'change payout details').id;
  const stripe = requireStripe(ctx);
  for (const [field, url] of Object.entries(urls)) {
    if (!SAFE_URL.test(url) || url.length > 2000) throw badInput(`${field} must be an https URL.`, { field });
  }
  let account = await ctx.prisma.connectAccount.findUnique({ where: { userId: readerId } });
  if (!account) {
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: readerId }, select: { email: true } });
    let created: Stripe.Account;
    try {
      created = await stripe.accounts.create(
        { type: 'express', email: user.email, capabilities: { transfers: { requested: true } }, metadata: { userId: readerId } },
        { idempotencyKey: `connect:${readerId}` },
      );
    } catch (error) {
      throw stripeFailure(error, 'create the payout account');
    }
    account = await ctx.prisma.connectAccount.upsert({
      where: { userId: readerId },
      create: { userId: readerId, stripeAccountId: created.id, payoutsEnabled: !!created.payouts_enabled, detailsSubmitted: !!created.details_submitted },
      update: {},
    });
  }
  try {
    const link = await stripe.accountLinks.create({
      account: account.stripeAccountId,
      return_url: urls.returnUrl,
      refresh_url: urls.refreshUrl,
      type: 'account_onboarding',
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000), account };
  } catch (error) {
    throw stripeFailure(error, 'create the onboarding link');
  }
}

/**
 * Pays a reader's earnings to their Connect account. Phase 1 (one DB transaction, earnings account locked):
 * threshold and balance checks, a PROCESSING payout and the ledger move earnings → payouts clearing; a second
 * request racing it sees the reduced balance. Phase 2: the Stripe transfer (idempotency key = payout id).
 * Phase 3: COMPLETED, or FAILED with the earnings restored by a reversing transaction.
 */
export async function requestPayout(ctx: Context, input: PayoutInput) {
  authorize(ctx.viewer, canPayOut);
  return payOut(ctx, input);
}

/** requestPayout without the viewer's check: also the daily run's (no viewer). */
async function payOut(ctx: Context, input: PayoutInput) {
  const stripe = requireStripe(ctx);
  const key = idempotencyKeyOf(input.idempotencyKey);
  if (input.amountCents != null) assertAmount(input.amountCents);
  const previous = await ctx.prisma.payout.findUnique({ where: { idempotencyKey: `payout:${key}` } });
  if (previous) {
    if (previous.readerId !== input.readerId) throw conflict('This idempotency key was already used for another payout.');
    if (previous.status !== 'PROCESSING') return previous;
    // The transfer's outcome was never recorded (network failure or crash): ask again with the same Stripe
    // idempotency key, so Stripe answers with the first transfer if it was made.
    const connect = await ctx.prisma.connectAccount.findUniqueOrThrow({ where: { userId: previous.readerId } });
    return transfer(ctx, stripe, previous, connect.stripeAccountId);
  }
  const reader = await ctx.prisma.user.findUnique({ where: { id: input.readerId }, select: { role: true } });
  if (!reader || reader.role !== 'READER') throw notFound('Reader');
  let connect = await ctx.prisma.connectAccount.findUnique({ where: { userId: input.readerId } });
  if (!connect) throw badInput('The reader has no payout account yet (createPayoutAccountLink).', { field: 'readerId' });
  if (!connect.payoutsEnabled) {
    const remote = await stripe.accounts.retrieve(connect.stripeAccountId).catch((e) => Promise.reject(stripeFailure(e, 'check the payout account')));
    connect = await ctx.prisma.connectAccount.update({
      where: { id: connect.id },
      data: { payoutsEnabled: !!remote.payouts_enabled, detailsSubmitted: !!remote.details_submitted },
    });
    if (!connect.payoutsEnabled) throw badInput('The reader has not finished payout onboarding.', { field: 'readerId' });
  }
  const threshold = await getIntSetting(ctx.prisma, 'payout_threshold_cents');
  await ensurePlatformAccounts(ctx.prisma);
  await ensureUserAccounts(ctx.prisma, { earnings: [input.readerId] });
  const earnings = earningsAccountId(input.readerId);

  const payout = await paymentsTransaction(ctx, async (tx) => {
    const locked = await lockAccounts(tx, [earnings, PLATFORM_ACCOUNTS.payoutsClearing.id]);
    const again = await tx.payout.findUnique({ where: { idempotencyKey: `payout:${key}` } });
    if (again) return again;
    const available = Number(locked.get(earnings)!.balance);
    const amount = input.amountCents ?? available;
    if (amount < threshold) {
      throw badInput(`A payout must be at least ${threshold} cents (available: ${available}).`, { field: 'amountCents', thresholdCents: threshold, availableCents: available });
    }
    if (amount > available) {
      throw insufficientFunds(`Only ${available} cents are available for payout.`, { availableCents: available });
    }
    const created = await tx.payout.create({
      data: { readerId: input.readerId, amountCents: amount, status: 'PROCESSING', idempotencyKey: `payout:${key}`, requestedById: ctx.viewer?.id ?? null },
    });
    await post(tx, {
      idempotencyKey: `payout:${created.id}`,
      type: 'PAYOUT',
      status: 'PENDING',
      amountCents: amount,
      userId: input.readerId,
      readerId: input.readerId,
      payoutId: created.id,
      actorId: ctx.viewer?.id ?? null,
      description: 'Payout to Stripe Connect',
      entries: [
        { accountId: earnings, amountCents: -amount },
        { accountId: PLATFORM_ACCOUNTS.payoutsClearing.id, amountCents: amount },
      ],
    });
    await audit(tx, ctx, { action: 'payments:payout', entityType: 'Payout', entityId: created.id, changes: { readerId: input.readerId, amountCents: amount } });
    return created;
  });
  if (payout.status !== 'PROCESSING' || payout.stripeTransferId) return payout;
  return transfer(ctx, stripe, payout, connect.stripeAccountId);
}

/**
 * Phase 2 and 3 of a payout. A definite refusal (Stripe answered 4xx) fails the payout and restores the
 * earnings; an unknown outcome (network error, Stripe 5xx) leaves it PROCESSING for a retry with the same key
 * (reconciliation lists it after an hour) — restoring then could pay the reader twice.
 */
async function transfer(ctx: Context, stripe: Stripe, payout: Payout, destination: string): Promise<Payout> {
  let made: Stripe.Transfer;
  try {
    made = await stripe.transfers.create(
      { amount: payout.amountCents, currency: 'usd', destination, metadata: { payoutId: payout.id, readerId: payout.readerId } },
      { idempotencyKey: `transfer:${payout.id}` },
    );
  } catch (error) {
    // A concurrent request with the same key (409 / idempotency error) is no refusal: its transfer may go through.
    if (!isDefiniteRefusal(error)) return payout;
    return failPayout(ctx, payout.id, String((error as Error).message ?? 'transfer failed').slice(0, 500));
  }
  return paymentsTransaction(ctx, async (tx) => {
    // Only a payout still in flight completes (never one already settled by a racing request).
    const moved = await tx.payout.updateMany({ where: { id: payout.id, status: 'PROCESSING' }, data: { status: 'COMPLETED', stripeTransferId: made.id, processedAt: new Date() } });
    if (moved.count) {
      await tx.transaction.updateMany({ where: { payoutId: payout.id, type: 'PAYOUT', reversesId: null, status: 'PENDING' }, data: { status: 'COMPLETED', stripeTransferId: made.id } });
      await notifyPayout(paymentsDeps(ctx).money.notifications, tx, payout, { sent: true });
    }
    return tx.payout.findUniqueOrThrow({ where: { id: payout.id } });
  });
}

/** Marks a payout FAILED and puts its amount back into the reader's earnings (once). */
async function failPayout(ctx: Context, payoutId: string, reason: string) {
  return paymentsTransaction(ctx, async (tx) => {
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId } });
    if (payout.status === 'FAILED' || payout.status === 'COMPLETED') return payout;
    const original = await tx.transaction.findUniqueOrThrow({ where: { idempotencyKey: `payout:${payout.id}` } });
    await post(tx, {
      idempotencyKey: `payout-failed:${payout.id}`,
      type: 'PAYOUT',
      amountCents: payout.amountCents,
      userId: payout.readerId,
      readerId: payout.readerId,
      payoutId: payout.id,
      reversesId: original.id,
      reason,
      description: 'Payout failed: earnings restored',
      entries: [
        { accountId: earningsAccountId(payout.readerId), amountCents: payout.amountCents },
        { accountId: PLATFORM_ACCOUNTS.payoutsClearing.id, amountCents: -payout.amountCents },
      ],
    });
    await tx.transaction.update({ where: { id: original.id }, data: { status: 'FAILED' } });
    await audit(tx, ctx, { action: 'payments:payout_failed', entityType: 'Payout', entityId: payout.id, changes: { reason } });
    await notifyPayout(paymentsDeps(ctx).money.notifications, tx, payout, { sent: false, reason });
    return tx.payout.update({ where: { id: payout.id }, data: { status: 'FAILED', failureReason: reason, processedAt: new Date() } });
  });
}

/**
 * The optional daily run (a job: no viewer): pays every reader whose earnings reached the threshold and who can be
 * paid; each reader's failure is returned in its place.
 */
export async function runAutomaticPayouts(ctx: Context, day: string): Promise<Array<Payout | Error>> {
  const threshold = await getIntSetting(ctx.prisma, 'payout_threshold_cents');
  const due = await ctx.prisma.$queryRawUnsafe<Array<{ user_id: string }>>(
    `SELECT a.user_id FROM ledger_accounts a JOIN connect_accounts c ON c.user_id = a.user_id
      WHERE a.kind = 'READER_EARNINGS' AND a.balance_cents >= $1 AND c.payouts_enabled`,
    threshold,
  );
  const results: Array<Payout | Error> = [];
  for (const r of due) {
    results.push(await payOut(ctx, { readerId: r.user_id, idempotencyKey: `daily:${day}:${r.user_id}` }).catch((e: unknown) => e as Error));
  }
  return results;
}


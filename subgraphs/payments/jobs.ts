import type { TaskList } from 'graphile-worker';
import { backgroundContext, type Context, type ServiceDeps } from '../../shared/context.js';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { logger } from '../../shared/logger.js';
import type { PubSub } from '../../shared/pubsub.js';
import { getIntSetting } from '../../shared/settings.js';
import { paymentsDeps } from './deps.js';
import { MONEY_MOVED_TASK, moneyMovedTask } from './services/outbox.js';
import { PRODUCT_SYNC_TASK, syncProductToStripe } from './services/product-sync.js';
import { CARD_REFUND_TASK, sendCardRefund } from './services/card-refunds.js';
import { runAutomaticPayouts } from './services/payouts.js';
import { rearmAutoReload } from './services/rearm.js';
import { autoReload } from './services/topups.js';
import { expireBookingCredits } from './services/booking-credits.js';

export const PAYMENT_TASKS = {
  /** The optional daily automatic payout run (PRODUCT.md "Payouts"). */
  dailyPayouts: 'payments.daily-payouts',
  /** The effects of a committed money movement (outbox.ts), queued in the movement's transaction by whoever moved it. */
  moneyMoved: MONEY_MOVED_TASK,
  /** A product's Stripe Product and Price, pushed after the write that queued it (product-sync.ts). */
  productSync: PRODUCT_SYNC_TASK,
  /** A shop order's card refund, sent (and retried with the same key) after the transaction that decided it (card-refunds.ts). */
  cardRefund: CARD_REFUND_TASK,
  /** Available booking credits past their expiry become EXPIRED (booking-credits.ts); redemption checks the time too. */
  expireBookingCredits: 'payments.expire-booking-credits',
} as const;

/**
 * Payouts every day at 03:00 UTC; a run missed while no payments instance was up is made at start within 12 hours
 * (the task does nothing unless the `auto_payouts_enabled` setting is 1). Booking credit expiry every hour.
 */
export const PAYMENT_CRON = [
  { task: PAYMENT_TASKS.dailyPayouts, match: '0 3 * * *', backfillSeconds: 12 * 3600 },
  { task: PAYMENT_TASKS.expireBookingCredits, match: '17 * * * *', backfillSeconds: 3600 },
];

export interface DailyPayoutsOutcome {
  /** Why nothing was paid, when the run was skipped. */
  skipped: 'DISABLED' | 'PAYMENTS_NOT_CONFIGURED' | null;
  day: string;
  /** Payouts made or found (a second run of the same day finds the first run's), and readers whose payout failed. */
  payoutIds: string[];
  failures: Array<{ message: string }>;
}

/**
 * The daily run: pays every reader whose earnings reached payout_threshold_cents and whose payout account can be
 * paid, once per reader and day (the payout's idempotency key is `daily:<day>:<reader>`, so running the same day
 * again, on another instance or after a crash, pays nobody twice). `day` is the cron slot's UTC date.
 */
export async function runDailyPayouts(ctx: Context, day: string): Promise<DailyPayoutsOutcome> {
  if ((await getIntSetting(ctx.prisma, 'auto_payouts_enabled')) !== 1) return { skipped: 'DISABLED', day, payoutIds: [], failures: [] };
  if (!paymentsDeps(ctx).stripe) return { skipped: 'PAYMENTS_NOT_CONFIGURED', day, payoutIds: [], failures: [] };
  const results = await runAutomaticPayouts(ctx, day);
  const payoutIds: string[] = [];
  const failures: Array<{ message: string }> = [];
  for (const r of results) {
    if (r instanceof Error) failures.push({ message: r.message });
    else payoutIds.push(r.id);
  }
  // The reader is in the message (the payout's idempotency key), never their email.
  for (const f of failures) logger('payments').warn({ day, failure: f.message }, 'daily payout run: a payout failed');
  return { skipped: null, day, payoutIds, failures };
}

/**
 * Task handlers for payments' job runner; each run calls payments' services with a background context (no viewer)
 * over `deps`. The cron payload carries the slot's time in `_cron.ts`.
 */
export function paymentTasks(rt: { prisma: PrismaClient; pubsub: PubSub }, deps: ServiceDeps): TaskList {
  const context = (task: string) => backgroundContext(rt, deps, `job:${task}:${Date.now()}`);
  return {
    [PAYMENT_TASKS.moneyMoved]: moneyMovedTask({
      publish: (events) => paymentsDeps({ deps }).money.publish(events),
      autoReload: (userIds) => autoReload(context(PAYMENT_TASKS.moneyMoved), userIds),
      rearm: async (userIds) => {
        for (const userId of userIds) await rearmAutoReload(rt.prisma, [userId]);
      },
    }),
    [PAYMENT_TASKS.productSync]: async (payload) => {
      const { productId } = payload as { productId: string };
      await syncProductToStripe(context(PAYMENT_TASKS.productSync), productId);
    },
    [PAYMENT_TASKS.cardRefund]: async (payload) => {
      const { cardRefundId } = payload as { cardRefundId: string };
      await sendCardRefund(context(PAYMENT_TASKS.cardRefund), cardRefundId);
    },
    [PAYMENT_TASKS.expireBookingCredits]: async () => {
      const expired = await expireBookingCredits(rt.prisma);
      if (expired) logger('payments').info({ expired }, 'booking credits expired');
    },
    [PAYMENT_TASKS.dailyPayouts]: async (payload) => {
      const ts = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
      const day = (ts ? new Date(ts) : new Date()).toISOString().slice(0, 10);
      const outcome = await runDailyPayouts(context(PAYMENT_TASKS.dailyPayouts), day);
      if (outcome.skipped === 'PAYMENTS_NOT_CONFIGURED') logger('payments').warn({ day }, 'daily payout run skipped: Stripe is not configured');
    },
  };
}

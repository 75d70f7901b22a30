import type { TaskList } from 'graphile-worker';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { getIntSetting } from '../../shared/settings.js';
import { MONEY_MOVED_TASK, moneyMovedTask } from './services/outbox.js';
import type { PaymentsService } from './services/payments.js';

export const PAYMENT_TASKS = {
  /** The optional daily automatic payout run (PRODUCT.md "Payouts"). */
  dailyPayouts: 'payments.daily-payouts',
  /** The effects of a committed money movement (outbox.ts), queued in the movement's transaction by whoever moved it. */
  moneyMoved: MONEY_MOVED_TASK,
} as const;

/**
 * Every day at 03:00 UTC; a run missed while no payments instance was up is made at start within 12 hours. The
 * task does nothing unless the `auto_payouts_enabled` setting is 1.
 */
export const PAYMENT_CRON = [{ task: PAYMENT_TASKS.dailyPayouts, match: '0 3 * * *', backfillSeconds: 12 * 3600 }];

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
export async function runDailyPayouts(prisma: PrismaClient, payments: PaymentsService, day: string): Promise<DailyPayoutsOutcome> {
  if ((await getIntSetting(prisma, 'auto_payouts_enabled')) !== 1) return { skipped: 'DISABLED', day, payoutIds: [], failures: [] };
  if (!payments.stripeConfigured) return { skipped: 'PAYMENTS_NOT_CONFIGURED', day, payoutIds: [], failures: [] };
  const results = await payments.runAutomaticPayouts({ viewer: null, ip: null, userAgent: null }, day);
  const payoutIds: string[] = [];
  const failures: Array<{ message: string }> = [];
  for (const r of results) {
    if (r instanceof Error) failures.push({ message: r.message });
    else payoutIds.push(r.id);
  }
  for (const f of failures) console.warn(`[payments] daily payout run ${day}: ${f.message}`);
  return { skipped: null, day, payoutIds, failures };
}

/** Task handlers for payments' job runner. The cron payload carries the slot's time in `_cron.ts`. */
export function paymentTasks(prisma: PrismaClient, payments: PaymentsService): TaskList {
  return {
    [PAYMENT_TASKS.moneyMoved]: moneyMovedTask({
      publish: (events) => payments.money.publish(events),
      autoReload: (userIds) => payments.autoReload(userIds),
      rearm: async (userIds) => {
        for (const userId of userIds) await payments.rearm(prisma, userId);
      },
    }),
    [PAYMENT_TASKS.dailyPayouts]: async (payload) => {
      const ts = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
      const day = (ts ? new Date(ts) : new Date()).toISOString().slice(0, 10);
      const outcome = await runDailyPayouts(prisma, payments, day);
      if (outcome.skipped === 'PAYMENTS_NOT_CONFIGURED') console.warn(`[payments] daily payout run ${day} skipped: Stripe is not configured`);
    },
  };
}

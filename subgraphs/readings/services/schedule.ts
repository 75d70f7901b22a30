import type { Context } from '../../../shared/context.js';
import { readingsDeps } from '../deps.js';
import type { Tx } from './session-store.js';

/**
 * The durable timers' names and keys, and how a transition queues or drops them: always with `tx`, inside the
 * transaction of the change they follow, so a timer exists exactly when that change committed. The handlers are
 * in timers.ts.
 */

export const TASKS = {
  expireRequest: 'readings.expire-request',
  noShow: 'readings.no-show',
  /** The billing sweep: one recurring job (one job key) that charges every session whose next minute started. */
  billingSweep: 'readings.billing-sweep',
  graceExpired: 'readings.grace-expired',
  reminder: 'readings.reminder',
  sweep: 'readings.sweep',
} as const;

/** The safety net runs every minute (timers.ts, sweep). */
export const CRON = [{ task: TASKS.sweep, match: '* * * * *' }];

/** One pending timer per session and kind. */
export const jobKey = {
  expire: (id: string) => `session:${id}:expire`,
  noShow: (id: string) => `session:${id}:no-show`,
  grace: (id: string) => `session:${id}:grace`,
  reminder: (id: string) => `session:${id}:reminder`,
  /** The second reminder of a booking, 24 hours before (the first one is REMINDER_LEAD_SECONDS before). */
  reminderDayBefore: (id: string) => `session:${id}:reminder-24h`,
};

/** Queues (or moves) a session's timer inside the transaction; nothing without a job queue. */
export async function scheduleTimer(ctx: Pick<Context, 'deps'>, tx: Tx, task: string, sessionId: string, key: string, runAt: Date): Promise<void> {
  await readingsDeps(ctx).jobs?.add(tx, task, { sessionId }, { runAt, jobKey: key });
}

/** Drops a session's timers inside the transaction. */
export async function unscheduleTimers(ctx: Pick<Context, 'deps'>, tx: Tx, ...keys: string[]): Promise<void> {
  const jobs = readingsDeps(ctx).jobs;
  if (!jobs) return;
  if (keys.length) await jobs.remove(tx, keys);
}

/** A confirmed booking's reminder (availability.ts). */
export async function scheduleReminder(ctx: Pick<Context, 'deps'>, tx: Tx, sessionId: string, runAt: Date): Promise<void> {
  await scheduleTimer(ctx, tx, TASKS.reminder, sessionId, jobKey.reminder(sessionId), runAt);
}

/** A confirmed booking more than a day ahead also gets a reminder 24 hours before (same handler, timers.ts remind). */
export async function scheduleDayBeforeReminder(ctx: Pick<Context, 'deps'>, tx: Tx, sessionId: string, scheduledAt: Date, now: Date): Promise<void> {
  const at = new Date(scheduledAt.getTime() - 86_400_000);
  if (at > now) await scheduleTimer(ctx, tx, TASKS.reminder, sessionId, jobKey.reminderDayBefore(sessionId), at);
}

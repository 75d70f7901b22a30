import type { JobsConfig } from '../../../shared/jobs.js';
import { pruneDeadJobs, retentionTask, type Prune } from '../../../shared/retention.js';
import { PAYMENT_TASKS } from '../jobs.js';

/**
 * Payments' retention (shared/retention.ts): Stripe events `webhookDays` after receipt, except the ones a ledger
 * row refers to (evidence of a credit, read by reconcile), and dead job rows of payments' own tasks. The ledger
 * (transactions, wallets) is never pruned. A pruned event replayed later is refused anyway: Stripe signatures
 * carry a timestamp checked against a few minutes' tolerance.
 */
export function prunePayments(jobs: JobsConfig | null): Prune {
  return async (prisma, periods, now) => {
    const events = await prisma.$executeRaw`
      DELETE FROM stripe_events s
       WHERE s.received_at < (${new Date(now.getTime() - periods.webhookDays * 86_400_000).toISOString()}::timestamptz AT TIME ZONE 'UTC')
         AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.stripe_event_id = s.id)`;
    const dead = jobs ? await pruneDeadJobs(prisma, jobs, [...Object.values(PAYMENT_TASKS), retentionTask('payments')], periods, now) : 0;
    return { stripe_events: events, dead_jobs: dead };
  };
}

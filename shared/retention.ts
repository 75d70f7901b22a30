import type { TaskList } from 'graphile-worker';
import type { PrismaClient } from './db/generated/client.js';
import { migrateJobs, startJobRunner, type JobRunner, type JobsConfig } from './jobs.js';
import { logger } from './logger.js';

/**
 * Retention (docs/operations.md, "Retention"): rows that only guard against replays or record finished work are
 * deleted once they can no longer matter. Each owner prunes its own tables with its own rules
 * (subgraphs/<owner>/services/retention.ts) from a daily cron job of its own; the ledger (transactions and
 * wallets), the audit log and the Stripe events the ledger refers to are never pruned.
 */
export interface RetentionPeriods {
  /** Processed webhook ids and LiveKit participant-event marks (RETENTION_WEBHOOK_DAYS, default 30). */
  webhookDays: number;
  /** Dead job rows, attempts exhausted (RETENTION_DEAD_JOB_DAYS, default 30). */
  deadJobDays: number;
  /** Refresh tokens past their expiry, revoked or not (RETENTION_REFRESH_TOKEN_DAYS, default 30). */
  refreshTokenDays: number;
  /** Reader invites past their expiry and never accepted (RETENTION_INVITE_DAYS, default 30). */
  inviteDays: number;
}

function days(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

export function retentionPeriods(env: NodeJS.ProcessEnv = process.env): RetentionPeriods {
  return {
    webhookDays: days(env.RETENTION_WEBHOOK_DAYS, 30),
    deadJobDays: days(env.RETENTION_DEAD_JOB_DAYS, 30),
    refreshTokenDays: days(env.RETENTION_REFRESH_TOKEN_DAYS, 30),
    inviteDays: days(env.RETENTION_INVITE_DAYS, 30),
  };
}

/** Deleted rows by table. */
export type Pruned = Record<string, number>;

/** The owner's pruning: its own tables only. */
export type Prune = (prisma: PrismaClient, periods: RetentionPeriods, now: Date) => Promise<Pruned>;

/** Daily at 03:17 UTC; a slot missed while no runner was up runs at start (up to a day late). */
export const RETENTION_CRON_MATCH = '17 3 * * *';

export const retentionTask = (owner: string) => `${owner}.retention`;

/**
 * Deletes the dead job rows (attempts exhausted, untouched for `deadJobDays`) of the tasks `tasks` (the owner's own).
 * Completed jobs are deleted by graphile-worker itself; a dead one stays until this.
 */
export async function pruneDeadJobs(prisma: PrismaClient, jobs: JobsConfig, tasks: readonly string[], periods: RetentionPeriods, now: Date): Promise<number> {
  const schema = jobs.schema ?? 'graphile_worker';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid jobs schema ${schema}`);
  const identifiers = tasks.map((t) => (jobs.prefix ?? '') + t);
  return prisma.$executeRawUnsafe(
    `DELETE FROM "${schema}"._private_jobs j USING "${schema}"._private_tasks t
      WHERE j.task_id = t.id AND t.identifier = ANY($1::text[]) AND j.attempts >= j.max_attempts AND j.locked_at IS NULL
        AND j.updated_at < $2::timestamptz - make_interval(days => $3::int)`,
    identifiers,
    now.toISOString(),
    periods.deadJobDays,
  );
}

/** The owner's retention task and its daily cron entry, for a job runner (startJobRunner) the owner runs. */
export function retentionJob(owner: string, prisma: PrismaClient, prune: Prune): { tasks: TaskList; cron: Array<{ task: string; match: string; backfillSeconds: number }> } {
  const task = retentionTask(owner);
  return {
    tasks: {
      [task]: async () => {
        const pruned = await prune(prisma, retentionPeriods(), new Date());
        logger(owner).info({ pruned }, 'retention: old rows pruned');
      },
    },
    cron: [{ task, match: RETENTION_CRON_MATCH, backfillSeconds: 24 * 3600 }],
  };
}

/**
 * Runs the owner's retention job on a runner of its own (for an owner with no other jobs), taking only
 * `<owner>.retention`, fired daily by cron (once per day however many instances run).
 */
export async function startRetention(jobs: JobsConfig, owner: string, prisma: PrismaClient, prune: Prune): Promise<JobRunner> {
  await migrateJobs(jobs);
  const { tasks, cron } = retentionJob(owner, prisma, prune);
  return startJobRunner({ ...jobs, concurrency: 1 }, tasks, cron);
}

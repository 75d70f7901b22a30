import type { Task } from 'graphile-worker';
import { createJobQueue, migrateJobs, type JobsConfig } from '../../../shared/jobs.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { Tx, TransactionTypeName } from './ledger.js';

/**
 * The transactional outbox of money movements. Whatever process moves money (readings' billing, community's gifts,
 * payments itself) queues one job in the SAME database transaction as the movement, so the job exists exactly when
 * the movement committed, whoever crashes afterwards. Payments' job runner takes it, in whichever payments instance,
 * after commit: it announces `walletUpdated` and, for a debit, checks auto-reload (for a credit, re-arms it).
 */
export const MONEY_MOVED_TASK = 'payments.money-moved';

/**
 * One committed movement's effects, per wallet in parallel arrays (a billing sweep carries thousands of clients in
 * one job). `balances[i]` is `users[i]`'s balance right after `transactionIds[i]`.
 */
export type MoneyMoved = {
  cause: TransactionTypeName;
  /**
   * DEBIT: the wallets lost money (auto-reload may fire); CREDIT: they gained some (auto-reload may re-arm);
   * WITHDRAWAL: wallet balance went back to the card (announced only: no reason to charge the card again).
   */
  direction: 'DEBIT' | 'CREDIT' | 'WITHDRAWAL';
  users: string[];
  balances: number[];
  transactionIds: string[];
  /** The users (among `users`) left with less than low_balance_minutes of their session's rate. */
  low: string[];
};

/** The outbox job of one movement of a single wallet. */
export function walletMoved(
  event: { userId: string; balanceCents: number; cause: TransactionTypeName; transactionId: string; lowBalance: boolean },
  direction: MoneyMoved['direction'],
): MoneyMoved {
  return {
    cause: event.cause,
    direction,
    users: [event.userId],
    balances: [event.balanceCents],
    transactionIds: [event.transactionId],
    low: event.lowBalance ? [event.userId] : [],
  };
}

export interface MoneyOutbox {
  /** Queues the effects of a movement in its transaction `tx` (nothing is queued if it rolls back). */
  queue(tx: Tx, moved: MoneyMoved): Promise<void>;
  /** Resolves once the queue's schema is installed: await it before opening a transaction that will queue. */
  ready(): Promise<void>;
}

export function createMoneyOutbox(jobs: JobsConfig): MoneyOutbox {
  const queue = createJobQueue(jobs.schema, jobs.prefix);
  // A process that runs no payments code (community) may move money before any payments instance installed the
  // queue schema: install it (idempotent, memoized per process) right away, so it is done before the first movement's
  // transaction — on the embedded database, whose one session that transaction holds, it could not run meanwhile.
  let ready: Promise<void> | null = null;
  const install = () =>
    (ready ??= migrateJobs(jobs).catch((e: unknown) => {
      ready = null;
      throw e;
    }));
  // Not fatal here: the first movement installs it again (and fails with the reason if it still cannot).
  install().catch((e: unknown) => logger('payments').warn({ ...errorField(e) }, 'job queue not installed yet'));
  return {
    ready: install,
    async queue(tx, moved) {
      if (!moved.users.length) return;
      await install();
      // One wallet's jobs run in order, so its walletUpdated events arrive in the order of its movements (a set-based
      // sweep's job, for thousands of wallets, takes no queue: a client is charged by it at most once a minute).
      const queueName = moved.users.length === 1 ? `wallet:${moved.users[0]}` : undefined;
      await queue.add(tx, MONEY_MOVED_TASK, moved, { maxAttempts: 10, queueName });
    },
  };
}

export interface MoneyMovedEffects {
  publish(events: Array<{ userId: string; balanceCents: number; cause: TransactionTypeName | null; transactionId: string | null; lowBalance: boolean }>): Promise<void>;
  /** Idempotent per threshold crossing (topups.ts). */
  autoReload(userIds: string[]): Promise<void>;
  rearm(userIds: string[]): Promise<void>;
}

/** Payments' handler of MONEY_MOVED_TASK. */
export function moneyMovedTask(effects: MoneyMovedEffects): Task {
  return async (payload, helpers) => {
    const m = payload as MoneyMoved;
    // The announcement goes out on the first attempt only: a retry (auto-reload failed, say) would show balances
    // that may be stale by then. Auto-reload is retried until it went through; it fires once per crossing anyway.
    if (helpers.job.attempts <= 1) {
      const low = new Set(m.low);
      await effects.publish(
        m.users.map((userId, i) => ({ userId, balanceCents: m.balances[i]!, cause: m.cause, transactionId: m.transactionIds[i] ?? null, lowBalance: low.has(userId) })),
      );
    }
    if (m.direction === 'DEBIT') await effects.autoReload(m.users);
    else if (m.direction === 'CREDIT') await effects.rearm(m.users);
  };
}

import type { Context } from '../../../shared/context.js';
import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import { paymentsDeps } from '../deps.js';
import { isRetryable, type Tx } from './ledger.js';

/**
 * The unit of work of payments' services: `transact` (shared/after-commit.ts) with the money transactions' pool
 * waits, retried as a whole (fresh after-commit effects each time) on serialization failures, deadlocks and key
 * races. Opened only once the money outbox is installed (on the embedded database a transaction holds its one
 * session, so installing meanwhile would wait forever). A movement's effects go through `money.moved(tx, after, …)`.
 */
export async function paymentsTransaction<T>(ctx: Pick<Context, 'prisma' | 'pubsub' | 'deps'>, fn: (tx: Tx, after: AfterCommit) => Promise<T>, attempts = 4): Promise<T> {
  await paymentsDeps(ctx).money.ready();
  for (let i = 1; ; i++) {
    try {
      return await transact(ctx, { service: 'payments', maxWait: 10_000, timeout: 30_000 }, fn);
    } catch (error) {
      if (i >= attempts || !isRetryable(error)) throw error;
    }
  }
}

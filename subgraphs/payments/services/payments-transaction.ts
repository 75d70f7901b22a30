import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { paymentsDeps } from '../deps.js';
import { moneyTransact, type Tx } from './ledger.js';

/**
 * The unit of work of payments' services: `transact` (shared/after-commit.ts) with the money transactions' pool
 * waits, retried as a whole (fresh after-commit effects each time) on serialization failures, deadlocks and key
 * races (ledger.ts moneyTransact). Opened only once the money outbox is installed (on the embedded database a transaction holds its one
 * session, so installing meanwhile would wait forever). A movement's effects go through `money.moved(tx, after, …)`.
 */
export async function paymentsTransaction<T>(ctx: Pick<Context, 'prisma' | 'pubsub' | 'deps'>, fn: (tx: Tx, after: AfterCommit) => Promise<T>): Promise<T> {
  await paymentsDeps(ctx).money.ready();
  return moneyTransact(ctx, fn);
}

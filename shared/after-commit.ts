import type { Prisma, PrismaClient } from './db/generated/client.js';
import type { PubSub } from './pubsub.js';
import { errorField, logger } from './logger.js';

type Tx = Prisma.TransactionClient;

/**
 * The one way to do something "after commit" in every subgraph. A write runs in `transact(...)`; inside it,
 * code records what must happen once the transaction has committed:
 * - `after.publish(topic, payload)`: a live event on pub/sub (subscriptions resolve it from fresh data);
 * - `after.run(label, fn)`: a best-effort call to the outside (the media server…); a failure is logged with its label
 *   and never undoes the committed write.
 * Nothing recorded runs if the transaction rolls back. Effects that must survive a crash (money's walletUpdated,
 * auto-reload, timers) are not after-commit effects: they are graphile-worker jobs queued with `tx` INSIDE the
 * transaction (payments' outbox, shared/jobs.ts), so they exist exactly when the write committed.
 */
export class AfterCommit {
  private readonly events: Array<[string, unknown]> = [];
  private readonly calls: Array<[string, () => Promise<unknown>]> = [];

  publish(topic: string, payload: unknown): void {
    this.events.push([topic, payload]);
  }

  run(label: string, fn: () => Promise<unknown>): void {
    this.calls.push([label, fn]);
  }

  /** Runs what was recorded: events in order, then the calls. Called by `transact` after commit. */
  async flush(pubsub: PubSub, service: string): Promise<void> {
    for (const [topic, payload] of this.events) await pubsub.publish(topic, payload);
    for (const [label, fn] of this.calls) {
      await fn().catch((error: unknown) => logger(service).warn({ ...errorField(error), effect: label }, 'after-commit effect failed'));
    }
  }
}

export interface TransactOptions {
  /** Name of the service whose logger reports failed effects. */
  service: string;
  maxWait?: number;
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

/** Runs `fn` in one transaction, then (only if it committed) the effects it recorded on `after`. */
export async function transact<T>(
  db: { prisma: PrismaClient; pubsub: PubSub },
  options: TransactOptions,
  fn: (tx: Tx, after: AfterCommit) => Promise<T>,
): Promise<T> {
  const after = new AfterCommit();
  const { service, ...txOptions } = options;
  const result = await db.prisma.$transaction((tx) => fn(tx, after), txOptions);
  await after.flush(db.pubsub, service);
  return result;
}

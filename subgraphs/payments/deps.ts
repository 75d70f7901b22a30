import type { Config } from '../../shared/config.js';
import type { Context } from '../../shared/context.js';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import type { JobsConfig } from '../../shared/jobs.js';
import type { PubSub } from '../../shared/pubsub.js';
import { createMoneyPort } from './ports.js';
import type { PaymentsMoney } from './services/money.js';
import { createStripeClient, type Stripe } from './services/stripe-client.js';
import type { DownloadsConfig } from './services/downloads.js';
import { localFileStorage, type FileStorage } from './services/file-storage.js';
import { depsOf } from '../../shared/context.js';

/** What payments' services need besides the request context: `ctx.deps.payments`. */
export interface PaymentsDeps {
  /** The ledger: payments' MoneyPort implementation (ports.ts), the one other subgraphs are handed too. */
  money: PaymentsMoney;
  /** The Stripe SDK client, or null when card payments are not configured. */
  stripe: Stripe | null;
  /** Signing secret of Stripe's webhook deliveries (null: not configured). */
  webhookSecret: string | null;
  /** Payments' durable job queue (the money outbox, the daily payouts); null: no jobs run (unit tests, benchmarks). */
  jobs: JobsConfig | null;
  /** Shop download links: signing secret, lifetime and uses (config.downloads). */
  downloads: DownloadsConfig;
  /** Where digital goods are read from (a local folder by default; a bucket implements the same interface). */
  files: FileStorage;
}

declare module '../../shared/context.js' {
  interface ServiceDeps {
    payments?: PaymentsDeps;
  }
}

/**
 * Payments' dependencies for one process: the money port given (the runtime's, when it is payments' own) or a new
 * one over `prisma`, and the Stripe client of the configuration.
 */
export function createPaymentsDeps(opts: { prisma: PrismaClient; pubsub: PubSub; config: Config; money?: PaymentsMoney; jobs?: JobsConfig | null }): PaymentsDeps {
  return {
    money: opts.money ?? createMoneyPort(opts.prisma, opts.pubsub, opts.jobs),
    stripe: createStripeClient(opts.config.stripe),
    webhookSecret: opts.config.stripe.webhookSecret,
    jobs: opts.jobs ?? null,
    downloads: opts.config.downloads,
    files: localFileStorage(opts.config.downloads.filesDir),
  };
}

/** This process's payments dependencies (set by startPayments). */
export function paymentsDeps(ctx: Pick<Context, 'deps'>): PaymentsDeps {
  return depsOf(ctx, 'payments');
}

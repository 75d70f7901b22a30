import type { Config } from '../../../shared/config.js';
import type { PrismaClient } from '../../../shared/db/generated/client.js';
import type { PubSub } from '../../../shared/pubsub.js';
import type { JobsConfig } from '../../../shared/jobs.js';
import { createMoney, type PaymentsMoney } from './money.js';
import { createPayouts } from './payouts.js';
import { createRefunds } from './refunds.js';
import { reconcile, readerEarnings } from './reports.js';
import { createStripeClient } from './stripe-client.js';
import { createTopUps } from './topups.js';
import { createWalletRefunds } from './wallet-refunds.js';

export type PaymentsService = ReturnType<typeof createPaymentsService>;

/** Everything the payments subgraph does, over one ledger (the MoneyPort other subgraphs use) and one Stripe client. */
export function createPaymentsService(opts: { prisma: PrismaClient; pubsub: PubSub; config: Config; money?: PaymentsMoney; jobs?: JobsConfig | null }) {
  const money = opts.money ?? createMoney(opts.prisma, opts.pubsub, opts.jobs);
  const stripe = createStripeClient(opts.config.stripe);
  const topUps = createTopUps({ prisma: opts.prisma, money, stripe, webhookSecret: opts.config.stripe.webhookSecret });
  const payouts = createPayouts({ prisma: opts.prisma, stripe });
  const refunds = createRefunds({ prisma: opts.prisma, money });
  const walletRefunds = createWalletRefunds({ prisma: opts.prisma, money, stripe });
  return {
    money,
    stripeConfigured: !!stripe,
    ...topUps,
    ...payouts,
    ...refunds,
    ...walletRefunds,
    readerEarnings: (readerId: string) => readerEarnings(opts.prisma, readerId),
    reconcile: () => reconcile(opts.prisma),
  };
}

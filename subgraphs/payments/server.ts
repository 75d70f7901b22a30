import express from 'express';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { PAYMENT_CRON, paymentTasks } from './jobs.js';
import { schema } from './schema/index.js';
import { createPaymentsService } from './services/payments.js';
import type { PaymentsMoney } from './services/money.js';
import './deps.js';

export interface PaymentsServer extends RunningServer {
  /** Payments' job handlers (the daily payout run, the money outbox), as its job runner has them. */
  tasks: ReturnType<typeof paymentTasks>;
}

export async function startPayments(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<PaymentsServer> {
  const money = rt.money && 'adjustBalance' in rt.money ? (rt.money as PaymentsMoney) : undefined;
  const payments = createPaymentsService({ prisma: rt.prisma, pubsub: rt.pubsub, config: rt.config, money, jobs: rt.jobs });
  const tasks = paymentTasks(rt.prisma, payments);
  // Recurring jobs (the daily payout run) and the money outbox (effects of committed movements, whichever process
  // made them) on the same durable queue as readings' timers.
  let runner: JobRunner | null = null;
  if (rt.jobs) {
    await migrateJobs(rt.jobs);
    runner = await startJobRunner(rt.jobs, tasks, PAYMENT_CRON);
  }
  const server = await startSubgraph(
    {
      name: 'payments',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps: { payments },
      routes: (app) => {
        // Stripe signs the exact bytes it sent: keep the raw body (never JSON-parse before verifying).
        app.post('/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
          try {
            const outcome = await payments.handleWebhook(req.body as Buffer | undefined, req.header('stripe-signature'));
            res.status(outcome.status).json(outcome.body);
          } catch (error) {
            console.error('stripe webhook processing failed:', (error as Error)?.message ?? error);
            // Stripe retries on 5xx; the event was not recorded (its transaction rolled back).
            res.status(500).json({ received: false, error: 'processing failed' });
          }
        });
      },
    },
    listen,
  );
  return {
    ...server,
    tasks,
    async close() {
      await server.close();
      await runner?.stop();
      runner = null;
    },
  };
}

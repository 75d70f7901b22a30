import express from 'express';
import { backgroundContext } from '../../shared/context.js';
import { migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { errorField, logger } from '../../shared/logger.js';
import { webhookOutcome } from '../../shared/metrics.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import { createPaymentsDeps } from './deps.js';
import { PAYMENT_CRON, paymentTasks } from './jobs.js';
import type { PaymentsMoney } from './ports.js';
import { schema } from './schema/index.js';
import { serveDownload } from './services/downloads.js';
import { handleStripeWebhook } from './services/stripe-webhook.js';
import { prunePayments } from './services/retention.js';
import { retentionJob } from '../../shared/retention.js';

export interface PaymentsServer extends RunningServer {
  /** Payments' job handlers (the daily payout run, the money outbox), as its job runner has them. */
  tasks: ReturnType<typeof paymentTasks>;
}

/** The metrics label of a Stripe delivery's answer (shared/metrics.ts). */
function stripeOutcome(outcome: { status: number; body: Record<string, unknown> }): string {
  if (outcome.status === 200) return outcome.body.duplicate ? 'duplicate' : 'applied';
  if (outcome.status === 503) return 'not_configured';
  return outcome.status === 400 ? 'rejected' : 'failed';
}

export async function startPayments(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<PaymentsServer> {
  // The runtime's money port when it is payments' own (the composition root built it); else one over this pool.
  const money = rt.money && 'adjustBalance' in rt.money ? (rt.money as PaymentsMoney) : undefined;
  const deps = { payments: createPaymentsDeps({ prisma: rt.prisma, pubsub: rt.pubsub, config: rt.config, money, jobs: rt.jobs }) };
  const tasks = paymentTasks(rt, deps);
  // Recurring jobs (the daily payout run) and the money outbox (effects of committed movements, whichever process
  // made them) on the same durable queue as readings' timers.
  let runner: JobRunner | null = null;
  if (rt.jobs) {
    await migrateJobs(rt.jobs);
    // The daily retention job (services/retention.ts) runs on the same runner.
    const retention = retentionJob('payments', rt.prisma, prunePayments(rt.jobs));
    runner = await startJobRunner(rt.jobs, { ...tasks, ...retention.tasks }, [...PAYMENT_CRON, ...retention.cron]);
  }
  const server = await startSubgraph(
    {
      name: 'payments',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps,
      routes: (app) => {
        // Shop downloads, reached through the gateway's origin (gateway/downloads.ts); JSON refusals (403/404/410).
        app.get('/downloads/:token', async (req, res) => {
          try {
            const ctx = backgroundContext(rt, deps, `download:${Date.now()}`);
            const outcome = await serveDownload(ctx, String(req.params.token));
            if (outcome.status !== 200) {
              res.status(outcome.status).json(outcome.body);
              return;
            }
            res.status(200).set({
              'content-type': 'application/octet-stream',
              'content-length': String(outcome.size),
              'content-disposition': `attachment; filename="${outcome.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
              'cache-control': 'private, no-store',
            });
            outcome.stream.on('error', (error) => {
              logger('payments').error({ ...errorField(error) }, 'download stream failed');
              res.destroy(error);
            });
            outcome.stream.pipe(res);
          } catch (error) {
            logger('payments').error({ ...errorField(error) }, 'download failed');
            res.status(500).json({ error: 'INTERNAL', message: 'Internal server error.' });
          }
        });
        // Stripe signs the exact bytes it sent: keep the raw body (never JSON-parse before verifying).
        app.post('/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
          try {
            const ctx = backgroundContext(rt, deps, `webhook:stripe:${Date.now()}`);
            const outcome = await handleStripeWebhook(ctx, { rawBody: req.body as Buffer | undefined, signature: req.header('stripe-signature') });
            webhookOutcome('payments', 'stripe', stripeOutcome(outcome));
            res.status(outcome.status).json(outcome.body);
          } catch (error) {
            webhookOutcome('payments', 'stripe', 'failed');
            logger('payments').error({ ...errorField(error) }, 'stripe webhook processing failed');
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
      // The runner takes no new job and finishes the running ones while the HTTP server drains.
      await Promise.all([server.close(), runner?.stop()]);
      runner = null;
    },
  };
}

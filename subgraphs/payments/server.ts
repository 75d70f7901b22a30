import express from 'express';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { schema } from './schema/index.js';
import { createPaymentsService } from './services/payments.js';
import type { PaymentsMoney } from './services/money.js';
import './deps.js';

export async function startPayments(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const money = rt.money && 'adjustBalance' in rt.money ? (rt.money as PaymentsMoney) : undefined;
  const payments = createPaymentsService({ prisma: rt.prisma, pubsub: rt.pubsub, config: rt.config, money });
  const server = await startSubgraph(
    {
      name: 'payments',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      dev: rt.config.dev,
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
    async close() {
      await server.close();
      await payments.idle();
    },
  };
}

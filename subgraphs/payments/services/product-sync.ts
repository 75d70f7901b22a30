import type { Context } from '../../../shared/context.js';
import { createJobQueue } from '../../../shared/jobs.js';
import { logger } from '../../../shared/logger.js';
import { paymentsDeps } from '../deps.js';
import type { Tx } from './ledger.js';

/**
 * The Stripe side of the catalogue: each product has a Stripe Product and a Price for its current price. A product
 * write queues this job in its own transaction (the outbox pattern: the job exists exactly when the write
 * committed); payments' job runner pushes it to Stripe afterwards and retries while Stripe is unreachable, so a
 * Stripe outage never blocks or half-writes a product. Every Stripe call carries an idempotency key derived from
 * the product and its sync version, so a retried or duplicated job creates nothing twice. A price change creates a
 * NEW Price and deactivates the old one (Stripe Prices are never edited).
 */
export const PRODUCT_SYNC_TASK = 'payments.product-sync';

export async function queueProductSync(ctx: Pick<Context, 'deps'>, tx: Tx, productId: string): Promise<void> {
  const { jobs } = paymentsDeps(ctx);
  if (!jobs) return;
  // One pending sync per product: a newer write replaces a sync not started yet (the job reads the latest row).
  await createJobQueue(jobs.schema, jobs.prefix).add(tx, PRODUCT_SYNC_TASK, { productId }, { jobKey: `product-sync:${productId}`, maxAttempts: 25 });
}

/** Pushes one product to Stripe (the job's handler); throws when Stripe failed, so the job is retried. */
export async function syncProductToStripe(ctx: Context, productId: string): Promise<'SYNCED' | 'UP_TO_DATE' | 'NOT_CONFIGURED' | 'GONE'> {
  const { stripe } = paymentsDeps(ctx);
  if (!stripe) return 'NOT_CONFIGURED';
  const p = await ctx.prisma.product.findUnique({ where: { id: productId } });
  if (!p) return 'GONE';
  if (p.syncedVersion >= p.syncVersion) return 'UP_TO_DATE';
  const version = p.syncVersion;
  const listed = p.status === 'ACTIVE' || p.status === 'OUT_OF_STOCK';
  const details = { name: p.name, description: p.description || undefined, images: p.images.slice(0, 8), active: listed, metadata: { productId: p.id, readerId: p.readerId ?? 'platform' } };
  let stripeProductId = p.stripeProductId;
  if (!stripeProductId) {
    const created = await stripe.products.create(details, { idempotencyKey: `product:${p.id}` });
    stripeProductId = created.id;
  } else {
    await stripe.products.update(stripeProductId, details, { idempotencyKey: `product:${p.id}:v${version}` });
  }
  let stripePriceId = p.stripePriceId;
  let stripePriceCents = p.stripePriceCents;
  if (!stripePriceId || stripePriceCents !== p.priceCents) {
    const price = await stripe.prices.create(
      { product: stripeProductId, unit_amount: p.priceCents, currency: p.currency.toLowerCase(), metadata: { productId: p.id } },
      { idempotencyKey: `price:${p.id}:${p.priceCents}:v${version}` },
    );
    if (stripePriceId) await stripe.prices.update(stripePriceId, { active: false }, { idempotencyKey: `price-off:${stripePriceId}` });
    stripePriceId = price.id;
    stripePriceCents = p.priceCents;
  }
  // Only forward: a slower run of an older version never overwrites a newer one's record.
  await ctx.prisma.product.updateMany({
    where: { id: p.id, syncedVersion: { lt: version } },
    data: { stripeProductId, stripePriceId, stripePriceCents, syncedVersion: version },
  });
  logger('payments').debug({ productId: p.id, version }, 'product synced to Stripe');
  return 'SYNCED';
}

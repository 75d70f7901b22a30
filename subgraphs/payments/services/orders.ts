import type Stripe from 'stripe';
import type { Context } from '../../../shared/context.js';
import { audit } from '../../../shared/audit.js';
import { requireVerifiedViewer } from '../../../shared/authz.js';
import type { Order } from '../../../shared/db/generated/client.js';
import { badInput, conflict, notFound, outOfStock } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { parseInput, z } from '../../../shared/validation.js';
import { authorize, canBuy, canSeeUnlistedProduct } from '../authz.js';
import { paymentsDeps } from '../deps.js';
import { assertAmount, ensurePlatformAccounts, ensureUserAccounts, idempotencyKeyOf, split } from './ledger.js';
import { issueBookingCredits } from './booking-credits.js';
import { postSale, publishOrder } from './order-money.js';
import { paymentsTransaction } from './payments-transaction.js';
import { createKeyedLock } from './keyed-lock.js';
import { takeStock } from './stock.js';

/** Wallet sales of the same physical product in this process run one at a time (keyed-lock.ts). */
const productLocks = createKeyedLock();
import { notConfigured, stripeFailure } from './stripe-client.js';

export const ShippingAddressSchema = z.object({
  name: z.string().trim().min(2).max(100),
  line1: z.string().trim().min(2).max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).nullish(),
  postalCode: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .refine((p) => /^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(p), 'must be letters, digits, spaces and -'),
  country: z
    .string()
    .trim()
    .refine((c) => /^[A-Z]{2}$/.test(c), 'must be an ISO 3166-1 alpha-2 code such as US'),
  phone: z
    .string()
    .trim()
    .refine((p) => /^\+?[0-9 ()-]{6,20}$/.test(p), 'must be a phone number')
    .nullish(),
});

const PlaceOrderSchema = z.object({
  items: z
    .array(z.object({ productId: z.string().min(1).max(64), quantity: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100') }))
    .min(1, 'an order needs at least one item')
    .max(50, 'at most 50 items'),
  paymentMethod: z.enum(['WALLET', 'CARD']),
  shippingAddress: ShippingAddressSchema.nullish(),
  idempotencyKey: z.string(),
});
export type PlaceOrderInput = z.input<typeof PlaceOrderSchema>;

export interface PlacedOrder {
  order: Order;
  /** The PaymentIntent's client secret (card orders), for Stripe.js. */
  clientSecret: string | null;
  replayed: boolean;
}

/**
 * Places an order. WALLET: in ONE transaction the order row, the stock (all lines or none), and one ledger
 * transaction with each seller's floored share; any refusal (OUT_OF_STOCK, INSUFFICIENT_FUNDS) leaves nothing
 * written and nothing charged. CARD: a PENDING order and a Stripe PaymentIntent; it becomes PAID only when the
 * verified webhook arrives (order-payment.ts), which takes the stock then. The same idempotency key returns the
 * first order (CONFLICT if it was used for another cart).
 */
export async function placeOrder(ctx: Context, raw: PlaceOrderInput): Promise<PlacedOrder> {
  authorize(ctx.viewer, canBuy);
  // Paying needs a verified email (EMAIL_NOT_VERIFIED), as top-ups, sessions and gifts do.
  const buyer = requireVerifiedViewer(ctx);
  const input = parseInput(PlaceOrderSchema, raw);
  const key = `order:${buyer.id}:${idempotencyKeyOf(input.idempotencyKey)}`;
  const ids = input.items.map((i) => i.productId);
  if (new Set(ids).size !== ids.length) throw badInput('List each product once (use quantity).', 'items');
  const fingerprint = input.items.map((i) => `${i.productId}x${i.quantity}`).sort().join(',') + `|${input.paymentMethod}`;

  const replay = await ctx.prisma.order.findUnique({ where: { idempotencyKey: key }, include: { orderItems: true } });
  if (replay) return replayOf(ctx, replay, fingerprint);

  const products = await ctx.prisma.product.findMany({ where: { id: { in: ids } } });
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const [index, item] of input.items.entries()) {
    const p = byId.get(item.productId);
    // A draft or inactive product is invisible to buyers: NOT_FOUND, as for an id that does not exist.
    if (!p || (p.status !== 'ACTIVE' && p.status !== 'OUT_OF_STOCK' && !canSeeUnlistedProduct(ctx.viewer, p))) throw notFound('Product', { field: `items.${index}.productId` });
    if (p.status === 'DRAFT' || p.status === 'INACTIVE') throw badInput(`${p.name} is not on sale.`, `items.${index}.productId`);
    if (p.readerId === buyer.id) throw badInput('You cannot buy your own product.', `items.${index}.productId`);
    if (p.type === 'DIGITAL' && item.quantity !== 1) throw badInput('A digital product is bought once per order.', `items.${index}.quantity`);
    if (p.stockQuantity != null && p.stockQuantity < item.quantity) {
      throw outOfStock(`Only ${p.stockQuantity} of ${p.name} left.`, { productId: p.id, available: p.stockQuantity });
    }
  }
  const physical = products.some((p) => p.type === 'PHYSICAL');
  if (physical && !input.shippingAddress) throw badInput('A shipping address is required for physical products.', 'shippingAddress');
  if (!physical && input.shippingAddress) throw badInput('Only orders with physical products take a shipping address.', 'shippingAddress');

  const bps = await getIntSetting(ctx.prisma, 'reader_share_bps');
  const lines = input.items.map((item) => {
    const p = byId.get(item.productId)!;
    const amount = p.priceCents * item.quantity;
    return { productId: p.id, quantity: item.quantity, priceCents: p.priceCents, readerId: p.readerId, readerShareCents: p.readerId ? split(amount, bps).reader : 0, amountCents: amount };
  });
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  assertAmount(total, 'items');

  const stripe = input.paymentMethod === 'CARD' ? requireStripe(ctx) : null;
  await ensurePlatformAccounts(ctx.prisma);
  await ensureUserAccounts(ctx.prisma, { wallets: [buyer.id], earnings: lines.flatMap((l) => (l.readerId ? [l.readerId] : [])) });

  const sell = () => paymentsTransaction(ctx, async (tx, after) => {
    // Inside too: a twin request with the same key that committed first is found here (or its insert races ours
    // and the retry of this transaction finds it).
    const twin = await tx.order.findUnique({ where: { idempotencyKey: key } });
    if (twin) return { order: twin, fresh: false };
    const order = await tx.order.create({
      data: {
        clientId: buyer.id,
        status: 'PENDING',
        totalAmountCents: total,
        paymentMethod: input.paymentMethod,
        idempotencyKey: key,
        shippingAddress: input.shippingAddress ?? undefined,
        orderItems: { create: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, priceCents: l.priceCents, readerId: l.readerId, readerShareCents: l.readerShareCents })) },
      },
    });
    if (input.paymentMethod === 'CARD') {
      await audit(tx, ctx, { action: 'shop:order.place', entityType: 'Order', entityId: order.id, changes: { totalCents: total, paymentMethod: 'CARD' } });
      return { order, fresh: true };
    }
    const short = await takeStock(tx, lines);
    if (short.length) throw outOfStock('Sold out: there are fewer units left than you asked for.', { productId: short[0]!.productId, available: short[0]!.available });
    await postSale(ctx, tx, after, order, lines, { wallet: true });
    const paid = await tx.order.update({ where: { id: order.id }, data: { status: 'PAID', paidAt: new Date() } });
    await issueBookingCredits(tx, order.id);
    await audit(tx, ctx, { action: 'shop:order.paid', entityType: 'Order', entityId: order.id, changes: { from: 'PENDING', to: 'PAID', totalCents: total, paymentMethod: 'WALLET' } });
    publishOrder(after, paid);
    return { order: paid, fresh: true };
  });
  const stocked = input.paymentMethod === 'WALLET' ? products.filter((p) => p.stockQuantity != null).map((p) => p.id) : [];
  const placed = await productLocks.run(stocked, async () => {
    // Our turn in this process: a plain read refuses a sold-out cart without opening a transaction (the row lock in
    // takeStock decides for real, across processes).
    if (stocked.length) {
      const now = await ctx.prisma.product.findMany({ where: { id: { in: stocked } }, select: { id: true, stockQuantity: true } });
      const short = now.find((p) => (p.stockQuantity ?? 0) < lines.find((l) => l.productId === p.id)!.quantity);
      if (short && !(await ctx.prisma.order.findUnique({ where: { idempotencyKey: key }, select: { id: true } }))) {
        throw outOfStock('Sold out: there are fewer units left than you asked for.', { productId: short.id, available: short.stockQuantity ?? 0 });
      }
    }
    return sell();
  });
  if (!placed.fresh) return replayOf(ctx, { ...placed.order, orderItems: await ctx.prisma.orderItem.findMany({ where: { orderId: placed.order.id } }) }, fingerprint);
  if (!stripe) return { order: placed.order, clientSecret: null, replayed: false };
  return cardPayment(ctx, stripe, placed.order);
}

function requireStripe(ctx: Pick<Context, 'deps'>): Stripe {
  const { stripe, webhookSecret } = paymentsDeps(ctx);
  if (!stripe || !webhookSecret) throw notConfigured();
  return stripe;
}

async function replayOf(ctx: Context, order: Order & { orderItems: Array<{ productId: string; quantity: number }> }, fingerprint: string): Promise<PlacedOrder> {
  const previous = order.orderItems.map((i) => `${i.productId}x${i.quantity}`).sort().join(',') + `|${order.paymentMethod}`;
  if (previous !== fingerprint) throw conflict('This idempotency key was already used for another order.');
  if (order.paymentMethod !== 'CARD' || order.status !== 'PENDING') return { order, clientSecret: null, replayed: true };
  const placed = await cardPayment(ctx, requireStripe(ctx), order);
  return { ...placed, replayed: true };
}

/**
 * The PaymentIntent of a card order, created once: the order's own idempotency key makes a retry (after Stripe
 * was unreachable, or a replay) get the same PaymentIntent.
 */
async function cardPayment(ctx: Context, stripe: Stripe, order: Order): Promise<PlacedOrder> {
  let pi: Stripe.PaymentIntent;
  try {
    pi = order.stripePaymentIntentId
      ? await stripe.paymentIntents.retrieve(order.stripePaymentIntentId)
      : await stripe.paymentIntents.create(
          {
            amount: order.totalAmountCents,
            currency: order.currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            metadata: { userId: order.clientId, purpose: 'shop_order', orderId: order.id },
            description: `SoulSeer order ${order.orderNumber}`,
          },
          { idempotencyKey: order.idempotencyKey ?? `order:${order.id}` },
        );
  } catch (error) {
    throw stripeFailure(error, 'start the payment');
  }
  const saved = order.stripePaymentIntentId ? order : await ctx.prisma.order.update({ where: { id: order.id }, data: { stripePaymentIntentId: pi.id } });
  return { order: saved, clientSecret: pi.client_secret ?? null, replayed: false };
}

import { isAdmin, requireViewer } from '../../../shared/authz.js';
import type { Viewer } from '../../../shared/context.js';
import type { OrderStatus, Prisma } from '../../../shared/db/generated/client.js';
import { forbidden } from '../../../shared/errors.js';
import { filterIterator } from '../../../shared/pubsub.js';
import { canBuy } from '../authz.js';
import { builder } from '../builder.js';
import { visibleOrder } from '../services/order-access.js';
import { orderTopic, type OrderEvent } from '../services/order-money.js';
import { refundOrder } from '../services/order-refunds.js';
import { cancelOrder, markOrderDelivered, markOrderShipped } from '../services/order-status.js';
import { placeOrder } from '../services/orders.js';
import { UserRef } from './refs.js';

const OrderStatusEnum = builder.enumType('OrderStatus', {
  description: 'Where an order is: PENDING → PAID → SHIPPED → DELIVERED, or CANCELLED / REFUNDED.',
  values: {
    PENDING: { description: 'Placed, waiting for the card payment (wallet orders are paid at once).' },
    PAID: { description: 'Paid; its stock was taken and the sellers credited.' },
    SHIPPED: { description: 'Handed to the carrier (carrier and trackingNumber are set).' },
    DELIVERED: { description: 'Received by the buyer (or, without physical items, fulfilled).' },
    CANCELLED: { description: 'Cancelled before shipping; a paid one was refunded in full and its stock returned.' },
    REFUNDED: { description: 'Refunded in full after payment.' },
  },
});

const PaymentMethodEnum = builder.enumType('OrderPaymentMethod', {
  description: 'How an order is paid.',
  values: {
    WALLET: { description: 'From the wallet balance, at once.' },
    CARD: { description: 'By card through a Stripe PaymentIntent; paid when Stripe confirms.' },
  },
});

const RefundTargetEnum = builder.enumType('OrderRefundTarget', {
  description: 'Where an order refund goes.',
  values: {
    WALLET: { description: 'To the buyer\'s wallet balance.' },
    CARD: { description: 'Back to the card that paid (card orders only).' },
  },
});

const OrderScopeEnum = builder.enumType('OrderScope', {
  description: 'Which orders to list.',
  values: {
    BUYER: { description: 'Orders the viewer placed (the default).' },
    SELLER: { description: 'Orders with the viewer\'s products (readers).' },
    ALL: { description: 'Every order (admins).' },
  },
});

interface Address {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
}

const ShippingAddressObject = builder.objectRef<Address>('ShippingAddress').implement({
  description: 'Where a physical order is shipped.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Recipient\'s name.' }),
    line1: t.exposeString('line1', { description: 'Street and number.' }),
    line2: t.exposeString('line2', { nullable: true, description: 'Apartment, suite, floor.' }),
    city: t.exposeString('city', { description: 'City or town.' }),
    region: t.exposeString('region', { nullable: true, description: 'State, province or region.' }),
    postalCode: t.exposeString('postalCode', { description: 'Postal or ZIP code.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code, e.g. US.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number for the carrier.' }),
  }),
});

const ShippingAddressInput = builder.inputType('ShippingAddressInput', {
  description: 'A shipping address (required when the order has physical items, refused otherwise).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Recipient\'s name, 2–100 characters.' }),
    line1: t.string({ required: true, description: 'Street and number.' }),
    line2: t.string({ description: 'Apartment, suite, floor.' }),
    city: t.string({ required: true, description: 'City or town.' }),
    region: t.string({ description: 'State, province or region.' }),
    postalCode: t.string({ required: true, description: 'Postal or ZIP code (letters, digits, spaces, -).' }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country code in capitals, e.g. US.' }),
    phone: t.string({ description: 'Phone number for the carrier.' }),
  }),
});

builder.prismaObject('OrderItem', {
  description: 'One line of an order: a product, how many, and the unit price paid.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the line (digital goods: pass it to downloadLink).' }),
    product: t.relation('product', { description: 'The product bought (as it is now; the price paid is on the line).' }),
    quantity: t.exposeInt('quantity', { description: 'Units bought.' }),
    priceCents: t.exposeInt('priceCents', { description: 'Unit price paid, in cents.' }),
    amountCents: t.int({ description: 'priceCents × quantity.', select: { priceCents: true, quantity: true }, resolve: (i) => i.priceCents * i.quantity }),
    sellerShareCents: t.exposeInt('readerShareCents', { description: 'The reader\'s floored share of this line, in cents (0 for the platform\'s products).' }),
  }),
});

export const OrderObject = builder.prismaObject('Order', {
  description: 'A shop order. Seen by its buyer, the sellers of its items and admins.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable order id.' }),
    orderNumber: t.exposeString('orderNumber', { description: 'Reference to quote to support.' }),
    status: t.expose('status', { type: OrderStatusEnum, description: 'Where the order is.' }),
    paymentMethod: t.expose('paymentMethod', { type: PaymentMethodEnum, description: 'How it is paid.' }),
    totalAmountCents: t.exposeInt('totalAmountCents', { description: 'What the buyer pays, in cents.' }),
    refundedCents: t.exposeInt('refundedCents', { description: 'Refunded so far, in cents.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    buyer: t.field({ type: UserRef, description: 'Who placed it.', select: { clientId: true }, resolve: (o) => ({ id: o.clientId }) }),
    items: t.relation('orderItems', { description: 'The lines of the order.', query: { orderBy: { id: 'asc' } } }),
    shippingAddress: t.field({
      type: ShippingAddressObject,
      nullable: true,
      description: 'Where it ships (orders with physical items).',
      select: { shippingAddress: true },
      resolve: (o) => (o.shippingAddress as Address | null) ?? null,
    }),
    carrier: t.exposeString('carrier', { nullable: true, description: 'The carrier, once shipped.' }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: 'The carrier\'s tracking number, once shipped.' }),
    paymentIntentId: t.exposeString('stripePaymentIntentId', { nullable: true, description: 'Card orders: the Stripe PaymentIntent.' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why the system cancelled it (OUT_OF_STOCK: sold out before the card payment arrived; refunded to the card).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was placed.' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true, description: 'When the payment was taken (wallet) or confirmed by Stripe (card).' }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true, description: 'When the seller marked it handed to the carrier.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: 'When the seller marked it received by the buyer.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: 'When the buyer, seller, an admin or the system (OUT_OF_STOCK) cancelled it.' }),
  }),
});

const PlaceOrderItemInput = builder.inputType('PlaceOrderItemInput', {
  description: 'One line of a cart.',
  fields: (t) => ({
    productId: t.id({ required: true, description: 'The product (listed, not the buyer\'s own).' }),
    quantity: t.int({ required: true, description: 'Units, 1 to 100 (digital goods: 1).' }),
  }),
});

const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  description: 'A cart and how to pay for it.',
  fields: (t) => ({
    items: t.field({ type: [PlaceOrderItemInput], required: true, description: '1 to 50 lines, each product once.' }),
    paymentMethod: t.field({ type: PaymentMethodEnum, required: true, description: 'WALLET (paid at once) or CARD (a PaymentIntent; paid when Stripe confirms).' }),
    shippingAddress: t.field({ type: ShippingAddressInput, description: 'Required when the cart has physical items.' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first order (8–200 characters).' }),
  }),
});

const PlaceOrderPayload = builder.objectRef<{ orderId: string; clientSecret: string | null; replayed: boolean }>('PlaceOrderPayload').implement({
  description: 'A placed order.',
  fields: (t) => ({
    order: t.prismaField({ type: 'Order', description: 'The order (PAID for wallet orders, PENDING for card orders).', resolve: (query, p, _a, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }) }),
    clientSecret: t.exposeString('clientSecret', { nullable: true, description: 'Card orders: confirm the payment with Stripe.js and this secret.' }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the idempotency key had been used: nothing new was charged.' }),
  }),
});

const RefundOrderInput = builder.inputType('RefundOrderInput', {
  description: 'A full or partial refund of an order.',
  fields: (t) => ({
    orderId: t.id({ required: true, description: 'The order (paid, shipped or delivered).' }),
    amountCents: t.int({ description: 'Cents to refund (default: everything not refunded yet).' }),
    to: t.field({ type: RefundTargetEnum, required: true, description: 'To the wallet, or to the card (card orders only).' }),
    reason: t.string({ description: 'Why (at most 500 characters; kept in the ledger and the audit log).' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first refund (8–200 characters).' }),
  }),
});

/** Which orders a viewer may list. */
function ordersWhere(viewer: Viewer, scope: 'BUYER' | 'SELLER' | 'ALL' | null | undefined, status: OrderStatus | null | undefined): Prisma.OrderWhereInput {
  let by: Prisma.OrderWhereInput = { clientId: viewer.id };
  if (scope === 'SELLER') by = { orderItems: { some: { readerId: viewer.id } } };
  if (scope === 'ALL') {
    if (!isAdmin(viewer)) throw forbidden('Only admins list every order.');
    by = {};
  }
  return status ? { AND: [by, { status }] } : by;
}

builder.queryFields((t) => ({
  orders: t.prismaConnection(
    {
      type: 'Order',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
      description: 'Orders, newest first: the viewer\'s own (BUYER), those with their products (SELLER), or all (ALL, admins).',
      args: {
        scope: t.arg({ type: OrderScopeEnum, description: 'Whose orders (default BUYER).' }),
        status: t.arg({ type: OrderStatusEnum, description: 'Only orders in this status.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.order.findMany({ ...query, where: ordersWhere(requireViewer(ctx), args.scope, args.status), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    { description: 'A page of orders.' },
    { description: 'An order in a page.' },
  ),
  order: t.prismaField({
    type: 'Order',
    authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
    description: 'One order: its buyer, the sellers of its items and admins (NOT_FOUND for anyone else).',
    args: { id: t.arg.id({ required: true, description: 'Id of the order to read (from orders or placeOrder).' }) },
    resolve: async (query, _root, args, ctx) => {
      await visibleOrder(ctx, String(args.id));
      return ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
}));

builder.mutationFields((t) => ({
  placeOrder: t.field({
    type: PlaceOrderPayload,
    authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
    description: 'Buys a cart from the wallet (paid at once: stock and money move in one transaction) or by card (PENDING until Stripe confirms). OUT_OF_STOCK or INSUFFICIENT_FUNDS refusals charge nothing.',
    args: { input: t.arg({ type: PlaceOrderInput, required: true, description: 'Cart, payment method, address and idempotency key.' }) },
    resolve: async (_root, { input }, ctx) => {
      const r = await placeOrder(ctx, {
        items: input.items.map((i) => ({ productId: String(i.productId), quantity: i.quantity })),
        paymentMethod: input.paymentMethod,
        shippingAddress: input.shippingAddress ?? null,
        idempotencyKey: input.idempotencyKey,
      });
      return { orderId: r.order.id, clientSecret: r.clientSecret, replayed: r.replayed };
    },
  }),
  markOrderShipped: t.prismaField({
    type: 'Order',
    authScopes: { authenticated: true },
    description: 'The seller of every item or an admin: a paid physical order was handed to the carrier (audited; the buyer is told).',
    args: {
      orderId: t.arg.id({ required: true, description: 'Id of the order to change (from orders or placeOrder).' }),
      carrier: t.arg.string({ required: true, description: 'The carrier, 2–60 characters.' }),
      trackingNumber: t.arg.string({ required: true, description: 'The carrier\'s tracking number (letters, digits, spaces, -).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const o = await markOrderShipped(ctx, { orderId: String(args.orderId), carrier: args.carrier, trackingNumber: args.trackingNumber });
      return ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
  markOrderDelivered: t.prismaField({
    type: 'Order',
    authScopes: { authenticated: true },
    description: 'The seller of every item or an admin: the order reached the buyer (a shipped order, or a paid one without physical items).',
    args: { orderId: t.arg.id({ required: true, description: 'Id of the order to change (from orders or placeOrder).' }) },
    resolve: async (query, _root, args, ctx) => {
      const o = await markOrderDelivered(ctx, { orderId: String(args.orderId) });
      return ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
  cancelOrder: t.prismaField({
    type: 'Order',
    authScopes: { authenticated: true },
    description: 'Cancels an order before it ships (the buyer their own; the seller or an admin any): a paid one is refunded in full and its stock returned.',
    args: {
      orderId: t.arg.id({ required: true, description: 'Id of the order to change (from orders or placeOrder).' }),
      reason: t.arg.string({ description: 'Why (at most 500 characters).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const o = await cancelOrder(ctx, { orderId: String(args.orderId), reason: args.reason });
      return ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
  refundOrder: t.prismaField({
    type: 'Order',
    authScopes: { authenticated: true },
    description: 'The seller of every item or an admin: refunds an order in full or in part, reversing the sellers\' shares in proportion (audited).',
    args: { input: t.arg({ type: RefundOrderInput, required: true, description: 'Order, amount, destination and idempotency key.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const r = await refundOrder(ctx, { orderId: String(input.orderId), amountCents: input.amountCents, to: input.to, reason: input.reason, idempotencyKey: input.idempotencyKey });
      return ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: r.order.id } });
    },
  }),
}));

builder.subscriptionField('orderUpdated', (t) =>
  t.prismaField({
    type: 'Order',
    authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
    description: 'The viewer\'s orders as they change: paid, shipped, delivered, cancelled, refunded (each event read fresh).',
    subscribe: (_root, _args, ctx) => {
      const buyerId = requireViewer(ctx).id;
      return filterIterator(ctx.pubsub.subscribe<OrderEvent>(orderTopic(buyerId)), (e) => e.buyerId === buyerId);
    },
    resolve: (query, event, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: (event as OrderEvent).orderId } }),
  }),
);

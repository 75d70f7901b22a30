import { canRefund } from '../authz.js';
import { builder } from '../builder.js';

const CardRefundStatusEnum = builder.enumType('CardRefundStatus', {
  description: 'Where one Stripe refund of a shop order\'s card payment is.',
  values: {
    PENDING: { description: 'Decided and queued; not sent to Stripe yet.' },
    PROCESSING: { description: 'Sent; Stripe\'s outcome is not known yet or its refund is pending (retried with the same key, or settled by its webhook).' },
    SUCCEEDED: { description: 'Stripe refunded the card.' },
    FAILED: { description: 'Stripe refused it, or the refund failed or was canceled later; the amount was credited to the buyer\'s wallet instead.' },
  },
});

builder.prismaObject('OrderCardRefund', {
  description: 'One Stripe refund of a shop order\'s card payment (a refund or cancellation to the card, or a payment that could not be served).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id (also in the Stripe refund\'s metadata as orderCardRefundId).' }),
    orderId: t.exposeID('orderId', { description: 'Id of the shop order whose card payment this gives back.' }),
    paymentIntentId: t.exposeString('stripePaymentIntentId', { description: 'The Stripe PaymentIntent refunded.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Cents going back to the card.' }),
    reason: t.exposeString('reason', { description: 'Why the money goes back (the refund\'s reason, or the order could not be served).' }),
    status: t.expose('status', { type: CardRefundStatusEnum, description: 'Whether the card got the money back; a FAILED refund\'s amount went to the buyer\'s wallet.' }),
    attempts: t.exposeInt('attempts', { description: 'How many times it was sent to Stripe (always with the same idempotency key).' }),
    stripeRefundId: t.exposeString('stripeRefundId', { nullable: true, description: 'The Stripe refund, once Stripe answered.' }),
    stripeStatus: t.exposeString('stripeStatus', { nullable: true, description: 'Stripe\'s refund status as last seen (pending, succeeded, failed, canceled…).' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why it failed, if it did.' }),
    transaction: t.relation('transaction', { nullable: true, description: 'The order\'s ledger REFUND to the card (none when the payment was never credited: out of stock, cancelled unpaid).' }),
    walletCreditTransaction: t.relation('walletCreditTransaction', { nullable: true, description: 'The ledger credit of the buyer\'s wallet when the card refund failed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the refund was decided.' }),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true, description: 'When Stripe\'s final outcome was recorded.' }),
  }),
});

builder.queryField('orderCardRefunds', (t) =>
  t.prismaConnection(
    {
      type: 'OrderCardRefund',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canRefund(ctx.viewer),
      description: 'Admins with the refund right: card refunds of shop orders, newest first (all, one order\'s, or those in one status).',
      args: {
        orderId: t.arg.id({ description: 'Only this order\'s.' }),
        status: t.arg({ type: CardRefundStatusEnum, description: 'Only refunds in this status (PROCESSING: the ones to watch).' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.orderCardRefund.findMany({
          ...query,
          where: { ...(args.orderId ? { orderId: String(args.orderId) } : {}), ...(args.status ? { status: args.status } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    { description: 'A page of card refunds of orders.' },
    { description: 'A card refund of an order in a page.' },
  ),
);

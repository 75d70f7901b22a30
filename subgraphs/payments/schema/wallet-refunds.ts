import { canRefund } from '../authz.js';
import { builder } from '../builder.js';
import { refundWalletBalance, walletRefundStatus } from '../services/wallet-refunds.js';

const WalletRefundStatusEnum = builder.enumType('WalletRefundStatus', {
  description: 'Where a refund of wallet balance to the card is, from its parts.',
  values: {
    PROCESSING: { description: 'At least one part\'s Stripe outcome is not known yet (retry with the same key).' },
    SUCCEEDED: { description: 'Stripe accepted every part.' },
    PARTIALLY_FAILED: { description: 'Some parts failed; their amount went back to the wallet.' },
    FAILED: { description: 'Every part failed; the whole amount went back to the wallet.' },
  },
});

const WalletRefundPartStatusEnum = builder.enumType('WalletRefundPartStatus', {
  description: 'Where one Stripe refund of wallet balance is.',
  values: {
    PROCESSING: { description: 'The wallet was debited; Stripe\'s answer is not recorded yet.' },
    SUCCEEDED: { description: 'Stripe accepted the refund (its own status is in stripeStatus).' },
    FAILED: { description: 'Stripe refused it, or the refund failed or was canceled later; the amount went back to the wallet.' },
  },
});

builder.prismaObject('WalletRefundPart', {
  description: 'One Stripe refund of a wallet refund: part of one card top-up\'s PaymentIntent.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Part id (also in the Stripe refund\'s metadata as walletRefundPartId).' }),
    topUpId: t.exposeID('topUpId', { description: 'The top-up whose payment is refunded.' }),
    paymentIntentId: t.exposeString('stripePaymentIntentId', { description: 'The Stripe PaymentIntent refunded.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Cents refunded to this top-up\'s card, at most what that top-up paid and was not refunded yet.' }),
    status: t.expose('status', { type: WalletRefundPartStatusEnum, description: 'Whether Stripe accepted this part; a FAILED part\'s amount was credited back to the wallet.' }),
    stripeRefundId: t.exposeString('stripeRefundId', { nullable: true, description: 'The Stripe refund, once Stripe answered.' }),
    stripeStatus: t.exposeString('stripeStatus', { nullable: true, description: 'Stripe\'s refund status as last seen (pending, succeeded, failed, canceled…).' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why it failed, if it did.' }),
    transaction: t.relation('transaction', { description: 'The ledger debit of the wallet (type REFUND).' }),
    restoreTransaction: t.relation('restoreTransaction', { nullable: true, description: 'The ledger credit that put a failed part back into the wallet.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the wallet was debited.' }),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true, description: 'When Stripe\'s outcome was recorded.' }),
  }),
});

builder.prismaObject('WalletRefund', {
  description: 'An admin\'s refund of unused wallet balance back to the card(s) it came from (newest top-ups first).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the wallet refund (admins only; the same idempotency key returns it again).' }),
    userId: t.exposeID('userId', { description: 'The client whose wallet was refunded.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Amount taken from the wallet, in cents (the sum of the parts).' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    status: t.field({
      type: WalletRefundStatusEnum,
      description: 'State, from the parts.',
      select: { parts: { select: { status: true } } },
      resolve: (r) => walletRefundStatus(r.parts),
    }),
    reason: t.exposeString('reason', { description: 'Why (kept in the ledger and the audit log).' }),
    requestedById: t.exposeID('requestedById', { nullable: true, description: 'The admin who asked for it.' }),
    parts: t.relation('parts', { description: 'One Stripe refund per top-up, newest top-up first.', query: { orderBy: [{ topUp: { createdAt: 'desc' } }, { topUpId: 'desc' }] } }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
  }),
});

const RefundWalletBalanceInput = builder.inputType('RefundWalletBalanceInput', {
  description: 'A refund of a client\'s unused wallet balance to the card(s) it came from.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'User id of the client whose unused balance goes back to their card(s).' }),
    amountCents: t.int({
      description: 'Amount in cents (default: the whole balance). At most the balance and what the client\'s card top-ups can still take back.',
    }),
    reason: t.string({ required: true, description: 'Why (3–500 characters); kept in the ledger, the Stripe refunds\' metadata and the audit log.' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first refund and retries its unfinished parts (8–200 characters).' }),
  }),
});

const RefundWalletBalancePayload = builder.objectRef<{ walletRefundId: string; balanceCents: number; replayed: boolean }>('RefundWalletBalancePayload').implement({
  description: 'The result of a wallet refund.',
  fields: (t) => ({
    walletRefund: t.prismaField({
      type: 'WalletRefund',
      description: 'The refund and its parts.',
      resolve: (query, p, _a, ctx) => ctx.prisma.walletRefund.findUniqueOrThrow({ ...query, where: { id: p.walletRefundId } }),
    }),
    balanceCents: t.exposeInt('balanceCents', { description: 'The wallet balance now, in cents.' }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the key had been used: nothing new was taken from the wallet.' }),
  }),
});

builder.mutationField('refundWalletBalance', (t) =>
  t.field({
    type: RefundWalletBalancePayload,
    authScopes: (_root, _args, ctx) => canRefund(ctx.viewer),
    description:
      'Admins: refunds part or all of a client\'s unused wallet balance to the card(s) it came from, newest top-up first (a support action; audited). Balance from adjustments or demo credit cannot go to a card.',
    args: { input: t.arg({ type: RefundWalletBalanceInput, required: true, description: 'Client, amount, reason and idempotency key.' }) },
    resolve: async (_root, { input }, ctx) => {
      const r = await refundWalletBalance(ctx, {
        userId: String(input.userId),
        amountCents: input.amountCents,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      });
      return { walletRefundId: r.walletRefund.id, balanceCents: r.balanceCents, replayed: r.replayed };
    },
  }),
);

builder.queryField('walletRefunds', (t) =>
  t.prismaConnection(
    {
      type: 'WalletRefund',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canRefund(ctx.viewer),
      description: 'Admins: refunds of wallet balance to cards, newest first (all, or one client\'s with userId).',
      args: { userId: t.arg.id({ description: 'Only this client.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.walletRefund.findMany({ ...query, where: args.userId ? { userId: String(args.userId) } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    { description: 'A page of wallet refunds.' },
    { description: 'A wallet refund in a page.' },
  ),
);

import { notFound } from '../../../shared/errors.js';
import { canOpenPayoutAccount, canPayOut, canViewEarnings, payoutsVisibleTo } from '../authz.js';
import { builder } from '../builder.js';
import { createPayoutAccountLink, requestPayout } from '../services/payouts.js';
import { readerEarnings, type ReaderEarnings } from '../services/reports.js';

const ReaderEarningsObject = builder.objectRef<ReaderEarnings>('ReaderEarnings').implement({
  description: 'A reader\'s earnings (their share of minutes, paid replies and gifts, net of refunds), in cents. Periods are UTC.',
  fields: (t) => ({
    readerId: t.exposeID('readerId', { description: 'User id of the reader these figures belong to (only that reader and admins can read them).' }),
    todayCents: t.exposeInt('todayCents', { description: 'Earned today.' }),
    weekCents: t.exposeInt('weekCents', { description: 'Earned this week (from Monday).' }),
    monthCents: t.exposeInt('monthCents', { description: 'Earned this calendar month.' }),
    lifetimeCents: t.exposeInt('lifetimeCents', { description: 'Earned in total.' }),
    availableCents: t.exposeInt('availableCents', { description: 'Available for payout now.' }),
    pendingPayoutCents: t.exposeInt('pendingPayoutCents', { description: 'In payouts not confirmed yet.' }),
    paidOutCents: t.exposeInt('paidOutCents', { description: 'Paid out in total.' }),
    giftsCents: t.exposeInt('giftsCents', { description: 'Earned from gifts in total.' }),
    giftsCount: t.exposeInt('giftsCount', { description: 'Gifts received.' }),
  }),
});

const PayoutStatusEnum = builder.enumType('PayoutStatus', {
  description: 'Where a payout is.',
  values: {
    PENDING: { description: 'Recorded, not sent yet.' },
    PROCESSING: { description: 'Sent to Stripe, outcome not recorded yet.' },
    COMPLETED: { description: 'Transferred to the reader\'s Stripe account.' },
    FAILED: { description: 'The transfer failed; the amount went back to the reader\'s earnings.' },
  },
});

builder.prismaObject('Payout', {
  description: 'A transfer of a reader\'s earnings to their Stripe Connect account.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the payout (also in the Stripe transfer\'s metadata); readers see their own payouts, admins all.' }),
    readerId: t.exposeID('readerId', { description: 'The reader paid.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Amount transferred to the reader, in cents (at least the payout threshold, $15 by default).' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    status: t.expose('status', { type: PayoutStatusEnum, description: 'Where the transfer is: PENDING until sent to Stripe, then COMPLETED or FAILED (failed money returns to earnings).' }),
    stripeTransferId: t.exposeString('stripeTransferId', { nullable: true, description: 'The Stripe transfer, once made.' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why it failed, if it did.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true, description: 'When its outcome was recorded.' }),
  }),
});

const PayoutAccountLink = builder.objectRef<{ url: string; expiresAt: Date; stripeAccountId: string }>('PayoutAccountLink').implement({
  description: 'A Stripe Connect Express onboarding link.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Open it to finish onboarding with Stripe.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'The link stops working then; ask for a new one.' }),
    stripeAccountId: t.exposeString('stripeAccountId', { description: 'The reader\'s Connect account (created once).' }),
  }),
});

const RequestPayoutInput = builder.inputType('RequestPayoutInput', {
  description: 'A payout of a reader\'s earnings.',
  fields: (t) => ({
    readerId: t.id({ required: true, description: 'The reader to pay.' }),
    amountCents: t.int({ description: 'Amount in cents (default: everything available). At least the payout threshold ($15 setting).' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first payout (8–200 characters).' }),
  }),
});

const PayoutAccountLinkInput = builder.inputType('PayoutAccountLinkInput', {
  description: 'Where Stripe sends the reader back.',
  fields: (t) => ({
    returnUrl: t.string({ required: true, description: 'After onboarding (https).' }),
    refreshUrl: t.string({ required: true, description: 'When the link expired (https).' }),
  }),
});

builder.queryFields((t) => ({
  readerEarnings: t.field({
    type: ReaderEarningsObject,
    authScopes: (_root, _args, ctx) => canViewEarnings(ctx.viewer),
    description: 'The signed-in reader\'s earnings (admins: any reader\'s with readerId).',
    args: { readerId: t.arg.id({ description: 'Admins only: another reader.' }) },
    resolve: (_root, args, ctx) => readerEarnings(ctx, { readerId: args.readerId ? String(args.readerId) : null }),
  }),
  payouts: t.prismaConnection(
    {
      type: 'Payout',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canViewEarnings(ctx.viewer),
      description: 'Payout history, newest first: the reader\'s own; admins see all (or one reader\'s with readerId).',
      args: { readerId: t.arg.id({ description: 'Admins: only this reader.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.payout.findMany({ ...query, where: payoutsVisibleTo(ctx.viewer, args.readerId ? String(args.readerId) : null), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    { description: 'A page of payouts.' },
    { description: 'A payout in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  createPayoutAccountLink: t.field({
    type: PayoutAccountLink,
    authScopes: (_root, _args, ctx) => canOpenPayoutAccount(ctx.viewer),
    description: 'Readers: creates their Stripe Connect Express account (once) and returns an onboarding link.',
    args: { input: t.arg({ type: PayoutAccountLinkInput, required: true, description: 'Return and refresh URLs.' }) },
    resolve: async (_root, { input }, ctx) => {
      const link = await createPayoutAccountLink(ctx, input);
      return { url: link.url, expiresAt: link.expiresAt, stripeAccountId: link.account.stripeAccountId };
    },
  }),
  requestPayout: t.prismaField({
    type: 'Payout',
    authScopes: (_root, _args, ctx) => canPayOut(ctx.viewer),
    description: 'Admins with PAYOUTS (finance, super-admins): pays a reader\'s earnings to their Stripe account. A failed transfer puts the money back.',
    args: { input: t.arg({ type: RequestPayoutInput, required: true, description: 'Reader, amount and idempotency key.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const payout = await requestPayout(ctx, { readerId: String(input.readerId), amountCents: input.amountCents, idempotencyKey: input.idempotencyKey });
      const row = await ctx.prisma.payout.findUnique({ ...query, where: { id: payout.id } });
      if (!row) throw notFound('Payout');
      return row;
    },
  }),
}));

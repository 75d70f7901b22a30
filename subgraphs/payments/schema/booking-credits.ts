import { requireViewer } from '../../../shared/authz.js';
import { canBuy } from '../authz.js';
import { builder } from '../builder.js';
import { ServiceSessionTypeEnum } from './products.js';
import { ReaderRef } from './refs.js';

const BookingCreditStatusEnum = builder.enumType('BookingCreditStatus', {
  description: 'Where a booking credit stands.',
  values: {
    AVAILABLE: { description: 'Paid and not used yet.' },
    REDEEMED: { description: 'Used for a session with the reader.' },
    REFUNDED: { description: 'Void: the order was cancelled or fully refunded before the credit was used.' },
    EXPIRED: { description: 'Void: not used in time.' },
  } as const,
});

builder.prismaObject('BookingCredit', {
  description: 'A reading with one reader that a paid bookable service entitles its buyer to (one per unit bought).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable booking credit id.' }),
    orderId: t.exposeID('orderId', { description: 'The order that bought it.' }),
    reader: t.field({ type: ReaderRef, description: 'The reader the reading is with.', select: { readerId: true }, resolve: (c) => ({ id: c.readerId }) }),
    sessionType: t.expose('sessionType', { type: ServiceSessionTypeEnum, description: 'How the reading takes place (chat, call or video).' }),
    minutes: t.exposeInt('minutes', { description: 'Minutes of reading it covers.' }),
    status: t.expose('status', { type: BookingCreditStatusEnum, description: 'Available, used, or void (refunded, expired).' }),
    voidedAt: t.expose('voidedAt', { type: 'DateTime', nullable: true, description: 'When it became void (order cancelled or refunded).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the order was paid and the credit issued.' }),
  }),
});

builder.queryFields((t) => ({
  bookingCredits: t.prismaConnection(
    {
      type: 'BookingCredit',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canBuy(ctx.viewer),
      description: 'The viewer\'s booking credits (readings bought as shop services), newest first.',
      args: { status: t.arg({ type: BookingCreditStatusEnum, description: 'Only credits in this status.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.bookingCredit.findMany({
          ...query,
          where: { clientId: requireViewer(ctx).id, ...(args.status ? { status: args.status } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    { description: 'A page of booking credits.' },
    { description: 'A booking credit in a page.' },
  ),
}));

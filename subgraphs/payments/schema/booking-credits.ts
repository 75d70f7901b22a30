import { requireViewer } from '../../../shared/authz.js';
import { canBuy } from '../authz.js';
import { builder } from '../builder.js';
import { ServiceSessionTypeEnum } from './products.js';
import { ReaderRef, SessionRef } from './refs.js';
import type { BookingCreditStatus } from '../../../shared/db/generated/enums.js';
import type { Prisma } from '../../../shared/db/generated/client.js';

/** An AVAILABLE credit past its time reads as EXPIRED before the hourly job marks it (booking-credits.ts). */
const statusNow = (c: { status: BookingCreditStatus; expiresAt: Date }, now = new Date()): BookingCreditStatus =>
  c.status === 'AVAILABLE' && c.expiresAt <= now ? 'EXPIRED' : c.status;

function statusFilter(status: BookingCreditStatus, now = new Date()): Prisma.BookingCreditWhereInput {
  if (status === 'AVAILABLE') return { status, expiresAt: { gt: now } };
  if (status === 'EXPIRED') return { OR: [{ status }, { status: 'AVAILABLE', expiresAt: { lte: now } }] };
  return { status };
}

const BookingCreditStatusEnum = builder.enumType('BookingCreditStatus', {
  description: 'Where a booking credit stands.',
  values: {
    AVAILABLE: { description: 'Paid and not used yet.' },
    REDEEMED: { description: 'Redeemed for a session with the reader (see session): its first minutes are prepaid. Given back (AVAILABLE) if that session ends before it started.' },
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
    status: t.field({
      type: BookingCreditStatusEnum,
      description: 'Available, redeemed, or void (refunded, expired); an available credit past expiresAt reads EXPIRED.',
      select: { status: true, expiresAt: true },
      resolve: (c) => statusNow(c),
    }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'The session it was redeemed for (REDEEMED only).',
      select: { sessionId: true, status: true },
      resolve: (c) => (c.status === 'REDEEMED' && c.sessionId ? { id: c.sessionId } : null),
    }),
    redeemedAt: t.expose('redeemedAt', { type: 'DateTime', nullable: true, description: 'When it was redeemed for its session (REDEEMED only).' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Last moment it can be redeemed (booking_credit_valid_days after the sale); unused, it expires with no refund.' }),
    voidedAt: t.expose('voidedAt', { type: 'DateTime', nullable: true, description: 'When it became void (order cancelled or refunded, or expired).' }),
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
      description: 'The viewer\'s booking credits (readings bought as shop services), newest first. Redeem one with requestSession or bookSession (bookingCreditId, or useBookingCredit).',
      args: {
        status: t.arg({ type: BookingCreditStatusEnum, description: 'Only credits in this status (AVAILABLE: redeemable now; EXPIRED includes available ones past their time).' }),
        readerId: t.arg.id({ description: 'Only credits for readings with this reader.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.bookingCredit.findMany({
          ...query,
          where: {
            clientId: requireViewer(ctx).id,
            ...(args.status ? statusFilter(args.status) : {}),
            ...(args.readerId ? { readerId: String(args.readerId) } : {}),
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    { description: 'A page of booking credits.' },
    { description: 'A booking credit in a page.' },
  ),
}));

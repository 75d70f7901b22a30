import { assertCanViewWholeLedger, canAuditLedger, canUseWallet, moneyOwnerFor } from '../authz.js';
import { builder } from '../builder.js';
import { TransactionStatus, TransactionType } from '../../../shared/db/generated/enums.js';
import type { Prisma } from '../../../shared/db/generated/client.js';

export const TransactionTypeEnum = builder.enumType('TransactionType', {
  description: 'What moved the money.',
  values: {
    ADD_FUNDS: { description: 'A card top-up credited to the wallet.' },
    SESSION_CHARGE: { description: 'One minute of a reading.' },
    REFUND: { description: 'A session refunded to the wallet, or wallet balance refunded to the card (and restored if that refund failed).' },
    PAYOUT: { description: 'Earnings paid out to the reader (or restored after a failed transfer).' },
    PURCHASE: { description: 'A paid reply, stream entry or product.' },
    GIFT_PURCHASE: { description: 'A virtual gift.' },
    ADJUSTMENT: { description: 'A manual credit or debit by an admin.' },
  } satisfies Record<TransactionType, { description: string }>,
});

export const TransactionStatusEnum = builder.enumType('TransactionStatus', {
  description: 'Whether a ledger transaction\'s money has settled, is waiting for an outside step, or was undone.',
  values: {
    PENDING: { description: 'Money has left the balance; the outside step (transfer) is not confirmed yet.' },
    COMPLETED: { description: 'Settled: the balances already include it and nothing outside is pending.' },
    FAILED: { description: 'The outside step failed; a reversing transaction restored the money.' },
    REFUNDED: { description: 'A charge later refunded in full.' },
    CANCELLED: { description: 'Cancelled before any money moved.' },
  } satisfies Record<TransactionStatus, { description: string }>,
});

export const TransactionObject = builder.prismaObject('Transaction', {
  description: 'One balanced movement of money in the ledger, and what caused it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the ledger transaction; refunds and failed payouts point at it with reversesId.' }),
    type: t.expose('type', { type: TransactionTypeEnum, description: 'What moved the money.' }),
    status: t.expose('status', { type: TransactionStatusEnum, description: 'Whether the money has settled (COMPLETED), awaits a transfer (PENDING), or was undone (FAILED, REFUNDED).' }),
    amountCents: t.exposeInt('amountCents', { description: 'Amount in cents (always positive; see type for direction).' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    userId: t.exposeID('userId', { nullable: true, description: 'The client (or reader, for payouts) whose balance it changed.' }),
    readerId: t.exposeID('readerId', { nullable: true, description: 'The reader who earned a share, if any.' }),
    readerShareCents: t.exposeInt('readerEarningsCents', { nullable: true, description: 'The reader\'s share (floor of amount × share), or the share reversed by a refund.' }),
    platformShareCents: t.exposeInt('platformRevenueCents', { nullable: true, description: 'The platform\'s share (the remainder).' }),
    sessionId: t.exposeID('sessionId', { nullable: true, description: 'The reading session, for charges and refunds.' }),
    sessionMinute: t.exposeInt('sessionMinute', { nullable: true, description: 'The minute of the session a charge paid for (1-based).' }),
    giftId: t.exposeID('giftId', { nullable: true, description: 'The gift, for gift purchases.' }),
    payoutId: t.exposeID('payoutId', { nullable: true, description: 'Id of the reader payout it moved (type PAYOUT); null for every other type.' }),
    reversesId: t.exposeID('reversesId', { nullable: true, description: 'Id of the earlier transaction this refund or restore undoes, in full or in part; null when it reverses nothing.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why (refunds and adjustments).' }),
    description: t.exposeString('description', { nullable: true, description: 'Human-readable summary.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

builder.queryFields((t) => ({
  transactions: t.prismaConnection(
    {
      type: 'Transaction',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
      description: 'The viewer\'s transactions (as client or as earning reader), newest first. Admins may pass userId, or allUsers for the whole ledger.',
      args: {
        userId: t.arg.id({ description: 'Admins only: another user.' }),
        allUsers: t.arg.boolean({ defaultValue: false, description: 'Admins with LEDGER_AUDIT only: every transaction of the ledger.' }),
        types: t.arg({ type: [TransactionTypeEnum], description: 'Only these types.' }),
        from: t.arg({ type: 'DateTime', description: 'Only at or after this instant.' }),
        to: t.arg({ type: 'DateTime', description: 'Only before this instant.' }),
      },
      resolve: (query, _root, args, ctx) => {
        if (args.allUsers) assertCanViewWholeLedger(ctx.viewer);
        const userId = args.allUsers ? null : moneyOwnerFor(ctx.viewer, args.userId ? String(args.userId) : null);
        const where: Prisma.TransactionWhereInput = {
          ...(userId ? { OR: [{ userId }, { readerId: userId }] } : {}),
          ...(args.types?.length ? { type: { in: args.types } } : {}),
          ...(args.from || args.to ? { createdAt: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lt: args.to } : {}) } } : {}),
        };
        return ctx.prisma.transaction.findMany({ ...query, where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      },
    },
    { description: 'A page of transactions.' },
    { description: 'A transaction in a page.' },
  ),
}));

const LedgerAccountKindEnum = builder.enumType('LedgerAccountKind', {
  description: 'What a ledger account holds.',
  values: {
    CLIENT_WALLET: { description: 'A client\'s prepaid balance.' },
    READER_EARNINGS: { description: 'A reader\'s earnings not paid out.' },
    PLATFORM_REVENUE: { description: 'The platform\'s share.' },
    STRIPE_CLEARING: { description: 'Money received by card (negative as it is credited to wallets).' },
    PAYOUTS_CLEARING: { description: 'Money transferred to readers.' },
    REFUNDS: { description: 'Refund losses the platform absorbed.' },
    ADJUSTMENTS: { description: 'Manual credits and debits.' },
  },
});

builder.prismaObject('LedgerAccount', {
  description: 'One account of the double-entry ledger (admins).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Account id (equal to its code: wallet:<user>, earnings:<user>, platform:revenue…).' }),
    kind: t.expose('kind', { type: LedgerAccountKindEnum, description: 'What it holds.' }),
    userId: t.exposeID('userId', { nullable: true, description: 'Its user, for wallets and earnings.' }),
    balanceCents: t.field({ type: 'Int', description: 'Balance in cents (the sum of its entries).', resolve: (a) => Number(a.balanceCents) }),
    allowNegative: t.exposeBoolean('allowNegative', { description: 'Clearing accounts may go below zero; wallets and earnings never.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last movement.' }),
  }),
});

builder.queryField('ledgerAccounts', (t) =>
  t.prismaConnection(
    {
      type: 'LedgerAccount',
      cursor: 'id',
      defaultSize: 50,
      maxSize: 200,
      authScopes: (_root, _args, ctx) => canAuditLedger(ctx.viewer),
      description: 'Admins with LEDGER_AUDIT: ledger accounts and their balances, by id.',
      args: { kind: t.arg({ type: LedgerAccountKindEnum, description: 'Only this kind.' }) },
      resolve: (query, _root, args, ctx) => ctx.prisma.ledgerAccount.findMany({ ...query, where: args.kind ? { kind: args.kind } : {}, orderBy: { id: 'asc' } }),
    },
    { description: 'A page of ledger accounts.' },
    { description: 'A ledger account in a page.' },
  ),
);

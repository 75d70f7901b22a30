import { builder } from '../builder.js';
import { adminViewLimit, implementAdminUserView } from '../../../shared/graphql/admin-user-view.js';

/** Payments' part of the admin console's picture of a user (accounts owns the AdminUserView entity's key). */
implementAdminUserView(builder, (t) => ({
  wallet: t.prismaField({
    type: 'Wallet',
    nullable: true,
    authScopes: { admin: true },
    description: 'The user\'s wallet (null before the first money movement).',
    resolve: (query, v, _args, ctx) => ctx.prisma.wallet.findUnique({ ...query, where: { userId: v.userId } }),
  }),
  recentTransactions: t.prismaField({
    type: ['Transaction'],
    authScopes: { admin: true },
    description: 'The user\'s latest transactions as client or earning reader, newest first (transactions(userId) pages through all).',
    args: { limit: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }) },
    resolve: (query, v, args, ctx) =>
      ctx.prisma.transaction.findMany({
        ...query,
        where: { OR: [{ userId: v.userId }, { readerId: v.userId }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: adminViewLimit(args.limit),
      }),
  }),
}));

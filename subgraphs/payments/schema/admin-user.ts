import { builder } from '../builder.js';
import { badInput } from '../../../shared/errors.js';

const limitOf = (limit: number | null | undefined): number => {
  const n = limit ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('limit must be between 1 and 100.', 'limit');
  return n;
};

/** Payments' part of the admin console's picture of a user (accounts owns the AdminUserView entity's key). */
const AdminUserView = builder.objectRef<{ userId: string }>('AdminUserView').implement({
  description: 'Everything support needs about one user, each part from the service that owns it. Admins only.',
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The user\'s id.' }),
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
          take: limitOf(args.limit),
        }),
    }),
  }),
});
builder.asEntity(AdminUserView, {
  key: builder.selection<{ userId: string }>('userId'),
  resolveReference: (ref) => ({ userId: ref.userId }),
});

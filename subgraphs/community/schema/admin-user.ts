import { builder } from '../builder.js';
import { adminViewLimit, implementAdminUserView } from '../../../shared/graphql/admin-user-view.js';

/** Community's part of the admin console's picture of a user (accounts owns the AdminUserView entity's key). */
implementAdminUserView(builder, (t) => ({
  flags: t.prismaField({
    type: ['ContentFlag'],
    authScopes: { admin: true },
    description: 'The latest flags against the user\'s posts and replies, or filed by the user, newest first.',
    args: { limit: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }) },
    resolve: (query, v, args, ctx) =>
      ctx.prisma.contentFlag.findMany({
        ...query,
        where: { OR: [{ reporterId: v.userId }, { post: { is: { authorId: v.userId } } }, { reply: { is: { authorId: v.userId } } }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: adminViewLimit(args.limit),
      }),
  }),
}));

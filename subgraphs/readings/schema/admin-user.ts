import { builder } from '../builder.js';
import { adminViewLimit, implementAdminUserView } from '../../../shared/graphql/admin-user-view.js';
import { SessionObject } from './session.js';

/** Readings' part of the admin console's picture of a user (accounts owns the AdminUserView entity's key). */
implementAdminUserView(builder, (t) => ({
  recentSessions: t.prismaField({
    type: [SessionObject],
    authScopes: { admin: true },
    description: 'The user\'s latest reading sessions as client or reader, newest first.',
    args: { limit: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }) },
    resolve: (query, v, args, ctx) =>
      ctx.prisma.session.findMany({
        ...query,
        where: { OR: [{ clientId: v.userId }, { readerId: v.userId }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: adminViewLimit(args.limit),
      }),
  }),
}));

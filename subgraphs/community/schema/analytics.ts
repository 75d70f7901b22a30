import { builder } from '../builder.js';

/** Community's figures of the admin dashboard (payments owns the AdminAnalytics key). */
const AdminAnalytics = builder.objectRef<{ id: string }>('AdminAnalytics').implement({
  description: 'The admin dashboard over one date range (at most 366 days); each figure from the service that owns its data. Admins only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The range, as `<from>/<to>` (ISO 8601).' }),
    liveStreamsNow: t.int({
      authScopes: { admin: true },
      description: 'Live streams on air now, whatever the range.',
      resolve: (_a, _args, ctx) => ctx.prisma.liveStream.count({ where: { status: 'LIVE' } }),
    }),
  }),
});
builder.asEntity(AdminAnalytics, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref) => ({ id: ref.id }),
});

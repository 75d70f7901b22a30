import { builder } from '../builder.js';
import { loader } from '../../../shared/graphql/loaders.js';
import type { Context } from '../../../shared/context.js';
import { clientName, userLoader, UserRef } from './user.js';

/** Shown for a giver who keeps their name off leaderboards (the default). */
export const ANONYMOUS_GIVER = 'Anonymous';

/** The public name of each of these users who lets leaderboards show it (clients.show_name_in_leaderboards), else null. */
function namedGivers(ctx: Context) {
  return loader<string, string>(ctx, 'accounts:namedGivers', async (ids) => {
    const rows = await ctx.prisma.client.findMany({
      where: { userId: { in: [...ids] }, showNameInLeaderboards: true },
      select: { userId: true, firstName: true, lastName: true },
    });
    const named = new Map(rows.map((r) => [r.userId, clientName(r) || 'SoulSeer member']));
    return ids.map((id) => named.get(id) ?? null);
  });
}

// Community's leaderboard entry, extended here because accounts owns the giver's privacy setting: the gateway
// hands accounts the entry's (inaccessible) senderId and accounts decides what of the giver to show.
builder
  .externalRef('GiftLeaderboardEntry', builder.selection<{ id: string }>('id'), (entry) => entry)
  .implement({
    externalFields: (t) => ({ senderId: t.id() }),
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Entry id (the leaderboard and the rank; not the giver\'s id).' }),
      sender: t.field({
        type: UserRef,
        nullable: true,
        description: 'The giver, if they allow leaderboards to show their name (null for an anonymous giver).',
        requires: builder.selection<{ senderId: string }>('senderId'),
        resolve: async (entry, _args, ctx) => ((await namedGivers(ctx).load(entry.senderId)) !== null ? userLoader(ctx).load(entry.senderId) : null),
      }),
      displayName: t.string({
        description: `The giver's public name, or "${ANONYMOUS_GIVER}" when they keep it off leaderboards.`,
        requires: builder.selection<{ senderId: string }>('senderId'),
        resolve: async (entry, _args, ctx) => (await namedGivers(ctx).load(entry.senderId)) ?? ANONYMOUS_GIVER,
      }),
    }),
  });

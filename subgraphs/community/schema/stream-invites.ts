import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { strictMaxSize } from '../../../shared/graphql/page-size.js';
import { canManageStream } from '../authz.js';
import { builder } from '../builder.js';
import { UserRef } from './refs.js';
import { LiveStreamObject } from './streams.js';

const INVITES_MAX_PAGE = 100;
const INVITES_DEFAULT_PAGE = 50;

/** An invitee as the connection pages it: the user (the node) and its invitation row (the cursor). */
interface Invitee {
  id: string;
  inviteId: string;
}

builder.prismaObjectField(LiveStreamObject, 'invitedUsers', (t) =>
  t.connection(
    {
      type: UserRef,
      nullable: true,
      description:
        'Invitees of a private stream, in the order they were invited, 50 a page by default and at most 100 (a larger ' +
        '`first` is refused with BAD_USER_INPUT). Shown to the stream\'s reader and admins only: null for anyone else.',
      resolve: async (s, args, ctx) => {
        if (!canManageStream(ctx.viewer, s)) return null;
        strictMaxSize(INVITES_MAX_PAGE)(args);
        return resolveCursorConnection<Promise<Invitee[]>>(
          // Same cursor shape as the prisma connections (the invitation's id), so every cursor in the API looks alike.
          { args, defaultSize: INVITES_DEFAULT_PAGE, maxSize: INVITES_MAX_PAGE, toCursor: (r) => formatPrismaCursor({ ...r }, 'inviteId') },
          async ({ after, before, limit, inverted }) => {
            const cursor = after ?? before;
            const dir = inverted ? 'desc' : 'asc';
            const rows = await ctx.prisma.streamInvite.findMany({
              where: { streamId: s.id },
              select: { id: true, userId: true },
              // Invitations made together share createdAt: the id breaks the tie so pages never overlap.
              orderBy: [{ createdAt: dir }, { id: dir }],
              take: limit,
              ...(cursor ? { cursor: { id: String(parsePrismaCursor(cursor)) }, skip: 1 } : {}),
            });
            return rows.map((r) => ({ id: r.userId, inviteId: r.id }));
          },
        );
      },
    },
    { description: 'A page of a private stream\'s invitees.' },
    { description: 'An invitee in a page, with the cursor to continue after it.' },
  ),
);

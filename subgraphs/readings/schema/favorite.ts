import { builder } from '../builder.js';
import type { Context, Viewer } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { canHearOfStream } from '../authz.js';
import { LiveStreamRef, ReaderRef } from './refs.js';
import { badInput, notFound } from '../../../shared/errors.js';
import { filterIterator } from '../../../shared/pubsub.js';
import { READER_STATUS_TOPIC, type ReaderStatusEvent } from '../../../shared/ports.js';
import { STREAM_STARTING_TOPIC, type StreamStartingEvent } from '../../../shared/stream-events.js';

builder.prismaObject('Favorite', {
  description: 'A reader the client keeps in favourites.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Favourite id.' }),
    reader: t.field({ type: ReaderRef, description: 'The favourited reader; favoriteReaderOnline and favoriteReaderWentLive tell the viewer when they come online or go live.', resolve: (f) => ({ id: f.readerId }) }),
    notifyOnline: t.exposeBoolean('notifyOnline', { description: 'Notify the client when this reader comes online.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});

builder.mutationField('favoriteReader', (t) =>
  t.prismaField({
    type: 'Favorite',
    authScopes: { authenticated: true },
    description: 'Adds a reader to the viewer\'s favourites, or updates notifyOnline (idempotent).',
    args: {
      readerId: t.arg.id({ required: true, description: 'The reader (user id).' }),
      notifyOnline: t.arg.boolean({ defaultValue: false, description: 'Be notified when the reader comes online.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const readerId = String(args.readerId);
      if (readerId === viewer.id) throw badInput('You cannot favourite yourself.', { field: 'readerId' });
      const reader = await ctx.prisma.reader.findUnique({ where: { userId: readerId }, select: { id: true } });
      if (!reader) throw notFound('Reader', { readerId });
      const notifyOnline = args.notifyOnline ?? false;
      return ctx.prisma.favorite.upsert({
        ...query,
        where: { clientId_readerId: { clientId: viewer.id, readerId } },
        create: { clientId: viewer.id, readerId, notifyOnline },
        update: { notifyOnline },
      });
    },
  }),
);

builder.mutationField('unfavoriteReader', (t) =>
  t.boolean({
    authScopes: { authenticated: true },
    description: 'Removes a reader from favourites; true if it was there.',
    args: { readerId: t.arg.id({ required: true, description: 'The reader (user id).' }) },
    resolve: async (_root, args, ctx) => {
      const r = await ctx.prisma.favorite.deleteMany({ where: { clientId: requireViewer(ctx).id, readerId: String(args.readerId) } });
      return r.count > 0;
    },
  }),
);

builder.queryField('myFavorites', (t) =>
  t.prismaConnection({
    type: 'Favorite',
    cursor: 'id',
    defaultSize: 20,
    maxSize: 100,
    authScopes: { authenticated: true },
    description: 'The viewer\'s favourite readers, newest first.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.favorite.findMany({ ...query, where: { clientId: requireViewer(ctx).id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

builder.subscriptionField('favoriteReaderOnline', (t) =>
  t.field({
    type: ReaderRef,
    authScopes: { authenticated: true },
    description: 'Favourite readers (with notifyOnline) coming online.',
    subscribe: (_root, _args, ctx) => {
      const clientId = requireViewer(ctx).id;
      return filterIterator(ctx.pubsub.subscribe<ReaderStatusEvent>(READER_STATUS_TOPIC), async (e) => {
        if (e.status !== 'ONLINE') return false;
        const fav = await ctx.prisma.favorite.findUnique({ where: { clientId_readerId: { clientId, readerId: e.readerId } }, select: { notifyOnline: true } });
        return !!fav?.notifyOnline;
      });
    },
    resolve: (e) => ({ id: (e as ReaderStatusEvent).readerId }),
  }),
);

const FavoriteReaderLiveEvent = builder.objectRef<StreamStartingEvent>('FavoriteReaderLiveEvent').implement({
  description: 'A favourite reader (followed with notifyOnline) started a live stream the viewer may see.',
  fields: (t) => ({
    streamId: t.exposeID('streamId', { description: 'The stream that went live (LiveStream id).' }),
    title: t.exposeString('title', { description: 'The stream\'s title.' }),
    reader: t.field({ type: ReaderRef, description: 'The reader who went live.', resolve: (e) => ({ id: e.readerId }) }),
    startedAt: t.field({ type: 'DateTime', description: 'When the stream went live.', resolve: (e) => new Date(e.startedAt) }),
    stream: t.field({
      type: LiveStreamRef,
      nullable: true,
      description: 'The stream itself, resolved by community as the viewer (status, viewer count, visibility…); null if the viewer may not see it.',
      resolve: (e) => ({ id: e.streamId }),
    }),
  }),
});

/**
 * Who is told: a viewer with the reader in favourites and notifyOnline on, when the stream is one they may see
 * (community's rule: public and premium streams to everyone, a private one to its invitees and admins only).
 */
async function wantsLiveReminder(ctx: Context, viewer: Viewer, e: StreamStartingEvent): Promise<boolean> {
  if (!canHearOfStream(viewer, e)) return false;
  const fav = await ctx.prisma.favorite.findUnique({ where: { clientId_readerId: { clientId: viewer.id, readerId: e.readerId } }, select: { notifyOnline: true } });
  return !!fav?.notifyOnline;
}

builder.subscriptionField('favoriteReaderWentLive', (t) =>
  t.field({
    type: FavoriteReaderLiveEvent,
    authScopes: { authenticated: true },
    description:
      'A reader in the viewer\'s favourites (with notifyOnline) started a live stream the viewer may see: public and premium streams reach every such follower, a private stream only its invited followers.',
    subscribe: (_root, _args, ctx) => {
      // Checked here, at subscribe time: an anonymous subscription is refused at once, not left open.
      const viewer = requireViewer(ctx);
      return filterIterator(ctx.pubsub.subscribe<StreamStartingEvent>(STREAM_STARTING_TOPIC), (e) => wantsLiveReminder(ctx, viewer, e));
    },
    resolve: (e) => e as StreamStartingEvent,
  }),
);

import { builder } from '../builder.js';
import { requireReaderSelf } from '../authz.js';
import { filterIterator } from '../../../shared/pubsub.js';
import { READER_STATUS_TOPIC, type ReaderStatusEvent } from '../../../shared/ports.js';
import { publishReaderStatus, setReaderPresence } from '../services/presence.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { transact } from '../../../shared/after-commit.js';
import { notifyFollowersOnline } from '../services/follower-notices.js';
import { ReaderRef, ReaderStatusEnum, readerByUserLoader } from './reader.js';

builder.mutationField('setReaderStatus', (t) =>
  t.prismaField({
    type: 'Reader',
    description: 'Sets the signed-in reader\'s presence. BUSY is set by the platform while a session is pending or running.',
    authScopes: { reader: true },
    args: { status: t.arg({ type: ReaderStatusEnum, required: true, description: 'ONLINE, OFFLINE, AWAY or INVISIBLE.' }) },
    resolve: async (query, _root, args, ctx) => {
      if (args.status === 'BUSY') throw badInput('BUSY is set by the platform during sessions.', { field: 'status' });
      const readerId = requireReaderSelf(ctx).id;
      const current = await ctx.prisma.reader.findUniqueOrThrow({ where: { userId: readerId }, select: { status: true } });
      if (current.status === 'BUSY') {
        throw conflict('You are in a session; your status changes when it ends.');
      }
      // The change and its followers' notices commit together (docs/notifications.md).
      const event = await transact(ctx, { service: 'accounts' }, async (tx) => {
        const changed = await setReaderPresence(tx, readerId, args.status);
        if (changed?.status === 'ONLINE') await notifyFollowersOnline(ctx, tx, readerId);
        return changed;
      });
      await publishReaderStatus(ctx.pubsub, event);
      return ctx.prisma.reader.findUniqueOrThrow({ ...query, where: { userId: readerId } });
    },
  }),
);

builder.subscriptionType({ description: 'Live events over graphql-ws.' });

builder.subscriptionField('readerStatusChanged', (t) =>
  t.field({
    type: ReaderRef,
    description: 'Presence changes of readers (all readers, or only readerIds). An INVISIBLE reader appears OFFLINE.',
    args: { readerIds: t.arg.idList({ description: 'Only these readers (e.g. your favourites). At most 200.' }) },
    subscribe: (_root, args, ctx) => {
      const ids = args.readerIds?.map(String);
      if (ids && ids.length > 200) throw badInput('readerIds may list at most 200 readers.', { field: 'readerIds' });
      const wanted = ids ? new Set(ids) : null;
      return filterIterator(ctx.pubsub.subscribe<ReaderStatusEvent>(READER_STATUS_TOPIC), (e) => !wanted || wanted.has(e.readerId)) as AsyncIterable<unknown>;
    },
    resolve: async (event, _args, ctx) => {
      const reader = await readerByUserLoader(ctx).load((event as ReaderStatusEvent).readerId);
      if (!reader) throw notFound('Reader');
      return reader;
    },
  }),
);

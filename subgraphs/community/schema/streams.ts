import { StreamStatus, StreamVisibility } from '../../../shared/db/generated/enums.js';
import type { LiveStream } from '../../../shared/db/generated/client.js';
import { loader } from '../../../shared/graphql/loaders.js';
import { filterIterator } from '../../../shared/pubsub.js';
import { sharedSubscription } from '../../../shared/graphql/shared-subscriptions.js';
import type { Context } from '../../../shared/context.js';
import { visibleStreamsWhere, watchRequirement } from '../authz.js';
import { builder } from '../builder.js';
import * as streams from '../services/streams.js';
import { ReaderRef, UserRef } from './refs.js';

const StreamStatusEnum = builder.enumType('StreamStatus', {
  description: 'Where a live stream is in its life.',
  values: {
    SCHEDULED: { description: 'Announced, not started.' },
    LIVE: { description: 'On air now.' },
    ENDED: { description: 'Was live and has ended.' },
    CANCELLED: { description: 'Ended before it went live.' },
  } as const satisfies Record<keyof typeof StreamStatus, unknown>,
});
const StreamVisibilityEnum = builder.enumType('StreamVisibility', {
  description: 'Who may watch: everyone, payers of the entry price, or invitees.',
  values: {
    PUBLIC: { description: 'Any signed-in user.' },
    PREMIUM: { description: 'Viewers who paid the entry price (once).' },
    PRIVATE: { description: 'Invited users only.' },
  } as const satisfies Record<keyof typeof StreamVisibility, unknown>,
});
const LiveStreamFilter = builder.enumType('LiveStreamFilter', {
  description: 'Which streams to list.',
  values: { LIVE: { description: 'Live now, most watched first.' }, SCHEDULED: { description: 'Coming up, soonest first.' } } as const,
});

function paidAccess(ctx: Context) {
  const viewerId = ctx.viewer?.id ?? '';
  return loader<string, boolean>(ctx, 'community:streamAccess', async (ids) => {
    const rows = await ctx.prisma.streamAccess.findMany({ where: { streamId: { in: [...ids] }, userId: viewerId }, select: { streamId: true } });
    const paid = new Set(rows.map((r) => r.streamId));
    return ids.map((id) => paid.has(id));
  });
}

/** Whether the viewer may watch a stream now without paying: its reader, admins, anyone signed in on a public stream, invitees, payers. */
async function mayWatch(s: Pick<LiveStream, 'id' | 'readerId' | 'visibility'>, ctx: Context): Promise<boolean> {
  if (!ctx.viewer) return false;
  const needs = watchRequirement(ctx.viewer, s);
  if (needs === 'NONE') return true;
  if (needs === 'INVITATION') return streams.canSee(ctx.prisma, ctx.viewer, s);
  return (await paidAccess(ctx).load(s.id)) ?? false;
}

export const LiveStreamObject = builder.prismaObject('LiveStream', {
  description: 'A reader\'s live video stream, watched through LiveKit.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the stream; pass it to joinLiveStream, liveStreamToken and streamEvents.' }),
    roomName: t.exposeString('streamId', { description: 'The LiveKit room name.' }),
    reader: t.field({ type: ReaderRef, description: 'The reader who streams.', resolve: (s) => ({ id: s.readerId }) }),
    title: t.exposeString('title', { description: 'Title, as written.' }),
    description: t.exposeString('description', { nullable: true, description: 'Description, as written.' }),
    category: t.exposeString('category', { description: 'Topic category.' }),
    visibility: t.expose('visibility', { type: StreamVisibilityEnum, description: 'Public, premium or private.' }),
    entryPriceCents: t.exposeInt('entryPriceCents', { nullable: true, description: 'Premium entry price, in cents.' }),
    status: t.expose('status', { type: StreamStatusEnum, description: 'Scheduled, live, ended or cancelled.' }),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime', nullable: true, description: 'Planned start.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When it went live.' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: 'When the reader ended the stream (UTC); null while it is scheduled or live.' }),
    viewerCount: t.exposeInt('viewerCount', { description: 'Watching now.' }),
    maxViewers: t.exposeInt('maxViewers', { description: 'Most watching at once.' }),
    recordingUrl: t.string({
      nullable: true,
      description:
        'Recording, when one was kept. Only for viewers who may watch the stream (see viewerHasAccess: its reader, ' +
        'admins, signed-in users for a public stream, payers of a premium one, invitees of a private one); null otherwise.',
      resolve: async (s, _args, ctx) => (s.recordingUrl && (await mayWatch(s, ctx)) ? s.recordingUrl : null),
    }),
    viewerHasAccess: t.boolean({
      description: 'Whether the viewer may watch without paying now (premium entry paid, invited, public, or host).',
      resolve: (s, _args, ctx) => mayWatch(s, ctx),
    }),
  }),
});

builder.asEntity(LiveStreamObject, {
  key: builder.selection<{ id: string }>('id'),
  // Other subgraphs (readings' favoriteReaderWentLive) may reference a stream; a private one resolves only for
  // its reader, invitees and admins (null for anyone else).
  resolveReference: async (ref, ctx) => {
    const s = await ctx.prisma.liveStream.findUnique({ where: { id: ref.id } });
    return s && (await streams.canSee(ctx.prisma, ctx.viewer, s)) ? s : null;
  },
});

const LiveStreamToken = builder
  .objectRef<Awaited<ReturnType<typeof streams.issueToken>>>('LiveStreamToken')
  .implement({
    description: 'What a client needs to join a stream\'s LiveKit room.',
    fields: (t) => ({
      token: t.exposeString('token', { description: 'LiveKit access token (JWT).' }),
      url: t.exposeString('url', { nullable: true, description: 'LiveKit server URL (null when none is configured).' }),
      roomName: t.exposeString('roomName', { description: 'Room to join.' }),
      identity: t.exposeString('identity', { description: 'The participant identity (the viewer\'s user id).' }),
      canPublish: t.exposeBoolean('canPublish', { description: 'True for the reader only; viewers subscribe only.' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the token stops working.' }),
      paidCents: t.exposeInt('paidCents', { description: 'Premium entry charged by this call (0 if already paid or free).' }),
      stream: t.field({ type: LiveStreamObject, description: 'The stream this token admits to, as it is now (status, viewerCount).', resolve: (r) => r.stream }),
    }),
  });

type GiftEvent = Extract<streams.StreamEventPayload, { kind: 'GIFT' }>;
type ChatEvent = Extract<streams.StreamEventPayload, { kind: 'CHAT' }>;

const StreamGiftInfo = builder.objectRef<GiftEvent['gift']>('StreamGiftInfo').implement({
  description: 'The catalogue gift in a gift event.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Catalogue gift id.' }),
    name: t.exposeString('name', { description: 'The catalogue gift\'s display name, to show next to the sender.' }),
    priceCents: t.exposeInt('priceCents', { description: 'Price paid, in cents.' }),
    imageUrl: t.exposeString('imageUrl', { description: 'URL (http or https) of the gift\'s picture to show in the stream.' }),
    animationUrl: t.exposeString('animationUrl', { nullable: true, description: 'Animation to play.' }),
  }),
});
const StreamGiftEvent = builder.objectRef<GiftEvent>('StreamGiftEvent').implement({
  description: 'Someone sent the reader a gift during the stream.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Id of the sent gift (the same as Gift.id), so a client can drop a repeated event.' }),
    streamId: t.exposeID('streamId', { description: 'Id of the live stream the gift was sent in.' }),
    sender: t.field({ type: UserRef, description: 'Who sent it (displayName comes from accounts).', resolve: (e) => ({ id: e.senderId }) }),
    message: t.exposeString('message', { nullable: true, description: 'Message with the gift, as written.' }),
    gift: t.field({ type: StreamGiftInfo, description: 'What was sent.', resolve: (e) => e.gift }),
    createdAt: t.field({ type: 'DateTime', description: 'When the gift was sent and paid (UTC).', resolve: (e) => e.createdAt }),
  }),
});
const StreamChatEvent = builder.objectRef<ChatEvent>('StreamChatEvent').implement({
  description: 'A chat message in the stream.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Unique id of this chat line (not stored: stream chat has no history), to drop a repeated event.' }),
    streamId: t.exposeID('streamId', { description: 'Id of the live stream the message was said in.' }),
    sender: t.field({ type: UserRef, description: 'Who wrote it.', resolve: (e) => ({ id: e.senderId }) }),
    message: t.exposeString('message', { description: 'Text, as written.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the server accepted the message (UTC).', resolve: (e) => e.createdAt }),
  }),
});
const StreamEvent = builder.unionType('StreamEvent', {
  description: 'Something that happened in a live stream: a gift or a chat message.',
  types: [StreamGiftEvent, StreamChatEvent],
  resolveType: (e) => ((e as streams.StreamEventPayload).kind === 'GIFT' ? StreamGiftEvent : StreamChatEvent),
});

const ScheduleLiveStreamInput = builder.inputType('ScheduleLiveStreamInput', {
  description: 'A live stream a reader announces ahead: title, topic, visibility and planned start.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'Title, 3–200 characters.' }),
    description: t.string({ description: 'Description, up to 5,000 characters.' }),
    category: t.string({ required: true, description: 'Topic category.' }),
    scheduledAt: t.field({ type: 'DateTime', required: true, description: 'Planned start (not in the past, within a year).' }),
    visibility: t.field({ type: StreamVisibilityEnum, required: true, description: 'Public, premium (entry price) or private (invitees).' }),
    entryPriceCents: t.int({ description: 'Premium only: entry price, 100–100,000 cents.' }),
    invitedUserIds: t.idList({ description: 'Private only: who may watch (up to 500).' }),
  }),
});

builder.queryFields((t) => ({
  liveStreams: t.prismaConnection(
    {
      type: 'LiveStream',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 50,
      description: 'Live or upcoming streams the viewer may see (private ones only for invitees).',
      args: {
        filter: t.arg({ type: LiveStreamFilter, defaultValue: 'LIVE', description: 'Live now or scheduled.' }),
        readerId: t.arg.id({ description: 'Only this reader\'s streams.' }),
      },
      resolve: (query, _root, args, ctx) => {
        const live = (args.filter ?? 'LIVE') === 'LIVE';
        return ctx.prisma.liveStream.findMany({
          ...query,
          where: { status: live ? 'LIVE' : 'SCHEDULED', ...(args.readerId ? { readerId: String(args.readerId) } : {}), ...visibleStreamsWhere(ctx.viewer) },
          orderBy: live ? [{ viewerCount: 'desc' }, { startedAt: 'desc' }, { id: 'asc' }] : [{ scheduledAt: 'asc' }, { id: 'asc' }],
        });
      },
    },
    { description: 'A page of streams.' },
    { description: 'A stream in a page.' },
  ),
  liveStream: t.prismaField({
    type: 'LiveStream',
    nullable: true,
    description: 'One stream (null if it does not exist or is private to others).',
    args: { id: t.arg.id({ required: true, description: 'Id of the stream to fetch; a private stream the viewer is not invited to answers null.' }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.liveStream.findFirst({ ...query, where: { id: String(args.id), ...visibleStreamsWhere(ctx.viewer) } }),
  }),
}));


builder.mutationFields((t) => ({
  scheduleLiveStream: t.prismaField({
    type: 'LiveStream',
    authScopes: { reader: true },
    description: 'Schedules a stream. Readers only.',
    args: { input: t.arg({ type: ScheduleLiveStreamInput, required: true, description: 'Title, description, category, visibility (and entry price for premium) and planned start.' }) },
    resolve: async (query, _root, args, ctx) => {
      const s = await streams.scheduleStream(ctx, args.input);
      return ctx.prisma.liveStream.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  startLiveStream: t.prismaField({
    type: 'LiveStream',
    authScopes: { reader: true },
    description: 'Goes live (the stream\'s reader only; one live stream per reader). Followers get a reminder event.',
    args: { streamId: t.arg.id({ required: true, description: 'Id of a SCHEDULED stream of the viewer\'s to go live with.' }) },
    resolve: async (query, _root, args, ctx) => {
      const s = await streams.startStream(ctx, String(args.streamId));
      return ctx.prisma.liveStream.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  endLiveStream: t.prismaField({
    type: 'LiveStream',
    authScopes: { reader: true },
    description: 'Ends a live stream (or cancels a scheduled one); optionally stores its recording URL. The reader only.',
    args: {
      streamId: t.arg.id({ required: true, description: 'Id of the viewer\'s own live or scheduled stream to end or cancel.' }),
      recordingUrl: t.arg.string({ description: 'Where the recording is (http or https).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const s = await streams.endStream(ctx, String(args.streamId), args.recordingUrl);
      return ctx.prisma.liveStream.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  liveStreamToken: t.field({
    type: LiveStreamToken,
    authScopes: { authenticated: true },
    description:
      'A LiveKit token for a stream: publish rights for its reader, subscribe-only for viewers. For a premium stream ' +
      'the entry price is paid from the wallet on the first call only; private streams admit invitees only.',
    args: { streamId: t.arg.id({ required: true, description: 'Id of a stream the viewer may watch (or streams, as its reader).' }) },
    resolve: (_root, args, ctx) => streams.issueToken(ctx, String(args.streamId)),
  }),
  joinLiveStream: t.prismaField({
    type: 'LiveStream',
    authScopes: { authenticated: true },
    description: 'Reports that the viewer started watching (keeps viewerCount and maxViewers live).',
    args: { streamId: t.arg.id({ required: true, description: 'Id of a live stream the viewer now watches, to count them in viewerCount.' }) },
    resolve: async (query, _root, args, ctx) => {
      const s = await streams.joinStream(ctx, String(args.streamId), true);
      return ctx.prisma.liveStream.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  leaveLiveStream: t.prismaField({
    type: 'LiveStream',
    authScopes: { authenticated: true },
    description: 'Reports that the viewer stopped watching.',
    args: { streamId: t.arg.id({ required: true, description: 'Id of the stream the viewer stops watching.' }) },
    resolve: async (query, _root, args, ctx) => {
      const s = await streams.joinStream(ctx, String(args.streamId), false);
      return ctx.prisma.liveStream.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  sendStreamMessage: t.field({
    type: StreamChatEvent,
    authScopes: { authenticated: true },
    description: `Says something in a live stream\'s chat (up to ${streams.STREAM_CHAT_MAX} characters; rate limited).`,
    args: {
      streamId: t.arg.id({ required: true, description: 'Id of a live stream the viewer may watch.' }),
      message: t.arg.string({ required: true, description: 'The text, as written.' }),
    },
    resolve: async (_root, args, ctx) => (await streams.sendStreamMessage(ctx, String(args.streamId), args.message)) as ChatEvent,
  }),
}));

builder.subscriptionFields((t) => ({
  streamUpdated: t.field({
    type: LiveStreamObject,
    description: 'A stream\'s status and viewer count as they change.',
    args: { streamId: t.arg.id({ required: true, description: 'Id of a stream the viewer may see, to follow its status and viewer count.' }) },
    subscribe: async (_root, args, ctx) => {
      const s = await streams.findStream(ctx, String(args.streamId));
      return ctx.pubsub.subscribe(streams.streamTopics.updated(s.id)) as AsyncIterable<unknown>;
    },
    resolve: (event, _args, ctx) => ctx.prisma.liveStream.findUniqueOrThrow({ where: { id: (event as { streamId: string }).streamId } }),
  }),
  streamEvents: t.field({
    type: StreamEvent,
    authScopes: { authenticated: true, sharedStream: true },
    description: 'Gifts and chat messages in a stream the viewer may watch.',
    args: { streamId: t.arg.id({ required: true, description: 'Id of a stream the viewer may watch; events start from subscription time (no replay).' }) },
    // The same events for every viewer allowed in: the gateway holds one stream per stream id for all of them,
    // each viewer authorized on its own (shared/graphql/shared-subscriptions.ts).
    ...sharedSubscription<{ streamId: string | number }, Context>({
      authorize: async (args, ctx) => streams.requireWatchAccess(ctx, await streams.findStream(ctx, String(args.streamId)), { pay: false }),
      stream: (args, ctx) => ctx.pubsub.subscribe(streams.streamTopics.events(String(args.streamId))) as AsyncIterable<unknown>,
    }),
    resolve: (event) => event as streams.StreamEventPayload,
  }),
  liveStreamsChanged: t.field({
    type: LiveStreamObject,
    description: 'Any stream the viewer may see that was scheduled, went live or ended (for the "live now" list).',
    subscribe: (_root, _args, ctx) =>
      filterIterator(ctx.pubsub.subscribe<streams.StreamChangedEvent>(streams.streamTopics.changed), (e) =>
        streams.canSee(ctx.prisma, ctx.viewer, { id: e.streamId, readerId: e.readerId, visibility: e.visibility }),
      ) as AsyncIterable<unknown>,
    resolve: (event, _args, ctx) => ctx.prisma.liveStream.findUniqueOrThrow({ where: { id: (event as streams.StreamChangedEvent).streamId } }),
  }),
}));

import type { Context } from '../../../shared/context.js';
import { badInput } from '../../../shared/errors.js';
import { strictMaxSize } from '../../../shared/graphql/page-size.js';
import { loader } from '../../../shared/graphql/loaders.js';
import { canManageGiftCatalogue, canSeeGiftTotals } from '../authz.js';
import { builder } from '../builder.js';
import * as gifts from '../services/gifts.js';
import { leaderboard, type LeaderboardEntry } from '../services/leaderboard.js';
import { UserRef, ReaderRef } from './refs.js';

export const VirtualGiftObject = builder.prismaObject('VirtualGift', {
  description: 'A gift in the catalogue.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the catalogue gift; pass it as virtualGiftId to sendGift.' }),
    name: t.exposeString('name', { description: 'Unique display name shown in the gift picker and in stream gift events.' }),
    description: t.exposeString('description', { nullable: true, description: 'Short text shown under the gift in the picker; null when the catalogue gives none.' }),
    priceCents: t.exposeInt('priceCents', { description: 'What sending it costs the client now, in cents, paid from the wallet (the reader earns their share).' }),
    currency: t.exposeString('currency', { description: 'Currency (USD).' }),
    imageUrl: t.exposeString('imageUrl', { description: 'URL (http or https) of the picture shown in the picker and in stream gift events.' }),
    animationUrl: t.exposeString('animationUrl', { nullable: true, description: 'Animation played when sent.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Can be sent now.' }),
    sortOrder: t.exposeInt('sortOrder', { description: 'Position in the catalogue.' }),
  }),
});

const GiftObject = builder.prismaObject('Gift', {
  description: 'A gift a client sent a reader.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of this sent gift (the same id as its stream gift event).' }),
    sender: t.field({ type: UserRef, description: 'Who sent it.', resolve: (g) => ({ id: g.senderId }) }),
    reader: t.field({ type: ReaderRef, description: 'Who received it.', resolve: (g) => ({ id: g.receiverId }) }),
    virtualGift: t.relation('virtualGift', { description: 'What was sent.' }),
    priceCents: t.exposeInt('priceCents', { description: 'Price paid, in cents.' }),
    message: t.exposeString('message', { nullable: true, description: 'Message with the gift, as written.' }),
    streamId: t.exposeID('streamId', { nullable: true, description: 'The stream it was sent in.' }),
    sessionId: t.exposeID('sessionId', { nullable: true, description: 'The session it was sent in.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the client sent it and paid (UTC).' }),
  }),
});

const SendGiftPayload = builder.objectRef<{ gift: { id: string }; replayed: boolean }>('SendGiftPayload').implement({
  description: 'The result of sendGift.',
  fields: (t) => ({
    gift: t.prismaField({
      type: GiftObject,
      description: 'The gift (the first one when the idempotency key was used before).',
      resolve: (query, p, _args, ctx) => ctx.prisma.gift.findUniqueOrThrow({ ...query, where: { id: p.gift.id } }),
    }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the key had been used: nothing was charged now.' }),
  }),
});

interface GiftTotals {
  giftCount: number;
  totalCents: number;
  streamCents: number;
  sessionCents: number;
}
const ReaderGiftTotals = builder.objectRef<GiftTotals>('ReaderGiftTotals').implement({
  description: 'Gifts a reader has received (what clients paid; the reader earns their share of it, see payments).',
  fields: (t) => ({
    giftCount: t.exposeInt('giftCount', { description: 'Gifts received.' }),
    totalCents: t.exposeInt('totalCents', { description: 'Total paid for them, in cents.' }),
    streamCents: t.exposeInt('streamCents', { description: 'Of which sent during live streams.' }),
    sessionCents: t.exposeInt('sessionCents', { description: 'Of which sent during sessions.' }),
  }),
});

function giftTotalsLoader(ctx: Context) {
  return loader<string, GiftTotals>(ctx, 'community:giftTotals', async (ids) => {
    const rows = await ctx.prisma.$queryRaw<Array<{ receiver_id: string; n: number; total: number; stream: number; session: number }>>`
      SELECT receiver_id, count(*)::int AS n, coalesce(sum(price_cents), 0)::int AS total,
             coalesce(sum(price_cents) FILTER (WHERE stream_id IS NOT NULL), 0)::int AS stream,
             coalesce(sum(price_cents) FILTER (WHERE session_id IS NOT NULL), 0)::int AS session
        FROM gifts WHERE receiver_id = ANY(${[...ids]}) GROUP BY receiver_id`;
    const map = new Map(rows.map((r) => [r.receiver_id, { giftCount: r.n, totalCents: r.total, streamCents: r.stream, sessionCents: r.session }]));
    return ids.map((id) => map.get(id) ?? { giftCount: 0, totalCents: 0, streamCents: 0, sessionCents: 0 });
  });
}

builder.objectField(ReaderRef, 'giftTotals', (t) =>
  t.field({
    type: ReaderGiftTotals,
    nullable: true,
    description: 'Gifts this reader received, in total. Shown to the reader themselves and to admins (null otherwise).',
    resolve: (reader, _args, ctx) =>
      canSeeGiftTotals(ctx.viewer, reader.id) ? giftTotalsLoader(ctx).load(reader.id) : null,
  }),
);

/**
 * A leaderboard entry is an entity so that accounts, which owns the client's name setting, resolves its
 * `sender` and `displayName` (@requires senderId). `senderId` is @inaccessible: it reaches the gateway's
 * planner, never a client, so an anonymous giver's user id is not revealed (not even through `id`).
 */
const GiftLeaderboardEntry = builder.objectRef<LeaderboardEntry>('GiftLeaderboardEntry').implement({
  description: 'One giver on a leaderboard. The giver is named only if they allow it; otherwise the entry is "Anonymous".',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Entry id (the leaderboard and the rank; not the giver\'s id).' }),
    rank: t.exposeInt('rank', { description: '1 for the top giver.' }),
    senderId: t.exposeID('senderId', { inaccessible: true, description: 'The giver (for accounts only; not in the public API).' }),
    totalCents: t.exposeInt('totalCents', { description: 'Total given, in cents.' }),
    giftCount: t.exposeInt('giftCount', { description: 'Gifts given.' }),
  }),
});
builder.asEntity(GiftLeaderboardEntry, {
  // Entries come only from giftLeaderboard, which also returns senderId in the same fetch: the planner never
  // has to come back here by key (the key must be resolvable for accounts' @requires to compose).
  key: builder.selection<{ id: string }>('id'),
  resolveReference: () => null,
});

const CreateVirtualGiftInput = builder.inputType('CreateVirtualGiftInput', {
  description: 'A new catalogue gift.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name, up to 60 characters.' }),
    description: t.string({ description: 'Short text shown under the gift in the picker (optional).' }),
    priceCents: t.int({ required: true, description: 'Price in cents (1–1,000,000).' }),
    imageUrl: t.string({ required: true, description: 'Image URL (http or https).' }),
    animationUrl: t.string({ description: 'Animation URL (http or https).' }),
    sortOrder: t.int({ description: 'Position in the catalogue.' }),
  }),
});
const UpdateVirtualGiftInput = builder.inputType('UpdateVirtualGiftInput', {
  description: 'Changes to a catalogue gift (omitted fields stay as they are).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Id of the catalogue gift to change.' }),
    name: t.string({ description: 'New name.' }),
    description: t.string({ description: 'New description (null clears it).' }),
    priceCents: t.int({ description: 'New price in cents (gifts already sent keep theirs).' }),
    imageUrl: t.string({ description: 'New image URL.' }),
    animationUrl: t.string({ description: 'New animation URL (null clears it).' }),
    sortOrder: t.int({ description: 'New position.' }),
    isActive: t.boolean({ description: 'Offer it or not.' }),
  }),
});
const SendGiftInput = builder.inputType('SendGiftInput', {
  description: 'A gift to a reader during a live stream or a session (give exactly one of streamId or sessionId).',
  fields: (t) => ({
    idempotencyKey: t.string({ required: true, description: 'Unique per gift (8–100 characters); repeating it charges nothing.' }),
    virtualGiftId: t.id({ required: true, description: 'The catalogue gift.' }),
    readerId: t.id({ required: true, description: 'The reader (user id) receiving it.' }),
    streamId: t.id({ description: 'The live stream it is sent in.' }),
    sessionId: t.id({ description: 'The session it is sent in.' }),
    message: t.string({ description: 'Optional message, up to 280 characters.' }),
  }),
});

builder.queryFields((t) => ({
  virtualGifts: t.prismaConnection(
    {
      type: VirtualGiftObject,
      cursor: 'id',
      defaultSize: 50,
      maxSize: strictMaxSize(100),
      description:
        'The gift catalogue in display order (sortOrder, then price), 50 a page by default and at most 100 (a larger ' +
        '`first` is refused with BAD_USER_INPUT). Inactive gifts only for admins who ask.',
      args: { includeInactive: t.arg.boolean({ defaultValue: false, description: 'Admins: include deactivated gifts.' }) },
      resolve: (query, _root, args, ctx) => {
        const all = !!args.includeInactive && canManageGiftCatalogue(ctx.viewer);
        return ctx.prisma.virtualGift.findMany({ ...query, where: all ? {} : { isActive: true }, orderBy: [{ sortOrder: 'asc' }, { priceCents: 'asc' }, { id: 'asc' }] });
      },
    },
    { description: 'A page of the gift catalogue, in display order.' },
    { description: 'A catalogue gift in a page, with the cursor to continue after it.' },
  ),
  giftLeaderboard: t.field({
    type: [GiftLeaderboardEntry],
    description:
      'Top givers of a stream or of a reader (give exactly one), by total given. A reader\'s leaderboard counts gifts in ' +
      'public streams only; a premium or private stream\'s is shown only to those who may watch it. Givers are named only if they allow it.',
    args: {
      streamId: t.arg.id({ description: 'Top givers in this stream.' }),
      readerId: t.arg.id({ description: 'Top givers to this reader, all time.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many (1–100).' }),
    },
    resolve: async (_root, args, ctx) => {
      if (!!args.streamId === !!args.readerId) throw badInput('Give exactly one of streamId or readerId.', 'streamId');
      const first = args.first ?? 10;
      if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.', 'first');
      return leaderboard(ctx, args.streamId ? { streamId: String(args.streamId) } : { readerId: String(args.readerId) }, first);
    },
  }),
}));

builder.mutationFields((t) => ({
  createVirtualGift: t.prismaField({
    type: VirtualGiftObject,
    authScopes: { adminPermission: 'CATALOGUE' },
    description: 'Adds a gift to the catalogue. Admins only; audited.',
    args: { input: t.arg({ type: CreateVirtualGiftInput, required: true, description: 'Name, price in cents, image and optional animation, description and position.' }) },
    resolve: async (query, _root, args, ctx) => {
      const g = await gifts.createVirtualGift(ctx, args.input);
      return ctx.prisma.virtualGift.findUniqueOrThrow({ ...query, where: { id: g.id } });
    },
  }),
  updateVirtualGift: t.prismaField({
    type: VirtualGiftObject,
    authScopes: { adminPermission: 'CATALOGUE' },
    description: 'Changes a catalogue gift. Admins only; audited.',
    args: { input: t.arg({ type: UpdateVirtualGiftInput, required: true, description: 'The gift\'s id and only the fields to change.' }) },
    resolve: async (query, _root, args, ctx) => {
      const g = await gifts.updateVirtualGift(ctx, args.input);
      return ctx.prisma.virtualGift.findUniqueOrThrow({ ...query, where: { id: g.id } });
    },
  }),
  deactivateVirtualGift: t.prismaField({
    type: VirtualGiftObject,
    authScopes: { adminPermission: 'CATALOGUE' },
    description: 'Stops offering a gift (sent gifts keep it). Admins only; audited.',
    args: { id: t.arg.id({ required: true, description: 'Id of the catalogue gift to withdraw from sale.' }) },
    resolve: async (query, _root, args, ctx) => {
      const g = await gifts.updateVirtualGift(ctx, { id: String(args.id), isActive: false });
      return ctx.prisma.virtualGift.findUniqueOrThrow({ ...query, where: { id: g.id } });
    },
  }),
  sendGift: t.field({
    type: SendGiftPayload,
    authScopes: { client: true },
    description:
      'Sends a reader a gift during a live stream or a session, paid from the wallet (reader/platform split), exactly ' +
      'once per idempotency key. Per-gift and per-day caps apply.',
    args: { input: t.arg({ type: SendGiftInput, required: true, description: 'Which catalogue gift, for which reader, in which stream or session, with an optional message and idempotency key.' }) },
    resolve: (_root, args, ctx) => gifts.sendGift(ctx, args.input),
  }),
}));

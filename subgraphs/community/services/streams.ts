import { randomUUID } from 'node:crypto';
import { notifyFollowersLive } from './notices.js';
import { onFirstUse } from '../../../shared/on-first-use.js';
import type { Context, Viewer } from '../../../shared/context.js';
import type { LiveStream, PrismaClient } from '../../../shared/db/generated/client.js';
import { badInput, conflict, forbidden, notFound } from '../../../shared/errors.js';
import type { PubSub } from '../../../shared/pubsub.js';
import type { StreamStartingEvent } from '../../../shared/stream-events.js';
import { parseInput, z } from '../../../shared/validation.js';
import { MONEY_TX } from '../../../shared/money.js';
import { transact } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { assertStreamHost, canSeeStream, isStreamHost, requireStreamer, watchRequirement } from '../authz.js';
import { communityDeps, consume, requireMoney } from './common.js';
import { countExistingUsers } from './foreign-reads.js';
import { recordViewer } from './stream-viewers.js';
import { streamTopics, type StreamChangedEvent, type StreamEventPayload } from './stream-topics.js';

export const STREAM_CHAT_MAX = 500;

// Topics and payloads live in stream-topics.ts; re-exported for the schema and the gift service.
export { streamTopics, type StreamChangedEvent, type StreamEventPayload } from './stream-topics.js';

const scheduleSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().max(5_000).nullish(),
    category: z.string().trim().min(1).max(60),
    scheduledAt: z.date(),
    visibility: z.enum(['PUBLIC', 'PREMIUM', 'PRIVATE']),
    entryPriceCents: z.number().int().min(100).max(100_000).nullish(),
    invitedUserIds: z.array(z.string().min(1)).max(500).nullish(),
  })
  .refine((v) => v.visibility !== 'PREMIUM' || v.entryPriceCents != null, { message: 'A premium stream needs an entry price.', path: ['entryPriceCents'] })
  .refine((v) => v.visibility === 'PREMIUM' || v.entryPriceCents == null, { message: 'Only premium streams have an entry price.', path: ['entryPriceCents'] })
  .refine((v) => v.visibility === 'PRIVATE' || !v.invitedUserIds?.length, { message: 'Only private streams have invitations.', path: ['invitedUserIds'] })
  .refine((v) => v.scheduledAt.getTime() > Date.now() - 5 * 60_000, { message: 'Must not be in the past.', path: ['scheduledAt'] })
  .refine((v) => v.scheduledAt.getTime() < Date.now() + 365 * 86_400_000, { message: 'Must be within a year.', path: ['scheduledAt'] });

const urlSchema = z.string().trim().url().max(2_000).refine((u) => /^https?:\/\//i.test(u), 'Must be an http(s) URL.');

/** The events of a stream's change: its own `updated` topic and the "live now" listing's `changed`. */
function streamChangeEvents(s: LiveStream): Array<[topic: string, payload: unknown]> {
  const changed: StreamChangedEvent = { streamId: s.id, readerId: s.readerId, status: s.status, visibility: s.visibility };
  return [[streamTopics.updated(s.id), { streamId: s.id }], [streamTopics.changed, changed]];
}

async function publishStreamChange(pubsub: PubSub, s: LiveStream) {
  await Promise.all(streamChangeEvents(s).map(([topic, payload]) => pubsub.publish(topic, payload)));
}

export async function scheduleStream(ctx: Context, input: unknown) {
  const viewer = requireStreamer(ctx);
  const data = parseInput(scheduleSchema, input);
  const invited = [...new Set(data.invitedUserIds ?? [])].filter((id) => id !== viewer.id);
  if (invited.length) {
    const found = await countExistingUsers(ctx.prisma, invited);
    if (found !== invited.length) throw badInput('An invited user does not exist.', 'invitedUserIds');
  }
  const stream = await ctx.prisma.liveStream.create({
    data: {
      readerId: viewer.id,
      title: data.title,
      description: data.description ?? null,
      category: data.category,
      scheduledAt: data.scheduledAt,
      visibility: data.visibility,
      entryPriceCents: data.entryPriceCents ?? null,
      invites: { create: invited.map((userId) => ({ userId })) },
    },
  });
  await publishStreamChange(ctx.pubsub, stream);
  return stream;
}

async function ownStream(ctx: Context, streamId: string) {
  const viewer = requireViewer(ctx);
  const s = await ctx.prisma.liveStream.findUnique({ where: { id: streamId } });
  if (!s) throw notFound('Stream');
  assertStreamHost(viewer, s);
  return s;
}

export async function startStream(ctx: Context, streamId: string) {
  const s = await ownStream(ctx, streamId);
  if (s.status === 'LIVE') return s;
  if (s.status !== 'SCHEDULED') throw conflict(`The stream is ${s.status.toLowerCase()}.`);
  const other = await ctx.prisma.liveStream.findFirst({ where: { readerId: s.readerId, status: 'LIVE', id: { not: s.id } }, select: { id: true } });
  if (other) throw conflict('You already have a live stream; end it first.');
  const now = new Date();
  // The start and its followers' FAVORITE_READER_LIVE notices commit together (docs/notifications.md).
  const { count, invitedUserIds } = await transact(ctx, { service: 'community' }, async (tx) => {
    const { count } = await tx.liveStream.updateMany({ where: { id: s.id, status: 'SCHEDULED' }, data: { status: 'LIVE', startedAt: now } });
    const invited = s.visibility === 'PRIVATE' ? (await tx.streamInvite.findMany({ where: { streamId: s.id }, select: { userId: true } })).map((i) => i.userId) : [];
    if (count === 1) await notifyFollowersLive(ctx, tx, s, invited);
    return { count, invitedUserIds: invited };
  });
  const started = await ctx.prisma.liveStream.findUniqueOrThrow({ where: { id: s.id } });
  if (count === 1) {
    await publishStreamChange(ctx.pubsub, started);
    const reminder: StreamStartingEvent = {
      streamId: s.id,
      readerId: s.readerId,
      title: s.title,
      startedAt: now.toISOString(),
      visibility: s.visibility,
      invitedUserIds,
    };
    await ctx.pubsub.publish(streamTopics.starting, reminder);
  }
  return started;
}

export async function endStream(ctx: Context, streamId: string, recordingUrl: string | null | undefined) {
  const s = await ownStream(ctx, streamId);
  const url = recordingUrl == null ? null : parseInput(urlSchema, recordingUrl);
  if (s.status === 'ENDED' || s.status === 'CANCELLED') {
    if (url) return setRecordingUrl(ctx.prisma, ctx.pubsub, s.id, url);
    return s;
  }
  const now = new Date();
  return transact(ctx, { service: 'community' }, async (tx, after) => {
    await tx.streamViewer.updateMany({ where: { streamId: s.id, leftAt: null }, data: { leftAt: now } });
    const ended = await tx.liveStream.update({
      where: { id: s.id },
      // A stream that never went live is cancelled, not ended.
      data: { status: s.status === 'LIVE' ? 'ENDED' : 'CANCELLED', endedAt: now, viewerCount: 0, ...(url ? { recordingUrl: url } : {}) },
    });
    for (const [topic, payload] of streamChangeEvents(ended)) after.publish(topic, payload);
    return ended;
  });
}

/** Stores a stream's recording URL given to endLiveStream (a LiveKit egress webhook sets it in applyLiveKitStreamEvent). */
export async function setRecordingUrl(prisma: PrismaClient, pubsub: PubSub, streamId: string, url: string) {
  const updated = await prisma.liveStream.update({ where: { id: streamId }, data: { recordingUrl: url } });
  await pubsub.publish(streamTopics.updated(streamId), { streamId });
  return updated;
}

/** Whether this user is invited to this (private) stream. */
async function isInvited(prisma: PrismaClient, streamId: string, userId: string): Promise<boolean> {
  return !!(await prisma.streamInvite.findUnique({ where: { streamId_userId: { streamId, userId } }, select: { id: true } }));
}

/** canSeeStream (authz.ts) with the invitation read from this database. */
export function canSee(prisma: PrismaClient, viewer: Viewer | null, s: Pick<LiveStream, 'id' | 'readerId' | 'visibility'>): Promise<boolean> {
  return canSeeStream(viewer, s, (userId) => isInvited(prisma, s.id, userId));
}

/**
 * Checks that the viewer may watch (the reader, admins, anyone on public, invitees on private, payers on
 * premium). `pay`: for premium entry not yet paid, charge the wallet once instead of refusing.
 */
export async function requireWatchAccess(ctx: Context, s: LiveStream, opts: { pay: boolean }): Promise<{ paidCents: number }> {
  const viewer = requireViewer(ctx);
  const needs = watchRequirement(viewer, s);
  if (needs === 'NONE') return { paidCents: 0 };
  if (needs === 'INVITATION') {
    if (!(await isInvited(ctx.prisma, s.id, viewer.id))) throw forbidden('This stream is private; you are not invited.', { reason: 'NOT_INVITED' });
    return { paidCents: 0 };
  }
  const access = await ctx.prisma.streamAccess.findUnique({ where: { streamId_userId: { streamId: s.id, userId: viewer.id } } });
  if (access) return { paidCents: 0 };
  if (!opts.pay) throw forbidden('This premium stream needs an entry ticket (liveStreamToken pays it).', { reason: 'ENTRY_NOT_PAID' });
  if (s.status !== 'LIVE') throw conflict('Entry is sold while the stream is live.');
  return payEntry(ctx, s, viewer);
}

async function payEntry(ctx: Context, s: LiveStream, viewer: Viewer) {
  const money = requireMoney(ctx);
  const price = s.entryPriceCents!;
  return ctx.prisma.$transaction(async (tx) => {
    // Serialise concurrent entries by the same viewer; the unique (stream, user) row is the ticket.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`stream-entry:${s.id}:${viewer.id}`}))`;
    const existing = await tx.streamAccess.findUnique({ where: { streamId_userId: { streamId: s.id, userId: viewer.id } } });
    if (existing) return { paidCents: 0 };
    const payment = await money.purchase(
      {
        idempotencyKey: `community:stream-entry:${s.id}:${viewer.id}`,
        clientId: viewer.id,
        readerId: s.readerId,
        amountCents: price,
        type: 'PURCHASE',
        description: `Live stream entry: ${s.title}`.slice(0, 200),
        metadata: { kind: 'STREAM_ENTRY', streamId: s.id },
      },
      tx,
    );
    await tx.streamAccess.create({ data: { streamId: s.id, userId: viewer.id, paidCents: price, transactionId: payment.transactionId } });
    return { paidCents: price };
  }, MONEY_TX);
}

export async function findStream(ctx: Context, streamId: string) {
  const s = await ctx.prisma.liveStream.findUnique({ where: { id: streamId } });
  if (!s || !(await canSee(ctx.prisma, ctx.viewer, s))) throw notFound('Stream');
  return s;
}

export async function issueToken(ctx: Context, streamId: string) {
  const viewer = requireViewer(ctx);
  const s = await findStream(ctx, streamId);
  const isHost = isStreamHost(viewer, s);
  if (isHost ? s.status === 'ENDED' || s.status === 'CANCELLED' : s.status !== 'LIVE') {
    throw conflict(isHost ? 'This stream is over.' : 'This stream is not live.');
  }
  const { paidCents } = await requireWatchAccess(ctx, s, { pay: true });
  const { livekit } = communityDeps(ctx);
  const { AccessToken } = onFirstUse<typeof import('livekit-server-sdk')>('livekit-server-sdk');
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: viewer.id, ttl: livekit.tokenTtlSeconds });
  // Viewers subscribe only; the reader alone publishes media. Chat goes through sendStreamMessage. Viewers join
  // hidden: LiveKit would otherwise list every viewer's identity (their user id) to everyone in the room.
  token.addGrant({ roomJoin: true, room: s.streamId, canSubscribe: true, canPublish: isHost, canPublishData: isHost, roomAdmin: isHost, hidden: !isHost });
  return {
    token: await token.toJwt(),
    url: livekit.url,
    roomName: s.streamId,
    identity: viewer.id,
    canPublish: isHost,
    expiresAt: new Date(Date.now() + livekit.tokenTtlSeconds * 1000),
    paidCents,
    stream: s,
  };
}

export async function joinStream(ctx: Context, streamId: string, present: boolean) {
  const viewer = requireViewer(ctx);
  const s = await findStream(ctx, streamId);
  if (present) {
    if (s.status !== 'LIVE') throw conflict('This stream is not live.');
    await requireWatchAccess(ctx, s, { pay: false });
  }
  if (isStreamHost(viewer, s)) return s; // the host is not a viewer
  return (await recordViewer(ctx.prisma, ctx.pubsub, s.id, viewer.id, present)) ?? ctx.prisma.liveStream.findUniqueOrThrow({ where: { id: s.id } });
}

export async function sendStreamMessage(ctx: Context, streamId: string, text: string) {
  const viewer = requireVerifiedViewer(ctx);
  const message = parseInput(z.string().trim().min(1).max(STREAM_CHAT_MAX), text);
  const s = await findStream(ctx, streamId);
  if (s.status !== 'LIVE') throw conflict('This stream is not live.');
  await requireWatchAccess(ctx, s, { pay: false });
  await consume(ctx, 'streamChat', viewer.id);
  const event: StreamEventPayload = {
    kind: 'CHAT',
    id: randomUUID(),
    streamId: s.id,
    senderId: viewer.id,
    createdAt: new Date().toISOString(),
    message,
  };
  await ctx.pubsub.publish(streamTopics.events(s.id), event);
  return event;
}

import type { Context } from '../../../shared/context.js';
import { badInput, conflict, forbidden, notFound, rateLimited } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { getIntSetting } from '../../../shared/settings.js';
import { parseInput, z } from '../../../shared/validation.js';
import { consume, requireMoney, requireViewer } from './common.js';
import { MONEY_TX } from '../../../shared/money.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { requireWatchAccess, streamTopics, type StreamEventPayload } from './streams.js';

export const giftTopics = {
  /** Gifts to a reader (in sessions and streams), for readings' session UI or notifications. */
  received: (readerId: string) => `community:gift:received:${readerId}`,
};

const url = z.string().trim().url().max(2_000).refine((u) => /^https?:\/\//i.test(u), 'Must be an http(s) URL.');
const giftFields = {
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).nullish(),
  priceCents: z.number().int().min(1).max(1_000_000),
  imageUrl: url,
  animationUrl: url.nullish(),
  sortOrder: z.number().int().min(0).max(10_000).nullish(),
};
const createGiftSchema = z.object(giftFields);
const updateGiftSchema = z.object({
  id: z.string().min(1),
  name: giftFields.name.nullish(),
  description: giftFields.description,
  priceCents: giftFields.priceCents.nullish(),
  imageUrl: url.nullish(),
  animationUrl: giftFields.animationUrl,
  sortOrder: giftFields.sortOrder,
  isActive: z.boolean().nullish(),
});

export async function createVirtualGift(ctx: Context, input: unknown) {
  const data = parseInput(createGiftSchema, input);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const gift = await tx.virtualGift.create({
        data: { ...data, description: data.description ?? null, animationUrl: data.animationUrl ?? null, sortOrder: data.sortOrder ?? 0 },
      });
      await audit(tx, ctx, { action: 'gifts:create', entityType: 'virtual_gift', entityId: gift.id, changes: { after: data } });
      return gift;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('A gift with this name exists.');
    throw err;
  }
}

export async function updateVirtualGift(ctx: Context, input: unknown) {
  const { id, ...data } = parseInput(updateGiftSchema, input);
  const before = await ctx.prisma.virtualGift.findUnique({ where: { id } });
  if (!before) throw notFound('Gift');
  // undefined leaves a field as it is; null clears the optional ones.
  const change = Object.fromEntries(
    Object.entries(data).filter(([k, v]) => v !== undefined && (v !== null || k === 'description' || k === 'animationUrl')),
  );
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const gift = await tx.virtualGift.update({ where: { id }, data: change });
      await audit(tx, ctx, {
        action: change.isActive === false ? 'gifts:deactivate' : 'gifts:update',
        entityType: 'virtual_gift',
        entityId: id,
        changes: { before: { name: before.name, priceCents: before.priceCents, isActive: before.isActive }, after: change as never },
      });
      return gift;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('A gift with this name exists.');
    throw err;
  }
}

const sendSchema = z
  .object({
    idempotencyKey: z.string().trim().min(8).max(100),
    virtualGiftId: z.string().min(1),
    readerId: z.string().min(1),
    streamId: z.string().min(1).nullish(),
    sessionId: z.string().min(1).nullish(),
    message: z.string().trim().max(280).nullish(),
  })
  .refine((v) => !!v.streamId !== !!v.sessionId, { message: 'Give exactly one of streamId or sessionId.', path: ['streamId'] });

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * A client sends a catalogue gift to a reader during a live stream or an active session, paid from the wallet
 * with the reader/platform split. Exactly once per idempotency key: the gift row (unique key) and the payment
 * (keyed by the gift) commit in one transaction; a repeated key returns the first gift and moves nothing.
 * Caps: gift_max_cents per gift and gift_daily_cap_cents per client per UTC day (serialised per client).
 */
export async function sendGift(ctx: Context, input: unknown): Promise<{ gift: { id: string }; replayed: boolean }> {
  const viewer = requireViewer(ctx);
  const data = parseInput(sendSchema, input);
  const key = `${viewer.id}:${data.idempotencyKey}`;
  const previous = await ctx.prisma.gift.findUnique({ where: { idempotencyKey: key } });
  if (previous) return { gift: previous, replayed: true };
  if (viewer.role !== 'CLIENT') throw forbidden('Only clients send gifts.');

  const reader = await ctx.prisma.user.findUnique({ where: { id: data.readerId }, select: { id: true, role: true, status: true } });
  if (!reader) throw notFound('Reader');
  if (reader.role !== 'READER') throw badInput('Gifts go to readers only.', { field: 'readerId', reason: 'NOT_A_READER' });
  if (reader.status !== 'ACTIVE') throw forbidden('This reader cannot receive gifts now.', { reason: 'READER_INACTIVE' });

  const catalogue = await ctx.prisma.virtualGift.findUnique({ where: { id: data.virtualGiftId } });
  if (!catalogue || !catalogue.isActive) throw notFound('Gift');

  let stream = null;
  if (data.streamId) {
    stream = await ctx.prisma.liveStream.findUnique({ where: { id: data.streamId } });
    if (!stream) throw notFound('Stream');
    if (stream.readerId !== reader.id) throw badInput('That stream belongs to another reader.', 'readerId');
    if (stream.status !== 'LIVE') throw conflict('Gifts are sent while the stream is live.');
    await requireWatchAccess(ctx, stream, { pay: false });
  } else {
    // Sessions are readings' table; read-only here to check the gift belongs to a running session of this pair.
    const session = await ctx.prisma.session.findUnique({ where: { id: data.sessionId! }, select: { clientId: true, readerId: true, status: true } });
    if (!session || session.clientId !== viewer.id) throw notFound('Session');
    if (session.readerId !== reader.id) throw badInput('That session is with another reader.', 'readerId');
    if (session.status !== 'IN_PROGRESS' && session.status !== 'ACCEPTED') throw conflict('Gifts are sent during a session.');
  }

  const maxCents = await getIntSetting(ctx.prisma, 'gift_max_cents');
  if (catalogue.priceCents > maxCents) {
    throw badInput(`A single gift may cost at most ${maxCents} cents.`, {
      field: 'virtualGiftId',
      reason: 'GIFT_MAX_EXCEEDED',
      limitCents: maxCents,
    });
  }
  const money = requireMoney(ctx);
  await consume(ctx, 'gift', viewer.id);

  let result: { id: string; createdAt: Date; replayed: boolean };
  try {
    result = await ctx.prisma.$transaction(async (tx) => {
      // One gift at a time per client: the daily cap and the key check below cannot race.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gift:${viewer.id}`}))`;
      const again = await tx.gift.findUnique({ where: { idempotencyKey: key } });
      if (again) return { id: again.id, createdAt: again.createdAt, replayed: true };
      const now = new Date();
      const dailyCap = await getIntSetting(tx, 'gift_daily_cap_cents');
      const today = await tx.gift.aggregate({ where: { senderId: viewer.id, createdAt: { gte: startOfUtcDay(now) } }, _sum: { priceCents: true } });
      const spent = today._sum.priceCents ?? 0;
      if (spent + catalogue.priceCents > dailyCap) {
        const retryAfterSeconds = Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
        throw rateLimited(`Daily gift limit of ${dailyCap} cents reached (${spent} spent today).`, {
          reason: 'GIFT_DAILY_CAP',
          limitCents: dailyCap,
          spentCents: spent,
          retryAfterSeconds,
        });
      }
      const gift = await tx.gift.create({
        data: {
          idempotencyKey: key,
          senderId: viewer.id,
          receiverId: reader.id,
          virtualGiftId: catalogue.id,
          priceCents: catalogue.priceCents,
          streamId: stream?.id ?? null,
          sessionId: data.sessionId ?? null,
          message: data.message || null,
          createdAt: now,
        },
      });
      await money.purchase(
        {
          idempotencyKey: `community:gift:${gift.id}`,
          clientId: viewer.id,
          readerId: reader.id,
          amountCents: catalogue.priceCents,
          type: 'GIFT_PURCHASE',
          giftId: gift.id,
          description: `Gift: ${catalogue.name}`,
          metadata: { kind: 'GIFT', giftId: gift.id, streamId: stream?.id ?? null, sessionId: data.sessionId ?? null },
        },
        tx,
      );
      return { id: gift.id, createdAt: gift.createdAt, replayed: false };
    }, MONEY_TX);
  } catch (err) {
    // A concurrent request with the same key won the insert: answer with its gift.
    if (isUniqueViolation(err)) {
      const winner = await ctx.prisma.gift.findUnique({ where: { idempotencyKey: key } });
      if (winner) return { gift: winner, replayed: true };
    }
    throw err;
  }
  if (!result.replayed) {
    if (stream) {
      const event: StreamEventPayload = {
        kind: 'GIFT',
        id: result.id,
        streamId: stream.id,
        senderId: viewer.id,
        createdAt: result.createdAt.toISOString(),
        message: data.message || null,
        gift: { id: catalogue.id, name: catalogue.name, priceCents: catalogue.priceCents, imageUrl: catalogue.imageUrl, animationUrl: catalogue.animationUrl },
      };
      await ctx.pubsub.publish(streamTopics.events(stream.id), event);
    }
    await ctx.pubsub.publish(giftTopics.received(reader.id), { giftId: result.id, sessionId: data.sessionId ?? null, streamId: stream?.id ?? null });
  }
  return { gift: { id: result.id }, replayed: result.replayed };
}

import type { Context, Viewer } from '../../../shared/context.js';
import type { Gift, LiveStream, Prisma, VirtualGift } from '../../../shared/db/generated/client.js';
import { badInput, conflict, forbidden, notFound, rateLimited } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { getIntSetting } from '../../../shared/settings.js';
import { parseInput, z } from '../../../shared/validation.js';
import { MONEY_TX, type MoneyPort } from '../../../shared/money.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { assertCanSendGift, requireGiftCatalogueManager } from '../authz.js';
import { consume, requireMoney } from './common.js';
import { readSessionParties, readUserStanding } from './foreign-reads.js';
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
  requireGiftCatalogueManager(ctx);
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
  requireGiftCatalogueManager(ctx);
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
type SendGiftInput = z.infer<typeof sendSchema>;

type Tx = Prisma.TransactionClient;

/** Where a gift is sent: a live stream of the reader's, or a running session between the client and the reader. */
type GiftPlace = { stream: LiveStream; sessionId: null } | { stream: null; sessionId: string };

export interface SendGiftResult {
  gift: { id: string };
  replayed: boolean;
}

/**
 * A client sends a catalogue gift to a reader during a live stream or an active session, paid from the wallet
 * with the reader/platform split. Exactly once per idempotency key: the gift row (unique key) and the payment
 * (keyed by the gift) commit in one transaction; a repeated key returns the first gift and moves nothing.
 * Caps: gift_max_cents per gift and gift_daily_cap_cents per client per UTC day (serialised per client).
 * The steps, in the order their errors are reported: validate, who sends, resolve the target (reader, gift, stream
 * or session), check the caps, then in one transaction write the gift and pay through the MoneyPort; publish after
 * commit.
 */
export async function sendGift(ctx: Context, input: unknown): Promise<SendGiftResult> {
  const viewer = requireVerifiedViewer(ctx);
  const data = parseInput(sendSchema, input);
  const key = `${viewer.id}:${data.idempotencyKey}`;
  const previous = await ctx.prisma.gift.findUnique({ where: { idempotencyKey: key } });
  if (previous) return { gift: previous, replayed: true };
  assertCanSendGift(viewer);

  const readerId = await resolveRecipient(ctx, data.readerId);
  const catalogue = await findOfferedGift(ctx, data.virtualGiftId);
  const place = await resolvePlace(ctx, viewer, readerId, data);
  await checkGiftMax(ctx, catalogue);
  const money = requireMoney(ctx);
  await consume(ctx, 'gift', viewer.id);

  try {
    return await transact(ctx, { service: 'community', ...MONEY_TX }, async (tx, after) => {
      // One gift at a time per client: the daily cap and the key check below cannot race.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gift:${viewer.id}`}))`;
      const again = await tx.gift.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      if (again) return { gift: again, replayed: true };
      const now = new Date();
      await checkDailyCap(tx, viewer.id, catalogue, now);
      const gift = await writeGift(tx, { key, senderId: viewer.id, readerId, catalogue, place, message: data.message || null, now });
      await payForGift(money, tx, gift, catalogue);
      publishGift(after, gift, catalogue, place);
      return { gift: { id: gift.id }, replayed: false };
    });
  } catch (err) {
    // A concurrent request with the same key won the insert: answer with its gift.
    if (isUniqueViolation(err)) {
      const winner = await ctx.prisma.gift.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      if (winner) return { gift: winner, replayed: true };
    }
    throw err;
  }
}

/** The receiving user (accounts' users, read only): an active reader. */
async function resolveRecipient(ctx: Context, readerId: string): Promise<string> {
  const reader = await readUserStanding(ctx.prisma, readerId);
  if (!reader) throw notFound('Reader');
  if (reader.role !== 'READER') throw badInput('Gifts go to readers only.', { field: 'readerId', reason: 'NOT_A_READER' });
  if (reader.status !== 'ACTIVE') throw forbidden('This reader cannot receive gifts now.', { reason: 'READER_INACTIVE' });
  return reader.id;
}

/** The catalogue gift, if it is offered now. */
async function findOfferedGift(ctx: Context, virtualGiftId: string): Promise<VirtualGift> {
  const catalogue = await ctx.prisma.virtualGift.findUnique({ where: { id: virtualGiftId } });
  if (!catalogue || !catalogue.isActive) throw notFound('Gift');
  return catalogue;
}

/**
 * Where the gift is sent: a live stream of this reader's the client may watch, or a session (readings' sessions,
 * read only) of this client with this reader that is accepted or running.
 */
async function resolvePlace(ctx: Context, viewer: Viewer, readerId: string, data: Pick<SendGiftInput, 'streamId' | 'sessionId'>): Promise<GiftPlace> {
  if (data.streamId) {
    const stream = await ctx.prisma.liveStream.findUnique({ where: { id: data.streamId } });
    if (!stream) throw notFound('Stream');
    if (stream.readerId !== readerId) throw badInput('That stream belongs to another reader.', 'readerId');
    if (stream.status !== 'LIVE') throw conflict('Gifts are sent while the stream is live.');
    await requireWatchAccess(ctx, stream, { pay: false });
    return { stream, sessionId: null };
  }
  const session = await readSessionParties(ctx.prisma, data.sessionId!);
  if (!session || session.clientId !== viewer.id) throw notFound('Session');
  if (session.readerId !== readerId) throw badInput('That session is with another reader.', 'readerId');
  if (session.status !== 'IN_PROGRESS' && session.status !== 'ACCEPTED') throw conflict('Gifts are sent during a session.');
  return { stream: null, sessionId: data.sessionId! };
}

/** gift_max_cents: the most a single gift may cost. */
async function checkGiftMax(ctx: Context, catalogue: Pick<VirtualGift, 'priceCents'>): Promise<void> {
  const maxCents = await getIntSetting(ctx.prisma, 'gift_max_cents');
  if (catalogue.priceCents > maxCents) {
    throw badInput(`A single gift may cost at most ${maxCents} cents.`, {
      field: 'virtualGiftId',
      reason: 'GIFT_MAX_EXCEEDED',
      limitCents: maxCents,
    });
  }
}

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** gift_daily_cap_cents: what one client may spend on gifts per UTC day; run under the client's gift lock. */
async function checkDailyCap(tx: Tx, senderId: string, catalogue: Pick<VirtualGift, 'priceCents'>, now: Date): Promise<void> {
  const dailyCap = await getIntSetting(tx, 'gift_daily_cap_cents');
  const today = await tx.gift.aggregate({ where: { senderId, createdAt: { gte: startOfUtcDay(now) } }, _sum: { priceCents: true } });
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
}

function writeGift(
  tx: Tx,
  g: { key: string; senderId: string; readerId: string; catalogue: VirtualGift; place: GiftPlace; message: string | null; now: Date },
): Promise<Gift> {
  return tx.gift.create({
    data: {
      idempotencyKey: g.key,
      senderId: g.senderId,
      receiverId: g.readerId,
      virtualGiftId: g.catalogue.id,
      priceCents: g.catalogue.priceCents,
      streamId: g.place.stream?.id ?? null,
      sessionId: g.place.sessionId,
      message: g.message,
      createdAt: g.now,
    },
  });
}

/** Pays the gift from the sender's wallet (payments' MoneyPort, in the gift's transaction; keyed by the gift). */
async function payForGift(money: MoneyPort, tx: Tx, gift: Gift, catalogue: VirtualGift): Promise<void> {
  await money.purchase(
    {
      idempotencyKey: `community:gift:${gift.id}`,
      clientId: gift.senderId,
      readerId: gift.receiverId,
      amountCents: gift.priceCents,
      type: 'GIFT_PURCHASE',
      giftId: gift.id,
      description: `Gift: ${catalogue.name}`,
      metadata: { kind: 'GIFT', giftId: gift.id, streamId: gift.streamId, sessionId: gift.sessionId },
    },
    tx,
  );
}

/** After commit: the stream's viewers see the gift (a stream gift), and the reader hears of it. */
function publishGift(after: AfterCommit, gift: Gift, catalogue: VirtualGift, place: GiftPlace): void {
  if (place.stream) {
    const event: StreamEventPayload = {
      kind: 'GIFT',
      id: gift.id,
      streamId: place.stream.id,
      senderId: gift.senderId,
      createdAt: gift.createdAt.toISOString(),
      message: gift.message,
      gift: { id: catalogue.id, name: catalogue.name, priceCents: catalogue.priceCents, imageUrl: catalogue.imageUrl, animationUrl: catalogue.animationUrl },
    };
    after.publish(streamTopics.events(place.stream.id), event);
  }
  after.publish(giftTopics.received(gift.receiverId), { giftId: gift.id, sessionId: gift.sessionId, streamId: gift.streamId });
}

import type { Context } from '../../../shared/context.js';
import { notifyInTx } from './notices.js';
import { badInput, forbidden, notFound } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { MONEY_TX } from '../../../shared/money.js';
import { transact } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { assertMayMessage, assertPaidReplyReceiver, isConversationParticipant, isMessageParty } from '../authz.js';
import { consume, requireMoney } from './common.js';
import { readUserStanding, userExists } from './foreign-reads.js';

export const MESSAGE_MAX = 5_000;
export const PAID_REPLY_MIN_CENTS = 100;
export const PAID_REPLY_MAX_CENTS = 50_000;

/** Topics. Payloads carry ids only; subscribers load rows with their own viewer, so hiding rules apply. */
export const topics = {
  messageReceived: (userId: string) => `community:dm:received:${userId}`,
  conversationUpdated: (userId: string) => `community:dm:conversation:${userId}`,
};
export interface MessageEvent {
  messageId: string;
}
export interface ConversationEvent {
  conversationId: string;
  kind: 'NEW_MESSAGE' | 'READ' | 'UNLOCKED';
  /** For READ: who read, and when. */
  readById?: string;
  readAt?: string;
}

const sendSchema = z.object({
  recipientId: z.string().min(1),
  content: z.string().trim().min(1).max(MESSAGE_MAX),
  priceCents: z.number().int().min(PAID_REPLY_MIN_CENTS).max(PAID_REPLY_MAX_CENTS).nullish(),
});

export function pair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export async function sendMessage(ctx: Context, input: unknown) {
  const viewer = requireVerifiedViewer(ctx);
  const data = parseInput(sendSchema, input);
  if (data.recipientId === viewer.id) throw badInput('You cannot message yourself.', 'recipientId');
  const recipient = await readUserStanding(ctx.prisma, data.recipientId);
  if (!recipient || recipient.status === 'BANNED') throw notFound('Recipient');
  if (recipient.status !== 'ACTIVE') throw forbidden('This user cannot receive messages now.', { reason: 'RECIPIENT_INACTIVE' });

  const blocks = await ctx.prisma.userBlock.findMany({
    where: { OR: [{ blockerId: recipient.id, blockedId: viewer.id }, { blockerId: viewer.id, blockedId: recipient.id }] },
    select: { blockerId: true },
  });
  if (blocks.some((b) => b.blockerId === recipient.id)) {
    throw forbidden('This user does not accept messages from you.', { reason: 'BLOCKED' });
  }
  if (blocks.length) throw forbidden('You blocked this user; unblock them to send a message.', { reason: 'YOU_BLOCKED' });

  const [userAId, userBId] = pair(viewer.id, recipient.id);
  const existing = await ctx.prisma.conversation.findUnique({ where: { userAId_userBId: { userAId, userBId } }, select: { id: true } });
  assertMayMessage(viewer, recipient, { conversationExists: !!existing, priced: data.priceCents != null });
  await consume(ctx, 'message', viewer.id);

  return transact(ctx, { service: 'community' }, async (tx, after) => {
    const now = new Date();
    const conversation = await tx.conversation.upsert({
      where: { userAId_userBId: { userAId, userBId } },
      create: { userAId, userBId, lastMessageAt: now },
      update: { lastMessageAt: now },
    });
    const message = await tx.message.create({
      data: {
        conversationId: conversation.id,
        senderId: viewer.id,
        receiverId: recipient.id,
        content: data.content,
        priceCents: data.priceCents ?? null,
        createdAt: now,
      },
    });
    if (message.priceCents != null) {
      await notifyInTx(ctx, tx, {
        userId: recipient.id,
        kind: 'PAID_REPLY_RECEIVED',
        title: 'You received a paid reply',
        body: `A reader replied to you; open it for $${(message.priceCents / 100).toFixed(2)}.`,
        data: { messageId: message.id, conversationId: conversation.id },
        dedupeKey: `paid-reply:${message.id}`,
      });
    }
    after.publish(topics.messageReceived(recipient.id), { messageId: message.id } satisfies MessageEvent);
    const event: ConversationEvent = { conversationId: message.conversationId, kind: 'NEW_MESSAGE' };
    after.publish(topics.conversationUpdated(recipient.id), event);
    after.publish(topics.conversationUpdated(viewer.id), event);
    return message;
  });
}

export async function participantConversation(ctx: Context, conversationId: string) {
  const viewer = requireViewer(ctx);
  const c = await ctx.prisma.conversation.findUnique({ where: { id: conversationId } });
  if (!c || !isConversationParticipant(viewer, c)) throw notFound('Conversation');
  return c;
}

export async function markRead(ctx: Context, conversationId: string) {
  const viewer = requireViewer(ctx);
  const c = await participantConversation(ctx, conversationId);
  const readAt = new Date();
  const { count } = await ctx.prisma.message.updateMany({
    where: { conversationId: c.id, receiverId: viewer.id, isRead: false },
    data: { isRead: true, readAt },
  });
  if (count > 0) {
    const other = c.userAId === viewer.id ? c.userBId : c.userAId;
    const event: ConversationEvent = { conversationId: c.id, kind: 'READ', readById: viewer.id, readAt: readAt.toISOString() };
    await Promise.all([ctx.pubsub.publish(topics.conversationUpdated(other), event), ctx.pubsub.publish(topics.conversationUpdated(viewer.id), event)]);
  }
  return c;
}

/**
 * Opens a paid reply: the receiver pays its price from the wallet, split reader/platform by payments, and the
 * message is marked unlocked in the same transaction. The idempotency key is the message itself, so however
 * often (or concurrently) this is called, the client pays once; later calls return the unlocked message.
 */
export async function unlockPaidReply(ctx: Context, messageId: string) {
  const viewer = requireVerifiedViewer(ctx);
  const m = await ctx.prisma.message.findUnique({ where: { id: messageId } });
  if (!m || !isMessageParty(viewer, m)) throw notFound('Message');
  if (m.priceCents == null) throw badInput('This message is free.', 'messageId');
  assertPaidReplyReceiver(viewer, m);
  if (m.unlockedAt) return m;
  const money = requireMoney(ctx);
  const unlocked = await transact(ctx, { service: 'community', ...MONEY_TX }, async (tx, after) => {
    // Lock the row: a concurrent unlock waits here and then sees unlocked_at set.
    const rows = await tx.$queryRaw<Array<{ unlocked_at: Date | null }>>`SELECT unlocked_at FROM messages WHERE id = ${m.id} FOR UPDATE`;
    if (rows[0]?.unlocked_at) return null;
    const payment = await money.purchase(
      {
        idempotencyKey: `community:paid-reply:${m.id}`,
        clientId: viewer.id,
        readerId: m.senderId,
        amountCents: m.priceCents!,
        type: 'PURCHASE',
        description: 'Paid reply',
        metadata: { kind: 'PAID_REPLY', messageId: m.id, conversationId: m.conversationId },
      },
      tx,
    );
    const event: ConversationEvent = { conversationId: m.conversationId, kind: 'UNLOCKED' };
    after.publish(topics.conversationUpdated(m.senderId), event);
    after.publish(topics.conversationUpdated(viewer.id), event);
    return tx.message.update({ where: { id: m.id }, data: { unlockedAt: new Date(), unlockTransactionId: payment.transactionId } });
  });
  return unlocked ?? ctx.prisma.message.findUniqueOrThrow({ where: { id: m.id } });
}

export async function blockUser(ctx: Context, userId: string) {
  const viewer = requireViewer(ctx);
  if (userId === viewer.id) throw badInput('You cannot block yourself.', 'userId');
  if (!(await userExists(ctx.prisma, userId))) throw notFound('User');
  await ctx.prisma.userBlock.upsert({
    where: { blockerId_blockedId: { blockerId: viewer.id, blockedId: userId } },
    create: { blockerId: viewer.id, blockedId: userId },
    update: {},
  });
  return true;
}

export async function unblockUser(ctx: Context, userId: string) {
  const viewer = requireViewer(ctx);
  await ctx.prisma.userBlock.deleteMany({ where: { blockerId: viewer.id, blockedId: userId } });
  return true;
}

import type { Conversation, Message } from '../../../shared/db/generated/client.js';
import { loader } from '../../../shared/graphql/loaders.js';
import { filterIterator } from '../../../shared/pubsub.js';
import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { canReadMessageContent, participantConversationsWhere } from '../authz.js';
import { builder } from '../builder.js';
import * as dm from '../services/messages.js';
import { UserRef } from './refs.js';

const ConversationUpdateKind = builder.enumType('ConversationUpdateKind', {
  description: 'What changed in a conversation.',
  values: {
    NEW_MESSAGE: { description: 'A message was sent.' },
    READ: { description: 'The other participant (or you, on another device) read the messages.' },
    UNLOCKED: { description: 'A paid reply was opened.' },
  } as const,
});

function lastMessages(ctx: Context) {
  return loader<string, Message>(ctx, 'community:lastMessage', async (ids) => {
    const rows = await ctx.prisma.message.findMany({
      where: { conversationId: { in: [...ids] } },
      orderBy: [{ conversationId: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
      distinct: ['conversationId'],
    });
    const map = new Map(rows.map((r) => [r.conversationId, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

const otherOf = (c: Pick<Conversation, 'userAId' | 'userBId'>, viewerId: string | undefined) => (c.userAId === viewerId ? c.userBId : c.userAId);

export const MessageObject = builder.prismaObject('Message', {
  description:
    'A direct message. A paid reply (priceCents set) keeps its content hidden from the receiver (null) until they unlock it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the direct message; pass it to unlockPaidReply for a paid reply.' }),
    conversationId: t.exposeID('conversationId', { description: 'Id of the two-person thread the message belongs to (see conversation).' }),
    sender: t.field({ type: UserRef, description: 'Who sent it.', resolve: (m) => ({ id: m.senderId }) }),
    receiver: t.field({ type: UserRef, description: 'Who it was sent to.', resolve: (m) => ({ id: m.receiverId }) }),
    content: t.string({
      nullable: true,
      description: 'The text as written; null while it is a paid reply the viewer has not unlocked.',
      select: { content: true, receiverId: true, priceCents: true, unlockedAt: true },
      resolve: (m, _args, ctx) => (canReadMessageContent(ctx.viewer, m) ? m.content : null),
    }),
    isPaid: t.boolean({ description: 'A paid reply.', select: { priceCents: true }, resolve: (m) => m.priceCents != null }),
    priceCents: t.exposeInt('priceCents', { nullable: true, description: 'Price to open a paid reply, in cents.' }),
    isLocked: t.boolean({
      description: 'True while the viewer cannot read the content (an unpaid paid reply sent to them).',
      select: { receiverId: true, priceCents: true, unlockedAt: true },
      resolve: (m, _args, ctx) => !canReadMessageContent(ctx.viewer, m),
    }),
    unlockedAt: t.expose('unlockedAt', { type: 'DateTime', nullable: true, description: 'When the paid reply was opened.' }),
    isRead: t.exposeBoolean('isRead', { description: 'The receiver has read it (read receipt).' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true, description: 'When the receiver read it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent.' }),
  }),
});

export const ConversationObject = builder.prismaObject('Conversation', {
  description: 'A two-person direct-message thread.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the thread between the viewer and one other user; pass it to conversationUpdated.' }),
    otherParticipant: t.field({
      type: UserRef,
      description: 'The person the viewer is talking to.',
      select: { userAId: true, userBId: true },
      resolve: (c, _args, ctx) => ({ id: otherOf(c, ctx.viewer?.id) }),
    }),
    participants: t.field({
      type: [UserRef],
      description: 'Both participants.',
      select: { userAId: true, userBId: true },
      resolve: (c) => [{ id: c.userAId }, { id: c.userBId }],
    }),
    lastMessageAt: t.expose('lastMessageAt', { type: 'DateTime', description: 'When the last message was sent.' }),
    // A filtered relation count in the statement that loads the conversations (a page costs one statement, not one
    // more per page); reading ctx.viewer marks the answer viewer-dependent, as the count is the viewer's own.
    unreadCount: t.relationCount('messages', {
      description: 'Messages to the viewer not read yet.',
      where: (_args, ctx) => ({ receiverId: ctx.viewer?.id ?? '', isRead: false }),
    }),
    lastMessage: t.field({
      type: MessageObject,
      nullable: true,
      description: 'The newest message (its content hidden as on any message).',
      resolve: (c, _args, ctx) => lastMessages(ctx).load(c.id),
    }),
    messages: t.relatedConnection(
      'messages',
      {
        cursor: 'id',
        defaultSize: 30,
        maxSize: 100,
        description: 'Messages, newest first.',
        query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      },
      { description: 'A page of messages.' },
      { description: 'A message in a page.' },
    ),
  }),
});

const ConversationUpdate = builder.objectRef<dm.ConversationEvent & { conversation: Conversation }>('ConversationUpdate').implement({
  description: 'A change in one of the viewer\'s conversations.',
  fields: (t) => ({
    kind: t.field({ type: ConversationUpdateKind, description: 'What happened.', resolve: (e) => e.kind }),
    conversation: t.field({ type: ConversationObject, description: 'The conversation as it is now.', resolve: (e) => e.conversation }),
    readBy: t.field({ type: UserRef, nullable: true, description: 'For READ: who read.', resolve: (e) => (e.readById ? { id: e.readById } : null) }),
    readAt: t.field({ type: 'DateTime', nullable: true, description: 'For READ: when the other participant read the messages (UTC); null for other kinds.', resolve: (e) => (e.readAt ? new Date(e.readAt) : null) }),
  }),
});

const SendMessageInput = builder.inputType('SendMessageInput', {
  description: 'A direct message. Readers may put a price on a reply to a client.',
  fields: (t) => ({
    recipientId: t.id({ required: true, description: 'Who to write to (user id).' }),
    content: t.string({ required: true, description: `Text, up to ${dm.MESSAGE_MAX} characters, stored as written.` }),
    priceCents: t.int({
      description: `Readers only, replying to a client: the price to open this reply (${dm.PAID_REPLY_MIN_CENTS}–${dm.PAID_REPLY_MAX_CENTS} cents).`,
    }),
  }),
});

builder.queryFields((t) => ({
  conversations: t.prismaConnection(
    {
      type: 'Conversation',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 50,
      authScopes: { authenticated: true },
      description: 'The viewer\'s conversations, most recent message first.',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.conversation.findMany({
          ...query,
          // The unread counts as one join to the viewer's unread messages grouped by conversation (index
          // messages(receiver_id, is_read)), rather than a lateral count per conversation of the viewer's.
          relationLoadStrategy: 'query',
          where: participantConversationsWhere(requireViewer(ctx)),
          orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
        }),
    },
    { description: 'A page of conversations.' },
    { description: 'A conversation in a page.' },
  ),
  conversation: t.prismaField({
    type: 'Conversation',
    authScopes: { authenticated: true },
    description: 'One of the viewer\'s conversations (NOT_FOUND for others\').',
    args: { id: t.arg.id({ required: true, description: 'Id of a conversation the viewer takes part in.' }) },
    resolve: async (query, _root, args, ctx) => {
      const c = await dm.participantConversation(ctx, String(args.id));
      return ctx.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: c.id } });
    },
  }),
}));

builder.mutationFields((t) => ({
  sendMessage: t.prismaField({
    type: MessageObject,
    authScopes: { authenticated: true },
    description: 'Sends a direct message (rate limited per user; refused when either side blocked the other).',
    args: { input: t.arg({ type: SendMessageInput, required: true, description: 'Recipient\'s user id, the text, and for a reader\'s reply an optional price in cents.' }) },
    resolve: async (query, _root, args, ctx) => {
      const m = await dm.sendMessage(ctx, args.input);
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  markConversationRead: t.prismaField({
    type: 'Conversation',
    authScopes: { authenticated: true },
    description: 'Marks every message to the viewer in a conversation as read (read receipts).',
    args: { conversationId: t.arg.id({ required: true, description: 'Id of a conversation the viewer takes part in; its messages to the viewer become read.' }) },
    resolve: async (query, _root, args, ctx) => {
      const c = await dm.markRead(ctx, String(args.conversationId));
      return ctx.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: c.id } });
    },
  }),
  unlockPaidReply: t.prismaField({
    type: MessageObject,
    authScopes: { authenticated: true },
    description: 'Opens a paid reply by paying its price from the wallet, once (repeating it charges nothing).',
    args: { messageId: t.arg.id({ required: true, description: 'Id of a paid reply sent to the viewer; its price is charged once from the wallet.' }) },
    resolve: async (query, _root, args, ctx) => {
      const m = await dm.unlockPaidReply(ctx, String(args.messageId));
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  blockUser: t.boolean({
    authScopes: { authenticated: true },
    description: 'Blocks a user: neither of you can message the other until you unblock them.',
    args: { userId: t.arg.id({ required: true, description: 'Who to block.' }) },
    resolve: (_root, args, ctx) => dm.blockUser(ctx, String(args.userId)),
  }),
  unblockUser: t.boolean({
    authScopes: { authenticated: true },
    description: 'Lifts a block the viewer made.',
    args: { userId: t.arg.id({ required: true, description: 'Who to unblock.' }) },
    resolve: (_root, args, ctx) => dm.unblockUser(ctx, String(args.userId)),
  }),
}));

builder.subscriptionFields((t) => ({
  messageReceived: t.field({
    type: MessageObject,
    authScopes: { authenticated: true },
    description: 'Messages sent to the viewer, as they arrive (paid replies arrive locked).',
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe<dm.MessageEvent>(dm.topics.messageReceived(requireViewer(ctx).id)) as AsyncIterable<unknown>,
    resolve: (event, _args, ctx) => ctx.prisma.message.findUniqueOrThrow({ where: { id: (event as dm.MessageEvent).messageId } }),
  }),
  conversationUpdated: t.field({
    type: ConversationUpdate,
    authScopes: { authenticated: true },
    description: 'Changes in the viewer\'s conversations: new messages, read receipts, unlocked replies.',
    args: { conversationId: t.arg.id({ description: 'Only this conversation.' }) },
    subscribe: async (_root, args, ctx) => {
      // Only a conversation of the viewer's (another one is NOT_FOUND, as for the query).
      const only = args.conversationId ? (await dm.participantConversation(ctx, String(args.conversationId))).id : null;
      return filterIterator(
        ctx.pubsub.subscribe<dm.ConversationEvent>(dm.topics.conversationUpdated(requireViewer(ctx).id)),
        (e) => !only || e.conversationId === only,
      ) as AsyncIterable<unknown>;
    },
    resolve: async (event, _args, ctx) => {
      const e = event as dm.ConversationEvent;
      return { ...e, conversation: await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: e.conversationId } }) };
    },
  }),
}));

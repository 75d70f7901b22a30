import { builder } from '../builder.js';
import type { Context } from '../../../shared/context.js';
import { sharedSubscription } from '../../../shared/graphql/shared-subscriptions.js';
import { MessageType } from '../../../shared/db/generated/enums.js';
import { UserRef } from './refs.js';
import { assertCanWatch } from './session.js';
import { sessionMessagesTopic, type ChatMessageEvent } from '../services/events.js';
import { MESSAGE_MAX_LENGTH, sendMessage } from '../services/chat.js';

const MessageTypeEnum = builder.enumType('MessageType', {
  description: 'Kind of chat message.',
  values: {
    [MessageType.TEXT]: { value: MessageType.TEXT, description: 'Text written by a participant.' },
    [MessageType.IMAGE]: { value: MessageType.IMAGE, description: 'An image link.' },
    [MessageType.SYSTEM]: { value: MessageType.SYSTEM, description: 'A notice from the platform.' },
  } as const,
});

export const ChatMessageObject = builder.prismaObject('ChatMessage', {
  description: 'One message of a session\'s chat.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the chat message; the key clients cache it by.' }),
    sessionId: t.exposeID('sessionId', { description: 'Id of the reading session whose transcript this message belongs to.' }),
    seq: t.exposeInt('seq', { description: 'Position in the transcript (1, 2, 3…, no gaps).' }),
    content: t.exposeString('content', { description: 'What the sender wrote (up to 2000 characters), an image URL for IMAGE, or the platform notice for SYSTEM.' }),
    messageType: t.expose('messageType', { type: MessageTypeEnum, description: 'TEXT, IMAGE or SYSTEM.' }),
    clientKey: t.exposeString('clientKey', { nullable: true, description: 'The sender\'s idempotency key, if given.' }),
    sender: t.field({ type: UserRef, description: 'Who sent it.', resolve: (m) => ({ id: m.senderId }) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent.' }),
  }),
});

const SendSessionMessageInput = builder.inputType('SendSessionMessageInput', {
  description: 'A chat message.',
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'The session (in progress, both participants connected).' }),
    content: t.string({ required: true, description: `The text, 1 to ${MESSAGE_MAX_LENGTH} characters.` }),
    clientKey: t.string({ description: 'Idempotency key: resending with the same key returns the first message.' }),
  }),
});

builder.mutationField('sendSessionMessage', (t) =>
  t.field({
    type: ChatMessageObject,
    authScopes: { authenticated: true },
    description:
      'Sends a chat message to the other participant while the session bills (in progress, both connected); before both joined, while paused or after the end: CONFLICT with reason SESSION_NOT_BILLING. The minute it falls in is charged first.',
    args: { input: t.arg({ type: SendSessionMessageInput, required: true, description: 'Session id, text and an optional idempotency key.' }) },
    resolve: (_root, { input }, ctx) =>
      sendMessage(ctx, { sessionId: String(input.sessionId), content: input.content, clientKey: input.clientKey ?? null }),
  }),
);

builder.subscriptionField('sessionMessageAdded', (t) =>
  t.field({
    type: ChatMessageObject,
    authScopes: { authenticated: true, sharedStream: true },
    description: 'New chat messages of one session (participants and admins only).',
    args: { sessionId: t.arg.id({ required: true, description: 'Id of a session the viewer takes part in (or any, for admins).' }) },
    // The same messages for both participants (and admins): the gateway holds one stream per session for all of
    // them, each subscriber authorized on its own (shared/graphql/shared-subscriptions.ts).
    ...sharedSubscription<{ sessionId: string | number }, Context>({
      authorize: (args, ctx) => assertCanWatch(ctx, String(args.sessionId)),
      stream: (args, ctx) => ctx.pubsub.subscribe<ChatMessageEvent>(sessionMessagesTopic(String(args.sessionId))),
    }),
    // The payload carries the whole message (plain JSON), so no query per subscriber.
    resolve: (event) => event as never,
  }),
);

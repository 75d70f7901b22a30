import { requireViewer } from '../../../shared/authz.js';
import { builder } from '../builder.js';
import * as inbox from '../services/notifications.js';
import * as prefs from '../services/notification-prefs.js';

const kindDescriptions: Record<(typeof prefs.NOTIFICATION_KINDS)[number], string> = {
  BOOKING_REQUESTED: 'A client booked a reading with the reader (to the reader).',
  BOOKING_CONFIRMED: 'The reader confirmed a booking (to the client).',
  BOOKING_CANCELLED: 'A booking was cancelled (to the other party).',
  BOOKING_REMINDER: 'A booked reading starts in 24 hours or in 15 minutes (to both).',
  FAVORITE_READER_ONLINE: 'A favourite reader with online alerts on came online (email and push batched per reader).',
  FAVORITE_READER_LIVE: 'A favourite reader started a live stream.',
  SESSION_REQUEST_MISSED: 'A session request expired unanswered (to the reader and the client).',
  LOW_BALANCE: 'The wallet fell under the low-balance mark during a session.',
  AUTO_RELOAD_RESULT: 'An automatic top-up went through or failed.',
  TOP_UP_RECEIPT: 'A top-up was credited (the receipt).',
  PAYOUT_SENT: 'A payout of the reader\'s earnings was sent.',
  PAYOUT_FAILED: 'A payout of the reader\'s earnings failed.',
  PAID_REPLY_RECEIVED: 'A reader sent the client a paid reply.',
  REVIEW_RECEIVED: 'A client reviewed the reader.',
  FLAG_RESOLVED: 'A moderator resolved content the user flagged.',
  SECURITY_NEW_LOGIN: 'Someone signed in to the account (always sent on every channel).',
  SECURITY_PASSWORD_CHANGED: 'The account\'s password changed (always sent on every channel).',
  SECURITY_EMAIL_CHANGED: 'The account\'s email changed (always sent on every channel).',
};

export const NotificationKindEnum = builder.enumType('NotificationKind', {
  description: 'What a notification is about.',
  values: Object.fromEntries(prefs.NOTIFICATION_KINDS.map((k) => [k, { description: kindDescriptions[k] }])) as Record<
    (typeof prefs.NOTIFICATION_KINDS)[number],
    { description: string }
  >,
});

export const NotificationChannelEnum = builder.enumType('NotificationChannel', {
  description: 'A way a notification reaches the user.',
  values: {
    IN_APP: { description: 'The inbox (notifications) and the notificationAdded subscription; always on.' },
    EMAIL: { description: 'An email to the account\'s address, with a one-click unsubscribe link.' },
    WEB_PUSH: { description: 'A Web Push message to every browser the user registered (registerWebPushSubscription).' },
  } as const,
});

export const NotificationObject = builder.prismaObject('Notification', {
  description: 'A stored notice to the viewer: it waits in the inbox whether or not they were connected when it came.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id; pass it to markNotificationsRead.' }),
    kind: t.field({ type: NotificationKindEnum, description: 'What it is about.', resolve: (n) => n.kind }),
    title: t.exposeString('title', { description: 'One-line headline, plain text.' }),
    body: t.exposeString('body', { description: 'The notice, plain text.' }),
    data: t.field({
      type: 'JSON',
      description: 'Ids to link to, by name (sessionId, readerId, streamId, messageId…), all strings.',
      resolve: (n) => n.data,
    }),
    read: t.boolean({ description: 'The viewer marked it read.', resolve: (n) => n.readAt != null }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true, description: 'When it was marked read; null while unread.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written (the moment of its cause).' }),
  }),
});

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  description: 'Which of the viewer\'s notifications to mark read: ids, or all.',
  fields: (t) => ({
    ids: t.idList({ description: 'Ids of the viewer\'s notifications (at most 500); ids of others are ignored.' }),
    all: t.boolean({ description: 'True: every unread notification of the viewer.' }),
  }),
});

const MarkNotificationsReadPayload = builder.objectRef<{ updated: number }>('MarkNotificationsReadPayload').implement({
  description: 'What markNotificationsRead changed.',
  fields: (t) => ({
    updated: t.exposeInt('updated', { description: 'How many notifications went from unread to read.' }),
    unreadCount: t.int({ description: 'The viewer\'s unread notifications left.', resolve: (_p, _a, ctx) => inbox.unreadCount(ctx) }),
  }),
});

builder.queryField('notifications', (t) =>
  t.prismaConnection(
    {
      type: 'Notification',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { authenticated: true },
      description: 'The viewer\'s notification inbox, newest first (20 a page by default, 100 at most).',
      args: { unreadOnly: t.arg.boolean({ description: 'True: only notifications not marked read yet.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.notification.findMany({ ...query, where: inbox.inboxWhere(ctx, args.unreadOnly), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    {
      description: 'A page of notifications.',
      fields: (c) => ({
        unreadCount: c.int({ description: 'The viewer\'s unread notifications (all pages).', resolve: (_p, _a, ctx) => inbox.unreadCount(ctx) }),
      }),
    },
    { description: 'A notification in a page.' },
  ),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    authScopes: { authenticated: true },
    description: 'Marks the viewer\'s notifications read (the given ids, or all); already-read ones stay as they were.',
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true, description: 'The ids, or all: true.' }) },
    resolve: async (_root, args, ctx) => ({ updated: await inbox.markRead(ctx, args.input) }),
  }),
);

builder.subscriptionField('notificationAdded', (t) =>
  t.field({
    type: NotificationObject,
    authScopes: { authenticated: true },
    description: 'The viewer\'s new notifications as they are written (those missed while away are in notifications).',
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe<inbox.NotificationEvent>(inbox.notificationTopics.added(requireViewer(ctx).id)) as AsyncIterable<unknown>,
    // Fresh from the database, and only the viewer's own (the topic is theirs; the where says so again).
    resolve: (event, _args, ctx) =>
      ctx.prisma.notification.findFirstOrThrow({ where: { id: (event as inbox.NotificationEvent).notificationId, userId: requireViewer(ctx).id } }),
  }),
);

import { builder } from '../builder.js';
import { requireViewer } from '../../../shared/authz.js';
import { canKnowClientBalance, canViewSession } from '../authz.js';
import { sessionMeter, visibleSession } from '../services/session-reads.js';
import { sessionToken } from '../services/session-tokens.js';
import { acceptSession, cancelSession, declineSession, endSession, requestSession } from '../services/transitions.js';
import { joinSession, leaveSession } from '../services/participants.js';
import { sessionTypeEnum } from '../../../shared/graphql/enums.js';
import { SessionStatus, type SessionType } from '../../../shared/db/generated/enums.js';
import { Prisma, type Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { loader, byKey } from '../../../shared/graphql/loaders.js';
import { notFound } from '../../../shared/errors.js';
import { ReaderRef, UserRef } from './refs.js';
import { hydrateSession, readerRequestsTopic, sessionTopic, SESSION_EVENT_KINDS, type SessionEvent, type SessionRequestEvent } from '../services/events.js';

export const SessionTypeEnum = sessionTypeEnum(builder);
const statusDescriptions: Record<SessionStatus, string> = {
  REQUESTED: 'The client asked; the reader has not answered yet (expires after 60 s).',
  ACCEPTED: 'The reader accepted; waiting for both to join.',
  SCHEDULED: 'A booked reading in the future.',
  IN_PROGRESS: 'Both joined; billed per minute.',
  COMPLETED: 'Ended after it ran (see endReason).',
  CANCELLED: 'Withdrawn before it started.',
  DECLINED: 'The reader said no.',
  EXPIRED: 'The reader did not answer in time.',
  NO_SHOW: 'Accepted, but both did not join in time.',
  DISCONNECTED: 'Ended because the disconnect grace budget (2 minutes in total per session, over all pauses) was spent.',
};
export const SessionStatusEnum = builder.enumType('SessionStatus', {
  description: 'Where a reading session is in its life.',
  values: Object.fromEntries(Object.values(SessionStatus).map((v) => [v, { value: v, description: statusDescriptions[v] }])) as {
    [K in SessionStatus]: { value: K; description: string };
  },
});
const sessionEventKindDescriptions: Record<(typeof SESSION_EVENT_KINDS)[number], string> = {
  REQUESTED: 'The client asked for a live reading; the reader has 60 seconds (setting) to accept or decline.',
  ACCEPTED: 'The reader accepted (a request, or a confirmed booking at its start): both may now join the room.',
  DECLINED: 'The reader turned down a booking; a declined live request arrives as ENDED with status DECLINED.',
  CANCELLED: 'Reserved, not sent today: a request or booking the client withdraws arrives as ENDED with status CANCELLED.',
  EXPIRED: 'Reserved, not sent today: a request the reader left unanswered arrives as ENDED with status EXPIRED.',
  JOINED: 'One participant (see the session\'s clientConnected and readerConnected) entered the room; billing not yet started.',
  LEFT: 'One participant left the room before billing started; nothing was charged for it.',
  STARTED: 'Both participants are in the room: billing starts and minute 1 is charged at once.',
  PAUSED: 'A participant dropped during the reading: billing pauses and the 2-minute grace budget runs down.',
  RESUMED: 'The participant who dropped is back within the grace budget: billing continues.',
  MINUTE_CHARGED: 'A new minute started and was paid: charged to the client\'s wallet at its start, or prepaid by a booking credit (the first prepaidMinutes); meter and low-balance warning are updated.',
  ENDED: 'The session is over for good (ended, declined, cancelled, expired, out of funds or disconnected): see status and endReason.',
  SCHEDULED: 'The client booked a slot in the reader\'s availability; the reader still has to confirm it.',
  CONFIRMED: 'The reader confirmed the booking; both get a reminder before the start.',
  REMINDER: 'A confirmed booking starts in 15 minutes: sent to both participants.',
};
const SessionEventKindEnum = builder.enumType('SessionEventKind', {
  description: 'What happened to a session (sessionUpdated).',
  values: Object.fromEntries(SESSION_EVENT_KINDS.map((k) => [k, { description: sessionEventKindDescriptions[k] }])) as Record<
    (typeof SESSION_EVENT_KINDS)[number],
    { description: string }
  >,
});

export function sessionLoader(ctx: Context) {
  return loader<string, Session>(ctx, 'readings:sessionById', async (ids) =>
    byKey(ids, await ctx.prisma.session.findMany({ where: { id: { in: [...ids] } } }), (s) => s.id),
  );
}

export const SessionMeterObject = builder.objectRef<SessionEvent>('SessionMeter').implement({
  description: 'The live meter of a session.',
  fields: (t) => ({
    elapsedSeconds: t.exposeInt('elapsedSeconds', { description: 'Connected (billable) seconds so far.' }),
    billedMinutes: t.exposeInt('billedMinutes', { description: 'Minutes charged so far (each at its start).' }),
    costCents: t.exposeInt('costCents', { description: 'Charged so far, in cents.' }),
    balanceCents: t.int({
      nullable: true,
      description: 'The client\'s wallet balance left, in cents: shown to the client (and admins) only, null for the reader or when unknown.',
      // Read per viewer: sessionUpdated is resolved per subscriber (not a shared subscription) and this read marks
      // the answer viewer-dependent, so the gateway never serves one viewer's rendering to another.
      resolve: (e, _args, ctx) => (e.session && canKnowClientBalance(ctx.viewer, e.session) ? e.balanceCents : null),
    }),
    affordableMinutes: t.int({
      nullable: true,
      description: 'Whole minutes the client\'s balance can still pay at this session\'s rate (what the reader sees instead of the balance); null when unknown.',
      resolve: (e) => (e.balanceCents === null || !e.session ? null : Math.floor(Math.max(0, e.balanceCents) / e.session.rateCents)),
    }),
    lowBalance: t.exposeBoolean('lowBalance', { description: 'Less than 2 minutes of credit remain at this rate (prepaid minutes still to come count): top up to continue.' }),
    prepaidMinutesLeft: t.int({
      description: 'Prepaid minutes (booking credit) not reached yet; wallet billing starts after them.',
      resolve: (e) => (e.session ? Math.max(0, e.session.prepaidMinutes - e.billedMinutes) : 0),
    }),
  }),
});

/** Every column of a session: what the meter (services/session-store.ts sessionEvent) reads. */
const EVERY_COLUMN = Object.fromEntries(Object.values(Prisma.SessionScalarFieldEnum).map((f) => [f, true])) as { [K in Prisma.SessionScalarFieldEnum]: true };

export const SessionObject = builder.prismaObject('Session', {
  description: 'A paid reading between a client and a reader. Visible to its two participants and admins.',
  // Select mode: a page of sessions loads the columns its fields need (mySessions on the home screen reads 7 of the
  // 30), not every column; the participants always, for the authorization of the row and its transcript.
  select: { id: true, clientId: true, readerId: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the session; pass it to joinSession, sessionUpdated and sessionMessageAdded.' }),
    roomName: t.exposeString('externalId', { description: 'The LiveKit room of this session.' }),
    type: t.expose('type', { type: SessionTypeEnum, description: 'Chat, call or video.' }),
    status: t.expose('status', { type: SessionStatusEnum, description: 'Where the session is now (requested, accepted, in progress, ended…); sessionUpdated pushes each change.' }),
    ratePerMinuteCents: t.exposeInt('rateCents', { description: 'Per-minute rate fixed at request time, in cents.' }),
    client: t.field({ type: UserRef, description: 'The client who asked for the reading and pays for it per minute.', resolve: (s) => ({ id: s.clientId }) }),
    reader: t.field({ type: ReaderRef, description: 'The reader giving the reading, who earns their share of each minute.', resolve: (s) => ({ id: s.readerId }) }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the client asked.' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true, description: 'When the reader accepted.' }),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime', nullable: true, description: 'Booked start of a scheduled reading.' }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true, description: 'When the reader confirmed the booking.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When billing started (both joined).' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: 'When billing stopped for good (UTC); null until the session is over.' }),
    endReason: t.exposeString('endReason', {
      nullable: true,
      description: 'Why it ended: ENDED_BY_CLIENT, ENDED_BY_READER, INSUFFICIENT_FUNDS, DISCONNECTED_GRACE_EXPIRED, REQUEST_EXPIRED, NO_SHOW, ROOM_FINISHED, …',
    }),
    clientConnected: t.exposeBoolean('clientConnected', { description: 'The client is in the room.' }),
    readerConnected: t.exposeBoolean('readerConnected', { description: 'The reader is in the room.' }),
    durationSeconds: t.exposeInt('duration', { nullable: true, description: 'Connected seconds, set when it ends.' }),
    billedMinutes: t.exposeInt('billedMinutes', { description: 'Minutes charged so far.' }),
    totalCostCents: t.exposeInt('totalCostCents', { description: 'Charged to the client\'s wallet so far, in cents (prepaid minutes are not charged).' }),
    prepaidMinutes: t.exposeInt('prepaidMinutes', {
      description: 'Minutes paid in advance with a booking credit bought in the shop (0: none): the first minutes, never charged per minute; the reader\'s share of them was paid at the sale.',
    }),
    bookingCreditId: t.exposeID('bookingCreditId', { nullable: true, description: 'The booking credit that prepaid this session (null: none, or given back because the session never started).' }),
    meter: t.field({
      type: SessionMeterObject,
      description: 'The meter now (elapsed time, cost, balance left).',
      select: EVERY_COLUMN,
      resolve: (s, _args, ctx) => sessionMeter(ctx, s),
    }),
    messages: t.relatedConnection('chatMessages', {
      cursor: 'id',
      defaultSize: 50,
      maxSize: 200,
      query: { orderBy: { seq: 'asc' } },
      authScopes: (s, _args, ctx) => canViewSession(ctx.viewer, s),
      description: 'The chat transcript in order (participants and admins only).',
    }),
  }),
});

builder.asEntity(SessionObject, {
  key: builder.selection<{ id: string }>('id'),
  // Other subgraphs may reference a session; only its participants and admins can see it.
  resolveReference: async (ref, ctx) => {
    const s = await sessionLoader(ctx).load(ref.id);
    return s && canViewSession(ctx.viewer, s) ? s : null;
  },
});

builder.queryField('session', (t) =>
  t.prismaField({
    type: 'Session',
    authScopes: { authenticated: true },
    description: 'One session (participants and admins only).',
    args: { id: t.arg.id({ required: true, description: 'Id of a session the viewer takes part in (or any, for admins); another session answers FORBIDDEN, an unknown id NOT_FOUND.' }) },
    resolve: (_query, _root, args, ctx) => visibleSession(ctx, String(args.id)),
  }),
);

builder.queryField('mySessions', (t) =>
  t.prismaConnection({
    type: 'Session',
    cursor: 'id',
    defaultSize: 20,
    maxSize: 50,
    authScopes: { authenticated: true },
    description: 'The viewer\'s sessions as client or reader, newest first.',
    args: { status: t.arg({ type: [SessionStatusEnum], description: 'Only sessions in these states.' }) },
    resolve: (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return ctx.prisma.session.findMany({
        ...query,
        where: {
          OR: [{ clientId: viewer.id }, { readerId: viewer.id }],
          ...(args.status?.length ? { status: { in: args.status } } : {}),
        },
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
      });
    },
  }),
);

const SessionTokenObject = builder
  .objectRef<{ token: string; room: string; identity: string; url: string | null; expiresAt: Date; canPublishAudio: boolean; canPublishVideo: boolean; canPublishData: boolean }>('SessionToken')
  .implement({
    description: 'A short-lived LiveKit access token for the session\'s room.',
    fields: (t) => ({
      token: t.exposeString('token', { description: 'JWT to connect to LiveKit.' }),
      room: t.exposeString('room', { description: 'Room name.' }),
      identity: t.exposeString('identity', { description: 'Your participant identity (your user id).' }),
      url: t.exposeString('url', { nullable: true, description: 'LiveKit server URL (null without a media server: chat runs over GraphQL).' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the token stops working.' }),
      canPublishAudio: t.exposeBoolean('canPublishAudio', { description: 'Microphone allowed now (calls and video; with a media server only while the session bills).' }),
      canPublishVideo: t.exposeBoolean('canPublishVideo', { description: 'Camera allowed now (video; with a media server only while the session bills).' }),
      canPublishData: t.exposeBoolean('canPublishData', { description: 'Data messages allowed now (chat; with a media server only while the session bills).' }),
    }),
  });

builder.queryField('sessionToken', (t) =>
  t.field({
    type: SessionTokenObject,
    authScopes: { authenticated: true },
    description: 'A LiveKit token for one of the two participants while the session is accepted or in progress.',
    args: { sessionId: t.arg.id({ required: true, description: 'Id of an accepted or running session the viewer takes part in.' }) },
    resolve: (_root, args, ctx) => sessionToken(ctx, String(args.sessionId)),
  }),
);

// ── mutations ─────────────────────────────────────────────────────────────────────────────────────────────

const RequestSessionInput = builder.inputType('RequestSessionInput', {
  description: 'A request for a live reading.',
  fields: (t) => ({
    readerId: t.id({ required: true, description: 'The reader (user id).' }),
    type: t.field({ type: SessionTypeEnum, required: true, description: 'Chat, call or video: the reader must offer it.' }),
    bookingCreditId: t.id({
      description: 'A booking credit of yours (bookingCredits) to pay the first minutes with: AVAILABLE, not expired, bought for this reader and this session type. Another buyer\'s credit answers NOT_FOUND; another reader or type BAD_USER_INPUT; a used, void or expired one CONFLICT (reason BOOKING_CREDIT_NOT_AVAILABLE or BOOKING_CREDIT_EXPIRED).',
    }),
    useBookingCredit: t.boolean({
      description: 'Without bookingCreditId: true applies your available booking credit for this reader and type that expires first, if you have one (none: billed from the wallet as usual).',
    }),
  }),
});

builder.mutationField('requestSession', (t) =>
  t.prismaField({
    type: 'Session',
    authScopes: { client: true },
    description:
      'Asks an online reader for a session at the reader\'s current rate (fixed now). Needs a balance of $5 and one minute, unless a booking credit (bookingCreditId or useBookingCredit) pays the first minutes: those are never charged, billing from the wallet resumes after them. The reader shows BUSY until it ends; an unanswered request expires after 60 s, and a session that ends before it started gives its credit back. Retrying returns the same session.',
    args: { input: t.arg({ type: RequestSessionInput, required: true, description: 'Reader and session type.' }) },
    resolve: (_q, _root, { input }, ctx) =>
      requestSession(ctx, {
        readerId: String(input.readerId),
        type: input.type as SessionType,
        bookingCreditId: input.bookingCreditId == null ? null : String(input.bookingCreditId),
        useBookingCredit: input.useBookingCredit,
      }),
  }),
);

function transition(
  name: string,
  description: string,
  run: (ctx: Context, sessionId: string) => Promise<Session>,
  scopes: Record<string, boolean> = { authenticated: true },
) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: 'Session',
      authScopes: scopes,
      description,
      args: { sessionId: t.arg.id({ required: true, description: 'Id of the session to act on, as returned by requestSession, mySessions or sessionRequests.' }) },
      resolve: (_q, _root, args, ctx) => run(ctx, String(args.sessionId)),
    }),
  );
}

transition('acceptSession', 'The reader accepts a pending request (idempotent).', acceptSession);
transition('declineSession', 'The reader declines a pending request or a booking (idempotent).', declineSession);
transition('cancelSession', 'The client withdraws a request not yet accepted, or a booking (idempotent).', cancelSession);
transition(
  'joinSession',
  'Reports that the viewer joined the session (without a media server only: with LIVEKIT_URL set, LiveKit webhooks do this and this answers FORBIDDEN / PRESENCE_FROM_MEDIA_SERVER). Both joined: billing starts.',
  joinSession,
);
transition(
  'leaveSession',
  'Reports that the viewer left (without a media server only): billing pauses and spends the session\'s grace budget (2 minutes in total) until both are back; the session ends when it is spent.',
  leaveSession,
);
transition('endSession', 'Either participant (or an admin) ends the session; minutes already started are billed.', endSession);

// ── subscriptions ─────────────────────────────────────────────────────────────────────────────────────────

const SessionUpdateObject = builder.objectRef<SessionEvent>('SessionUpdate').implement({
  description: 'A change of a session, with its meter at that moment.',
  fields: (t) => ({
    kind: t.field({ type: SessionEventKindEnum, description: 'What happened.', resolve: (e) => e.kind }),
    status: t.field({ type: SessionStatusEnum, description: 'The session\'s state after the change.', resolve: (e) => e.status }),
    meter: t.field({ type: SessionMeterObject, description: 'Elapsed time, cost and balance left.', resolve: (e) => e }),
    lowBalanceWarning: t.exposeBoolean('lowBalance', { description: 'Less than 2 minutes of credit remain.' }),
    endReason: t.exposeString('endReason', { nullable: true, description: 'Why the session ended (when it did).' }),
    participantId: t.exposeID('userId', { nullable: true, description: 'Who joined or left (JOINED, LEFT, PAUSED, RESUMED).' }),
    at: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.at }),
    session: t.field({
      type: SessionObject,
      description: 'The session as of this event.',
      resolve: async (e, _args, ctx) => {
        if (e.session) return hydrateSession(e.session);
        const s = await sessionLoader(ctx).load(e.sessionId);
        if (!s) throw notFound('Session');
        return s;
      },
    }),
  }),
});

/** Subscribing to a session: its participants and admins only, checked once at subscribe time. */
export async function assertCanWatch(ctx: Context, sessionId: string): Promise<void> {
  await visibleSession(ctx, sessionId);
}

builder.subscriptionField('sessionUpdated', (t) =>
  t.field({
    type: SessionUpdateObject,
    authScopes: { authenticated: true },
    description: 'Status changes and the live meter of one session (participants and admins only).',
    args: { sessionId: t.arg.id({ required: true, description: 'Id of a session the viewer takes part in (or any, for admins) to follow.' }) },
    subscribe: async (_root, args, ctx) => {
      await assertCanWatch(ctx, String(args.sessionId));
      return ctx.pubsub.subscribe<SessionEvent>(sessionTopic(String(args.sessionId)));
    },
    resolve: (event) => event as SessionEvent,
  }),
);

builder.subscriptionField('incomingSessionRequests', (t) =>
  t.field({
    type: SessionObject,
    authScopes: { reader: true },
    description: 'New session requests for the signed-in reader.',
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe<SessionRequestEvent>(readerRequestsTopic(requireViewer(ctx).id)),
    resolve: async (event, _args, ctx) => {
      const s = await sessionLoader(ctx).load((event as SessionRequestEvent).sessionId);
      if (!s) throw notFound('Session');
      return s;
    },
  }),
);

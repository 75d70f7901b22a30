import type { Session } from '../../../shared/db/generated/client.js';
import type { SessionType } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import { requireVerifiedViewer, requireViewer } from '../../../shared/authz.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { badInput, conflict, insufficientFunds, notFound } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { moneyOf, readingsDeps } from '../deps.js';
import { assertCanEndSession, assertSessionClient, assertSessionReader } from '../authz.js';
import { readerRequestsTopic } from './events.js';
import { setPresence } from './reader-account.js';
import { jobKey, scheduleTimer, TASKS, unscheduleTimers } from './schedule.js';
import { endRunningSession, finishSession, type SessionEnd } from './session-end.js';
import { applyBookingCredit, releaseUnusedCredit, type CreditChoice } from './session-credits.js';
import { ACTIVE_STATUSES, addSeconds, emitSessionEvent, END_REASONS, lockSession, READINGS_TX, seconds, TERMINAL_STATUSES, type Tx } from './session-store.js';

/**
 * The session state machine's transitions asked for by a participant (joins and leaves: participants.ts; timers:
 * timers.ts). Every transition locks the session row, checks the actor and the state, writes in one transaction
 * (timers are jobs added in that same transaction), and publishes after commit. Retrying a transition that already
 * happened returns the session unchanged and publishes nothing.
 */

const BOOKING_EARLY_SECONDS = 10 * 60;
const BOOKING_LATE_SECONDS = 30 * 60;

/**
 * The client asks an online reader for a live session at the reader's current rate, optionally paying its first
 * minutes with a booking credit (session-credits.ts): the credit is redeemed in this transaction, and a session whose
 * first minute it pays needs no balance to start.
 */
export async function requestSession(ctx: Context, input: { readerId: string; type: SessionType } & CreditChoice): Promise<Session> {
  const viewer = requireVerifiedViewer(ctx);
  const { readerId, type } = input;
  if (viewer.id === readerId) throw badInput('You cannot request a session with yourself.', { field: 'readerId' });
  const money = moneyOf(ctx);
  try {
    return await transact(ctx, READINGS_TX, async (tx, after) => {
      const now = readingsDeps(ctx).clock();
      const reader = await tx.reader.findUnique({
        where: { userId: readerId },
        select: { status: true, sessionTypes: true, rates: true, user: { select: { status: true } } },
      });
      if (!reader || reader.user.status !== 'ACTIVE') throw notFound('Reader', { readerId });
      // A retried request returns the session the first attempt created.
      const mine = await tx.session.findFirst({ where: { clientId: viewer.id, status: { in: ACTIVE_STATUSES } } });
      if (mine) {
        if (mine.readerId === readerId && mine.type === type) return mine;
        throw conflict('You already have a session pending or running.', { sessionId: mine.id });
      }
      const rate = reader.rates.find((r) => r.sessionType === type);
      if (!rate || !reader.sessionTypes.includes(type)) {
        throw badInput(`This reader does not offer ${type.toLowerCase()} sessions.`, { field: 'type' });
      }
      if (reader.status === 'BUSY') throw conflict('The reader is in another session.', { readerStatus: reader.status });
      if (reader.status !== 'ONLINE') throw conflict('The reader is not online.', { readerStatus: 'OFFLINE' });
      const created = await tx.session.create({
        data: { clientId: viewer.id, readerId, type, status: 'REQUESTED', rateCents: rate.ratePerMinuteCents, requestedAt: now },
      });
      const s = await applyBookingCredit(ctx, tx, created, input);
      // After the redemption, so prepaid minutes count; a refusal rolls the session and the redemption back.
      const funds = await money.checkSessionFunds(viewer.id, rate.ratePerMinuteCents, tx, { sessionId: s.id });
      if (!funds.ok) {
        throw insufficientFunds('Your balance is too low to start this session.', {
          balanceCents: funds.balanceCents,
          requiredCents: funds.requiredCents,
        });
      }
      await setPresence(ctx, tx, after, readerId, 'BUSY');
      const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
      await scheduleTimer(ctx, tx, TASKS.expireRequest, s.id, jobKey.expire(s.id), addSeconds(now, ttl));
      after.publish(readerRequestsTopic(readerId), { sessionId: s.id });
      await emitSessionEvent(ctx, tx, after, s, 'REQUESTED', now);
      return s;
    });
  } catch (e) {
    // The partial unique index (one active session per reader) decides races between instances.
    if (isUniqueViolation(e)) throw conflict('The reader is in another session.', { readerStatus: 'BUSY' });
    throw e;
  }
}

/** The reader accepts a pending request, or starts a confirmed booking (idempotent). */
export async function acceptSession(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  const result = await transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await lockSession(tx, sessionId);
    assertSessionReader(viewer, s, 'accept');
    if (s.status === 'ACCEPTED' || s.status === 'IN_PROGRESS') return { session: s, expired: false };
    if (s.status === 'SCHEDULED') return { session: await startBooking(ctx, tx, after, s, now), expired: false };
    if (s.status !== 'REQUESTED') throw conflict(`The request is already ${s.status.toLowerCase()}.`, { status: s.status });
    const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
    if (seconds(s.requestedAt, now) >= ttl) {
      // The expiry job has not run yet: expire now, commit that, then refuse.
      const expired = await finishSession(ctx, tx, after, s, { status: 'EXPIRED', reason: END_REASONS.requestExpired, now, endedById: null });
      return { session: expired, expired: true };
    }
    const accepted = await tx.session.update({ where: { id: s.id }, data: { status: 'ACCEPTED', acceptedAt: now } });
    await unscheduleTimers(ctx, tx, jobKey.expire(s.id));
    const grace = await getIntSetting(tx, 'session_grace_seconds');
    await scheduleTimer(ctx, tx, TASKS.noShow, s.id, jobKey.noShow(s.id), addSeconds(now, grace));
    openRoomAfterCommit(ctx, after, s.externalId);
    await emitSessionEvent(ctx, tx, after, accepted, 'ACCEPTED', now);
    return { session: accepted, expired: false };
  }).catch((e: unknown) => {
    // Starting a booking while the reader holds another session: the partial unique index refuses it.
    if (isUniqueViolation(e)) throw conflict('You are in another session.', { readerStatus: 'BUSY' });
    throw e;
  });
  if (result.expired) throw conflict('The request has expired.', { status: 'EXPIRED' });
  return result.session;
}

function openRoomAfterCommit(ctx: Pick<Context, 'deps'>, after: AfterCommit, room: string): void {
  const { livekit } = readingsDeps(ctx);
  after.run(`livekit createRoom ${room}`, () => livekit.openRoom(room));
}

/**
 * A confirmed booking becomes a live session when the reader opens it, from 10 minutes before its start to
 * 30 minutes after; the funds rule applies as for a request, and the reader is held (BUSY) from then on.
 */
async function startBooking(ctx: Context, tx: Tx, after: AfterCommit, s: Session, now: Date): Promise<Session> {
  if (!s.confirmedAt || !s.scheduledAt) throw conflict('Confirm the booking first.', { status: s.status });
  const offset = (now.getTime() - s.scheduledAt.getTime()) / 1000;
  if (offset < -BOOKING_EARLY_SECONDS || offset > BOOKING_LATE_SECONDS) {
    throw conflict('A booking can be started from 10 minutes before to 30 minutes after its time.', {
      scheduledAt: s.scheduledAt.toISOString(),
    });
  }
  const funds = await moneyOf(ctx).checkSessionFunds(s.clientId, s.rateCents, tx, { sessionId: s.id });
  if (!funds.ok) {
    // The reader asks here: never the client's balance, only the minutes it affords.
    throw insufficientFunds('The client\'s balance is too low to start this session.', {
      affordableMinutes: Math.floor(Math.max(0, funds.balanceCents) / s.rateCents),
      requiredCents: funds.requiredCents,
    });
  }
  const accepted = await tx.session.update({ where: { id: s.id }, data: { status: 'ACCEPTED', acceptedAt: now } });
  await setPresence(ctx, tx, after, s.readerId, 'BUSY');
  await unscheduleTimers(ctx, tx, jobKey.reminder(s.id), jobKey.reminderDayBefore(s.id));
  const grace = await getIntSetting(tx, 'session_grace_seconds');
  await scheduleTimer(ctx, tx, TASKS.noShow, s.id, jobKey.noShow(s.id), addSeconds(now, grace));
  openRoomAfterCommit(ctx, after, s.externalId);
  await emitSessionEvent(ctx, tx, after, accepted, 'ACCEPTED', now);
  return accepted;
}

/** The reader declines a pending request or a booking (idempotent). */
export async function declineSession(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await lockSession(tx, sessionId);
    assertSessionReader(viewer, s, 'decline');
    if (s.status === 'DECLINED') return s;
    const end: SessionEnd = { status: 'DECLINED', reason: END_REASONS.declined, now, endedById: viewer.id };
    if (s.status === 'SCHEDULED') return dropBooking(ctx, tx, after, s, end, 'DECLINED');
    if (s.status !== 'REQUESTED') throw conflict(`The request is already ${s.status.toLowerCase()}.`, { status: s.status });
    return finishSession(ctx, tx, after, s, end);
  });
}

/** The client withdraws a request not yet accepted, or a booking (idempotent). */
export async function cancelSession(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await lockSession(tx, sessionId);
    assertSessionClient(viewer, s);
    if (s.status === 'CANCELLED') return s;
    if (s.status !== 'REQUESTED' && s.status !== 'SCHEDULED') {
      throw conflict(`A ${s.status.toLowerCase()} session cannot be cancelled; end it instead.`, { status: s.status });
    }
    const end: SessionEnd = { status: 'CANCELLED', reason: END_REASONS.cancelled, now, endedById: viewer.id };
    return s.status === 'SCHEDULED' ? dropBooking(ctx, tx, after, s, end, 'ENDED') : finishSession(ctx, tx, after, s, end);
  });
}

/**
 * A booking declined or cancelled before it started: nothing holds the reader yet and no room was opened, so only the
 * booking and its reminder go, and its booking credit comes back.
 */
async function dropBooking(ctx: Context, tx: Tx, after: AfterCommit, s: Session, end: SessionEnd, kind: 'DECLINED' | 'ENDED'): Promise<Session> {
  await unscheduleTimers(ctx, tx, jobKey.reminder(s.id), jobKey.reminderDayBefore(s.id));
  const credit = await releaseUnusedCredit(ctx, tx, s);
  const dropped = await tx.session.update({
    where: { id: s.id },
    data: { status: end.status, endedAt: end.now, endReason: end.reason, endedById: end.endedById, ...credit },
  });
  await emitSessionEvent(ctx, tx, after, dropped, kind, end.now);
  return dropped;
}

/** Either participant (or an admin) ends the session; minutes already started are billed. */
export async function endSession(ctx: Context, sessionId: string): Promise<Session> {
  const viewer = requireViewer(ctx);
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await lockSession(tx, sessionId);
    const now = readingsDeps(ctx).clock(); // after the lock: see billingSweep
    const side = assertCanEndSession(viewer, s);
    if (TERMINAL_STATUSES.includes(s.status)) return s;
    const endedById = viewer.id;
    switch (s.status) {
      case 'REQUESTED':
        return side === 'reader'
          ? finishSession(ctx, tx, after, s, { status: 'DECLINED', reason: END_REASONS.declined, now, endedById })
          : finishSession(ctx, tx, after, s, { status: 'CANCELLED', reason: side === 'admin' ? END_REASONS.endedByAdmin : END_REASONS.cancelled, now, endedById });
      case 'SCHEDULED':
        throw conflict('A scheduled session has not started; cancel it instead.', { status: s.status });
      default: {
        const reason = side === 'admin' ? END_REASONS.endedByAdmin : side === 'client' ? END_REASONS.endedByClient : END_REASONS.endedByReader;
        return endRunningSession(ctx, tx, after, s, { reason, now, endedById });
      }
    }
  });
}

import type { Session } from '../../../shared/db/generated/client.js';
import type { SessionStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { READER_PROFILE_TOPIC, type ReaderProfileEvent } from '../../../shared/ports.js';
import { accountsOf, readingsDeps } from '../deps.js';
import { chargeDueMinutes } from './minute-charges.js';
import { releaseUnusedCredit, walletCostCents } from './session-credits.js';
import { setPresence } from './reader-account.js';
import { jobKey, unscheduleTimers } from './schedule.js';
import { connectedSeconds, emitSessionEvent, END_REASONS, type Tx } from './session-store.js';

export interface SessionEnd {
  status: SessionStatus;
  reason: string;
  now: Date;
  /** Who ended it; null for timers, the sweep and the media server. */
  endedById: string | null;
}

/**
 * Ends a session (every path to a terminal state but declining or cancelling a booking comes here): banks
 * connected time, writes duration and cost, gives back the booking credit of a session that never started, counts a
 * session that started on the reader's profile, frees the reader, drops its timers, closes the room after commit and announces ENDED.
 */
export async function finishSession(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, s: Session, end: SessionEnd): Promise<Session> {
  const { status, reason, now, endedById } = end;
  const connected = connectedSeconds(s, now);
  const credit = await releaseUnusedCredit(ctx, tx, s);
  const ended = await tx.session.update({
    where: { id: s.id },
    data: {
      status,
      endReason: reason,
      endedAt: now,
      endedById,
      clientConnected: false,
      readerConnected: false,
      resumedAt: null,
      graceStartedAt: null,
      connectedSeconds: connected,
      duration: s.startedAt ? connected : null,
      totalCostCents: walletCostCents(s, s.billedMinutes),
      ...credit,
    },
  });
  if (s.startedAt) {
    await accountsOf(ctx).countCompletedSession(tx, s.readerId);
    after.publish(READER_PROFILE_TOPIC, { readerId: s.readerId } satisfies ReaderProfileEvent);
  }
  await setPresence(ctx, tx, after, s.readerId, 'ONLINE');
  await unscheduleTimers(ctx, tx, jobKey.expire(s.id), jobKey.noShow(s.id), jobKey.grace(s.id));
  if (s.acceptedAt) {
    const { livekit } = readingsDeps(ctx);
    const [room, identities] = [s.externalId, [s.clientId, s.readerId]];
    after.run(`livekit close ${room}`, () => livekit.closeRoom(room, identities));
  }
  await emitSessionEvent(ctx, tx, after, ended, 'ENDED', now, { balanceCents: null });
  return ended;
}

/** Ends an accepted (never started: CANCELLED) or running (COMPLETED) session, charging minutes already started. */
export async function endRunningSession(
  ctx: Pick<Context, 'pubsub' | 'deps'>,
  tx: Tx,
  after: AfterCommit,
  s: Session,
  end: { reason: string; now: Date; endedById: string | null },
): Promise<Session> {
  const { reason, now, endedById } = end;
  if (s.status !== 'IN_PROGRESS') return finishSession(ctx, tx, after, s, { status: 'CANCELLED', reason, now, endedById });
  const r = s.resumedAt ? await chargeDueMinutes(ctx, tx, s, now) : { session: s, insufficient: false };
  return finishSession(ctx, tx, after, r.session, { status: 'COMPLETED', reason: r.insufficient ? END_REASONS.insufficientFunds : reason, now, endedById });
}

/** The next minute could not be paid: the session ends COMPLETED / INSUFFICIENT_FUNDS (nobody ended it). */
export function endUnpaidSession(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, s: Session, now: Date): Promise<Session> {
  return finishSession(ctx, tx, after, s, { status: 'COMPLETED', reason: END_REASONS.insufficientFunds, now, endedById: null });
}

import type { Session } from '../../../shared/db/generated/client.js';
import type { SessionStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { READER_PROFILE_TOPIC, type ReaderProfileEvent } from '../../../shared/ports.js';
import { accountsOf, readingsDeps } from '../deps.js';
import { chargeDueMinutes } from './minute-charges.js';
import { releaseUnusedCredit } from './session-credits.js';
import { setPresence } from './reader-account.js';
import { jobKey, unscheduleTimers } from './schedule.js';
import { notFound } from '../../../shared/errors.js';
import { connectedSeconds, emitSessionEvent, END_REASONS, sessionFromRow, type Tx } from './session-store.js';

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
  return (await finishSessions(ctx, tx, after, [s], end))[0]!;
}

/**
 * finishSession for many sessions (locked by the caller) with the same end, in a fixed number of statements whatever
 * their count (the billing sweep ends its unpaid sessions this way): one row update, one counter update, one
 * presence update, one timer removal; then per session its events after commit. Returns the rows in input order.
 */
export async function finishSessions(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, list: Session[], end: SessionEnd): Promise<Session[]> {
  if (!list.length) return [];
  const { status, reason, now, endedById } = end;
  // A query only for a booking that never started (its credit goes back).
  const release: boolean[] = [];
  for (const s of list) release.push('bookingCreditId' in (await releaseUnusedCredit(ctx, tx, s)));
  // Cost from the row's own prepaid minutes before the release (a released credit had billed nothing).
  const rows = await tx.$queryRawUnsafe<Array<Record<string, unknown>>>(
    `UPDATE sessions s
        SET status = $2::"SessionStatus", end_reason = $3, ended_at = $4::timestamptz AT TIME ZONE 'UTC', ended_by_id = $5,
            client_connected = false, reader_connected = false, resumed_at = NULL, grace_started_at = NULL,
            connected_seconds = v.c, duration = CASE WHEN s.started_at IS NULL THEN NULL ELSE v.c END,
            total_cost_cents = greatest(0, s.billed_minutes - s.prepaid_minutes) * s.rate_cents,
            prepaid_minutes = CASE WHEN v.release THEN 0 ELSE s.prepaid_minutes END,
            booking_credit_id = CASE WHEN v.release THEN NULL ELSE s.booking_credit_id END,
            updated_at = now() AT TIME ZONE 'UTC'
       FROM unnest($1::text[], $6::int[], $7::bool[]) AS v(id, c, release)
      WHERE s.id = v.id
     RETURNING s.*`,
    list.map((s) => s.id),
    status,
    reason,
    now.toISOString(),
    endedById,
    list.map((s) => connectedSeconds(s, now)),
    release,
  );
  const byId = new Map(rows.map((r) => [r.id as string, sessionFromRow(r)]));
  const ended = list.map((s) => {
    const e = byId.get(s.id);
    if (!e) throw notFound('Session', { sessionId: s.id });
    return e;
  });
  const started = list.filter((s) => s.startedAt);
  if (started.length) {
    await accountsOf(ctx).countCompletedSessions(tx, started.map((s) => s.readerId));
    for (const s of started) after.publish(READER_PROFILE_TOPIC, { readerId: s.readerId } satisfies ReaderProfileEvent);
  }
  await setPresence(ctx, tx, after, list.length === 1 ? list[0]!.readerId : list.map((s) => s.readerId), 'ONLINE');
  await unscheduleTimers(ctx, tx, ...list.flatMap((s) => [jobKey.expire(s.id), jobKey.noShow(s.id), jobKey.grace(s.id)]));
  const { livekit } = readingsDeps(ctx);
  for (const [i, s] of list.entries()) {
    if (s.acceptedAt) {
      const [room, identities] = [s.externalId, [s.clientId, s.readerId]];
      after.run(`livekit close ${room}`, () => livekit.closeRoom(room, identities));
    }
    await emitSessionEvent(ctx, tx, after, ended[i]!, 'ENDED', now, { balanceCents: null });
  }
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
  return finishSession(ctx, tx, after, s, unpaidEnd(now));
}

export const unpaidEnd = (now: Date): SessionEnd => ({ status: 'COMPLETED', reason: END_REASONS.insufficientFunds, now, endedById: null });

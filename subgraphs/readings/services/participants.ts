import type { Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import { requireViewer } from '../../../shared/authz.js';
import { conflict } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { readingsDeps } from '../deps.js';
import { assertParticipant } from '../authz.js';
import { assertSelfReportedPresence } from './billing-gate.js';
import { graceDeadline, graceRemaining, graceUsedAfterPause } from './grace-budget.js';
import { chargeDueMinutes } from './minute-charges.js';
import { jobKey, scheduleTimer, TASKS, unscheduleTimers } from './schedule.js';
import { endUnpaidSession, finishSession } from './session-end.js';
import { connectedSeconds, emitSessionEvent, END_REASONS, lockSession, READINGS_TX, type Tx } from './session-store.js';

/**
 * Participants entering and leaving a session's room: billing starts when both are in, pauses (spending the
 * session's grace budget) when one drops, resumes when both are back. Reported by the participants themselves
 * without a media server (joinSession / leaveSession), by LiveKit's webhooks with one (media-webhooks.ts).
 */

/** The viewer reports joining the room (no media server only). */
export function joinSession(ctx: Context, sessionId: string): Promise<Session> {
  return selfReported(ctx, sessionId, applyJoin);
}

/** The viewer reports leaving the room (no media server only). */
export function leaveSession(ctx: Context, sessionId: string): Promise<Session> {
  return selfReported(ctx, sessionId, applyLeave);
}

/** A participant's own report of joining or leaving, refused when a media server reports presence instead. */
async function selfReported(ctx: Context, sessionId: string, apply: typeof applyJoin): Promise<Session> {
  const viewer = requireViewer(ctx);
  const deps = readingsDeps(ctx);
  assertSelfReportedPresence(deps.livekit.mediaServer);
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await lockSession(tx, sessionId);
    assertParticipant(viewer, s);
    return apply(ctx, tx, after, s, viewer.id, deps.clock());
  });
}

/** A participant is in the room (the caller holds the session lock). */
export async function applyJoin(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, s: Session, userId: string, now: Date): Promise<Session> {
  const side = assertParticipant({ id: userId }, s);
  if (s.status !== 'ACCEPTED' && s.status !== 'IN_PROGRESS') {
    throw conflict(`You can join only an accepted or running session (it is ${s.status.toLowerCase()}).`, { status: s.status });
  }
  const already = side === 'client' ? s.clientConnected : s.readerConnected;
  if (already) return s;
  let cur = await tx.session.update({ where: { id: s.id }, data: side === 'client' ? { clientConnected: true } : { readerConnected: true } });
  const both = cur.clientConnected && cur.readerConnected;
  if (cur.status === 'ACCEPTED' && both) {
    // Billing starts now; minute 1 is charged at once.
    cur = await tx.session.update({ where: { id: s.id }, data: { status: 'IN_PROGRESS', startedAt: now, resumedAt: now, connectedSeconds: 0 } });
    await unscheduleTimers(ctx, tx, jobKey.noShow(s.id));
    const r = await chargeDueMinutes(ctx, tx, cur, now);
    if (r.insufficient) return endUnpaidSession(ctx, tx, after, r.session, now);
    await emitSessionEvent(ctx, tx, after, r.session, 'STARTED', now, { balanceCents: r.balanceCents, userId });
    return r.session;
  }
  if (cur.status === 'IN_PROGRESS' && both && cur.graceStartedAt) {
    // The pause is over: what it lasted is spent from the session's grace budget.
    const budget = await getIntSetting(tx, 'session_grace_seconds');
    cur = await tx.session.update({
      where: { id: s.id },
      data: { graceStartedAt: null, resumedAt: now, graceUsedSeconds: graceUsedAfterPause(cur, budget, now) },
    });
    await unscheduleTimers(ctx, tx, jobKey.grace(s.id));
    const r = await chargeDueMinutes(ctx, tx, cur, now);
    if (r.insufficient) return endUnpaidSession(ctx, tx, after, r.session, now);
    await emitSessionEvent(ctx, tx, after, r.session, 'RESUMED', now, { userId });
    return r.session;
  }
  await emitSessionEvent(ctx, tx, after, cur, 'JOINED', now, { userId });
  return cur;
}

/** A participant left the room (the caller holds the session lock). */
export async function applyLeave(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, s: Session, userId: string, now: Date): Promise<Session> {
  const side = assertParticipant({ id: userId }, s);
  const connected = side === 'client' ? s.clientConnected : s.readerConnected;
  if ((s.status !== 'ACCEPTED' && s.status !== 'IN_PROGRESS') || !connected) return s;
  let cur = s;
  if (s.status === 'IN_PROGRESS' && s.resumedAt) {
    // Minutes that started before the drop are owed; then billing pauses for what is left of the grace budget.
    const r = await chargeDueMinutes(ctx, tx, s, now);
    if (r.insufficient) return endUnpaidSession(ctx, tx, after, r.session, now);
    const budget = await getIntSetting(tx, 'session_grace_seconds');
    if (graceRemaining(s, budget) <= 0) {
      return finishSession(ctx, tx, after, r.session, { status: 'DISCONNECTED', reason: END_REASONS.graceExpired, now, endedById: null });
    }
    cur = await tx.session.update({
      where: { id: s.id },
      data: {
        ...(side === 'client' ? { clientConnected: false } : { readerConnected: false }),
        connectedSeconds: connectedSeconds(r.session, now),
        resumedAt: null,
        graceStartedAt: now,
      },
    });
    await scheduleTimer(ctx, tx, TASKS.graceExpired, s.id, jobKey.grace(s.id), graceDeadline(cur, budget)!);
    await emitSessionEvent(ctx, tx, after, cur, 'PAUSED', now, { userId });
    return cur;
  }
  cur = await tx.session.update({ where: { id: s.id }, data: side === 'client' ? { clientConnected: false } : { readerConnected: false } });
  await emitSessionEvent(ctx, tx, after, cur, 'LEFT', now, { userId });
  return cur;
}

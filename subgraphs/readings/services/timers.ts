import type { TaskList } from 'graphile-worker';
import type { SessionStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import { transact } from '../../../shared/after-commit.js';
import { errorField, logger } from '../../../shared/logger.js';
import { getIntSetting } from '../../../shared/settings.js';
import { readingsDeps } from '../deps.js';
import { billingSweep, BILLING_SWEEP } from './billing-sweep.js';
import { metrics } from '../../../shared/metrics.js';
import { graceDeadline } from './grace-budget.js';
import { jobKey, scheduleTimer, TASKS } from './schedule.js';
import { finishSession } from './session-end.js';
import { addSeconds, emitSessionEvent, END_REASONS, lockSession, lockSessionIfExists, READINGS_TX } from './session-store.js';

/**
 * The timers' handlers, run by the job runner with a background context (server.ts): request expiry, no-show,
 * grace budget spent, booking reminder, the billing sweep's self-rescheduling job and the minute safety net.
 * Each re-checks the state under the session lock, so a late or repeated run changes nothing twice.
 */

const log = logger('readings');
/** A timer this late is presumed lost (its worker died holding it) and is run by the sweep. */
const SWEEP_LATE_SECONDS = 15;

/** An unanswered request expires (or is moved to its due time when the TTL setting grew). */
export async function expireRequest(ctx: Context, sessionId: string): Promise<void> {
  await transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await tx.session.findUnique({ where: { id: sessionId } });
    if (!s || s.status !== 'REQUESTED') return;
    const locked = await lockSession(tx, sessionId);
    if (locked.status !== 'REQUESTED') return;
    const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
    const due = addSeconds(locked.requestedAt, ttl);
    if (due > now) return scheduleTimer(ctx, tx, TASKS.expireRequest, s.id, jobKey.expire(s.id), due);
    await finishSession(ctx, tx, after, locked, { status: 'EXPIRED', reason: END_REASONS.requestExpired, now, endedById: null });
  });
}

/** An accepted session that both did not join in time ends as NO_SHOW. */
export async function noShow(ctx: Context, sessionId: string): Promise<void> {
  await transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await lockSessionIfExists(tx, sessionId);
    if (!s || s.status !== 'ACCEPTED' || !s.acceptedAt) return;
    const grace = await getIntSetting(tx, 'session_grace_seconds');
    const due = addSeconds(s.acceptedAt, grace);
    if (due > now) return scheduleTimer(ctx, tx, TASKS.noShow, s.id, jobKey.noShow(s.id), due);
    await finishSession(ctx, tx, after, s, { status: 'NO_SHOW', reason: END_REASONS.noShow, now, endedById: null });
  });
}

/** A pause that spent the session's grace budget ends it as DISCONNECTED. */
export async function graceExpired(ctx: Context, sessionId: string): Promise<void> {
  await transact(ctx, READINGS_TX, async (tx, after) => {
    const now = readingsDeps(ctx).clock();
    const s = await lockSessionIfExists(tx, sessionId);
    if (!s || s.status !== 'IN_PROGRESS' || !s.graceStartedAt) return;
    // The budget is per session: earlier pauses spent part of it.
    const due = graceDeadline(s, await getIntSetting(tx, 'session_grace_seconds'))!;
    if (due > now) return scheduleTimer(ctx, tx, TASKS.graceExpired, s.id, jobKey.grace(s.id), due);
    // Billed only for connected minutes: connected time stopped growing when the grace period began.
    await finishSession(ctx, tx, after, s, { status: 'DISCONNECTED', reason: END_REASONS.graceExpired, now, endedById: null });
  });
}

/** A confirmed booking starts soon: both participants get REMINDER. */
export async function remind(ctx: Context, sessionId: string): Promise<void> {
  await transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await tx.session.findUnique({ where: { id: sessionId } });
    if (!s || s.status !== 'SCHEDULED' || !s.confirmedAt) return;
    await emitSessionEvent(ctx, tx, after, s, 'REMINDER', new Date());
  });
}

/**
 * Queues the billing sweep unless it is queued, or running under a lock younger than staleLockSeconds (an older
 * lock is presumed held by a dead worker). Called when the job runner starts and every minute by sweep().
 */
export async function ensureBillingSweep(ctx: Context): Promise<boolean> {
  const jobs = readingsDeps(ctx).jobs;
  if (!jobs) return false;
  return jobs.ensure(ctx.prisma, TASKS.billingSweep, {}, { jobKey: BILLING_SWEEP.jobKey, staleLockSeconds: BILLING_SWEEP.staleLockSeconds });
}

/** The billing sweep as a self-rescheduling job (one job key: one queued run at a time across instances). */
async function billingSweepJob(ctx: Context): Promise<void> {
  const jobs = readingsDeps(ctx).jobs;
  const reschedule = (ms: number) => jobs?.add(ctx.prisma, TASKS.billingSweep, {}, { jobKey: BILLING_SWEEP.jobKey, runAt: new Date(Date.now() + ms) });
  // The next run is queued before sweeping, so a process killed mid-sweep delays billing by deadManSeconds only;
  // it is brought forward once this sweep has finished.
  await reschedule(BILLING_SWEEP.deadManSeconds * 1000);
  const end = metrics.billingSweepDuration.startTimer();
  try {
    const { charged } = await billingSweep(ctx);
    metrics.minutesCharged.inc(charged);
    metrics.billingSweepLastSuccess.set(Date.now() / 1000);
  } catch (e) {
    metrics.billingSweepFailures.inc();
    log.warn(errorField(e), 'billing sweep failed');
  } finally {
    end();
  }
  await reschedule(BILLING_SWEEP.intervalMs);
}

/**
 * Safety net for timers whose job is stuck: a worker that dies mid-job leaves it locked (graphile-worker
 * frees such locks only after hours). Every transition it triggers is idempotent and re-checks the state,
 * so running one that is merely late changes nothing twice. Returns how many sessions it acted on. It also
 * makes sure the billing sweep is queued.
 */
export async function sweep(ctx: Context): Promise<number> {
  // The billing sweep is one self-rescheduling job: queue it again if it is missing or its worker died.
  await ensureBillingSweep(ctx).catch((e: unknown) => log.warn(errorField(e), 'could not queue the billing sweep'));
  const [ttl, grace] = [await getIntSetting(ctx.prisma, 'session_request_ttl_seconds'), await getIntSetting(ctx.prisma, 'session_grace_seconds')];
  const late = SWEEP_LATE_SECONDS;
  const rows = await ctx.prisma.$queryRaw<Array<{ id: string; status: SessionStatus; paused: boolean }>>`
    SELECT id, status, grace_started_at IS NOT NULL AS paused FROM sessions
    WHERE (status = 'REQUESTED' AND requested_at < now() - make_interval(secs => ${ttl + late}))
       OR (status = 'ACCEPTED' AND accepted_at < now() - make_interval(secs => ${grace + late}))
       OR (status = 'IN_PROGRESS' AND grace_started_at < now() - make_interval(secs => greatest(0, ${grace} - grace_used_seconds) + ${late}))
    LIMIT 500`;
  for (const r of rows) {
    try {
      if (r.status === 'REQUESTED') await expireRequest(ctx, r.id);
      else if (r.status === 'ACCEPTED') await noShow(ctx, r.id);
      else if (r.paused) await graceExpired(ctx, r.id);
    } catch (e) {
      log.warn({ ...errorField(e), sessionId: r.id }, 'sweep of a session failed');
    }
  }
  return rows.length;
}

/** Task handlers for the job runner (payload { sessionId }); each run gets a fresh background context. */
export function readingsTasks(background: () => Context): TaskList {
  const id = (payload: unknown) => String((payload as { sessionId?: unknown })?.sessionId ?? '');
  return {
    [TASKS.expireRequest]: (p) => expireRequest(background(), id(p)),
    [TASKS.noShow]: (p) => noShow(background(), id(p)),
    [TASKS.billingSweep]: () => billingSweepJob(background()),
    [TASKS.graceExpired]: (p) => graceExpired(background(), id(p)),
    [TASKS.reminder]: (p) => remind(background(), id(p)),
    [TASKS.sweep]: async () => {
      await sweep(background());
    },
  };
}

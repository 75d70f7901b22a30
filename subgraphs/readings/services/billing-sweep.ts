import type { Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import { errorField, logger } from '../../../shared/logger.js';
import { getIntSetting } from '../../../shared/settings.js';
import { moneyOf, readingsDeps } from '../deps.js';
import { sessionTopic, type SessionEvent } from './events.js';
import { chargeDueMinutes } from './minute-charges.js';
import { endUnpaidSession, finishSessions, unpaidEnd } from './session-end.js';
import { buildSessionEvent, emitSessionEvent, lockSessionIfExists, READINGS_TX, retryDeadlock, sessionFromRow, type Tx } from './session-store.js';

const log = logger('readings');

/**
 * The billing sweep's schedule. It runs again `intervalMs` after it finished (the job runner picks a due job up
 * within its poll interval, so in production every 1–2 s); while it runs, its next run is already queued
 * `deadManSeconds` ahead, so a process killed mid-sweep delays billing by at most that much. One call to
 * payments charges at most `maxChargesPerCall` (session, minute) pairs (a session's minutes stay in one call).
 */
export const BILLING_SWEEP = { jobKey: 'readings:billing-sweep', intervalMs: 1000, deadManSeconds: 30, staleLockSeconds: 60, maxChargesPerCall: 20_000 };

/** What one billing sweep did (tests and the benchmark read it). */
export interface BillingSweepResult {
  /** Sessions whose next minute had started. */
  due: number;
  /** (session, minute) pairs sent to payments, and how many of them moved money now. */
  minutes: number;
  charged: number;
  /** Session rows this sweep moved forward (billedMinutes/totalCostCents), each announced with MINUTE_CHARGED. */
  advanced: number;
  /** Sessions ended because the next minute could not be paid. */
  ended: number;
  /** Milliseconds per phase: select, charge (payments), apply (session rows + events), end. */
  ms: { select: number; charge: number; apply: number; end: number };
}

interface DueRow {
  id: string;
  clientId: string;
  readerId: string;
  rateCents: number;
  billedMinutes: number;
  /** The last minute that has started (minute n starts after n-1 connected minutes). */
  due: number;
}

interface Outcome {
  billed: number;
  charged: number;
  insufficient: boolean;
  balance: number | null;
}

/**
 * The billing sweep. Finds every running, connected session whose next minute has started (minute n starts after
 * (n-1) connected minutes, as chargeDueMinutes counts; a paused session has no resumedAt and is skipped), charges
 * all those minutes with one set-based payments call (chunked past BILLING_SWEEP.maxChargesPerCall pairs), moves
 * the session rows forward in one statement and announces each with MINUTE_CHARGED (whose lowBalance flag is the
 * low-balance warning). Sessions that could not pay are then ended together through finishSessions (what a
 * transition's finishSession does, set-based). Exactly once per (session, minute) however sweeps and transitions race: payments charges a
 * (session, minute) at most once (unique ledger key), and a session row only ever moves forward
 * (billed_minutes is raised to what the ledger holds, never lowered), so a replay or a late sweep changes nothing.
 */
export async function billingSweep(ctx: Context, now = readingsDeps(ctx).clock()): Promise<BillingSweepResult> {
  const result: BillingSweepResult = { due: 0, minutes: 0, charged: 0, advanced: 0, ended: 0, ms: { select: 0, charge: 0, apply: 0, end: 0 } };
  const money = readingsDeps(ctx).money;
  if (!money) return result;
  let t = performance.now();
  const lap = () => {
    const n = performance.now();
    const d = n - t;
    t = n;
    return Math.round(d);
  };
  // Session timestamps are UTC wall times (timestamp without time zone).
  const at = now.toISOString();
  // Rows a transition holds are skipped (it, or the next sweep, bills them); the lock, held only for this
  // statement, orders the sweep with transitions: one that locks afterwards reads its clock after the sweep's, so
  // it owes at least every minute the sweep charges, and no minute that starts after an end is charged.
  const rows = await ctx.prisma.$queryRawUnsafe<DueRow[]>(
    `SELECT id, client_id AS "clientId", reader_id AS "readerId", rate_cents AS "rateCents", billed_minutes AS "billedMinutes",
            ((connected_seconds + greatest(0, floor(extract(epoch FROM ($1::timestamptz AT TIME ZONE 'UTC') - resumed_at))))::bigint / 60 + 1)::int AS due
       FROM sessions
      WHERE status = 'IN_PROGRESS' AND resumed_at IS NOT NULL
        AND resumed_at + make_interval(secs => billed_minutes * 60 - connected_seconds) <= ($1::timestamptz AT TIME ZONE 'UTC')
      ORDER BY id
        FOR NO KEY UPDATE SKIP LOCKED`,
    at,
  );
  result.due = rows.length;
  result.ms.select = lap();
  if (!rows.length) return result;

  // Charge: every due minute of every session, a session's minutes in order and in one call.
  const outcome = new Map<string, Outcome>();
  let chunk: Array<{ sessionId: string; clientId: string; readerId: string; minute: number; rateCents: number }> = [];
  let owners: DueRow[] = [];
  const charge = async () => {
    if (!chunk.length) return;
    const results = await money.chargeSessionMinutes(chunk);
    let i = 0;
    for (const r of owners) {
      const o: Outcome = { billed: r.billedMinutes, charged: 0, insufficient: false, balance: null };
      for (let m = r.billedMinutes + 1; m <= r.due; m++, i++) {
        const res = results[i]!;
        if (o.insufficient) continue; // a later minute of a session that could not pay an earlier one
        o.balance = res.balanceCents;
        if (res.status === 'INSUFFICIENT_FUNDS') o.insufficient = true;
        else {
          o.billed = m; // charged now, or already (by a racing sweep or transition): either way it is paid
          if (res.status === 'CHARGED') o.charged += 1;
        }
      }
      outcome.set(r.id, o);
      result.charged += o.charged;
    }
    chunk = [];
    owners = [];
  };
  for (const r of rows) {
    const n = r.due - r.billedMinutes;
    if (chunk.length && chunk.length + n > BILLING_SWEEP.maxChargesPerCall) await charge();
    for (let m = r.billedMinutes + 1; m <= r.due; m++) {
      chunk.push({ sessionId: r.id, clientId: r.clientId, readerId: r.readerId, minute: m, rateCents: r.rateCents });
    }
    owners.push(r);
    result.minutes += n;
  }
  await charge();
  result.ms.charge = lap();

  // Apply: one statement moves every paid session forward and returns the rows it moved, which are announced
  // (a racing transition that got there first announced its own change; a row is never moved back).
  const forward = rows.filter((r) => outcome.get(r.id)!.billed > r.billedMinutes);
  if (forward.length) {
    const [moved, lowMinutes] = await Promise.all([
      retryDeadlock(() =>
        ctx.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
          `UPDATE sessions s SET billed_minutes = v.b, total_cost_cents = greatest(0, v.b - s.prepaid_minutes) * s.rate_cents, updated_at = $3::timestamptz AT TIME ZONE 'UTC'
             FROM unnest($1::text[], $2::int[]) AS v(id, b)
            WHERE s.id = v.id AND s.billed_minutes < v.b
           RETURNING s.*`,
          forward.map((r) => r.id),
          forward.map((r) => outcome.get(r.id)!.billed),
          at,
        ),
      ),
      getIntSetting(ctx.prisma, 'low_balance_minutes'),
    ]);
    result.advanced = moved.length;
    const events: Array<[string, SessionEvent]> = [];
    for (const row of moved) {
      const s = sessionFromRow(row);
      const o = outcome.get(s.id)!;
      // A session that could not pay is announced once, when it ends (as a transition would).
      if (s.status === 'IN_PROGRESS' && !o.insufficient) events.push([sessionTopic(s.id), buildSessionEvent(s, 'MINUTE_CHARGED', now, o.balance, lowMinutes, null)]);
    }
    for (let i = 0; i < events.length; i += 500) {
      await Promise.all(events.slice(i, i + 500).map(([topic, event]) => ctx.pubsub.publish(topic, event)));
    }
  }
  result.ms.apply = lap();

  // End: sessions that could not pay, under their locks, together through finishSessions (reason, events, readers freed, rooms closed).
  const unpaid = rows.filter((r) => outcome.get(r.id)!.insufficient).map((r) => r.id);
  for (let i = 0; i < unpaid.length; i += 100) result.ended += await endUnpaid(ctx, unpaid.slice(i, i + 100));
  result.ms.end = lap();
  return result;
}

/**
 * Ends sessions the sweep could not charge, in one transaction: all their rows are locked first (in id order, so
 * no transition can deadlock with it), then the still running sessions whose wallet still cannot pay a minute are
 * ended together as INSUFFICIENT_FUNDS (finishSessions: a fixed number of statements for the batch); one whose
 * client has since topped up is charged instead (chargeDueMinutes). Should the batch
 * fail, each session is tried alone. Returns how many it ended.
 */
async function endUnpaid(ctx: Context, ids: string[]): Promise<number> {
  const money = moneyOf(ctx);
  const clock = readingsDeps(ctx).clock;
  const end = async (tx: Tx, after: AfterCommit, s: Session, now: Date): Promise<boolean> => {
    if (s.status !== 'IN_PROGRESS' || !s.resumedAt) return false;
    let cur = s;
    // The sweep saw this minute refused; unless the wallet could now pay a minute, the retry would be refused too.
    let insufficient = (await money.balanceOf(s.clientId, tx)) < s.rateCents;
    if (!insufficient) {
      const r = await chargeDueMinutes(ctx, tx, s, now);
      cur = r.session;
      insufficient = r.insufficient;
      if (!insufficient && r.charged) await emitSessionEvent(ctx, tx, after, cur, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
    }
    if (insufficient) await endUnpaidSession(ctx, tx, after, cur, now);
    return insufficient;
  };
  try {
    return await transact(ctx, READINGS_TX, async (tx, after) => {
      const now = clock();
      const locked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id FROM sessions WHERE id = ANY($1::text[]) AND status = 'IN_PROGRESS' ORDER BY id FOR NO KEY UPDATE`,
        ids,
      );
      const sessions = locked.length ? await tx.session.findMany({ where: { id: { in: locked.map((r) => r.id) } }, orderBy: { id: 'asc' } }) : [];
      const running = sessions.filter((s) => s.status === 'IN_PROGRESS' && s.resumedAt);
      // Those whose wallet still cannot pay a minute end together (no money moves, so no balance changes meanwhile);
      // a client who topped up since goes through `end` alone, which charges instead.
      const balances = running.length ? await money.balancesOf(running.map((s) => s.clientId), tx) : new Map<string, number>();
      const broke = running.filter((s) => balances.get(s.clientId)! < s.rateCents);
      let ended = (await finishSessions(ctx, tx, after, broke, unpaidEnd(now))).length;
      for (const s of running) if (!broke.includes(s) && (await end(tx, after, s, now))) ended += 1;
      return ended;
    });
  } catch (e) {
    log.warn({ ...errorField(e), sessions: ids.length }, 'billing sweep: ending unpaid sessions together failed; ending them one at a time');
    let ended = 0;
    for (const id of ids) {
      try {
        const done = await transact(ctx, READINGS_TX, async (tx, after) => {
          const s = await lockSessionIfExists(tx, id);
          return s ? end(tx, after, s, clock()) : false;
        });
        if (done) ended += 1;
      } catch (err) {
        log.warn({ ...errorField(err), sessionId: id }, 'billing sweep could not end an unpaid session');
      }
    }
    return ended;
  }
}

/**
 * Charges one session's due minutes under its lock and ends it if the next one cannot be paid (a transition's
 * way of billing, for one session: tests and the benchmark's baseline use it). Returns whether it ended the session.
 */
export async function billSession(ctx: Context, sessionId: string): Promise<boolean> {
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const s = await lockSessionIfExists(tx, sessionId);
    const now = readingsDeps(ctx).clock(); // after the lock: see billingSweep
    if (!s || s.status !== 'IN_PROGRESS' || !s.resumedAt) return false;
    const r = await chargeDueMinutes(ctx, tx, s, now);
    if (r.insufficient) {
      await endUnpaidSession(ctx, tx, after, r.session, now);
      return true;
    }
    if (r.charged) await emitSessionEvent(ctx, tx, after, r.session, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
    return false;
  });
}

import type { Prisma, PrismaClient, Session } from '../../../shared/db/generated/client.js';
import type { SessionStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit, TransactOptions } from '../../../shared/after-commit.js';
import { MONEY_TX } from '../../../shared/money.js';
import { notFound } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { readingsDeps } from '../deps.js';
import { publishingChange } from './billing-gate.js';
import { sessionTopic, snapshotSession, type SessionEvent, type SessionEventKind } from './events.js';
import { notifySessionEvent } from './session-notices.js';
import { prepaidMinutesLeft } from './session-credits.js';

/**
 * The session rows and their events: the row lock every transition takes, row mapping, the meter arithmetic and
 * the session events published after commit. Every write of readings runs in `transact(ctx, READINGS_TX, …)`
 * (shared/after-commit.ts); timers are queued with `tx` inside it (schedule.ts).
 */

export type Tx = Prisma.TransactionClient;

/** Options of readings' transactions: they move money, so they wait for a pooled connection like payments does. */
export const READINGS_TX: TransactOptions = { service: 'readings', ...MONEY_TX };

export const ACTIVE_STATUSES: SessionStatus[] = ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'];
export const TERMINAL_STATUSES: SessionStatus[] = ['COMPLETED', 'CANCELLED', 'DECLINED', 'EXPIRED', 'NO_SHOW', 'DISCONNECTED'];
export const MINUTE = 60;

/** End reasons clients can branch on. */
export const END_REASONS = {
  endedByClient: 'ENDED_BY_CLIENT',
  endedByReader: 'ENDED_BY_READER',
  endedByAdmin: 'ENDED_BY_ADMIN',
  insufficientFunds: 'INSUFFICIENT_FUNDS',
  graceExpired: 'DISCONNECTED_GRACE_EXPIRED',
  requestExpired: 'REQUEST_EXPIRED',
  noShow: 'NO_SHOW',
  roomFinished: 'ROOM_FINISHED',
  cancelled: 'CANCELLED_BY_CLIENT',
  declined: 'DECLINED_BY_READER',
} as const;

export const seconds = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
export const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/** Connected (billable) seconds as of `now`: banked seconds plus the running stretch since the last resume. */
export function connectedSeconds(s: Session, now: Date): number {
  return s.connectedSeconds + (s.resumedAt ? seconds(s.resumedAt, now) : 0);
}

/**
 * Locks the session row for the rest of the transaction. NO KEY UPDATE: it excludes every other transition and
 * the billing sweep's row update, but not the key-share lock that payments' inserts take on the session through
 * the transactions.session_id foreign key (FOR UPDATE would: a transition waiting for an account lock held by the
 * sweep's charge, which waits for this row, was a deadlock).
 */
export async function lockSession(tx: Tx, sessionId: string): Promise<Session> {
  const s = await lockSessionIfExists(tx, sessionId);
  if (!s) throw notFound('Session', { sessionId });
  return s;
}

/** lockSession for timers and sweeps, which have nothing to do for a session that is gone: null then. */
export async function lockSessionIfExists(tx: Tx, sessionId: string): Promise<Session | null> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM sessions WHERE id = ${sessionId} FOR NO KEY UPDATE`;
  if (!rows.length) return null;
  return tx.session.findUniqueOrThrow({ where: { id: sessionId } });
}

/**
 * A sessions row as SQL returns it (snake_case columns) as the Prisma model: every field maps to its snake_case
 * column (readings.prisma), and timestamps come back as Dates. The billing sweep test checks it field by field
 * against Prisma's own read.
 */
export function sessionFromRow(row: Record<string, unknown>): Session {
  const out: Record<string, unknown> = {};
  for (const k in row) {
    let field = FIELD_OF_COLUMN.get(k);
    if (field === undefined) FIELD_OF_COLUMN.set(k, (field = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
    out[field] = row[k];
  }
  return out as unknown as Session;
}
const FIELD_OF_COLUMN = new Map<string, string>();

/** A statement that may deadlock with a racing twin (two sweeps moving the same rows) is tried again. */
export async function retryDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !/40P01|deadlock/i.test(`${(e as { code?: string })?.code ?? ''} ${String(e)}`)) throw e;
    }
  }
}

export interface EventExtra {
  /** The client's balance to show; undefined: read it now (running sessions only), null: unknown. */
  balanceCents?: number | null;
  /** The participant the event is about. */
  userId?: string | null;
}

/** The session event as of `now`, reading the balance and the low-balance threshold in `db`. */
export async function sessionEvent(ctx: Pick<Context, 'deps'>, db: Tx | PrismaClient, s: Session, kind: SessionEventKind, now: Date, extra: EventExtra = {}): Promise<SessionEvent> {
  let balance = extra.balanceCents;
  if (balance === undefined) {
    const money = readingsDeps(ctx).money;
    balance = s.status === 'IN_PROGRESS' && money ? await money.balanceOf(s.clientId, db as Tx) : null;
  }
  const lowMinutes = balance === null ? 0 : await getIntSetting(db, 'low_balance_minutes');
  return buildSessionEvent(s, kind, now, balance, lowMinutes, extra.userId ?? null);
}

/** The event as published; `lowMinutes` is the low_balance_minutes setting (read once per sweep, not per event). */
export function buildSessionEvent(s: Session, kind: SessionEventKind, now: Date, balance: number | null, lowMinutes: number, userId: string | null): SessionEvent {
  return {
    sessionId: s.id,
    kind,
    status: s.status,
    elapsedSeconds: connectedSeconds(s, now),
    billedMinutes: s.billedMinutes,
    costCents: s.totalCostCents,
    balanceCents: balance,
    // Prepaid minutes still to come count as balance: no warning while a booking credit pays the next ones.
    lowBalance: s.status === 'IN_PROGRESS' && balance !== null && balance + prepaidMinutesLeft(s) * s.rateCents < lowMinutes * s.rateCents,
    endReason: s.endReason,
    userId,
    at: now.toISOString(),
    session: snapshotSession(s),
  };
}

/**
 * Records a session event for after commit, and what it means for the media server: publish rights are granted
 * in the room when billing starts or resumes and withdrawn on pause (billing-gate.ts), a best-effort call.
 */
export async function emitSessionEvent(ctx: Pick<Context, 'deps'>, tx: Tx, after: AfterCommit, s: Session, kind: SessionEventKind, now: Date, extra?: EventExtra): Promise<void> {
  const event = await sessionEvent(ctx, tx, s, kind, now, extra);
  after.publish(sessionTopic(s.id), event);
  await notifySessionEvent(ctx, tx, s, kind, now);
  const change = publishingChange(event);
  if (change) {
    const { livekit } = readingsDeps(ctx);
    after.run(`livekit permissions in ${change.room}`, () => livekit.setPublishing(change.room, change.identities, change.type, change.publish));
  }
}

import type { TaskList } from 'graphile-worker';
import type { ChatMessage, PrismaClient, Prisma, Session } from '../../../shared/db/generated/client.js';
import type { SessionStatus, SessionType } from '../../../shared/db/generated/enums.js';
import type { Viewer } from '../../../shared/context.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { MONEY_TX, type MoneyPort } from '../../../shared/money.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import type { JobQueue } from '../../../shared/jobs.js';
import { badInput, conflict, forbidden, insufficientFunds, notFound, paymentsNotConfigured } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import { publishReaderStatus, setReaderPresence, type ReaderStatusEvent } from '../../../shared/presence.js';
import type { LiveKitService, SessionTokenGrant } from './livekit.js';
import { assertBillingForChat, assertSelfReportedPresence, isBilling, publishingChange, SESSION_NOT_BILLING } from './billing-gate.js';
import { graceDeadline, graceRemaining, graceUsedAfterPause } from './grace-budget.js';
import { claimParticipantEvent } from './webhook-order.js';
import { participantEventMark } from '../../../shared/server/livekit-webhook.js';
import {
  readerRequestsTopic,
  sessionMessagesTopic,
  sessionTopic,
  snapshotSession,
  type ChatMessageEvent,
  type SessionEvent,
  type SessionEventKind,
} from './events.js';

type Tx = Prisma.TransactionClient;

export const ACTIVE_STATUSES: SessionStatus[] = ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'];
const TERMINAL: SessionStatus[] = ['COMPLETED', 'CANCELLED', 'DECLINED', 'EXPIRED', 'NO_SHOW', 'DISCONNECTED'];
export const MESSAGE_MAX_LENGTH = 2000;
const MINUTE = 60;
const BOOKING_EARLY_SECONDS = 10 * 60;
const BOOKING_LATE_SECONDS = 30 * 60;

export const TASKS = {
  expireRequest: 'readings.expire-request',
  noShow: 'readings.no-show',
  /** The billing sweep: one recurring job (one job key) that charges every session whose next minute started. */
  billingSweep: 'readings.billing-sweep',
  graceExpired: 'readings.grace-expired',
  reminder: 'readings.reminder',
  sweep: 'readings.sweep',
} as const;

/** The safety net runs every minute (see sweep()). */
export const CRON = [{ task: TASKS.sweep, match: '* * * * *' }];
/** A timer this late is presumed lost (its worker died holding it) and is run by the sweep. */
const SWEEP_LATE_SECONDS = 15;

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

const jobKey = {
  expire: (id: string) => `session:${id}:expire`,
  noShow: (id: string) => `session:${id}:no-show`,
  grace: (id: string) => `session:${id}:grace`,
  reminder: (id: string) => `session:${id}:reminder`,
};

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

export interface ReadingsServiceOptions {
  prisma: PrismaClient;
  pubsub: PubSub;
  /** Read at call time: payments may attach its MoneyPort after readings started. */
  runtime: { money?: MoneyPort };
  jobs: JobQueue | null;
  livekit: LiveKitService;
  /** The time transitions, timers and the billing sweep act at (tests drive a simulated clock); default: now. */
  clock?: () => Date;
}

/** Work to do once the transaction has committed (publishing, presence, media server calls). */
class AfterCommit {
  events: Array<[string, unknown]> = [];
  presence: ReaderStatusEvent[] = [];
  openRooms: string[] = [];
  closeRooms: Array<{ room: string; identities: string[] }> = [];
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

interface DueRow {
  id: string;
  clientId: string;
  readerId: string;
  rateCents: number;
  billedMinutes: number;
  /** The last minute that has started (minute n starts after n-1 connected minutes). */
  due: number;
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
async function retryDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !/40P01|deadlock/i.test(`${(e as { code?: string })?.code ?? ''} ${String(e)}`)) throw e;
    }
  }
}

/**
 * The session state machine. Every transition locks the session row, checks the actor and the state, writes
 * in one transaction (timers are jobs added in that same transaction), and publishes after commit.
 * Retrying a transition that already happened returns the session unchanged and publishes nothing.
 */
export class ReadingsService {
  readonly prisma: PrismaClient;
  readonly pubsub: PubSub;
  readonly livekit: LiveKitService;
  private readonly jobs: JobQueue | null;
  private readonly runtime: { money?: MoneyPort };
  readonly clock: () => Date;

  constructor(opts: ReadingsServiceOptions) {
    this.clock = opts.clock ?? (() => new Date());
    this.prisma = opts.prisma;
    this.pubsub = opts.pubsub;
    this.livekit = opts.livekit;
    this.jobs = opts.jobs;
    this.runtime = opts.runtime;
  }

  private get money(): MoneyPort {
    const money = this.runtime.money;
    if (!money) throw paymentsNotConfigured('Payments are not configured, so sessions cannot be billed.');
    return money;
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────────────────────

  async transact<T>(fn: (tx: Tx, after: AfterCommit) => Promise<T>): Promise<T> {
    const after = new AfterCommit();
    const result = await this.prisma.$transaction((tx) => fn(tx, after), MONEY_TX);
    await this.flush(after);
    return result;
  }

  private async flush(after: AfterCommit): Promise<void> {
    for (const p of after.presence) await publishReaderStatus(this.pubsub, p);
    for (const [topic, payload] of after.events) await this.pubsub.publish(topic, payload);
    // Media follows billing (billing-gate.ts): publish rights are granted when it starts or resumes, withdrawn on pause.
    for (const [, payload] of after.events) {
      const change = publishingChange(payload as SessionEvent);
      if (change) {
        await this.livekit
          .setPublishing(change.room, change.identities, change.type, change.publish)
          .catch((e) => console.warn(`[readings] LiveKit permissions in ${change.room} failed: ${String(e)}`));
      }
    }
    for (const room of after.openRooms) {
      await this.livekit.openRoom(room).catch((e) => console.warn(`[readings] LiveKit createRoom ${room} failed: ${String(e)}`));
    }
    for (const { room, identities } of after.closeRooms) {
      await this.livekit
        .closeRoom(room, identities)
        .catch((e) => console.warn(`[readings] LiveKit close ${room} failed: ${String(e)}`));
    }
  }

  private async schedule(tx: Tx, task: string, sessionId: string, key: string, runAt: Date): Promise<void> {
    await this.jobs?.add(tx, task, { sessionId }, { runAt, jobKey: key });
  }

  private async unschedule(tx: Tx, ...keys: string[]): Promise<void> {
    if (!this.jobs) return;
    for (const key of keys) await this.jobs.remove(tx, key);
  }

  /**
   * Locks the session row for the rest of the transaction. NO KEY UPDATE: it excludes every other transition and
   * the billing sweep's row update, but not the key-share lock that payments' inserts take on the session through
   * the transactions.session_id foreign key (FOR UPDATE would: a transition waiting for an account lock held by the
   * sweep's charge, which waits for this row, was a deadlock).
   */
  async lock(tx: Tx, sessionId: string): Promise<Session> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM sessions WHERE id = ${sessionId} FOR NO KEY UPDATE`;
    if (!rows.length) throw notFound('Session', { sessionId });
    return tx.session.findUniqueOrThrow({ where: { id: sessionId } });
  }

  private side(s: Session, userId: string): 'client' | 'reader' | null {
    if (userId === s.clientId) return 'client';
    if (userId === s.readerId) return 'reader';
    return null;
  }

  private participant(s: Session, viewer: Viewer): 'client' | 'reader' {
    const side = this.side(s, viewer.id);
    if (!side) throw forbidden('You are not a participant of this session.', { sessionId: s.id });
    return side;
  }

  private connectedSeconds(s: Session, now: Date): number {
    return s.connectedSeconds + (s.resumedAt ? seconds(s.resumedAt, now) : 0);
  }

  private async event(
    tx: Tx,
    s: Session,
    kind: SessionEventKind,
    now: Date,
    extra: { balanceCents?: number | null; userId?: string | null } = {},
  ): Promise<SessionEvent> {
    let balance = extra.balanceCents;
    if (balance === undefined) {
      balance = s.status === 'IN_PROGRESS' && this.runtime.money ? await this.runtime.money.balanceOf(s.clientId, tx) : null;
    }
    const lowMinutes = balance === null ? 0 : await getIntSetting(tx, 'low_balance_minutes');
    return this.buildEvent(s, kind, now, balance, lowMinutes, extra.userId ?? null);
  }

  /** The event as published; `lowMinutes` is the low_balance_minutes setting (read once per sweep, not per event). */
  private buildEvent(s: Session, kind: SessionEventKind, now: Date, balance: number | null, lowMinutes: number, userId: string | null): SessionEvent {
    return {
      sessionId: s.id,
      kind,
      status: s.status,
      elapsedSeconds: this.connectedSeconds(s, now),
      billedMinutes: s.billedMinutes,
      costCents: s.totalCostCents,
      balanceCents: balance,
      lowBalance: s.status === 'IN_PROGRESS' && balance !== null && balance < lowMinutes * s.rateCents,
      endReason: s.endReason,
      userId,
      at: now.toISOString(),
      session: snapshotSession(s),
    };
  }

  private async emit(tx: Tx, after: AfterCommit, s: Session, kind: SessionEventKind, now: Date, extra?: { balanceCents?: number | null; userId?: string | null }) {
    after.events.push([sessionTopic(s.id), await this.event(tx, s, kind, now, extra)]);
  }

  // ── billing ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Charges every minute that has started (minute n starts after (n-1) connected minutes), each exactly once:
   * the ledger is unique per (session, minute) and billed_minutes moves in the same transaction. Transitions
   * (join, leave, end) call it under the session lock; the billing sweep charges running sessions set-based.
   */
  private async chargeDue(tx: Tx, s: Session, now: Date): Promise<{ session: Session; insufficient: boolean; charged: number; balanceCents: number | null }> {
    const due = Math.floor(this.connectedSeconds(s, now) / MINUTE) + 1;
    let billed = s.billedMinutes;
    let balance: number | null = null;
    let insufficient = false;
    if (due > billed) {
      const money = this.money;
      while (billed < due) {
        const minute = billed + 1;
        const r = await money.chargeSessionMinute(
          { sessionId: s.id, clientId: s.clientId, readerId: s.readerId, minute, rateCents: s.rateCents },
          tx,
        );
        balance = r.balanceCents;
        if (r.status === 'INSUFFICIENT_FUNDS') {
          insufficient = true;
          break;
        }
        billed = minute;
      }
    }
    const charged = billed - s.billedMinutes;
    const session = charged
      ? await tx.session.update({ where: { id: s.id }, data: { billedMinutes: billed, totalCostCents: billed * s.rateCents } })
      : s;
    return { session, insufficient, charged, balanceCents: balance };
  }

  /** Ends a session: banks connected time, writes duration/cost/statistics, frees the reader, closes the room. */
  private async finish(
    tx: Tx,
    after: AfterCommit,
    s: Session,
    status: SessionStatus,
    reason: string,
    now: Date,
    endedById: string | null,
  ): Promise<Session> {
    const connected = this.connectedSeconds(s, now);
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
        totalCostCents: s.billedMinutes * s.rateCents,
      },
    });
    if (s.startedAt) {
      await tx.reader.update({ where: { userId: s.readerId }, data: { totalSessions: { increment: 1 } } });
    }
    const presence = await setReaderPresence(tx, s.readerId, 'ONLINE');
    if (presence) after.presence.push(presence);
    await this.unschedule(tx, jobKey.expire(s.id), jobKey.noShow(s.id), jobKey.grace(s.id));
    if (s.acceptedAt) after.closeRooms.push({ room: s.externalId, identities: [s.clientId, s.readerId] });
    await this.emit(tx, after, ended, 'ENDED', now, { balanceCents: null });
    return ended;
  }

  // ── transitions ─────────────────────────────────────────────────────────────────────────────────────────

  async requestSession(viewer: Viewer, readerId: string, type: SessionType): Promise<Session> {
    if (viewer.id === readerId) throw badInput('You cannot request a session with yourself.', { field: 'readerId' });
    const money = this.money;
    try {
      return await this.transact(async (tx, after) => {
        const now = this.clock();
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
        const funds = await money.checkSessionFunds(viewer.id, rate.ratePerMinuteCents, tx);
        if (!funds.ok) {
          throw insufficientFunds('Your balance is too low to start this session.', {
            balanceCents: funds.balanceCents,
            requiredCents: funds.requiredCents,
          });
        }
        const s = await tx.session.create({
          data: { clientId: viewer.id, readerId, type, status: 'REQUESTED', rateCents: rate.ratePerMinuteCents, requestedAt: now },
        });
        const presence = await setReaderPresence(tx, readerId, 'BUSY');
        if (presence) after.presence.push(presence);
        const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
        await this.schedule(tx, TASKS.expireRequest, s.id, jobKey.expire(s.id), addSeconds(now, ttl));
        after.events.push([readerRequestsTopic(readerId), { sessionId: s.id }]);
        await this.emit(tx, after, s, 'REQUESTED', now);
        return s;
      });
    } catch (e) {
      // The partial unique index (one active session per reader) decides races between instances.
      if (isUniqueViolation(e)) throw conflict('The reader is in another session.', { readerStatus: 'BUSY' });
      throw e;
    }
  }

  async acceptSession(viewer: Viewer, sessionId: string): Promise<Session> {
    const result = await this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await this.lock(tx, sessionId);
      if (viewer.id !== s.readerId) {
        throw forbidden('Only the reader of this session can accept it.', { sessionId });
      }
      if (s.status === 'ACCEPTED' || s.status === 'IN_PROGRESS') return { session: s, expired: false };
      if (s.status === 'SCHEDULED') return { session: await this.startBooking(tx, after, s, now), expired: false };
      if (s.status !== 'REQUESTED') throw conflict(`The request is already ${s.status.toLowerCase()}.`, { status: s.status });
      const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
      if (seconds(s.requestedAt, now) >= ttl) {
        // The expiry job has not run yet: expire now, commit that, then refuse.
        return { session: await this.finish(tx, after, s, 'EXPIRED', END_REASONS.requestExpired, now, null), expired: true };
      }
      const accepted = await tx.session.update({ where: { id: s.id }, data: { status: 'ACCEPTED', acceptedAt: now } });
      await this.unschedule(tx, jobKey.expire(s.id));
      const grace = await getIntSetting(tx, 'session_grace_seconds');
      await this.schedule(tx, TASKS.noShow, s.id, jobKey.noShow(s.id), addSeconds(now, grace));
      after.openRooms.push(s.externalId);
      await this.emit(tx, after, accepted, 'ACCEPTED', now);
      return { session: accepted, expired: false };
    }).catch((e: unknown) => {
      // Starting a booking while the reader holds another session: the partial unique index refuses it.
      if (isUniqueViolation(e)) throw conflict('You are in another session.', { readerStatus: 'BUSY' });
      throw e;
    });
    if (result.expired) throw conflict('The request has expired.', { status: 'EXPIRED' });
    return result.session;
  }

  /**
   * A confirmed booking becomes a live session when the reader opens it, from 10 minutes before its start to
   * 30 minutes after; the funds rule applies as for a request, and the reader is held (BUSY) from then on.
   */
  private async startBooking(tx: Tx, after: AfterCommit, s: Session, now: Date): Promise<Session> {
    if (!s.confirmedAt || !s.scheduledAt) throw conflict('Confirm the booking first.', { status: s.status });
    const offset = (now.getTime() - s.scheduledAt.getTime()) / 1000;
    if (offset < -BOOKING_EARLY_SECONDS || offset > BOOKING_LATE_SECONDS) {
      throw conflict('A booking can be started from 10 minutes before to 30 minutes after its time.', {
        scheduledAt: s.scheduledAt.toISOString(),
      });
    }
    const funds = await this.money.checkSessionFunds(s.clientId, s.rateCents, tx);
    if (!funds.ok) {
      // The reader asks here: never the client's balance, only the minutes it affords.
      throw insufficientFunds('The client\'s balance is too low to start this session.', {
        affordableMinutes: Math.floor(Math.max(0, funds.balanceCents) / s.rateCents),
        requiredCents: funds.requiredCents,
      });
    }
    const accepted = await tx.session.update({ where: { id: s.id }, data: { status: 'ACCEPTED', acceptedAt: now } });
    const presence = await setReaderPresence(tx, s.readerId, 'BUSY');
    if (presence) after.presence.push(presence);
    await this.unschedule(tx, jobKey.reminder(s.id));
    const grace = await getIntSetting(tx, 'session_grace_seconds');
    await this.schedule(tx, TASKS.noShow, s.id, jobKey.noShow(s.id), addSeconds(now, grace));
    after.openRooms.push(s.externalId);
    await this.emit(tx, after, accepted, 'ACCEPTED', now);
    return accepted;
  }

  async declineSession(viewer: Viewer, sessionId: string): Promise<Session> {
    return this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await this.lock(tx, sessionId);
      if (viewer.id !== s.readerId) throw forbidden('Only the reader of this session can decline it.', { sessionId });
      if (s.status === 'DECLINED') return s;
      if (s.status === 'SCHEDULED') {
        // Declining a booking: nothing holds the reader yet, so only the booking and its reminder go.
        await this.unschedule(tx, jobKey.reminder(s.id));
        const declined = await tx.session.update({
          where: { id: s.id },
          data: { status: 'DECLINED', endedAt: now, endReason: END_REASONS.declined, endedById: viewer.id },
        });
        await this.emit(tx, after, declined, 'DECLINED', now);
        return declined;
      }
      if (s.status !== 'REQUESTED') throw conflict(`The request is already ${s.status.toLowerCase()}.`, { status: s.status });
      return this.finish(tx, after, s, 'DECLINED', END_REASONS.declined, now, viewer.id);
    });
  }

  async cancelSession(viewer: Viewer, sessionId: string): Promise<Session> {
    return this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await this.lock(tx, sessionId);
      if (viewer.id !== s.clientId) throw forbidden('Only the client of this session can cancel it.', { sessionId });
      if (s.status === 'CANCELLED') return s;
      if (s.status !== 'REQUESTED' && s.status !== 'SCHEDULED') {
        throw conflict(`A ${s.status.toLowerCase()} session cannot be cancelled; end it instead.`, { status: s.status });
      }
      if (s.status === 'SCHEDULED') {
        await this.unschedule(tx, jobKey.reminder(s.id));
        const cancelled = await tx.session.update({
          where: { id: s.id },
          data: { status: 'CANCELLED', endedAt: now, endReason: END_REASONS.cancelled, endedById: viewer.id },
        });
        await this.emit(tx, after, cancelled, 'ENDED', now);
        return cancelled;
      }
      return this.finish(tx, after, s, 'CANCELLED', END_REASONS.cancelled, now, viewer.id);
    });
  }

  async joinSession(viewer: Viewer, sessionId: string): Promise<Session> {
    assertSelfReportedPresence(this.livekit.mediaServer);
    return this.transact(async (tx, after) => {
      const s = await this.lock(tx, sessionId);
      this.participant(s, viewer);
      return this.applyJoin(tx, after, s, viewer.id, this.clock());
    });
  }

  async leaveSession(viewer: Viewer, sessionId: string): Promise<Session> {
    assertSelfReportedPresence(this.livekit.mediaServer);
    return this.transact(async (tx, after) => {
      const s = await this.lock(tx, sessionId);
      this.participant(s, viewer);
      return this.applyLeave(tx, after, s, viewer.id, this.clock());
    });
  }

  async endSession(viewer: Viewer, sessionId: string): Promise<Session> {
    return this.transact(async (tx, after) => {
      const s = await this.lock(tx, sessionId);
      const now = this.clock(); // after the lock: see billingSweep
      const side = viewer.role === 'ADMIN' && !this.side(s, viewer.id) ? 'admin' : this.participant(s, viewer);
      if (TERMINAL.includes(s.status)) return s;
      switch (s.status) {
        case 'REQUESTED':
          return side === 'reader'
            ? this.finish(tx, after, s, 'DECLINED', END_REASONS.declined, now, viewer.id)
            : this.finish(tx, after, s, 'CANCELLED', side === 'admin' ? END_REASONS.endedByAdmin : END_REASONS.cancelled, now, viewer.id);
        case 'SCHEDULED':
          throw conflict('A scheduled session has not started; cancel it instead.', { status: s.status });
        default:
          return this.endRunning(tx, after, s, side === 'admin' ? END_REASONS.endedByAdmin : side === 'client' ? END_REASONS.endedByClient : END_REASONS.endedByReader, now, viewer.id);
      }
    });
  }

  /** Ends an accepted (never started: CANCELLED) or running (COMPLETED) session, charging minutes already started. */
  private async endRunning(tx: Tx, after: AfterCommit, s: Session, reason: string, now: Date, endedById: string | null): Promise<Session> {
    if (s.status !== 'IN_PROGRESS') return this.finish(tx, after, s, 'CANCELLED', reason, now, endedById);
    const r = s.resumedAt ? await this.chargeDue(tx, s, now) : { session: s, insufficient: false };
    return this.finish(tx, after, r.session, 'COMPLETED', r.insufficient ? END_REASONS.insufficientFunds : reason, now, endedById);
  }

  async applyJoin(tx: Tx, after: AfterCommit, s: Session, userId: string, now: Date): Promise<Session> {
    const side = this.side(s, userId);
    if (!side) throw forbidden('You are not a participant of this session.', { sessionId: s.id });
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
      await this.unschedule(tx, jobKey.noShow(s.id));
      const r = await this.chargeDue(tx, cur, now);
      if (r.insufficient) return this.finish(tx, after, r.session, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
      await this.emit(tx, after, r.session, 'STARTED', now, { balanceCents: r.balanceCents, userId });
      return r.session;
    }
    if (cur.status === 'IN_PROGRESS' && both && cur.graceStartedAt) {
      // The pause is over: what it lasted is spent from the session's grace budget.
      const budget = await getIntSetting(tx, 'session_grace_seconds');
      cur = await tx.session.update({
        where: { id: s.id },
        data: { graceStartedAt: null, resumedAt: now, graceUsedSeconds: graceUsedAfterPause(cur, budget, now) },
      });
      await this.unschedule(tx, jobKey.grace(s.id));
      const r = await this.chargeDue(tx, cur, now);
      if (r.insufficient) return this.finish(tx, after, r.session, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
      await this.emit(tx, after, r.session, 'RESUMED', now, { userId });
      return r.session;
    }
    await this.emit(tx, after, cur, 'JOINED', now, { userId });
    return cur;
  }

  async applyLeave(tx: Tx, after: AfterCommit, s: Session, userId: string, now: Date): Promise<Session> {
    const side = this.side(s, userId);
    if (!side) throw forbidden('You are not a participant of this session.', { sessionId: s.id });
    const connected = side === 'client' ? s.clientConnected : s.readerConnected;
    if ((s.status !== 'ACCEPTED' && s.status !== 'IN_PROGRESS') || !connected) return s;
    let cur = s;
    if (s.status === 'IN_PROGRESS' && s.resumedAt) {
      // Minutes that started before the drop are owed; then billing pauses for what is left of the grace budget.
      const r = await this.chargeDue(tx, s, now);
      if (r.insufficient) return this.finish(tx, after, r.session, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
      const budget = await getIntSetting(tx, 'session_grace_seconds');
      if (graceRemaining(s, budget) <= 0) return this.finish(tx, after, r.session, 'DISCONNECTED', END_REASONS.graceExpired, now, null);
      cur = await tx.session.update({
        where: { id: s.id },
        data: {
          ...(side === 'client' ? { clientConnected: false } : { readerConnected: false }),
          connectedSeconds: this.connectedSeconds(r.session, now),
          resumedAt: null,
          graceStartedAt: now,
        },
      });
      await this.schedule(tx, TASKS.graceExpired, s.id, jobKey.grace(s.id), graceDeadline(cur, budget)!);
      await this.emit(tx, after, cur, 'PAUSED', now, { userId });
      return cur;
    }
    cur = await tx.session.update({ where: { id: s.id }, data: side === 'client' ? { clientConnected: false } : { readerConnected: false } });
    await this.emit(tx, after, cur, 'LEFT', now, { userId });
    return cur;
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────────────────────

  /** The session if the viewer is a participant or an admin. */
  async visibleSession(viewer: Viewer, sessionId: string, db: PrismaClient | Tx = this.prisma): Promise<Session> {
    const s = await db.session.findUnique({ where: { id: sessionId } });
    if (!s) throw notFound('Session', { sessionId });
    if (viewer.role !== 'ADMIN' && !this.side(s, viewer.id)) {
      throw forbidden('You are not a participant of this session.', { sessionId });
    }
    return s;
  }

  async sessionToken(viewer: Viewer, sessionId: string): Promise<SessionTokenGrant> {
    const s = await this.prisma.session.findUnique({ where: { id: sessionId } });
    if (!s) throw notFound('Session', { sessionId });
    this.participant(s, viewer);
    if (s.status !== 'ACCEPTED' && s.status !== 'IN_PROGRESS') {
      throw conflict(`Tokens are issued only while a session is accepted or in progress (it is ${s.status.toLowerCase()}).`, {
        status: s.status,
      });
    }
    // With a media server, a participant publishes only while the session bills (granted in the room when it starts).
    return this.livekit.token(s.externalId, viewer.id, s.type, !this.livekit.mediaServer || isBilling(s));
  }

  /** The meter as of now (for queries; subscriptions get it in each event). */
  async meter(s: Session): Promise<SessionEvent> {
    return this.event(this.prisma as unknown as Tx, s, 'JOINED', new Date());
  }

  // ── chat ────────────────────────────────────────────────────────────────────────────────────────────────

  async sendMessage(viewer: Viewer, sessionId: string, content: string, clientKey: string | null): Promise<ChatMessage> {
    const text = content.trim();
    if (!text) throw badInput('A message cannot be empty.', { field: 'content' });
    if (text.length > MESSAGE_MAX_LENGTH) {
      throw badInput(`A message may have at most ${MESSAGE_MAX_LENGTH} characters.`, { field: 'content', max: MESSAGE_MAX_LENGTH });
    }
    if (clientKey !== null && (clientKey.length < 1 || clientKey.length > 100)) {
      throw badInput('clientKey must have 1 to 100 characters.', { field: 'clientKey' });
    }
    const msg = await this.transact(async (tx, after) => {
      const s = await this.lock(tx, sessionId);
      const now = this.clock(); // after the lock: see billingSweep
      this.participant(s, viewer);
      if (clientKey) {
        const existing = await tx.chatMessage.findUnique({
          where: { sessionId_senderId_clientKey: { sessionId, senderId: viewer.id, clientKey } },
        });
        if (existing) return existing;
      }
      assertBillingForChat(s);
      // The minute this message falls in is paid before it is written (the sweep may not have charged it yet).
      const r = await this.chargeDue(tx, s, now);
      if (r.insufficient) {
        await this.finish(tx, after, r.session, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
        return null;
      }
      if (r.charged) await this.emit(tx, after, r.session, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
      // The session row lock serialises senders, so seq has no gaps or duplicates.
      const last = await tx.chatMessage.aggregate({ where: { sessionId }, _max: { seq: true } });
      const msg = await tx.chatMessage.create({
        data: { sessionId, senderId: viewer.id, seq: (last._max.seq ?? 0) + 1, content: text, clientKey, createdAt: now },
      });
      const event: ChatMessageEvent = { ...msg, createdAt: msg.createdAt.toISOString() };
      after.events.push([sessionMessagesTopic(sessionId), event]);
      return msg;
    });
    if (!msg) {
      throw conflict('The session ended: the next minute could not be paid.', { sessionId, status: 'COMPLETED', reason: SESSION_NOT_BILLING });
    }
    return msg;
  }

  // ── webhooks ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Applies a verified LiveKit event once: the delivery id is recorded in the same transaction as its effect.
   * Returns what happened, for the route's response and tests.
   */
  async applyLiveKitEvent(event: {
    id: string;
    event: string;
    createdAt?: bigint | number | string;
    room?: { name: string };
    participant?: { identity: string; sid?: string };
  }): Promise<'applied' | 'duplicate' | 'ignored' | 'stale'> {
    const roomName = event.room?.name;
    const found = roomName ? await this.prisma.session.findUnique({ where: { externalId: roomName }, select: { id: true } }) : null;
    return this.transact(async (tx, after) => {
      const inserted = await tx.$executeRaw`INSERT INTO processed_webhooks (id, source) VALUES (${event.id}, 'livekit') ON CONFLICT (id) DO NOTHING`;
      if (!inserted) return 'duplicate';
      if (!found) return 'ignored';
      const s = await this.lock(tx, found.id);
      const now = this.clock(); // after the lock: see billingSweep
      const identity = event.participant?.identity ?? '';
      const active = s.status === 'ACCEPTED' || s.status === 'IN_PROGRESS';
      // A participant's events apply in LiveKit's event order: an older one arriving late is stale.
      const mark = participantEventMark(event);
      if (mark && active && this.side(s, identity) && !(await claimParticipantEvent(tx, s.externalId, identity, mark))) return 'stale';
      switch (event.event) {
        case 'participant_joined':
          if (!active || !this.side(s, identity)) return 'ignored';
          await this.applyJoin(tx, after, s, identity, now);
          return 'applied';
        case 'participant_left':
          if (!active || !this.side(s, identity)) return 'ignored';
          await this.applyLeave(tx, after, s, identity, now);
          return 'applied';
        case 'room_finished':
          if (!active) return 'ignored';
          await this.endRunning(tx, after, s, END_REASONS.roomFinished, now, null);
          return 'applied';
        default:
          return 'ignored';
      }
    });
  }

  // ── timers ──────────────────────────────────────────────────────────────────────────────────────────────

  async expireRequest(sessionId: string): Promise<void> {
    await this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await tx.session.findUnique({ where: { id: sessionId } });
      if (!s || s.status !== 'REQUESTED') return;
      const locked = await this.lock(tx, sessionId);
      if (locked.status !== 'REQUESTED') return;
      const ttl = await getIntSetting(tx, 'session_request_ttl_seconds');
      const due = addSeconds(locked.requestedAt, ttl);
      if (due > now) return this.schedule(tx, TASKS.expireRequest, s.id, jobKey.expire(s.id), due);
      await this.finish(tx, after, locked, 'EXPIRED', END_REASONS.requestExpired, now, null);
    });
  }

  async noShow(sessionId: string): Promise<void> {
    await this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await this.lock(tx, sessionId).catch(() => null);
      if (!s || s.status !== 'ACCEPTED' || !s.acceptedAt) return;
      const grace = await getIntSetting(tx, 'session_grace_seconds');
      const due = addSeconds(s.acceptedAt, grace);
      if (due > now) return this.schedule(tx, TASKS.noShow, s.id, jobKey.noShow(s.id), due);
      await this.finish(tx, after, s, 'NO_SHOW', END_REASONS.noShow, now, null);
    });
  }

  async graceExpired(sessionId: string): Promise<void> {
    await this.transact(async (tx, after) => {
      const now = this.clock();
      const s = await this.lock(tx, sessionId).catch(() => null);
      if (!s || s.status !== 'IN_PROGRESS' || !s.graceStartedAt) return;
      // The budget is per session: earlier pauses spent part of it.
      const due = graceDeadline(s, await getIntSetting(tx, 'session_grace_seconds'))!;
      if (due > now) return this.schedule(tx, TASKS.graceExpired, s.id, jobKey.grace(s.id), due);
      // Billed only for connected minutes: connected time stopped growing when the grace period began.
      await this.finish(tx, after, s, 'DISCONNECTED', END_REASONS.graceExpired, now, null);
    });
  }

  /**
   * Charges one session's due minutes under its lock and ends it if the next one cannot be paid (the sweep uses
   * it for sessions it could not charge: a top-up may have landed since). Returns whether it ended the session.
   */
  async billSession(sessionId: string): Promise<boolean> {
    return this.transact(async (tx, after) => {
      const s = await this.lock(tx, sessionId).catch(() => null);
      const now = this.clock(); // after the lock: see billingSweep
      if (!s || s.status !== 'IN_PROGRESS' || !s.resumedAt) return false;
      const r = await this.chargeDue(tx, s, now);
      if (r.insufficient) {
        await this.finish(tx, after, r.session, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
        return true;
      }
      if (r.charged) await this.emit(tx, after, r.session, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
      return false;
    });
  }

  /**
   * The billing sweep. Finds every running, connected session whose next minute has started (minute n starts after
   * (n-1) connected minutes, as chargeDue counts; a paused session has no resumedAt and is skipped), charges all
   * those minutes with one set-based payments call (chunked past BILLING_SWEEP.maxChargesPerCall pairs), moves the
   * session rows forward in one statement and announces each with MINUTE_CHARGED (whose lowBalance flag is the
   * low-balance warning). Sessions that could not pay are then ended one by one through billSession/finish, as a
   * transition would. Exactly once per (session, minute) however sweeps and transitions race: payments charges a
   * (session, minute) at most once (unique ledger key), and a session row only ever moves forward
   * (billed_minutes is raised to what the ledger holds, never lowered), so a replay or a late sweep changes nothing.
   */
  async billingSweep(now = this.clock()): Promise<BillingSweepResult> {
    const result: BillingSweepResult = { due: 0, minutes: 0, charged: 0, advanced: 0, ended: 0, ms: { select: 0, charge: 0, apply: 0, end: 0 } };
    const money = this.runtime.money;
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
    const rows = await this.prisma.$queryRawUnsafe<DueRow[]>(
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
    const outcome = new Map<string, { billed: number; charged: number; insufficient: boolean; balance: number | null }>();
    let chunk: Array<{ sessionId: string; clientId: string; readerId: string; minute: number; rateCents: number }> = [];
    let owners: DueRow[] = [];
    const charge = async () => {
      if (!chunk.length) return;
      const results = await money.chargeSessionMinutes(chunk);
      let i = 0;
      for (const r of owners) {
        const o = { billed: r.billedMinutes, charged: 0, insufficient: false, balance: null as number | null };
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
          this.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
            `UPDATE sessions s SET billed_minutes = v.b, total_cost_cents = v.b * s.rate_cents, updated_at = $3::timestamptz AT TIME ZONE 'UTC'
               FROM unnest($1::text[], $2::int[]) AS v(id, b)
              WHERE s.id = v.id AND s.billed_minutes < v.b
             RETURNING s.*`,
            forward.map((r) => r.id),
            forward.map((r) => outcome.get(r.id)!.billed),
            at,
          ),
        ),
        getIntSetting(this.prisma, 'low_balance_minutes'),
      ]);
      result.advanced = moved.length;
      const events: Array<[string, SessionEvent]> = [];
      for (const row of moved) {
        const s = sessionFromRow(row);
        const o = outcome.get(s.id)!;
        // A session that could not pay is announced once, when it ends (as a transition would).
        if (s.status === 'IN_PROGRESS' && !o.insufficient) events.push([sessionTopic(s.id), this.buildEvent(s, 'MINUTE_CHARGED', now, o.balance, lowMinutes, null)]);
      }
      for (let i = 0; i < events.length; i += 500) {
        await Promise.all(events.slice(i, i + 500).map(([topic, event]) => this.pubsub.publish(topic, event)));
      }
    }
    result.ms.apply = lap();

    // End: sessions that could not pay, under their locks, through finish (reason, events, reader freed, room closed).
    const unpaid = rows.filter((r) => outcome.get(r.id)!.insufficient).map((r) => r.id);
    for (let i = 0; i < unpaid.length; i += 100) result.ended += await this.endUnpaid(unpaid.slice(i, i + 100));
    result.ms.end = lap();
    return result;
  }

  /**
   * Ends sessions the sweep could not charge, in one transaction: all their rows are locked first (in id order, so
   * no transition can deadlock with it), then each still running session is ended as INSUFFICIENT_FUNDS through
   * finish; one whose client has since topped up is charged instead (chargeDue). Should the batch fail, each
   * session is tried alone. Returns how many it ended.
   */
  private async endUnpaid(ids: string[]): Promise<number> {
    const money = this.money;
    const end = async (tx: Tx, after: AfterCommit, s: Session, now: Date): Promise<boolean> => {
      if (s.status !== 'IN_PROGRESS' || !s.resumedAt) return false;
      let cur = s;
      // The sweep saw this minute refused; unless the wallet could now pay a minute, the retry would be refused too.
      let insufficient = (await money.balanceOf(s.clientId, tx)) < s.rateCents;
      if (!insufficient) {
        const r = await this.chargeDue(tx, s, now);
        cur = r.session;
        insufficient = r.insufficient;
        if (!insufficient && r.charged) await this.emit(tx, after, cur, 'MINUTE_CHARGED', now, { balanceCents: r.balanceCents });
      }
      if (insufficient) await this.finish(tx, after, cur, 'COMPLETED', END_REASONS.insufficientFunds, now, null);
      return insufficient;
    };
    try {
      return await this.transact(async (tx, after) => {
        const now = this.clock();
        const locked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
          `SELECT id FROM sessions WHERE id = ANY($1::text[]) AND status = 'IN_PROGRESS' ORDER BY id FOR NO KEY UPDATE`,
          ids,
        );
        const sessions = locked.length ? await tx.session.findMany({ where: { id: { in: locked.map((r) => r.id) } }, orderBy: { id: 'asc' } }) : [];
        let ended = 0;
        for (const s of sessions) if (await end(tx, after, s, now)) ended += 1;
        return ended;
      });
    } catch (e) {
      console.warn(`[readings] billing sweep: ending ${ids.length} unpaid sessions together failed (${String(e)}); one at a time`);
      let ended = 0;
      for (const id of ids) {
        try {
          const done = await this.transact(async (tx, after) => {
            const s = await this.lock(tx, id).catch(() => null);
            return s ? end(tx, after, s, this.clock()) : false;
          });
          if (done) ended += 1;
        } catch (err) {
          console.warn(`[readings] billing sweep could not end session ${id}: ${String(err)}`);
        }
      }
      return ended;
    }
  }

  /**
   * Queues the billing sweep unless it is queued, or running under a lock younger than staleLockSeconds (an older
   * lock is presumed held by a dead worker). Called when the job runner starts and every minute by sweep().
   */
  async ensureBillingSweep(): Promise<boolean> {
    if (!this.jobs) return false;
    return this.jobs.ensure(this.prisma, TASKS.billingSweep, {}, { jobKey: BILLING_SWEEP.jobKey, staleLockSeconds: BILLING_SWEEP.staleLockSeconds });
  }

  /** The billing sweep as a self-rescheduling job (one job key: one queued run at a time across instances). */
  private async billingSweepJob(): Promise<void> {
    const reschedule = (ms: number) =>
      this.jobs?.add(this.prisma, TASKS.billingSweep, {}, { jobKey: BILLING_SWEEP.jobKey, runAt: new Date(Date.now() + ms) });
    // The next run is queued before sweeping, so a process killed mid-sweep delays billing by deadManSeconds only;
    // it is brought forward once this sweep has finished.
    await reschedule(BILLING_SWEEP.deadManSeconds * 1000);
    try {
      await this.billingSweep();
    } catch (e) {
      console.warn(`[readings] billing sweep failed: ${String(e)}`);
    }
    await reschedule(BILLING_SWEEP.intervalMs);
  }

  async remind(sessionId: string): Promise<void> {
    await this.transact(async (tx, after) => {
      const s = await tx.session.findUnique({ where: { id: sessionId } });
      if (!s || s.status !== 'SCHEDULED' || !s.confirmedAt) return;
      await this.emit(tx, after, s, 'REMINDER', new Date());
    });
  }

  /**
   * Safety net for timers whose job is stuck: a worker that dies mid-job leaves it locked (graphile-worker
   * frees such locks only after hours). Every transition it triggers is idempotent and re-checks the state,
   * so running one that is merely late changes nothing twice. Returns how many sessions it acted on. It also
   * makes sure the billing sweep is queued.
   */
  async sweep(): Promise<number> {
    // The billing sweep is one self-rescheduling job: queue it again if it is missing or its worker died.
    await this.ensureBillingSweep().catch((e: unknown) => console.warn(`[readings] could not queue the billing sweep: ${String(e)}`));
    const [ttl, grace] = [await getIntSetting(this.prisma, 'session_request_ttl_seconds'), await getIntSetting(this.prisma, 'session_grace_seconds')];
    const late = SWEEP_LATE_SECONDS;
    const rows = await this.prisma.$queryRaw<Array<{ id: string; status: SessionStatus; paused: boolean }>>`
      SELECT id, status, grace_started_at IS NOT NULL AS paused FROM sessions
      WHERE (status = 'REQUESTED' AND requested_at < now() - make_interval(secs => ${ttl + late}))
         OR (status = 'ACCEPTED' AND accepted_at < now() - make_interval(secs => ${grace + late}))
         OR (status = 'IN_PROGRESS' AND grace_started_at < now() - make_interval(secs => greatest(0, ${grace} - grace_used_seconds) + ${late}))
      LIMIT 500`;
    for (const r of rows) {
      try {
        if (r.status === 'REQUESTED') await this.expireRequest(r.id);
        else if (r.status === 'ACCEPTED') await this.noShow(r.id);
        else if (r.paused) await this.graceExpired(r.id);
      } catch (e) {
        console.warn(`[readings] sweep of session ${r.id} failed: ${String(e)}`);
      }
    }
    return rows.length;
  }

  /** Task handlers for the job runner (payload { sessionId }). */
  tasks(): TaskList {
    const id = (payload: unknown) => String((payload as { sessionId?: unknown })?.sessionId ?? '');
    return {
      [TASKS.expireRequest]: (p) => this.expireRequest(id(p)),
      [TASKS.noShow]: (p) => this.noShow(id(p)),
      [TASKS.billingSweep]: () => this.billingSweepJob(),
      [TASKS.graceExpired]: (p) => this.graceExpired(id(p)),
      [TASKS.reminder]: (p) => this.remind(id(p)),
      [TASKS.sweep]: async () => {
        await this.sweep();
      },
    };
  }

  // ── scheduling hooks used by bookings ───────────────────────────────────────────────────────────────────

  async scheduleReminder(tx: Tx, sessionId: string, runAt: Date): Promise<void> {
    await this.schedule(tx, TASKS.reminder, sessionId, jobKey.reminder(sessionId), runAt);
  }

  async emitFor(tx: Tx, after: AfterCommit, s: Session, kind: SessionEventKind): Promise<void> {
    await this.emit(tx, after, s, kind, new Date());
  }
}


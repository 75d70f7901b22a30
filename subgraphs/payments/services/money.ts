import type { PrismaClient } from '../../../shared/db/generated/client.js';
import type {
  MinuteChargeResult,
  MoneyPort,
  PurchaseInput,
  PurchaseResult,
  SessionFundsCheck,
  Tx,
} from '../../../shared/money.js';
import type { PubSub } from '../../../shared/pubsub.js';
import type { JobsConfig } from '../../../shared/jobs.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { audit } from '../../../shared/audit.js';
import { AppError, badInput, conflict, internal, notFound } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import {
  MAX_AMOUNT_CENTS,
  PLATFORM_ACCOUNTS,
  assertAmount,
  earningsAccountId,
  ensurePlatformAccounts,
  ensureUserAccounts,
  idempotencyKeyOf,
  moneyTransact,
  lockAccountIds,
  post,
  reasonOf,
  split,
  walletAccountId,
  type TransactionTypeName,
} from './ledger.js';
import { createMoneyOutbox, walletMoved, type MoneyMoved } from './outbox.js';
import { runTick, sweepMoved, tickResults } from './billing-tick.js';
import { notifyMoneyMoved } from './money-notices.js';
import { coveredMinutes, redeemBookingCredit, releaseBookingCredit } from './booking-credits.js';
import type { NotificationsPort } from '../../../shared/ports.js';

/** What subscribers of `walletUpdated` receive (plain JSON: it crosses Redis). */
export interface WalletEvent {
  userId: string;
  balanceCents: number;
  /** The transaction type that changed the balance, or null for a plain refresh. */
  cause: TransactionTypeName | null;
  transactionId: string | null;
  /** Less than `low_balance_minutes` of the session's rate remains. */
  lowBalance: boolean;
}

export const walletTopic = (userId: string) => `walletUpdated:${userId}`;

export interface SessionMinute {
  sessionId: string;
  clientId: string;
  readerId: string;
  minute: number;
  rateCents: number;
}

export interface AdjustBalanceInput {
  userId: string;
  /** Signed: positive credits, negative debits. */
  amountCents: number;
  account: 'WALLET' | 'EARNINGS';
  reason: string;
  idempotencyKey: string;
}

/** Payments' implementation of the MoneyPort plus what only payments itself uses. */
export interface PaymentsMoney extends MoneyPort {
  /** Community's notifications port, for payments' notices in its own transactions (absent: none are written). */
  readonly notifications?: NotificationsPort;
  adjustBalance(
    input: AdjustBalanceInput,
    ctx: Pick<Context, 'viewer' | 'ip' | 'userAgent'>,
  ): Promise<{ transactionId: string; balanceCents: number; replayed: boolean }>;
  publish(events: WalletEvent[]): Promise<void>;
  /** Resolves once a transaction that will call `moved` may be opened (the outbox's queue schema is installed). */
  ready(): Promise<void>;
  /**
   * The effects of a movement payments' own services made in `tx`: queued on the outbox in `tx` (walletUpdated,
   * then auto-reload or re-arming, after commit by the job runner); without jobs, walletUpdated on `after`.
   */
  moved(tx: Tx, after: AfterCommit, moved: MoneyMoved): Promise<void>;
}

/** A minute a booking credit pays: nothing moves; the credit's minutes still to come count as balance for the warning. */
const coveredMinute = (balanceCents: number, minutesLeft: number, rateCents: number, lowMinutes: number): MinuteChargeResult => ({
  status: 'COVERED',
  balanceCents,
  lowBalance: balanceCents + minutesLeft * rateCents < lowMinutes * rateCents,
});

const minuteKey = (sessionId: string, minute: number) => `session:${sessionId}:minute:${minute}`;

function assertMinute(m: SessionMinute): void {
  if (!m.sessionId || !m.clientId || !m.readerId) throw badInput('sessionId, clientId and readerId are required.');
  if (!Number.isSafeInteger(m.minute) || m.minute < 1) throw badInput('minute must be a whole number from 1.', { field: 'minute' });
  assertAmount(m.rateCents, 'rateCents');
}

/**
 * Payments' money over `prisma`. With `jobs` (every service process and the local federation), each movement
 * queues its effects (walletUpdated; auto-reload for a debit, re-arming for a credit) on payments' outbox job in
 * its own transaction — the caller's when it passes `tx` — and payments' job runner carries them out after commit
 * (outbox.ts). Without `jobs` (unit tests, benchmarks) there is no auto-reload, a movement in its own transaction
 * is announced right after its commit, and one made in a caller's transaction is not announced.
 */
export function createMoney(prisma: PrismaClient, pubsub: PubSub, jobs?: JobsConfig | null, notifications?: NotificationsPort): PaymentsMoney {
  const outbox = jobs ? createMoneyOutbox(jobs) : null;
  /**
   * A movement's own transaction (or the caller's `tx`), opened only once the outbox's queue schema is installed: on
   * the embedded database a transaction holds its one session, so installing meanwhile would wait for it forever.
   */
  const transaction = async <T>(tx: Tx | undefined, fn: (t: Tx, after: AfterCommit | null) => Promise<T>): Promise<T> => {
    if (tx) return fn(tx, null);
    await outbox?.ready();
    return moneyTransact({ prisma, pubsub }, fn);
  };
  /**
   * A movement's effects: payments' outbox job, queued in its transaction; without jobs, walletUpdated once its own
   * transaction committed (`after`), and nothing for one made in a caller's transaction.
   */
  async function announce(t: Tx, after: AfterCommit | null, m: MoneyMoved): Promise<void> {
    await notifyMoneyMoved(notifications, t, m);
    if (outbox) return outbox.queue(t, m);
    const low = new Set(m.low);
    m.users.forEach((userId, i) =>
      after?.publish(walletTopic(userId), { userId, balanceCents: m.balances[i]!, cause: m.cause, transactionId: m.transactionIds[i] ?? null, lowBalance: low.has(userId) } satisfies WalletEvent),
    );
  }
  let platformReady: Promise<void> | null = null;
  const platform = () => (platformReady ??= ensurePlatformAccounts(prisma).catch((e) => ((platformReady = null), Promise.reject(e))));
  const balanceOf = async (userId: string, tx?: Tx): Promise<number> => Number((await (tx ?? prisma).ledgerAccount.findUnique({ where: { id: walletAccountId(userId) }, select: { balanceCents: true } }))?.balanceCents ?? 0n);
  async function balancesOf(userIds: string[], tx?: Tx): Promise<Map<string, number>> {
    const rows = await (tx ?? prisma).ledgerAccount.findMany({ where: { id: { in: userIds.map(walletAccountId) } }, select: { id: true, balanceCents: true } });
    const by = new Map(rows.map((r) => [r.id, Number(r.balanceCents)]));
    return new Map(userIds.map((u) => [u, by.get(walletAccountId(u)) ?? 0]));
  }

  async function publish(events: WalletEvent[]): Promise<void> {
    await Promise.all(events.map((e) => pubsub.publish(walletTopic(e.userId), e)));
  }

  const money: PaymentsMoney = {
    notifications,
    balanceOf,
    balancesOf,
    publish,

    ready: async () => {
      await outbox?.ready();
    },

    moved: announce,

    async checkSessionFunds(clientId, rateCents, tx, opts): Promise<SessionFundsCheck> {
      assertAmount(rateCents, 'rateCents');
      const db = tx ?? prisma;
      const [balanceCents, minBalance, prepaidMinutes] = await Promise.all([
        balanceOf(clientId, tx),
        getIntSetting(db, 'session_min_balance_cents'),
        opts?.sessionId ? coveredMinutes(db, opts.sessionId) : 0,
      ]);
      // A session whose first minute a booking credit pays starts without a balance (minutes after it are charged).
      const requiredCents = prepaidMinutes > 0 ? 0 : Math.max(minBalance, rateCents);
      return { ok: balanceCents >= requiredCents, balanceCents, requiredCents, prepaidMinutes };
    },

    redeemBookingCredit: (tx, input) => redeemBookingCredit(tx, input),
    releaseBookingCredit: (tx, sessionId) => releaseBookingCredit(tx, sessionId),

    async chargeSessionMinute(input, tx): Promise<MinuteChargeResult> {
      assertMinute(input);
      if (!tx) await platform();
      return transaction(tx, async (t, after) => {
        if (tx) await ensurePlatformAccounts(t);
        await ensureUserAccounts(t, { wallets: [input.clientId], earnings: [input.readerId] });
        const [bps, lowMinutes] = [await getIntSetting(t, 'reader_share_bps'), await getIntSetting(t, 'low_balance_minutes')];
        const covered = await coveredMinutes(t, input.sessionId);
        if (input.minute <= covered) return coveredMinute(await balanceOf(input.clientId, t), covered - input.minute, input.rateCents, lowMinutes);
        const shares = split(input.rateCents, bps);
        const wallet = walletAccountId(input.clientId);
        try {
          const posted = await post(t, {
            idempotencyKey: minuteKey(input.sessionId, input.minute),
            type: 'SESSION_CHARGE',
            amountCents: input.rateCents,
            userId: input.clientId,
            readerId: input.readerId,
            readerEarningsCents: shares.reader,
            platformRevenueCents: shares.platform,
            sessionId: input.sessionId,
            sessionMinute: input.minute,
            description: `Session minute ${input.minute}`,
            entries: [
              { accountId: wallet, amountCents: -input.rateCents },
              { accountId: earningsAccountId(input.readerId), amountCents: shares.reader },
              { accountId: PLATFORM_ACCOUNTS.revenue.id, amountCents: shares.platform },
            ],
          });
          const balanceCents = posted.balances.get(wallet)!;
          const charged = {
            status: posted.replayed ? ('ALREADY_CHARGED' as const) : ('CHARGED' as const),
            transactionId: posted.transactionId,
            balanceCents,
            lowBalance: balanceCents < lowMinutes * input.rateCents,
          };
          if (!posted.replayed) {
            await announce(t, after, walletMoved({ userId: input.clientId, cause: 'SESSION_CHARGE', ...charged }, 'DEBIT'));
          }
          return charged;
        } catch (error) {
          if (error instanceof AppError && error.code === 'INSUFFICIENT_FUNDS') {
            return { status: 'INSUFFICIENT_FUNDS' as const, balanceCents: Number((error.extensions as { balanceCents?: number }).balanceCents ?? 0) };
          }
          throw error;
        }
      });
    },

    async chargeSessionMinutes(inputs) {
      if (!inputs.length) return [];
      inputs.forEach(assertMinute);
      await platform();
      const [bps, lowMinutes] = await Promise.all([getIntSetting(prisma, 'reader_share_bps'), getIntSetting(prisma, 'low_balance_minutes')]);
      // A (session, minute) repeated in the input is sent once; its repeats report the first one's outcome.
      const firstIndex = new Map<string, number>();
      const unique: SessionMinute[] = [];
      const uniqueOf = inputs.map((i) => {
        const k = `${i.sessionId}\u0000${i.minute}`;
        let u = firstIndex.get(k);
        if (u === undefined) {
          u = unique.length;
          firstIndex.set(k, u);
          unique.push(i);
        }
        return u;
      });
      const clients = unique.map((i) => i.clientId);
      const readers = unique.map((i) => i.readerId);
      // The statement reads the balances it needs under these locks (each wallet's, charged or not). On a steady tick
      // every account exists and the lock finds them all; otherwise nothing is charged, the missing accounts are
      // created (and committed) outside the charging transaction, so its locks stay short, and it runs once more.
      const accountIds = [...new Set([...clients.map(walletAccountId), ...readers.map(earningsAccountId), PLATFORM_ACCOUNTS.revenue.id])];
      const tick = () =>
        transaction(undefined, async (t, after) => {
          if ((await lockAccountIds(t, accountIds)) !== accountIds.length) return null;
          const out = await runTick(t, unique, bps);
          // One outbox job for the whole call, carrying every client charged now.
          await announce(t, after, sweepMoved(out, unique, lowMinutes));
          return out;
        });
      let out = await tick();
      if (!out) {
        await ensureUserAccounts(prisma, { wallets: clients, earnings: readers });
        out = await tick();
        if (!out) throw internal('The accounts of a session charge could not be created.');
      }
      return tickResults(inputs, uniqueOf, out, lowMinutes, coveredMinute);
    },

    async purchase(input: PurchaseInput, tx): Promise<PurchaseResult> {
      assertAmount(input.amountCents);
      if (!input.idempotencyKey) throw badInput('idempotencyKey is required.', { field: 'idempotencyKey' });
      if (input.readerId && input.readerId === input.clientId) throw badInput('A reader cannot pay themselves.');
      if (!tx) await platform();
      return transaction(tx, async (t, after) => {
        if (tx) await ensurePlatformAccounts(t);
        await ensureUserAccounts(t, { wallets: [input.clientId], earnings: input.readerId ? [input.readerId] : [] });
        const bps = input.readerId ? await getIntSetting(t, 'reader_share_bps') : 0;
        const shares = split(input.amountCents, bps);
        const wallet = walletAccountId(input.clientId);
        const posted = await post(t, {
          idempotencyKey: `purchase:${input.idempotencyKey}`,
          type: input.type,
          amountCents: input.amountCents,
          userId: input.clientId,
          readerId: input.readerId,
          readerEarningsCents: shares.reader,
          platformRevenueCents: shares.platform,
          giftId: input.giftId ?? null,
          description: input.description,
          metadata: input.metadata,
          entries: [
            { accountId: wallet, amountCents: -input.amountCents },
            ...(input.readerId ? [{ accountId: earningsAccountId(input.readerId), amountCents: shares.reader }] : []),
            { accountId: PLATFORM_ACCOUNTS.revenue.id, amountCents: shares.platform },
          ],
        });
        if (posted.replayed) {
          const first = await t.transaction.findUniqueOrThrow({ where: { id: posted.transactionId } });
          if (first.userId !== input.clientId || first.amountCents !== input.amountCents || first.type !== input.type) {
            throw conflict('This idempotency key was already used for a different payment.');
          }
          return {
            transactionId: first.id,
            balanceCents: posted.balances.get(wallet)!,
            readerShareCents: first.readerEarningsCents ?? 0,
            platformShareCents: first.platformRevenueCents ?? first.amountCents,
            replayed: true,
          };
        }
        const balanceCents = posted.balances.get(wallet)!;
        await announce(t, after, walletMoved({ userId: input.clientId, balanceCents, cause: input.type, transactionId: posted.transactionId, lowBalance: false }, 'DEBIT'));
        return {
          transactionId: posted.transactionId,
          balanceCents,
          readerShareCents: shares.reader,
          platformShareCents: shares.platform,
          replayed: false,
        };
      });
    },

    async adjustBalance(input, ctx) {
      if (!Number.isSafeInteger(input.amountCents) || input.amountCents === 0 || Math.abs(input.amountCents) > MAX_AMOUNT_CENTS) {
        throw badInput(`amountCents must be a non-zero whole number of cents of at most ${MAX_AMOUNT_CENTS} either way.`, { field: 'amountCents' });
      }
      const reason = reasonOf(input.reason);
      const key = idempotencyKeyOf(input.idempotencyKey);
      await platform();
      const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true } });
      if (!user) throw notFound('User');
      const accountId = input.account === 'WALLET' ? walletAccountId(input.userId) : earningsAccountId(input.userId);
      return transaction(undefined, async (t, after) => {
        await ensureUserAccounts(t, input.account === 'WALLET' ? { wallets: [input.userId] } : { earnings: [input.userId] });
        const posted = await post(t, {
          idempotencyKey: `adjustment:${key}`,
          type: 'ADJUSTMENT',
          amountCents: Math.abs(input.amountCents),
          userId: input.userId,
          actorId: ctx.viewer?.id ?? null,
          reason,
          description: input.amountCents > 0 ? 'Manual credit' : 'Manual debit',
          metadata: { account: input.account, signedAmountCents: input.amountCents },
          entries: [
            { accountId, amountCents: input.amountCents },
            { accountId: PLATFORM_ACCOUNTS.adjustments.id, amountCents: -input.amountCents },
          ],
        });
        if (posted.replayed) {
          const first = await t.transaction.findUniqueOrThrow({ where: { id: posted.transactionId } });
          const signed = (first.metadata as { signedAmountCents?: number } | null)?.signedAmountCents;
          if (first.userId !== input.userId || signed !== input.amountCents) {
            throw conflict('This idempotency key was already used for a different adjustment.');
          }
        } else {
          if (input.account === 'WALLET') {
            const event = { userId: input.userId, balanceCents: posted.balances.get(accountId)!, cause: 'ADJUSTMENT' as const, transactionId: posted.transactionId, lowBalance: false };
            await announce(t, after, walletMoved(event, input.amountCents < 0 ? 'DEBIT' : 'CREDIT'));
          }
          await audit(t, ctx, {
            action: 'payments:adjust',
            entityType: 'Transaction',
            entityId: posted.transactionId,
            changes: { userId: input.userId, account: input.account, amountCents: input.amountCents, reason },
          });
        }
        return { transactionId: posted.transactionId, balanceCents: posted.balances.get(accountId)!, replayed: posted.replayed };
      });
    },
  };
  return money;
}

import { transact, type AfterCommit } from '../../../shared/after-commit.js';
import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { badInput, insufficientFunds, internal } from '../../../shared/errors.js';

/**
 * The double-entry ledger. Every movement of money is one `transactions` row plus entries that sum to zero
 * (a deferred trigger checks it at commit); the cached `ledger_accounts.balance_cents` is updated in the same
 * database transaction and a CHECK keeps non-clearing accounts at or above zero.
 *
 * Account ids equal their codes ("wallet:<userId>", "earnings:<userId>", "platform:revenue"…) so set-based SQL
 * can address them without a lookup.
 */
export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient | Tx;

export const PLATFORM_ACCOUNTS = {
  revenue: { id: 'platform:revenue', kind: 'PLATFORM_REVENUE', allowNegative: false },
  stripeClearing: { id: 'stripe:clearing', kind: 'STRIPE_CLEARING', allowNegative: true },
  payoutsClearing: { id: 'payouts:clearing', kind: 'PAYOUTS_CLEARING', allowNegative: true },
  refunds: { id: 'platform:refunds', kind: 'REFUNDS', allowNegative: true },
  adjustments: { id: 'platform:adjustments', kind: 'ADJUSTMENTS', allowNegative: true },
} as const;

export const walletAccountId = (userId: string) => `wallet:${userId}`;
export const earningsAccountId = (userId: string) => `earnings:${userId}`;

/** Largest amount one operation may move: $1,000,000 (also keeps every product of cents × bps exact). */
export const MAX_AMOUNT_CENTS = 100_000_000;

export type TransactionTypeName = 'ADD_FUNDS' | 'SESSION_CHARGE' | 'REFUND' | 'PAYOUT' | 'PURCHASE' | 'GIFT_PURCHASE' | 'ADJUSTMENT';

/** floor(amount × bps / 10000) to the reader, the remainder to the platform: nothing lost to rounding. */
export function split(amountCents: number, readerShareBps: number): { reader: number; platform: number } {
  const reader = Math.floor((amountCents * readerShareBps) / 10_000);
  return { reader, platform: amountCents - reader };
}

/** A client-chosen idempotency key, trimmed: 8 to 200 characters. */
export function idempotencyKeyOf(raw: string | null | undefined): string {
  const key = raw?.trim() ?? '';
  if (key.length < 8 || key.length > 200) throw badInput('idempotencyKey must be 8 to 200 characters.', { field: 'idempotencyKey' });
  return key;
}

/** The reason an admin gives for moving money, trimmed: 3 to 500 characters. */
export function reasonOf(raw: string | null | undefined): string {
  const reason = raw?.trim() ?? '';
  if (reason.length < 3 || reason.length > 500) throw badInput('A reason of 3 to 500 characters is required.', { field: 'reason' });
  return reason;
}

export function assertAmount(amountCents: number, field = 'amountCents'): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw badInput(`${field} must be a positive whole number of cents.`, { field });
  }
  if (amountCents > MAX_AMOUNT_CENTS) {
    throw badInput(`${field} must be at most ${MAX_AMOUNT_CENTS} cents.`, { field });
  }
}

/** Creates the platform accounts once (idempotent). */
export async function ensurePlatformAccounts(db: Db): Promise<void> {
  const rows = Object.values(PLATFORM_ACCOUNTS);
  await db.$executeRawUnsafe(
    `INSERT INTO ledger_accounts (id, code, kind, allow_negative, updated_at)
     SELECT a.id, a.id, a.kind::"LedgerAccountKind", a.neg, now()
       FROM unnest($1::text[], $2::text[], $3::boolean[]) AS a(id, kind, neg)
     ON CONFLICT DO NOTHING`,
    rows.map((r) => r.id),
    rows.map((r) => r.kind),
    rows.map((r) => r.allowNegative),
  );
}

/** Creates wallets (account + wallets row) and reader earnings accounts for these users, once. */
export async function ensureUserAccounts(db: Db, users: { wallets?: string[]; earnings?: string[] }): Promise<void> {
  const wallets = [...new Set(users.wallets ?? [])];
  const earnings = [...new Set(users.earnings ?? [])];
  if (wallets.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO ledger_accounts (id, code, kind, user_id, allow_negative, updated_at)
       SELECT 'wallet:' || u, 'wallet:' || u, 'CLIENT_WALLET', u, false, now() FROM unnest($1::text[]) AS u
       ON CONFLICT DO NOTHING`,
      wallets,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO wallets (id, user_id, account_id, updated_at)
       SELECT 'wallet:' || u, u, 'wallet:' || u, now() FROM unnest($1::text[]) AS u
       ON CONFLICT DO NOTHING`,
      wallets,
    );
  }
  if (earnings.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO ledger_accounts (id, code, kind, user_id, allow_negative, updated_at)
       SELECT 'earnings:' || u, 'earnings:' || u, 'READER_EARNINGS', u, false, now() FROM unnest($1::text[]) AS u
       ON CONFLICT DO NOTHING`,
      earnings,
    );
  }
}

export interface Posting {
  idempotencyKey: string;
  type: TransactionTypeName;
  status?: 'PENDING' | 'COMPLETED' | 'FAILED' | 'REFUNDED' | 'CANCELLED';
  amountCents: number;
  userId?: string | null;
  readerId?: string | null;
  readerEarningsCents?: number | null;
  platformRevenueCents?: number | null;
  sessionId?: string | null;
  sessionMinute?: number | null;
  stripePaymentIntentId?: string | null;
  stripeEventId?: string | null;
  stripeTransferId?: string | null;
  orderId?: string | null;
  giftId?: string | null;
  payoutId?: string | null;
  reversesId?: string | null;
  actorId?: string | null;
  reason?: string | null;
  description?: string | null;
  metadata?: Prisma.InputJsonValue;
  /** Signed amounts per account (positive raises the balance); they must sum to zero. */
  entries: Array<{ accountId: string; amountCents: number }>;
}

export interface Posted {
  transactionId: string;
  /** True when the idempotency key had been used: nothing moved now. */
  replayed: boolean;
  /** Balance of every account the posting touches, after it. */
  balances: Map<string, number>;
}

export interface AccountRow {
  id: string;
  balance: bigint;
  allow_negative: boolean;
}

/** Locks accounts in id order (one global order, so concurrent postings cannot deadlock). */
export async function lockAccounts(tx: Tx, ids: string[]): Promise<Map<string, AccountRow>> {
  const rows = await tx.$queryRawUnsafe<AccountRow[]>(
    `SELECT id, balance_cents AS balance, allow_negative FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`,
    [...new Set(ids)],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Locks accounts as lockAccounts does (FOR NO KEY UPDATE, in id order) without sending their rows back: for the
 * set-based billing tick, whose statement reads the balances itself. Returns how many it locked.
 */
export async function lockAccountIds(tx: Tx, ids: string[]): Promise<number> {
  const [{ n }] = (await tx.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE) locked`,
    [...new Set(ids)],
  )) as [{ n: number }];
  return n;
}

/**
 * Posts one balanced transaction inside `tx`: locks the accounts, returns the first result when the key was used
 * before, refuses (INSUFFICIENT_FUNDS, before writing anything) a posting that would take a non-negative account
 * below zero, then writes the transaction, its entries and the cached balances.
 */
export async function post(tx: Tx, p: Posting): Promise<Posted> {
  const deltas = new Map<string, number>();
  for (const e of p.entries) {
    if (!Number.isSafeInteger(e.amountCents)) throw internal('Ledger entry amounts must be whole cents.');
    deltas.set(e.accountId, (deltas.get(e.accountId) ?? 0) + e.amountCents);
  }
  const total = p.entries.reduce((s, e) => s + e.amountCents, 0);
  if (total !== 0) throw internal(`Ledger posting ${p.idempotencyKey} is unbalanced by ${total}.`);

  const accounts = await lockAccounts(tx, [...deltas.keys()]);
  for (const id of deltas.keys()) {
    if (!accounts.has(id)) throw internal(`Ledger account ${id} does not exist.`);
  }
  const existing = await tx.transaction.findUnique({ where: { idempotencyKey: p.idempotencyKey }, select: { id: true } });
  if (existing) {
    return { transactionId: existing.id, replayed: true, balances: new Map([...accounts].map(([id, a]) => [id, Number(a.balance)])) };
  }
  const balances = new Map<string, number>();
  for (const [id, delta] of deltas) {
    const a = accounts.get(id)!;
    const after = Number(a.balance) + delta;
    if (after < 0 && !a.allow_negative) {
      throw insufficientFunds('The balance is too low for this.', {
        account: id.split(':')[0],
        balanceCents: Number(a.balance),
        requiredCents: -delta,
      });
    }
    balances.set(id, after);
  }
  const created = await tx.transaction.create({
    data: {
      idempotencyKey: p.idempotencyKey,
      type: p.type,
      status: p.status ?? 'COMPLETED',
      amountCents: p.amountCents,
      userId: p.userId ?? null,
      readerId: p.readerId ?? null,
      readerEarningsCents: p.readerEarningsCents ?? null,
      platformRevenueCents: p.platformRevenueCents ?? null,
      sessionId: p.sessionId ?? null,
      sessionMinute: p.sessionMinute ?? null,
      stripePaymentIntentId: p.stripePaymentIntentId ?? null,
      stripeEventId: p.stripeEventId ?? null,
      stripeTransferId: p.stripeTransferId ?? null,
      orderId: p.orderId ?? null,
      giftId: p.giftId ?? null,
      payoutId: p.payoutId ?? null,
      reversesId: p.reversesId ?? null,
      actorId: p.actorId ?? null,
      reason: p.reason ?? null,
      description: p.description ?? null,
      metadata: p.metadata,
    },
    select: { id: true },
  });
  const entries = p.entries.filter((e) => e.amountCents !== 0);
  await tx.$executeRawUnsafe(
    `INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
     SELECT gen_random_uuid()::text, $1, e.account_id, e.amount FROM unnest($2::text[], $3::bigint[]) AS e(account_id, amount)`,
    created.id,
    entries.map((e) => e.accountId),
    entries.map((e) => String(e.amountCents)),
  );
  const changed = [...deltas].filter(([, d]) => d !== 0);
  await tx.$executeRawUnsafe(
    `UPDATE ledger_accounts a SET balance_cents = a.balance_cents + d.delta, updated_at = now()
       FROM unnest($1::text[], $2::bigint[]) AS d(id, delta) WHERE a.id = d.id`,
    changed.map(([id]) => id),
    changed.map(([, d]) => String(d)),
  );
  return { transactionId: created.id, replayed: false, balances };
}

/** Postgres errors worth one more try: serialization failure, deadlock, a unique key taken by a racing twin. */
export function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } }; cause?: { code?: string } };
  const codes = [e?.code, e?.meta?.code, e?.cause?.code, e?.meta?.driverAdapterError?.cause?.originalCode];
  return codes.some((c) => c === '40001' || c === '40P01' || c === 'P2002' || c === 'P2034' || c === '23505');
}

/**
 * A fresh money transaction: `transact` (shared/after-commit.ts, the one after-commit unit of work) with money's
 * pool waits, retried as a whole (with fresh after-commit effects) on serialization failures, deadlocks and key races.
 */
export async function moneyTransact<T>(db: { prisma: PrismaClient; pubsub: PubSub }, fn: (tx: Tx, after: AfterCommit) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await transact(db, { service: 'payments', maxWait: 10_000, timeout: 30_000 }, fn);
    } catch (error) {
      if (i >= attempts || !isRetryable(error)) throw error;
    }
  }
}

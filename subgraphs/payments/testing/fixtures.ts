import { randomBytes } from 'node:crypto';
import { backgroundContext, type Context, type Viewer } from '../../../shared/context.js';
import type { PrismaClient } from '../../../shared/db/generated/client.js';
import type { PubSub } from '../../../shared/pubsub.js';
import type { PaymentsDeps } from '../deps.js';

/** Test data for payments tests: each test makes its own rows (ids are random), so tests can run side by side. */
export const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export async function createUser(prisma: PrismaClient, role: 'CLIENT' | 'READER' | 'ADMIN' = 'CLIENT'): Promise<string> {
  const id = rid(role.toLowerCase());
  await prisma.user.create({ data: { id, email: `${id}@test.soulseer.dev`, role } });
  return id;
}

/**
 * A context for calling payments' services directly: as `viewer` (a signed-in user, as the gateway would have
 * verified), or with no viewer as jobs and webhooks do.
 */
export function paymentsContext(rt: { prisma: PrismaClient; pubsub: PubSub }, payments: PaymentsDeps, viewer: Viewer | null = null): Context {
  return { ...backgroundContext(rt, { payments }, `test:${rid('req')}`), viewer };
}

/** An in-progress session row (readings owns sessions; payments tests only need the row for the foreign key). */
export async function createSession(prisma: PrismaClient, clientId: string, readerId: string, rateCents = 199): Promise<string> {
  const id = rid('session');
  await prisma.session.create({ data: { id, clientId, readerId, type: 'CHAT', status: 'IN_PROGRESS', rateCents, startedAt: new Date() } });
  return id;
}

export interface LedgerCheck {
  unbalancedTransactions: number;
  balanceMismatches: number;
  negativeBalances: number;
  splitMismatches: number;
  duplicateStripeEvents: number;
  /** Entries whose transaction or account is missing (the database checks these references per statement). */
  danglingEntries: number;
}

/** The ledger invariants, straight from SQL (never through the code under test). */
export async function checkLedger(sql: <T>(text: string) => Promise<T[]>): Promise<LedgerCheck> {
  const [row] = await sql<Record<keyof LedgerCheck, string>>(`
    SELECT
      (SELECT count(*) FROM (SELECT t.id FROM transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
          WHERE t.status = 'COMPLETED' OR e.id IS NOT NULL
          GROUP BY t.id HAVING COALESCE(sum(e.amount_cents), 0) <> 0) x) AS "unbalancedTransactions",
      (SELECT count(*) FROM ledger_accounts a
          WHERE a.balance_cents <> COALESCE((SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.account_id = a.id), 0)) AS "balanceMismatches",
      (SELECT count(*) FROM ledger_accounts WHERE balance_cents < 0 AND NOT allow_negative) AS "negativeBalances",
      (SELECT count(*) FROM transactions WHERE (type IN ('SESSION_CHARGE', 'PURCHASE', 'GIFT_PURCHASE') OR (type = 'REFUND' AND session_id IS NOT NULL))
          AND COALESCE(reader_earnings_cents, 0) + COALESCE(platform_revenue_cents, 0) <> amount_cents) AS "splitMismatches",
      (SELECT count(*) FROM (SELECT stripe_event_id FROM transactions WHERE stripe_event_id IS NOT NULL
          GROUP BY stripe_event_id HAVING count(*) > 1) y) AS "duplicateStripeEvents",
      (SELECT count(*) FROM ledger_entries e WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.id = e.transaction_id)
          OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = e.account_id)) AS "danglingEntries"`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as unknown as LedgerCheck;
}

export const CLEAN: LedgerCheck = { unbalancedTransactions: 0, balanceMismatches: 0, negativeBalances: 0, splitMismatches: 0, duplicateStripeEvents: 0, danglingEntries: 0 };

import type { Context } from '../../../shared/context.js';
import type { PrismaClient } from '../../../shared/db/generated/client.js';
import { authorize, canAuditLedger, canViewEarnings, moneyOwnerFor } from '../authz.js';

export interface ReaderEarnings {
  readerId: string;
  todayCents: number;
  weekCents: number;
  monthCents: number;
  lifetimeCents: number;
  availableCents: number;
  pendingPayoutCents: number;
  paidOutCents: number;
  giftsCents: number;
  giftsCount: number;
}

/** The viewer's earnings as a reader (admins: any reader's, with readerId). */
export async function readerEarnings(ctx: Context, input: { readerId?: string | null }): Promise<ReaderEarnings> {
  authorize(ctx.viewer, canViewEarnings);
  return earningsOf(ctx.prisma, moneyOwnerFor(ctx.viewer, input.readerId));
}

/**
 * A reader's earnings: shares of charges, paid replies and gifts net of refunds, by UTC day, ISO week (from
 * Monday) and calendar month; available = the earnings account's balance.
 */
export async function earningsOf(prisma: PrismaClient, readerId: string, now = new Date()): Promise<ReaderEarnings> {
  const [row] = await prisma.$queryRawUnsafe<Array<Record<string, bigint | null>>>(
    `WITH e AS (
       SELECT created_at, type,
              CASE WHEN type = 'REFUND' THEN -COALESCE(reader_earnings_cents, 0) ELSE COALESCE(reader_earnings_cents, 0) END AS cents
         FROM transactions
        WHERE reader_id = $1 AND type IN ('SESSION_CHARGE', 'PURCHASE', 'GIFT_PURCHASE', 'REFUND') AND status IN ('COMPLETED', 'REFUNDED')
     )
     SELECT COALESCE(sum(cents) FILTER (WHERE created_at >= date_trunc('day', $2::timestamp)), 0)::bigint AS today,
            COALESCE(sum(cents) FILTER (WHERE created_at >= date_trunc('week', $2::timestamp)), 0)::bigint AS week,
            COALESCE(sum(cents) FILTER (WHERE created_at >= date_trunc('month', $2::timestamp)), 0)::bigint AS month,
            COALESCE(sum(cents), 0)::bigint AS lifetime,
            COALESCE(sum(cents) FILTER (WHERE type = 'GIFT_PURCHASE'), 0)::bigint AS gifts,
            count(*) FILTER (WHERE type = 'GIFT_PURCHASE')::bigint AS gifts_count,
            (SELECT COALESCE(balance_cents, 0) FROM ledger_accounts WHERE id = 'earnings:' || $1)::bigint AS available,
            (SELECT COALESCE(sum(p.amount_cents - (SELECT COALESCE(sum(r.amount_cents), 0) FROM transactions r WHERE r.payout_id = p.id AND r.reverses_id IS NOT NULL)), 0)
               FROM payouts p WHERE p.reader_id = $1 AND p.status = 'COMPLETED')::bigint AS paid_out,
            (SELECT COALESCE(sum(amount_cents), 0) FROM payouts WHERE reader_id = $1 AND status IN ('PENDING', 'PROCESSING'))::bigint AS pending
       FROM e`,
    readerId,
    now.toISOString().replace('T', ' ').replace('Z', ''),
  );
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    readerId,
    todayCents: n('today'),
    weekCents: n('week'),
    monthCents: n('month'),
    lifetimeCents: n('lifetime'),
    availableCents: n('available'),
    pendingPayoutCents: n('pending'),
    paidOutCents: n('paid_out'),
    giftsCents: n('gifts'),
    giftsCount: n('gifts_count'),
  };
}

export interface ReconciliationCheck {
  /** Stable name of the check. */
  check: string;
  description: string;
  differences: number;
  /** Up to 10 ids of offending rows. */
  sample: string[];
}

export interface ReconciliationReport {
  ok: boolean;
  generatedAt: Date;
  checks: ReconciliationCheck[];
  totals: { walletsCents: number; earningsCents: number; platformRevenueCents: number; stripeClearingCents: number; payoutsClearingCents: number; refundsCents: number; adjustmentsCents: number };
}

const CHECKS: Array<{ check: string; description: string; sql: string }> = [
  {
    check: 'unbalanced_transactions',
    description: 'Transactions whose entries do not sum to zero.',
    sql: `SELECT transaction_id AS id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0`,
  },
  {
    check: 'completed_without_entries',
    description: 'Completed money movements with no ledger entries.',
    sql: `SELECT t.id FROM transactions t WHERE t.status = 'COMPLETED' AND t.amount_cents > 0
            AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)`,
  },
  {
    check: 'balance_mismatch',
    description: 'Accounts whose cached balance differs from the sum of their entries.',
    sql: `SELECT a.id FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount_cents) AS s FROM ledger_entries GROUP BY account_id) e
            ON e.account_id = a.id WHERE a.balance_cents <> COALESCE(e.s, 0)`,
  },
  {
    check: 'negative_balance',
    description: 'Wallets or earnings below zero.',
    sql: `SELECT id FROM ledger_accounts WHERE balance_cents < 0 AND NOT allow_negative`,
  },
  {
    check: 'split_mismatch',
    description: 'Charges, purchases and session or order refunds whose reader and platform shares do not add up to the amount.',
    sql: `SELECT id FROM transactions WHERE (type IN ('SESSION_CHARGE', 'PURCHASE', 'GIFT_PURCHASE') OR (type = 'REFUND' AND (session_id IS NOT NULL OR order_id IS NOT NULL)))
            AND COALESCE(reader_earnings_cents, 0) + COALESCE(platform_revenue_cents, 0) <> amount_cents`,
  },
  {
    check: 'stripe_event_applied_twice',
    description: 'Stripe events or payment intents credited more than once.',
    sql: `SELECT stripe_payment_intent_id AS id FROM transactions WHERE type = 'ADD_FUNDS' AND stripe_payment_intent_id IS NOT NULL
            GROUP BY stripe_payment_intent_id HAVING count(*) > 1`,
  },
  {
    check: 'credit_without_event',
    description: 'Wallet credits from Stripe with no recorded, verified event.',
    sql: `SELECT t.id FROM transactions t LEFT JOIN stripe_events s ON s.id = t.stripe_event_id
           WHERE t.type = 'ADD_FUNDS' AND (s.id IS NULL OR s.type <> 'payment_intent.succeeded')`,
  },
  {
    check: 'succeeded_event_not_credited',
    description: 'Processed payment_intent.succeeded events for a known top-up with no wallet credit.',
    sql: `SELECT s.id FROM stripe_events s WHERE s.type = 'payment_intent.succeeded' AND s.status = 'PROCESSED'
            AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.stripe_event_id = s.id)`,
  },
  {
    check: 'top_up_status_mismatch',
    description: 'Top-ups marked succeeded without a credit, or credited without being marked succeeded.',
    sql: `SELECT u.id FROM top_ups u LEFT JOIN transactions t ON t.type = 'ADD_FUNDS' AND t.stripe_payment_intent_id = u.stripe_payment_intent_id
           WHERE (u.status = 'SUCCEEDED') <> (t.id IS NOT NULL)`,
  },
  {
    check: 'payout_ledger_mismatch',
    description:
      'Payouts whose ledger movement does not match their status (completed or processing: moved once, less any part of the transfer Stripe reversed; failed: moved and restored).',
    sql: `SELECT p.id FROM payouts p
           WHERE (SELECT COALESCE(sum(e.amount_cents), 0) FROM transactions t JOIN ledger_entries e ON e.transaction_id = t.id
                   WHERE t.payout_id = p.id AND e.account_id = 'payouts:clearing')
                 <> CASE WHEN p.status = 'FAILED' THEN 0
                         ELSE p.amount_cents - (SELECT COALESCE(sum(r.amount_cents), 0) FROM transactions r WHERE r.payout_id = p.id AND r.reverses_id IS NOT NULL) END`,
  },
  {
    check: 'stuck_payouts',
    description: 'Payouts still processing after an hour (the transfer outcome was never recorded).',
    sql: `SELECT id FROM payouts WHERE status IN ('PENDING', 'PROCESSING') AND created_at < now() - interval '1 hour'`,
  },
  {
    check: 'over_refunded_sessions',
    description: 'Sessions refunded for more than they were charged.',
    sql: `SELECT session_id AS id FROM transactions WHERE session_id IS NOT NULL GROUP BY session_id
          HAVING COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0) > COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0)`,
  },
  {
    check: 'wallet_refund_ledger_mismatch',
    description: 'Refunds of wallet balance to a card whose wallet movement does not match their status (processing or succeeded: debited once; failed: debited and restored).',
    sql: `SELECT p.id FROM wallet_refund_parts p JOIN wallet_refunds r ON r.id = p.wallet_refund_id
           WHERE (SELECT COALESCE(sum(e.amount_cents), 0) FROM ledger_entries e
                   WHERE e.transaction_id IN (p.transaction_id, p.restore_transaction_id) AND e.account_id = 'wallet:' || r.user_id)
                 <> CASE WHEN p.status = 'FAILED' THEN 0 ELSE -p.amount_cents END
              OR (p.status = 'FAILED') <> (p.restore_transaction_id IS NOT NULL)`,
  },
  {
    check: 'wallet_refund_amount_mismatch',
    description: 'Refunds of wallet balance whose parts do not add up to the amount requested.',
    sql: `SELECT r.id FROM wallet_refunds r LEFT JOIN wallet_refund_parts p ON p.wallet_refund_id = r.id
           GROUP BY r.id, r.amount_cents HAVING COALESCE(sum(p.amount_cents), 0) <> r.amount_cents`,
  },
  {
    check: 'over_refunded_top_ups',
    description: 'Top-ups refunded to the card for more than was paid, or refunded without having been credited.',
    sql: `SELECT u.id FROM top_ups u JOIN wallet_refund_parts p ON p.top_up_id = u.id AND p.status <> 'FAILED'
           GROUP BY u.id, u.amount_cents, u.status HAVING sum(p.amount_cents) > u.amount_cents OR u.status <> 'SUCCEEDED'`,
  },
  {
    check: 'refund_without_source',
    description: 'Refund transactions that belong to no session, shop order or refund of wallet balance.',
    sql: `SELECT t.id FROM transactions t WHERE t.type = 'REFUND' AND t.session_id IS NULL AND t.order_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM wallet_refund_parts p WHERE p.transaction_id = t.id OR p.restore_transaction_id = t.id)`,
  },
  {
    check: 'order_payment_mismatch',
    description: 'Shop orders marked paid without exactly one payment of their total in the ledger, or paid in the ledger without being marked paid.',
    sql: `SELECT o.id FROM orders o LEFT JOIN (SELECT order_id, count(*) AS n, sum(amount_cents) AS total FROM transactions
                 WHERE type = 'PURCHASE' AND order_id IS NOT NULL GROUP BY order_id) t ON t.order_id = o.id
           WHERE (o.paid_at IS NOT NULL) <> (t.order_id IS NOT NULL) OR t.n > 1 OR t.total <> o.total_amount_cents`,
  },
  {
    check: 'order_refund_mismatch',
    description: 'Shop orders whose refunded amount differs from their refunds in the ledger, exceeds what was paid, or is not the whole of a refunded or cancelled paid order.',
    sql: `SELECT o.id FROM orders o
           WHERE o.refunded_cents <> COALESCE((SELECT sum(t.amount_cents) FROM transactions t WHERE t.order_id = o.id AND t.type = 'REFUND'), 0)
              OR o.refunded_cents > o.total_amount_cents
              OR (o.paid_at IS NOT NULL AND o.status IN ('REFUNDED', 'CANCELLED') AND o.refunded_cents <> o.total_amount_cents)`,
  },
  {
    check: 'card_refund_ledger_mismatch',
    description:
      "Card refunds of shop orders that do not match the ledger: a refund to the card with no tracked Stripe refund, a tracked refund whose order REFUND differs from it, or a failed one not credited to the buyer's wallet exactly once (or a credit for one not failed).",
    sql: `SELECT c.id FROM order_card_refunds c
            LEFT JOIN transactions t ON t.id = c.transaction_id
            LEFT JOIN transactions w ON w.id = c.wallet_credit_transaction_id
           WHERE (c.transaction_id IS NOT NULL AND (t.type <> 'REFUND' OR t.order_id IS DISTINCT FROM c.order_id OR t.amount_cents <> c.amount_cents))
              OR (c.status = 'FAILED') <> (c.wallet_credit_transaction_id IS NOT NULL)
              OR (w.id IS NOT NULL AND (w.type <> 'ADJUSTMENT' OR w.amount_cents <> c.amount_cents OR w.order_id IS DISTINCT FROM c.order_id))
          UNION ALL
          SELECT t.id FROM transactions t
           WHERE t.type = 'REFUND' AND t.order_id IS NOT NULL AND t.metadata->>'to' = 'CARD'
             AND NOT EXISTS (SELECT 1 FROM order_card_refunds c WHERE c.transaction_id = t.id)`,
  },
  {
    check: 'over_refunded_card_payments',
    description: "Shop orders whose card refunds not failed add up to more than the order's total.",
    sql: `SELECT c.order_id AS id FROM order_card_refunds c JOIN orders o ON o.id = c.order_id WHERE c.status <> 'FAILED'
           GROUP BY c.order_id, o.total_amount_cents HAVING sum(c.amount_cents) > o.total_amount_cents`,
  },
  {
    check: 'stuck_card_refunds',
    description: 'Card refunds of shop orders not settled a day after they were decided (the job gave up within Stripe\'s idempotency window, or never ran): check them in Stripe.',
    sql: `SELECT id FROM order_card_refunds WHERE status IN ('PENDING', 'PROCESSING') AND created_at < now() - interval '1 day'`,
  },
  {
    check: 'prepaid_minute_charged',
    description: 'Session minutes a redeemed booking credit pays that were also charged to the wallet.',
    sql: `SELECT t.id FROM transactions t JOIN booking_credits c ON c.session_id = t.session_id AND c.status = 'REDEEMED'
           WHERE t.type = 'SESSION_CHARGE' AND t.session_minute <= c.minutes`,
  },
  {
    check: 'booking_credit_order_mismatch',
    description: 'Booking credits usable or redeemed although their order is not paid or was cancelled or refunded in full, or redeemed without a session.',
    sql: `SELECT c.id FROM booking_credits c JOIN orders o ON o.id = c.order_id
           WHERE (c.status IN ('AVAILABLE', 'REDEEMED') AND (o.paid_at IS NULL OR o.status IN ('CANCELLED', 'REFUNDED')))
              OR ((c.status = 'REDEEMED') <> (c.session_id IS NOT NULL))`,
  },
  {
    check: 'stuck_wallet_refunds',
    description: 'Refunds of wallet balance to a card still processing after an hour (the Stripe outcome was never recorded).',
    sql: `SELECT id FROM wallet_refund_parts WHERE status = 'PROCESSING' AND created_at < now() - interval '1 hour'`,
  },
];

/** Admins: the reconciliation report (reconcile) of this database. */
export async function reconciliationReport(ctx: Context): Promise<ReconciliationReport> {
  authorize(ctx.viewer, canAuditLedger);
  return reconcile(ctx.prisma);
}

/**
 * Compares ledger entries, cached balances, transactions, top-ups, payouts, wallet and order card refunds and recorded Stripe
 * events (also `npm run reconcile`, with no viewer).
 */
export async function reconcile(prisma: PrismaClient): Promise<ReconciliationReport> {
  const checks: ReconciliationCheck[] = [];
  for (const c of CHECKS) {
    const rows = await prisma.$queryRawUnsafe<Array<{ id: string | null }>>(c.sql);
    checks.push({ check: c.check, description: c.description, differences: rows.length, sample: rows.slice(0, 10).map((r) => String(r.id)) });
  }
  const sums = await prisma.$queryRawUnsafe<Array<{ kind: string; total: bigint }>>(
    `SELECT kind::text AS kind, COALESCE(sum(balance_cents), 0)::bigint AS total FROM ledger_accounts GROUP BY kind`,
  );
  const total = (kind: string) => Number(sums.find((s) => s.kind === kind)?.total ?? 0n);
  return {
    ok: checks.every((c) => c.differences === 0),
    generatedAt: new Date(),
    checks,
    totals: {
      walletsCents: total('CLIENT_WALLET'),
      earningsCents: total('READER_EARNINGS'),
      platformRevenueCents: total('PLATFORM_REVENUE'),
      stripeClearingCents: total('STRIPE_CLEARING'),
      payoutsClearingCents: total('PAYOUTS_CLEARING'),
      refundsCents: total('REFUNDS'),
      adjustmentsCents: total('ADJUSTMENTS'),
    },
  };
}

import type { Context } from '../../../shared/context.js';
import type { AnalyticsRange } from '../../../shared/analytics-range.js';
import { getIntSetting } from '../../../shared/settings.js';

/**
 * The admin dashboard's money figures, each one set-based SQL over the ledger bounded by the range (at most 366
 * days; indexes: transactions (created_at) and (type, created_at), (user_id, created_at), (reader_id, created_at)).
 * Revenue is what clients paid, by source; refunds are shown apart. Shop sales are PURCHASE transactions tied to
 * an order (order_id) or marked kind ORDER/SHOP: 0 until the marketplace posts them.
 */
export interface RevenueDay {
  day: string;
  minutesCents: number;
  giftsCents: number;
  paidRepliesCents: number;
  streamEntryCents: number;
  shopCents: number;
  refundsCents: number;
  totalCents: number;
  platformCents: number;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

const DAY_MS = 86_400_000;
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY_MS) * DAY_MS);

type RevenueRow = Record<string, bigint | string>;
const toDay = (x: RevenueRow): RevenueDay => ({
  day: String(x.day),
  minutesCents: n(x.minutes as bigint),
  giftsCents: n(x.gifts as bigint),
  paidRepliesCents: n(x.paid_replies as bigint),
  streamEntryCents: n(x.stream_entry as bigint),
  shopCents: n(x.shop as bigint),
  refundsCents: n(x.refunds as bigint),
  totalCents: n(x.total as bigint),
  platformCents: n(x.platform as bigint),
});

/**
 * Revenue per UTC day by source over the range. Whole days come from the `revenue_daily` rollup (kept exact by
 * triggers on transactions, migration 20261130214301_revenue_daily): at most 366 rows by primary key. The partial
 * days at either end of a range that does not start or end at midnight UTC are computed from the ledger
 * (revenueByDayDirect), which is cheap for less than a day each.
 */
export async function revenueByDay(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange): Promise<RevenueDay[]> {
  const wholeFrom = ceilDay(r.from);
  const wholeTo = floorDay(r.to);
  if (wholeFrom.getTime() >= wholeTo.getTime()) return revenueByDayDirect(ctx, r);
  const [head, whole, tail] = await Promise.all([
    r.from.getTime() < wholeFrom.getTime() ? revenueByDayDirect(ctx, { from: r.from, to: wholeFrom }) : [],
    ctx.prisma.$queryRaw<RevenueRow[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, minutes_cents AS minutes, gifts_cents AS gifts,
             paid_replies_cents AS paid_replies, stream_entry_cents AS stream_entry, shop_cents AS shop,
             refunds_cents AS refunds, total_cents AS total, platform_cents AS platform
        FROM revenue_daily
       WHERE day >= ${wholeFrom.toISOString().slice(0, 10)}::date AND day < ${wholeTo.toISOString().slice(0, 10)}::date
         AND (minutes_cents, gifts_cents, paid_replies_cents, stream_entry_cents, shop_cents, refunds_cents, total_cents, platform_cents) <> (0, 0, 0, 0, 0, 0, 0, 0)
       ORDER BY day`.then((rows) => rows.map(toDay)),
    wholeTo.getTime() < r.to.getTime() ? revenueByDayDirect(ctx, { from: wholeTo, to: r.to }) : [],
  ]);
  return [...head, ...whole, ...tail];
}

/** Revenue per UTC day computed from the ledger itself: the partial days of revenueByDay, and its reference in tests. */
export async function revenueByDayDirect(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange): Promise<RevenueDay[]> {
  const rows = await ctx.prisma.$queryRaw<RevenueRow[]>`
    SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0)::bigint AS minutes,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'GIFT_PURCHASE'), 0)::bigint AS gifts,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'PAID_REPLY'), 0)::bigint AS paid_replies,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'STREAM_ENTRY'), 0)::bigint AS stream_entry,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND (order_id IS NOT NULL OR metadata->>'kind' IN ('ORDER', 'SHOP'))), 0)::bigint AS shop,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0)::bigint AS refunds,
           COALESCE(sum(amount_cents) FILTER (WHERE type <> 'REFUND'), 0)::bigint AS total,
           COALESCE(sum(platform_revenue_cents) FILTER (WHERE type <> 'REFUND'), 0)::bigint
             - COALESCE(sum(platform_revenue_cents) FILTER (WHERE type = 'REFUND'), 0)::bigint AS platform
      FROM transactions
     WHERE created_at >= ${r.from} AND created_at < ${r.to}
       AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE', 'REFUND')
       AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1 ORDER BY 1`;
  return rows.map(toDay);
}

/** Readers' earnings not paid out yet: all of it, and the part of readers at or over the payout threshold (due). */
export async function payoutsDue(ctx: Pick<Context, 'prisma'>): Promise<{ readers: number; dueCents: number; unpaidCents: number; thresholdCents: number }> {
  const threshold = await getIntSetting(ctx.prisma, 'payout_threshold_cents');
  const [row] = await ctx.prisma.$queryRaw<Array<{ readers: bigint; due: bigint; unpaid: bigint }>>`
    SELECT count(*) FILTER (WHERE balance_cents >= ${threshold})::bigint AS readers,
           COALESCE(sum(balance_cents) FILTER (WHERE balance_cents >= ${threshold}), 0)::bigint AS due,
           COALESCE(sum(balance_cents), 0)::bigint AS unpaid
      FROM ledger_accounts WHERE kind = 'READER_EARNINGS' AND balance_cents > 0`;
  return { readers: n(row?.readers), dueCents: n(row?.due), unpaidCents: n(row?.unpaid), thresholdCents: threshold };
}

export interface TopReader {
  readerId: string;
  grossCents: number;
  earningsCents: number;
}

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
const ceilMonth = (d: Date) => (monthStart(d).getTime() === d.getTime() ? d : nextMonth(d));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Readers by what clients paid them in the range (minutes, gifts, paid replies, stream entry, shop), best first.
 * The range is cut into at most five pieces, each read from the cheapest exact source: whole calendar months from
 * `reader_revenue_monthly`, the whole days around them from `reader_revenue_daily` (both kept exact by the ledger's
 * triggers, migration analytics_rollups), and the partial days at the ends from the ledger itself. A year reads
 * about 12 rows per reader instead of every charge; the answer equals topReadersDirect's (tests and the bench check).
 */
export async function topReaders(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange, limit: number): Promise<TopReader[]> {
  const wholeFrom = ceilDay(r.from);
  const wholeTo = floorDay(r.to);
  if (wholeFrom.getTime() >= wholeTo.getTime()) return topReadersDirect(ctx, r, limit);
  let monthsFrom = ceilMonth(wholeFrom);
  let monthsTo = monthStart(wholeTo);
  if (monthsFrom.getTime() >= monthsTo.getTime()) monthsFrom = monthsTo = wholeTo; // no whole month: days only
  const rows = await ctx.prisma.$queryRaw<Array<{ reader_id: string; gross: bigint; earnings: bigint }>>`
    SELECT reader_id, sum(gross)::bigint AS gross, sum(earnings)::bigint AS earnings
      FROM (
        SELECT reader_id, amount_cents::bigint AS gross, COALESCE(reader_earnings_cents, 0)::bigint AS earnings, 1 AS n
          FROM transactions
         WHERE ((created_at >= ${r.from} AND created_at < ${wholeFrom}) OR (created_at >= ${wholeTo} AND created_at < ${r.to}))
           AND reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
        UNION ALL
        SELECT reader_id, gross_cents, earnings_cents, transactions FROM reader_revenue_daily
         WHERE (day >= ${isoDay(wholeFrom)}::date AND day < ${isoDay(monthsFrom)}::date)
            OR (day >= ${isoDay(monthsTo)}::date AND day < ${isoDay(wholeTo)}::date)
        UNION ALL
        SELECT reader_id, gross_cents, earnings_cents, transactions FROM reader_revenue_monthly
         WHERE month >= ${isoDay(monthsFrom)}::date AND month < ${isoDay(monthsTo)}::date
      ) parts
     GROUP BY reader_id HAVING sum(n) > 0
     ORDER BY gross DESC, reader_id LIMIT ${limit}`;
  return rows.map((x) => ({ readerId: x.reader_id, grossCents: n(x.gross), earningsCents: n(x.earnings) }));
}

/** topReaders computed from the ledger alone: the partial-day case of topReaders, and its reference in tests and the bench. */
export async function topReadersDirect(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange, limit: number): Promise<TopReader[]> {
  const rows = await ctx.prisma.$queryRaw<Array<{ reader_id: string; gross: bigint; earnings: bigint }>>`
    SELECT reader_id, sum(amount_cents)::bigint AS gross, COALESCE(sum(reader_earnings_cents), 0)::bigint AS earnings
      FROM transactions
     WHERE created_at >= ${r.from} AND created_at < ${r.to} AND reader_id IS NOT NULL
       AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY reader_id ORDER BY gross DESC, reader_id LIMIT ${limit}`;
  return rows.map((x) => ({ readerId: x.reader_id, grossCents: n(x.gross), earningsCents: n(x.earnings) }));
}

/**
 * Clients who signed up in the range, and how many of them paid anything (a top-up or a spend) by its end: one pass
 * over the range's sign-ups (users (role, created_at)) joined to `user_first_payments`, each user's earliest
 * counted payment kept exact by the ledger's triggers. Equal to newClientsDirect (tests and the bench check).
 */
export async function newClients(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange): Promise<{ count: number; purchased: number }> {
  const [row] = await ctx.prisma.$queryRaw<Array<{ count: bigint; purchased: bigint }>>`
    SELECT count(*)::bigint AS count, count(*) FILTER (WHERE f.first_paid_at < ${r.to})::bigint AS purchased
      FROM users u LEFT JOIN user_first_payments f ON f.user_id = u.id
     WHERE u.role = 'CLIENT' AND u.created_at >= ${r.from} AND u.created_at < ${r.to}`;
  return { count: n(row?.count), purchased: n(row?.purchased) };
}

/** newClients computed from the ledger (one EXISTS per sign-up): the reference in tests and the bench. */
export async function newClientsDirect(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange): Promise<{ count: number; purchased: number }> {
  const [row] = await ctx.prisma.$queryRaw<Array<{ count: bigint; purchased: bigint }>>`
    SELECT count(*)::bigint AS count,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM transactions t
              WHERE t.user_id = u.id AND t.created_at < ${r.to} AND t.status IN ('COMPLETED', 'REFUNDED')
                AND t.type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE')))::bigint AS purchased
      FROM users u
     WHERE u.role = 'CLIENT' AND u.created_at >= ${r.from} AND u.created_at < ${r.to}`;
  return { count: n(row?.count), purchased: n(row?.purchased) };
}

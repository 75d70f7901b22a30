-- CreateTable
CREATE TABLE "reader_revenue_daily" (
    "day" DATE NOT NULL,
    "reader_id" TEXT NOT NULL,
    "gross_cents" BIGINT NOT NULL DEFAULT 0,
    "earnings_cents" BIGINT NOT NULL DEFAULT 0,
    "transactions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "reader_revenue_daily_pkey" PRIMARY KEY ("day","reader_id")
);

-- CreateTable
CREATE TABLE "reader_revenue_monthly" (
    "month" DATE NOT NULL,
    "reader_id" TEXT NOT NULL,
    "gross_cents" BIGINT NOT NULL DEFAULT 0,
    "earnings_cents" BIGINT NOT NULL DEFAULT 0,
    "transactions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "reader_revenue_monthly_pkey" PRIMARY KEY ("month","reader_id")
);

-- CreateTable
CREATE TABLE "user_first_payments" (
    "user_id" TEXT NOT NULL,
    "first_paid_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_first_payments_pkey" PRIMARY KEY ("user_id")
);

-- The revenue_daily trigger function now keeps the top-readers rollups (per reader and UTC day, and per month) and
-- each user's first payment as well, in the same statement-level triggers: one function, so every ledger write
-- takes the day's revenue_daily row first and the per-reader rows after it, in the same order (no new lock cycle),
-- inside the writer's own transaction.
CREATE OR REPLACE FUNCTION revenue_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
    INSERT INTO revenue_daily AS r (day, minutes_cents, gifts_cents, paid_replies_cents, stream_entry_cents, shop_cents, refunds_cents, total_cents, platform_cents)
    SELECT created_at::date,
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'GIFT_PURCHASE'), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'PAID_REPLY'), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'STREAM_ENTRY'), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND (order_id IS NOT NULL OR metadata->>'kind' IN ('ORDER', 'SHOP'))), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0),
           -COALESCE(sum(amount_cents) FILTER (WHERE type <> 'REFUND'), 0),
           -(COALESCE(sum(platform_revenue_cents) FILTER (WHERE type <> 'REFUND'), 0) - COALESCE(sum(platform_revenue_cents) FILTER (WHERE type = 'REFUND'), 0))
      FROM old_rows
     WHERE type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE', 'REFUND') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET
      minutes_cents = r.minutes_cents + EXCLUDED.minutes_cents,
      gifts_cents = r.gifts_cents + EXCLUDED.gifts_cents,
      paid_replies_cents = r.paid_replies_cents + EXCLUDED.paid_replies_cents,
      stream_entry_cents = r.stream_entry_cents + EXCLUDED.stream_entry_cents,
      shop_cents = r.shop_cents + EXCLUDED.shop_cents,
      refunds_cents = r.refunds_cents + EXCLUDED.refunds_cents,
      total_cents = r.total_cents + EXCLUDED.total_cents,
      platform_cents = r.platform_cents + EXCLUDED.platform_cents;
    INSERT INTO reader_revenue_daily AS r (day, reader_id, gross_cents, earnings_cents, transactions)
    SELECT created_at::date, reader_id, -sum(amount_cents), -COALESCE(sum(reader_earnings_cents), 0), -count(*)
      FROM old_rows
     WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, reader_id) DO UPDATE SET
      gross_cents = r.gross_cents + EXCLUDED.gross_cents, earnings_cents = r.earnings_cents + EXCLUDED.earnings_cents,
      transactions = r.transactions + EXCLUDED.transactions;
    INSERT INTO reader_revenue_monthly AS r (month, reader_id, gross_cents, earnings_cents, transactions)
    SELECT date_trunc('month', created_at)::date, reader_id, -sum(amount_cents), -COALESCE(sum(reader_earnings_cents), 0), -count(*)
      FROM old_rows
     WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, reader_id) DO UPDATE SET
      gross_cents = r.gross_cents + EXCLUDED.gross_cents, earnings_cents = r.earnings_cents + EXCLUDED.earnings_cents,
      transactions = r.transactions + EXCLUDED.transactions;
    -- A user whose earliest counted payment may have gone (deleted, or no longer COMPLETED/REFUNDED): lock their row,
    -- then recompute it from the ledger in a new statement (a fresh snapshot that sees writers committed meanwhile).
    PERFORM 1 FROM user_first_payments f
      WHERE f.user_id IN (SELECT o.user_id FROM old_rows o WHERE o.user_id IS NOT NULL AND o.type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND o.status IN ('COMPLETED', 'REFUNDED') AND o.created_at <= f.first_paid_at)
      ORDER BY f.user_id FOR UPDATE;
    WITH touched AS (
      SELECT DISTINCT o.user_id FROM old_rows o JOIN user_first_payments f ON f.user_id = o.user_id
       WHERE o.user_id IS NOT NULL AND o.type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND o.status IN ('COMPLETED', 'REFUNDED') AND o.created_at <= f.first_paid_at
    ), recomputed AS (
      SELECT t.user_id, (SELECT min(x.created_at) FROM transactions x WHERE x.user_id = t.user_id
                           AND x.type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND x.status IN ('COMPLETED', 'REFUNDED')) AS first_paid_at
        FROM touched t
    ), gone AS (
      DELETE FROM user_first_payments f USING recomputed r WHERE f.user_id = r.user_id AND r.first_paid_at IS NULL
    )
    UPDATE user_first_payments f SET first_paid_at = r.first_paid_at
      FROM recomputed r WHERE f.user_id = r.user_id AND r.first_paid_at IS NOT NULL;
  END IF;
  IF TG_OP = 'UPDATE' OR TG_OP = 'INSERT' THEN
    INSERT INTO revenue_daily AS r (day, minutes_cents, gifts_cents, paid_replies_cents, stream_entry_cents, shop_cents, refunds_cents, total_cents, platform_cents)
    SELECT created_at::date,
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'SESSION_CHARGE'), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'GIFT_PURCHASE'), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'PAID_REPLY'), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND metadata->>'kind' = 'STREAM_ENTRY'), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'PURCHASE' AND (order_id IS NOT NULL OR metadata->>'kind' IN ('ORDER', 'SHOP'))), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0),
           COALESCE(sum(amount_cents) FILTER (WHERE type <> 'REFUND'), 0),
           (COALESCE(sum(platform_revenue_cents) FILTER (WHERE type <> 'REFUND'), 0) - COALESCE(sum(platform_revenue_cents) FILTER (WHERE type = 'REFUND'), 0))
      FROM new_rows
     WHERE type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE', 'REFUND') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET
      minutes_cents = r.minutes_cents + EXCLUDED.minutes_cents,
      gifts_cents = r.gifts_cents + EXCLUDED.gifts_cents,
      paid_replies_cents = r.paid_replies_cents + EXCLUDED.paid_replies_cents,
      stream_entry_cents = r.stream_entry_cents + EXCLUDED.stream_entry_cents,
      shop_cents = r.shop_cents + EXCLUDED.shop_cents,
      refunds_cents = r.refunds_cents + EXCLUDED.refunds_cents,
      total_cents = r.total_cents + EXCLUDED.total_cents,
      platform_cents = r.platform_cents + EXCLUDED.platform_cents;
    INSERT INTO reader_revenue_daily AS r (day, reader_id, gross_cents, earnings_cents, transactions)
    SELECT created_at::date, reader_id, sum(amount_cents), COALESCE(sum(reader_earnings_cents), 0), count(*)
      FROM new_rows
     WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, reader_id) DO UPDATE SET
      gross_cents = r.gross_cents + EXCLUDED.gross_cents, earnings_cents = r.earnings_cents + EXCLUDED.earnings_cents,
      transactions = r.transactions + EXCLUDED.transactions;
    INSERT INTO reader_revenue_monthly AS r (month, reader_id, gross_cents, earnings_cents, transactions)
    SELECT date_trunc('month', created_at)::date, reader_id, sum(amount_cents), COALESCE(sum(reader_earnings_cents), 0), count(*)
      FROM new_rows
     WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, reader_id) DO UPDATE SET
      gross_cents = r.gross_cents + EXCLUDED.gross_cents, earnings_cents = r.earnings_cents + EXCLUDED.earnings_cents,
      transactions = r.transactions + EXCLUDED.transactions;
    INSERT INTO user_first_payments AS f (user_id, first_paid_at)
    SELECT user_id, min(created_at) FROM new_rows
     WHERE user_id IS NOT NULL AND type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
     GROUP BY 1 ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET first_paid_at = EXCLUDED.first_paid_at
      WHERE EXCLUDED.first_paid_at < f.first_paid_at; -- a later payment leaves the row unwritten
  END IF;
  RETURN NULL;
END
$fn$;

-- Backfill from the ledger as it is.
INSERT INTO reader_revenue_daily (day, reader_id, gross_cents, earnings_cents, transactions)
SELECT created_at::date, reader_id, sum(amount_cents), COALESCE(sum(reader_earnings_cents), 0), count(*)
  FROM transactions
 WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
 GROUP BY 1, 2;
INSERT INTO reader_revenue_monthly (month, reader_id, gross_cents, earnings_cents, transactions)
SELECT date_trunc('month', created_at)::date, reader_id, sum(amount_cents), COALESCE(sum(reader_earnings_cents), 0), count(*)
  FROM transactions
 WHERE reader_id IS NOT NULL AND type IN ('SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
 GROUP BY 1, 2;
INSERT INTO user_first_payments (user_id, first_paid_at)
SELECT user_id, min(created_at) FROM transactions WHERE user_id IS NOT NULL AND type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED') GROUP BY 1;

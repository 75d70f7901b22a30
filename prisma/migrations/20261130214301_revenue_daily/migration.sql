-- CreateTable
CREATE TABLE "revenue_daily" (
    "day" DATE NOT NULL,
    "minutes_cents" BIGINT NOT NULL DEFAULT 0,
    "gifts_cents" BIGINT NOT NULL DEFAULT 0,
    "paid_replies_cents" BIGINT NOT NULL DEFAULT 0,
    "stream_entry_cents" BIGINT NOT NULL DEFAULT 0,
    "shop_cents" BIGINT NOT NULL DEFAULT 0,
    "refunds_cents" BIGINT NOT NULL DEFAULT 0,
    "total_cents" BIGINT NOT NULL DEFAULT 0,
    "platform_cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "revenue_daily_pkey" PRIMARY KEY ("day")
);

-- The rollup is kept exact by statement-level triggers: each statement that writes transactions adds its new rows'
-- sums per day and subtracts its old rows' (transition tables), inside the writer's own transaction.
CREATE FUNCTION revenue_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER revenue_daily_insert AFTER INSERT ON transactions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION revenue_daily_apply();
CREATE TRIGGER revenue_daily_update AFTER UPDATE ON transactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION revenue_daily_apply();
CREATE TRIGGER revenue_daily_delete AFTER DELETE ON transactions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION revenue_daily_apply();

-- Backfill from the ledger as it is.
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
      FROM transactions
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

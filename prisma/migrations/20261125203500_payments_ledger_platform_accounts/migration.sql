-- Payments: the platform's ledger accounts exist from the start (ids equal their codes), and ledger_accounts
-- leaves room in each page so the per-minute balance updates stay HOT (no index churn on the hottest table).
INSERT INTO "ledger_accounts" ("id", "code", "kind", "allow_negative", "updated_at") VALUES
  ('platform:revenue', 'platform:revenue', 'PLATFORM_REVENUE', false, CURRENT_TIMESTAMP),
  ('stripe:clearing', 'stripe:clearing', 'STRIPE_CLEARING', true, CURRENT_TIMESTAMP),
  ('payouts:clearing', 'payouts:clearing', 'PAYOUTS_CLEARING', true, CURRENT_TIMESTAMP),
  ('platform:refunds', 'platform:refunds', 'REFUNDS', true, CURRENT_TIMESTAMP),
  ('platform:adjustments', 'platform:adjustments', 'ADJUSTMENTS', true, CURRENT_TIMESTAMP)
ON CONFLICT DO NOTHING;

ALTER TABLE "ledger_accounts" SET (fillfactor = 70);

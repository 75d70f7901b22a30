import type { PrismaClient, Prisma } from './db/generated/client.js';

/** Business settings (PRODUCT.md "setting" values) with their defaults; admins override them in system_settings. */
export const SETTING_DEFAULTS = {
  reader_share_bps: 7000,
  payout_threshold_cents: 1500,
  min_topup_cents: 500,
  session_min_balance_cents: 500,
  session_request_ttl_seconds: 60,
  session_grace_seconds: 120,
  low_balance_minutes: 2,
  gift_max_cents: 50_000,
  gift_daily_cap_cents: 100_000,
  review_window_days: 30,
  /** 1: the daily automatic payout run (payments' cron, 03:00 UTC) pays every reader over payout_threshold_cents; 0: off. */
  auto_payouts_enabled: 0,
  /** Email and push of one batch (a follower × a reader's "favourite online") go out at most once per this many minutes. */
  notification_batch_window_minutes: 60,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Reads an integer setting (falls back to the default when unset or not an integer). */
export async function getIntSetting(db: PrismaClient | Prisma.TransactionClient, key: SettingKey): Promise<number> {
  const row = await db.systemSetting.findUnique({ where: { key } });
  const parsed = row ? Number.parseInt(row.value, 10) : Number.NaN;
  return Number.isSafeInteger(parsed) ? parsed : SETTING_DEFAULTS[key];
}

import type { PrismaClient, Prisma } from './db/generated/client.js';
import { badInput } from './errors.js';

export type SettingType = 'INTEGER' | 'BOOLEAN';

export interface SettingSpec {
  type: SettingType;
  description: string;
  /** Allowed range, inclusive (BOOLEAN: 0 and 1). */
  min: number;
  max: number;
  default: number;
}

const int = (description: string, min: number, max: number, value: number): SettingSpec => ({ type: 'INTEGER', description, min, max, default: value });
const bool = (description: string, value: 0 | 1): SettingSpec => ({ type: 'BOOLEAN', description, min: 0, max: 1, default: value });

/**
 * Business settings (PRODUCT.md "setting" values): type, meaning, allowed range and default. Admins override them
 * in system_settings (updateSystemSetting); every read goes to the table, so a change applies to the next read in
 * every process, without a restart or a cache to invalidate.
 */
export const SETTING_SPECS = {
  reader_share_bps: int('The reader\'s share of sessions, gifts and paid replies, in basis points (7000 = 70%); the platform keeps the rest. Applies to charges made after the change.', 0, 10_000, 7000),
  payout_threshold_cents: int('Smallest payout to a reader, in cents.', 100, 1_000_000, 1500),
  min_topup_cents: int('Smallest wallet top-up, in cents.', 100, 100_000, 500),
  session_min_balance_cents: int('Wallet balance a client needs to start a paid session, in cents.', 0, 100_000, 500),
  session_request_ttl_seconds: int('How long a reader has to accept a session request, in seconds.', 15, 600, 60),
  session_grace_seconds: int('How long a session waits for a dropped participant to come back, in seconds.', 0, 900, 120),
  low_balance_minutes: int('Minutes of balance left at which the client is warned during a session.', 0, 60, 2),
  gift_max_cents: int('Most a single gift may cost, in cents.', 100, 1_000_000, 50_000),
  gift_daily_cap_cents: int('Most a client may spend on gifts per day, in cents.', 100, 10_000_000, 100_000),
  review_window_days: int('Days after a session during which its client may review it.', 1, 365, 30),
  auto_payouts_enabled: bool('1: the daily automatic payout run (payments\' cron, 03:00 UTC) pays every reader over payout_threshold_cents; 0: off.', 0),
  notification_batch_window_minutes: int('A follower gets at most one email or push of a favourite reader coming online per this many minutes (in-app notices are never batched).', 1, 1440, 60),
  booking_credit_valid_days: int('Days a booking credit (a reading bought as a shop service) can be redeemed after it is issued; applies to credits issued after the change.', 1, 3650, 365),
  support_refund_limit_cents: int('Most cents one refund or manual adjustment by a SUPPORT admin may move (finance and super-admins: no cap).', 0, 10_000_000, 5_000),
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTING_SPECS;
export const SETTING_KEYS = Object.keys(SETTING_SPECS) as SettingKey[];

/** Every setting's default. */
export const SETTING_DEFAULTS = Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_SPECS[k].default])) as { readonly [K in SettingKey]: number };

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTING_SPECS, key);

/** A stored value, or null when it is not a valid value of the setting (then the default applies). */
export function storedSettingValue(key: SettingKey, raw: string | null | undefined): number | null {
  if (raw == null || !/^-?\d{1,15}$/.test(raw.trim())) return null;
  const n = Number.parseInt(raw, 10);
  const spec: SettingSpec = SETTING_SPECS[key];
  return Number.isSafeInteger(n) && n >= spec.min && n <= spec.max ? n : null;
}

/**
 * Parses an admin's new value against the setting's type and range: BAD_USER_INPUT otherwise. INTEGER takes an
 * integer in decimal; BOOLEAN takes true/false or 1/0.
 */
export function parseSettingValue(key: SettingKey, raw: string): number {
  const spec: SettingSpec = SETTING_SPECS[key];
  const text = raw.trim().toLowerCase();
  let n: number;
  if (spec.type === 'BOOLEAN') {
    if (!['true', 'false', '1', '0'].includes(text)) throw badInput(`${key} is a BOOLEAN: true or false.`, { field: 'value', type: spec.type });
    n = text === 'true' || text === '1' ? 1 : 0;
  } else {
    if (!/^-?\d{1,15}$/.test(text)) throw badInput(`${key} is an INTEGER (whole number).`, { field: 'value', type: spec.type });
    n = Number.parseInt(text, 10);
  }
  if (n < spec.min || n > spec.max) {
    throw badInput(`${key} must be between ${spec.min} and ${spec.max}.`, { field: 'value', min: spec.min, max: spec.max });
  }
  return n;
}

/** Reads an integer setting fresh from the table (the default when unset or not a valid value). */
export async function getIntSetting(db: PrismaClient | Prisma.TransactionClient, key: SettingKey): Promise<number> {
  const row = await db.systemSetting.findUnique({ where: { key } });
  return storedSettingValue(key, row?.value) ?? SETTING_DEFAULTS[key];
}

import type { Db } from './ledger.js';

/**
 * Re-arms auto-reload for each of these wallets that a reload disarmed and whose balance is back at its threshold
 * (after a credit: a top-up, a refund, a manual credit). Idempotent.
 */
export async function rearmAutoReload(db: Db, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await db.$executeRawUnsafe(
    `UPDATE wallets w SET auto_reload_armed = true, updated_at = now() FROM ledger_accounts a
      WHERE a.id = w.account_id AND w.user_id = ANY($1::text[]) AND NOT w.auto_reload_armed
        AND a.balance_cents >= COALESCE(w.auto_reload_threshold_cents, 0)`,
    [...new Set(userIds)],
  );
}

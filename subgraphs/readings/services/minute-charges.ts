import type { Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { moneyOf } from '../deps.js';
import { connectedSeconds, MINUTE, type Tx } from './session-store.js';
import { walletCostCents } from './session-credits.js';

export interface ChargeDueResult {
  session: Session;
  /** The next minute could not be paid (the caller ends the session). */
  insufficient: boolean;
  /** Minutes charged now. */
  charged: number;
  /** The client's balance after the last charge; null when nothing was due. */
  balanceCents: number | null;
}

/**
 * Charges every minute of one session that has started (minute n starts after (n-1) connected minutes), each
 * exactly once: the ledger is unique per (session, minute) and billed_minutes moves in the same transaction. Minutes a
 * booking credit prepaid come back COVERED from payments (nothing charged) and count as billed.
 * Transitions (join, leave, end), chat and the sweep's end of unpaid sessions call it under the session lock; the
 * billing sweep charges running sessions set-based (billing-sweep.ts).
 */
export async function chargeDueMinutes(ctx: Pick<Context, 'deps'>, tx: Tx, s: Session, now: Date): Promise<ChargeDueResult> {
  const due = Math.floor(connectedSeconds(s, now) / MINUTE) + 1;
  let billed = s.billedMinutes;
  let balance: number | null = null;
  let insufficient = false;
  if (due > billed) {
    const money = moneyOf(ctx);
    while (billed < due) {
      const minute = billed + 1;
      const r = await money.chargeSessionMinute({ sessionId: s.id, clientId: s.clientId, readerId: s.readerId, minute, rateCents: s.rateCents }, tx);
      balance = r.balanceCents;
      if (r.status === 'INSUFFICIENT_FUNDS') {
        insufficient = true;
        break;
      }
      billed = minute;
    }
  }
  const charged = billed - s.billedMinutes;
  const session = charged ? await tx.session.update({ where: { id: s.id }, data: { billedMinutes: billed, totalCostCents: walletCostCents(s, billed) } }) : s;
  return { session, insufficient, charged, balanceCents: balance };
}

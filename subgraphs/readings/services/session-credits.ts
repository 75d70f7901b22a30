import type { Session } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { moneyOf } from '../deps.js';
import type { Tx } from './session-store.js';

/**
 * Booking credits on sessions (docs/payments.md "Booking credits"; payments owns the credits, readings its
 * sessions). A client pays a session with a credit bought in the shop by naming it (`bookingCreditId`) or by asking
 * for one to be applied (`useBookingCredit`) when requesting or booking: the credit is redeemed through the MoneyPort
 * in the transaction that creates the session, and the session records its prepaid minutes. Those are the first
 * minutes of the session and payments never charges them to the wallet; after them, billing is per minute as usual.
 * A session that ends before it started gives the credit back; once it started, the credit is spent.
 */

export interface CreditChoice {
  /** The credit to use (the client's, for this reader and session type). */
  bookingCreditId?: string | null;
  /** Without an id: apply the client's available credit with this reader and type that expires first, if any. */
  useBookingCredit?: boolean | null;
}

export const wantsCredit = (c: CreditChoice): boolean => Boolean(c.bookingCreditId || c.useBookingCredit);

/** Redeems the chosen credit for the just-created session `s` in `tx`; the session as updated (unchanged without one). */
export async function applyBookingCredit(ctx: Pick<Context, 'deps'>, tx: Tx, s: Session, choice: CreditChoice): Promise<Session> {
  if (!wantsCredit(choice)) return s;
  const r = await moneyOf(ctx).redeemBookingCredit(tx, {
    clientId: s.clientId,
    readerId: s.readerId,
    sessionId: s.id,
    sessionType: s.type,
    creditId: choice.bookingCreditId ?? null,
  });
  if (!r) return s;
  return tx.session.update({ where: { id: s.id }, data: { prepaidMinutes: r.minutes, bookingCreditId: r.creditId } });
}

/**
 * The columns to write when `s` ends: a session that never started gives its credit back (payments makes it
 * AVAILABLE again) and no longer shows it; a started one keeps it (spent).
 */
export async function releaseUnusedCredit(ctx: Pick<Context, 'deps'>, tx: Tx, s: Session): Promise<{ prepaidMinutes?: number; bookingCreditId?: null }> {
  if (!s.bookingCreditId || s.startedAt) return {};
  await moneyOf(ctx).releaseBookingCredit(tx, s.id);
  return { prepaidMinutes: 0, bookingCreditId: null };
}

/** What the client paid from the wallet for `billed` minutes: the prepaid ones are not charged. */
export const walletCostCents = (s: Pick<Session, 'prepaidMinutes' | 'rateCents'>, billed: number): number => Math.max(0, billed - s.prepaidMinutes) * s.rateCents;

/** Prepaid minutes not reached yet (they count as balance for the low-balance warning). */
export const prepaidMinutesLeft = (s: Pick<Session, 'prepaidMinutes' | 'billedMinutes'>): number => Math.max(0, s.prepaidMinutes - s.billedMinutes);

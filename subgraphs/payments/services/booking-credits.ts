import type { BookingCreditRedemption, RedeemBookingCreditInput } from '../../../shared/money.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { getIntSetting } from '../../../shared/settings.js';
import type { Tx } from './ledger.js';

/**
 * Booking credits: a paid SERVICE order item sold by a reader (with serviceSessionType and serviceMinutes set on
 * the product) entitles its buyer to one reading with that reader per unit. They are issued in the transaction
 * that marks the order PAID (wallet orders in placeOrder, card orders in the verified webhook), once per (item,
 * unit) whatever replays, valid for `booking_credit_valid_days`, and voided (REFUNDED) in the transaction that
 * cancels or fully refunds the order while still AVAILABLE (a redeemed one refuses that: voidBookingCredits).
 *
 * Redemption (docs/payments.md "Booking credits"): readings calls `redeemBookingCredit` through the MoneyPort in
 * the transaction that creates the session (requestSession, bookSession); the credit becomes REDEEMED for that
 * session, and its minutes are the session's first ones, never charged to the wallet (`coveredMinutes`, read by
 * chargeSessionMinute, the billing tick's SQL and checkSessionFunds). A session that ends before it started gives
 * the credit back (`releaseBookingCredit`); once a session started the credit is spent, whatever it lasted.
 */
export async function issueBookingCredits(tx: Tx, orderId: string): Promise<number> {
  const items = await tx.orderItem.findMany({
    where: { orderId, readerId: { not: null }, product: { type: 'SERVICE', serviceMinutes: { not: null }, serviceSessionType: { not: null } } },
    select: { id: true, quantity: true, readerId: true, order: { select: { clientId: true } }, product: { select: { serviceMinutes: true, serviceSessionType: true } } },
  });
  if (!items.length) return 0;
  const days = await getIntSetting(tx, 'booking_credit_valid_days');
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const rows = items.flatMap((i) =>
    Array.from({ length: i.quantity }, (_, u) => ({
      orderId,
      orderItemId: i.id,
      unit: u + 1,
      clientId: i.order.clientId,
      readerId: i.readerId!,
      sessionType: i.product.serviceSessionType!,
      minutes: i.product.serviceMinutes!,
      expiresAt,
    })),
  );
  const { count } = await tx.bookingCredit.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/**
 * The order is being cancelled or fully refunded: its credits not used yet become void (REFUNDED). The order's
 * credits are locked first (a redemption racing with this waits, then finds the credit void); one already
 * REDEEMED refuses the whole refund (CONFLICT, reason BOOKING_CREDIT_REDEEMED): the reading is booked or given,
 * and the reader's share of it was paid at the sale. Returns how many it voided.
 */
export async function voidBookingCredits(tx: Tx, orderId: string): Promise<number> {
  const locked = await tx.$queryRaw<Array<{ id: string; status: string }>>`
    SELECT id, status::text AS status FROM booking_credits WHERE order_id = ${orderId} ORDER BY id FOR UPDATE`;
  const redeemed = locked.filter((c) => c.status === 'REDEEMED');
  if (redeemed.length) {
    throw conflict('A booking credit of this order was already redeemed for a session: cancel that booking first, or refund a part of the order.', {
      reason: 'BOOKING_CREDIT_REDEEMED',
      bookingCreditIds: redeemed.map((c) => c.id),
    });
  }
  if (!locked.some((c) => c.status === 'AVAILABLE')) return 0;
  const { count } = await tx.bookingCredit.updateMany({ where: { orderId, status: 'AVAILABLE' }, data: { status: 'REFUNDED', voidedAt: new Date() } });
  return count;
}

interface CreditRow {
  id: string;
  clientId: string;
  readerId: string;
  sessionType: string;
  minutes: number;
  status: string;
  sessionId: string | null;
  expiresAt: Date;
}

const lockCredit = async (tx: Tx, id: string): Promise<CreditRow | undefined> =>
  (
    await tx.$queryRaw<CreditRow[]>`
      SELECT id, client_id AS "clientId", reader_id AS "readerId", session_type::text AS "sessionType", minutes,
             status::text AS status, session_id AS "sessionId", expires_at AS "expiresAt"
        FROM booking_credits WHERE id = ${id} FOR UPDATE`
  )[0];

/**
 * Redeems a credit for a new session in the caller's transaction (readings' session creation), under the credit's
 * row lock, so of two sessions racing for one credit exactly one gets it (the other waits, then finds it REDEEMED).
 * With `creditId`: that credit, or a coded error (another buyer's: NOT_FOUND, as for an unknown id; another reader or
 * session type: BAD_USER_INPUT; void, redeemed or expired: CONFLICT with a reason). Without: the buyer's available
 * credit with that reader and type that expires first, or null when there is none. The same session again returns
 * its credit (idempotent).
 */
export async function redeemBookingCredit(tx: Tx, input: RedeemBookingCreditInput, now = new Date()): Promise<BookingCreditRedemption | null> {
  const mine = await tx.bookingCredit.findUnique({ where: { sessionId: input.sessionId }, select: { id: true, minutes: true, status: true } });
  if (mine?.status === 'REDEEMED') return { creditId: mine.id, minutes: mine.minutes };
  let id = input.creditId ?? null;
  if (!id) {
    const [pick] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM booking_credits
       WHERE client_id = ${input.clientId} AND reader_id = ${input.readerId} AND session_type::text = ${input.sessionType}
         AND status = 'AVAILABLE' AND expires_at > ${now}
       ORDER BY expires_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!pick) return null;
    id = pick.id;
  }
  const c = await lockCredit(tx, id);
  // Another buyer's credit is answered as an unknown one: its existence is not the caller's business.
  if (!c || c.clientId !== input.clientId) throw notFound('Booking credit', { bookingCreditId: id });
  if (c.status !== 'AVAILABLE') {
    throw conflict(`This booking credit is ${c.status.toLowerCase()}.`, { reason: 'BOOKING_CREDIT_NOT_AVAILABLE', status: c.status });
  }
  if (c.expiresAt <= now) throw conflict('This booking credit has expired.', { reason: 'BOOKING_CREDIT_EXPIRED', expiresAt: c.expiresAt.toISOString() });
  if (c.readerId !== input.readerId) {
    throw badInput('This booking credit is for a reading with another reader.', { field: 'bookingCreditId', reason: 'BOOKING_CREDIT_OTHER_READER' });
  }
  if (c.sessionType !== input.sessionType) {
    throw badInput(`This booking credit is for a ${c.sessionType.toLowerCase()} reading.`, { field: 'bookingCreditId', reason: 'BOOKING_CREDIT_OTHER_TYPE', sessionType: c.sessionType });
  }
  await tx.bookingCredit.update({ where: { id: c.id }, data: { status: 'REDEEMED', sessionId: input.sessionId, redeemedAt: now } });
  return { creditId: c.id, minutes: c.minutes };
}

/**
 * The session a credit was redeemed for ended before it started (cancelled, declined, expired, no-show): the credit
 * is AVAILABLE again, or EXPIRED if its time ran out meanwhile. Readings calls it only for sessions that never
 * started (no minute was covered). Returns whether a credit was given back.
 */
export async function releaseBookingCredit(tx: Tx, sessionId: string, now = new Date()): Promise<boolean> {
  const c = await tx.bookingCredit.findUnique({ where: { sessionId }, select: { id: true, status: true } });
  if (!c || c.status !== 'REDEEMED') return false;
  const locked = await lockCredit(tx, c.id);
  if (!locked || locked.status !== 'REDEEMED' || locked.sessionId !== sessionId) return false;
  const expired = locked.expiresAt <= now;
  await tx.bookingCredit.update({
    where: { id: c.id },
    data: { status: expired ? 'EXPIRED' : 'AVAILABLE', voidedAt: expired ? now : null, sessionId: null, redeemedAt: null },
  });
  return true;
}

/** Minutes of `sessionId` a redeemed credit pays (0 without one): minutes 1..n are never charged to the wallet. */
export async function coveredMinutes(db: Pick<Tx, 'bookingCredit'>, sessionId: string): Promise<number> {
  const c = await db.bookingCredit.findUnique({ where: { sessionId }, select: { minutes: true, status: true } });
  return c?.status === 'REDEEMED' ? c.minutes : 0;
}

/** The expiry job (hourly, and at start): available credits past their time become EXPIRED. Returns how many. */
export async function expireBookingCredits(db: Pick<Tx, 'bookingCredit'>, now = new Date()): Promise<number> {
  const { count } = await db.bookingCredit.updateMany({ where: { status: 'AVAILABLE', expiresAt: { lte: now } }, data: { status: 'EXPIRED', voidedAt: now } });
  return count;
}

import { beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  BookSessionDocument,
  BookingCreditsDocument,
  CancelOrderDocument,
  CancelSessionDocument,
  DeclineSessionDocument,
  EndSessionDocument,
  JoinSessionDocument,
  RefundOrderDocument,
  RequestSessionDocument,
  SessionDocument,
  SetAvailabilityDocument,
} from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import type { ReadingsServer } from '../../subgraphs/readings/server.js';
import { billingSweep, billSession } from '../../subgraphs/readings/services/billing-sweep.js';
import { expireBookingCredits } from '../../subgraphs/payments/services/booking-credits.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { balanceOf, order, product, uid } from './shop-fixtures.js';
import { ledgerMinutes, timeTravel } from './readings-fixtures.js';

// Redeeming booking credits (docs/payments.md "Booking credits"): a credit bought in the shop pays the first minutes
// of one session with its reader, through the gateway; the reconciliation after the file (useStripeFederation) must
// be clean with those prepaid minutes.

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
beforeAll(() => {
  ({ fed, seed, admin } = stack);
});

const RATE = 200;
const reasonOf = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.reason;

/** An online reader selling a CHAT reading of `minutes` minutes, and a buyer holding one credit for it. */
async function creditFor(opts: { minutes?: number; walletAfter?: number; reader?: TestUser; type?: 'CHAT' | 'CALL' } = {}) {
  const reader = opts.reader ?? (await seed.reader().online().withRates({ CHAT: RATE, CALL: RATE }).create());
  const service = await product(fed, reader, { type: 'SERVICE', category: 'Readings', serviceSessionType: opts.type ?? 'CHAT', serviceMinutes: opts.minutes ?? 5, priceCents: 900 });
  const buyer = await seed.client().withCredit(900 + (opts.walletAfter ?? 0)).create();
  const placed = await order(fed, buyer, [{ productId: service.id }]);
  expect(placed.errors).toBeUndefined();
  const credit = (await credits(buyer))[0]!;
  return { reader, buyer, credit, orderId: placed.data!.placeOrder.order.id };
}
async function credits(user: TestUser, status?: 'AVAILABLE' | 'REDEEMED' | 'REFUNDED' | 'EXPIRED') {
  const res = await fed.run(BookingCreditsDocument, { first: 50, ...(status ? { status } : {}) }, user.token);
  expect(res.errors).toBeUndefined();
  return res.data!.bookingCredits.edges.map((e) => e.node);
}
const creditRow = (id: string) => fed.db.prisma.bookingCredit.findUniqueOrThrow({ where: { id } });
const sessionRow = (id: string) => fed.db.prisma.session.findUniqueOrThrow({ where: { id } });
const readings = () => (fed.subgraphs.readings as ReadingsServer).background();
const request = (client: TestUser, readerId: string, more: { bookingCreditId?: string; useBookingCredit?: boolean; type?: 'CHAT' | 'CALL' } = {}) =>
  fed.run(RequestSessionDocument, { input: { readerId, ...more, type: more.type ?? 'CHAT' } }, client.token);
async function join(id: string, client: TestUser, reader: TestUser) {
  expect((await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
  await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
  const joined = await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
  expect(joined.data!.joinSession.status).toBe('IN_PROGRESS');
}
const sessionsOf = (clientId: string) => fed.db.prisma.session.count({ where: { clientId } });

describe('redeeming a booking credit', () => {
  it('pays the first minutes of a session with its reader: none charged to the wallet, per-minute billing after them, the reader sees it prepaid', async () => {
    // 5 prepaid minutes and an empty wallet after the purchase: no balance is needed to start.
    const { reader, buyer, credit } = await creditFor({ minutes: 5 });
    expect(await stack.balance(buyer.id)).toBe(0);
    const earnedAtSale = await balanceOf(fed, `earnings:${reader.id}`);
    const req = await request(buyer, reader.id, { bookingCreditId: credit.id });
    expect(req.errors).toBeUndefined();
    const id = req.data!.requestSession.id;
    expect(req.data!.requestSession).toMatchObject({ prepaidMinutes: 5, bookingCreditId: credit.id, totalCostCents: 0 });
    expect(await credits(buyer)).toEqual([expect.objectContaining({ id: credit.id, status: 'REDEEMED', session: { id } })]);
    // The reader sees that the session is prepaid (never the client's balance).
    const seen = await fed.run(SessionDocument, { id }, reader.token);
    expect(seen.data!.session).toMatchObject({ prepaidMinutes: 5, bookingCreditId: credit.id });

    await join(id, buyer, reader);
    // Minute 1 (the join), minutes 2–3 (the set-based sweep), 4–5 (one session's charge): all covered, nothing moved.
    await timeTravel(fed, id, 150);
    await billingSweep(readings());
    await timeTravel(fed, id, 120);
    expect(await billSession(readings(), id)).toBe(false);
    const covered = await sessionRow(id);
    expect(covered).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 5, totalCostCents: 0 });
    expect(await ledgerMinutes(fed, id)).toEqual([]);
    expect(await stack.balance(buyer.id)).toBe(0);
    expect(await balanceOf(fed, `earnings:${reader.id}`)).toBe(earnedAtSale);
    const meter = await fed.run(SessionDocument, { id }, buyer.token);
    expect(meter.data!.session.meter).toMatchObject({ billedMinutes: 5, costCents: 0, prepaidMinutesLeft: 0, lowBalance: true });

    // Minute 6 is the wallet's: empty, so the session ends for lack of funds.
    await timeTravel(fed, id, 60);
    await billingSweep(readings());
    const ended = await sessionRow(id);
    expect(ended).toMatchObject({ status: 'COMPLETED', endReason: 'INSUFFICIENT_FUNDS', billedMinutes: 5, totalCostCents: 0, prepaidMinutes: 5, bookingCreditId: credit.id });
    expect(await creditRow(credit.id)).toMatchObject({ status: 'REDEEMED', sessionId: id });
  }, 60_000);

  it('after the prepaid minutes the wallet pays per minute as usual (the one-session charge and the sweep alike)', async () => {
    const { reader, buyer, credit } = await creditFor({ minutes: 5, walletAfter: 1000 });
    const req = await request(buyer, reader.id, { useBookingCredit: true });
    expect(req.errors).toBeUndefined();
    const id = req.data!.requestSession.id;
    expect(req.data!.requestSession).toMatchObject({ prepaidMinutes: 5, bookingCreditId: credit.id });
    await join(id, buyer, reader);
    await timeTravel(fed, id, 5 * 60 + 5); // minute 6 started
    await billSession(readings(), id);
    await timeTravel(fed, id, 60); // minute 7
    await billingSweep(readings());
    const s = await sessionRow(id);
    expect(s).toMatchObject({ billedMinutes: 7, totalCostCents: 2 * RATE });
    expect(await ledgerMinutes(fed, id)).toEqual([6, 7]);
    expect(await stack.balance(buyer.id)).toBe(1000 - 2 * RATE);
    const end = await fed.run(EndSessionDocument, { sessionId: id }, buyer.token);
    expect(end.data!.endSession).toMatchObject({ status: 'COMPLETED', totalCostCents: 2 * RATE, prepaidMinutes: 5 });
    // A spent credit stays REDEEMED: it cannot be used again.
    const again = await request(buyer, reader.id, { bookingCreditId: credit.id });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(reasonOf(again)).toBe('BOOKING_CREDIT_NOT_AVAILABLE');
  }, 60_000);

  it('useBookingCredit with no credit that fits bills from the wallet; without it a credit is never used', async () => {
    const { reader, buyer, credit } = await creditFor({ walletAfter: 2000 });
    const plain = await request(buyer, reader.id);
    expect(plain.data!.requestSession).toMatchObject({ prepaidMinutes: 0, bookingCreditId: null });
    expect((await fed.run(CancelSessionDocument, { sessionId: plain.data!.requestSession.id }, buyer.token)).errors).toBeUndefined();
    // The credit is for CHAT: a CALL request with useBookingCredit finds none and is billed normally.
    const call = await request(buyer, reader.id, { useBookingCredit: true, type: 'CALL' });
    expect(call.errors).toBeUndefined();
    expect(call.data!.requestSession).toMatchObject({ prepaidMinutes: 0, bookingCreditId: null });
    expect((await creditRow(credit.id)).status).toBe('AVAILABLE');
    expect((await fed.run(CancelSessionDocument, { sessionId: call.data!.requestSession.id }, buyer.token)).errors).toBeUndefined();
  }, 60_000);
});

describe('abuse of booking credits', () => {
  it('refuses another buyer\'s credit, another reader\'s, another session type, a void one and an expired one, changing nothing', async () => {
    const { reader, buyer, credit } = await creditFor();
    const thief = await seed.client().withCredit(2000).create();
    const otherReader = await seed.reader().online().withRates({ CHAT: RATE }).create();
    const before = await sessionsOf(buyer.id);

    const stolen = await request(thief, reader.id, { bookingCreditId: credit.id });
    expect(errorCode(stolen)).toBe('NOT_FOUND');
    const elsewhere = await request(buyer, otherReader.id, { bookingCreditId: credit.id });
    expect(errorCode(elsewhere)).toBe('BAD_USER_INPUT');
    expect(reasonOf(elsewhere)).toBe('BOOKING_CREDIT_OTHER_READER');
    const call = await request(buyer, reader.id, { bookingCreditId: credit.id, type: 'CALL' });
    expect(errorCode(call)).toBe('BAD_USER_INPUT');
    expect(reasonOf(call)).toBe('BOOKING_CREDIT_OTHER_TYPE');
    const unknown = await request(buyer, reader.id, { bookingCreditId: 'no-such-credit' });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    // Nothing was created, the reader is free, the credit untouched.
    expect(await sessionsOf(buyer.id)).toBe(before);
    expect(await sessionsOf(thief.id)).toBe(0);
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('ONLINE');
    expect(await creditRow(credit.id)).toMatchObject({ status: 'AVAILABLE', sessionId: null });

    // Expired: refused at once (read-time), shown EXPIRED, and the hourly job marks it.
    await fed.db.sql(`UPDATE booking_credits SET expires_at = now() - interval '1 minute' WHERE id = $1`, [credit.id]);
    const late = await request(buyer, reader.id, { bookingCreditId: credit.id });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(reasonOf(late)).toBe('BOOKING_CREDIT_EXPIRED');
    expect((await credits(buyer))[0]).toMatchObject({ id: credit.id, status: 'EXPIRED' });
    expect(await credits(buyer, 'AVAILABLE')).toEqual([]);
    expect(await credits(buyer, 'EXPIRED')).toEqual([expect.objectContaining({ id: credit.id })]);
    expect(await expireBookingCredits(fed.db.prisma)).toBeGreaterThanOrEqual(1);
    expect(await creditRow(credit.id)).toMatchObject({ status: 'EXPIRED' });
    expect((await creditRow(credit.id)).voidedAt).toBeTruthy();
    expect(reasonOf(await request(buyer, reader.id, { bookingCreditId: credit.id }))).toBe('BOOKING_CREDIT_NOT_AVAILABLE');

    // Void (the order was refunded in full): refused.
    const refunded = await creditFor({ reader });
    const full = await fed.run(RefundOrderDocument, { input: { orderId: refunded.orderId, to: 'WALLET', idempotencyKey: uid('refund') } }, reader.token);
    expect(full.errors).toBeUndefined();
    const voided = await request(refunded.buyer, reader.id, { bookingCreditId: refunded.credit.id });
    expect(errorCode(voided)).toBe('CONFLICT');
    expect(reasonOf(voided)).toBe('BOOKING_CREDIT_NOT_AVAILABLE');
  }, 60_000);

  it('two bookings racing for one credit: exactly one gets it, the other is refused and not created', async () => {
    const { reader, buyer, credit } = await creditFor();
    const set = await fed.run(
      SetAvailabilityDocument,
      { input: { timezone: 'UTC', weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ dayOfWeek: d, startTime: '00:00', endTime: '23:59' })), dates: [] } },
      reader.token,
    );
    expect(set.errors).toBeUndefined();
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const book = (hour: string) =>
      fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${day}T${hour}:00:00.000Z`, bookingCreditId: credit.id } }, buyer.token);
    const results = await Promise.all(['09', '10', '11', '12'].map(book));
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map(reasonOf)).toEqual(['BOOKING_CREDIT_NOT_AVAILABLE', 'BOOKING_CREDIT_NOT_AVAILABLE', 'BOOKING_CREDIT_NOT_AVAILABLE']);
    const booking = won[0]!.data!.bookSession;
    expect(booking).toMatchObject({ status: 'SCHEDULED', prepaidMinutes: 5, bookingCreditId: credit.id });
    expect(await sessionsOf(buyer.id)).toBe(1);
    expect(await creditRow(credit.id)).toMatchObject({ status: 'REDEEMED', sessionId: booking.id });

    // Declining the booking gives the credit back; it can be booked again, and cancelling gives it back again.
    expect((await fed.run(DeclineSessionDocument, { sessionId: booking.id }, reader.token)).errors).toBeUndefined();
    expect(await sessionRow(booking.id)).toMatchObject({ status: 'DECLINED', prepaidMinutes: 0, bookingCreditId: null });
    expect(await creditRow(credit.id)).toMatchObject({ status: 'AVAILABLE', sessionId: null, redeemedAt: null });
    const rebooked = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${day}T14:00:00.000Z`, useBookingCredit: true } }, buyer.token);
    expect(rebooked.data!.bookSession).toMatchObject({ prepaidMinutes: 5, bookingCreditId: credit.id });
    expect((await fed.run(CancelSessionDocument, { sessionId: rebooked.data!.bookSession.id }, buyer.token)).errors).toBeUndefined();
    expect((await creditRow(credit.id)).status).toBe('AVAILABLE');
  }, 60_000);

  it('a session cancelled, declined or ended before its first minute gives the credit back; one that started spends it', async () => {
    const { reader, buyer, credit } = await creditFor({ walletAfter: 0 });
    for (const end of ['cancel', 'decline', 'abandon'] as const) {
      const req = await request(buyer, reader.id, { bookingCreditId: credit.id });
      expect(req.errors).toBeUndefined();
      const id = req.data!.requestSession.id;
      if (end === 'cancel') expect((await fed.run(CancelSessionDocument, { sessionId: id }, buyer.token)).errors).toBeUndefined();
      if (end === 'decline') expect((await fed.run(DeclineSessionDocument, { sessionId: id }, reader.token)).errors).toBeUndefined();
      if (end === 'abandon') {
        // Accepted, then ended before anyone joined: CANCELLED, nothing covered.
        await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
        expect((await fed.run(EndSessionDocument, { sessionId: id }, reader.token)).data!.endSession.status).toBe('CANCELLED');
      }
      expect(await sessionRow(id)).toMatchObject({ prepaidMinutes: 0, bookingCreditId: null });
      expect(await creditRow(credit.id)).toMatchObject({ status: 'AVAILABLE', sessionId: null });
    }
    // Started and ended within its first minute: the credit is spent.
    const req = await request(buyer, reader.id, { bookingCreditId: credit.id });
    const id = req.data!.requestSession.id;
    await join(id, buyer, reader);
    expect((await fed.run(EndSessionDocument, { sessionId: id }, buyer.token)).data!.endSession).toMatchObject({ status: 'COMPLETED', billedMinutes: 1, totalCostCents: 0, prepaidMinutes: 5 });
    expect(await creditRow(credit.id)).toMatchObject({ status: 'REDEEMED', sessionId: id });
    expect(await ledgerMinutes(fed, id)).toEqual([]);
  }, 60_000);

  it('an order whose credit is redeemed cannot be cancelled or refunded in full (a part can); once the booking is dropped it can', async () => {
    const { reader, buyer, credit, orderId } = await creditFor({ walletAfter: 0 });
    const req = await request(buyer, reader.id, { bookingCreditId: credit.id });
    const id = req.data!.requestSession.id;
    const wallet = await stack.balance(buyer.id);
    const earned = await balanceOf(fed, `earnings:${reader.id}`);

    const cancel = await fed.run(CancelOrderDocument, { orderId, reason: 'I got my reading, now my money back' }, buyer.token);
    expect(errorCode(cancel)).toBe('CONFLICT');
    expect(reasonOf(cancel)).toBe('BOOKING_CREDIT_REDEEMED');
    const full = await fed.run(RefundOrderDocument, { input: { orderId, to: 'WALLET', idempotencyKey: uid('refund') } }, admin.token);
    expect(errorCode(full)).toBe('CONFLICT');
    expect(reasonOf(full)).toBe('BOOKING_CREDIT_REDEEMED');
    // Nothing moved, the order stays paid, the credit stays with its session.
    expect(await stack.balance(buyer.id)).toBe(wallet);
    expect(await balanceOf(fed, `earnings:${reader.id}`)).toBe(earned);
    expect((await fed.db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('PAID');
    expect(await creditRow(credit.id)).toMatchObject({ status: 'REDEEMED', sessionId: id });

    // A partial refund is the seller's call and keeps the credit.
    const part = await fed.run(RefundOrderDocument, { input: { orderId, amountCents: 100, to: 'WALLET', idempotencyKey: uid('refund') } }, reader.token);
    expect(part.errors).toBeUndefined();
    expect(await stack.balance(buyer.id)).toBe(wallet + 100);

    // The session is withdrawn before it started: the credit is back, and the order can now be cancelled (voiding it).
    expect((await fed.run(CancelSessionDocument, { sessionId: id }, buyer.token)).errors).toBeUndefined();
    const cancelled = await fed.run(CancelOrderDocument, { orderId, reason: 'changed my mind' }, buyer.token);
    expect(cancelled.errors).toBeUndefined();
    expect(await creditRow(credit.id)).toMatchObject({ status: 'REFUNDED' });
    expect(await stack.balance(buyer.id)).toBe(wallet + 900);
    expect(errorCode(await request(buyer, reader.id, { bookingCreditId: credit.id }))).toBe('CONFLICT');
  }, 60_000);
});

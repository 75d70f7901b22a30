import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { createPubSub, type PubSub } from '../../../shared/pubsub.js';
import { createMoney, type PaymentsMoney } from './money.js';
import { reconcile } from './reports.js';
import { CLEAN, checkLedger, createSession, createUser } from '../testing/fixtures.js';

// Payments' side of booking credit redemption, on the money port readings calls: covered minutes are never charged
// by either charging path, the funds check counts them, and one credit goes to one session however they race.
// (Through the gateway, with the shop and sessions: test/e2e/shop-credit-redemption.test.ts.)

let db: TestDatabase;
let pubsub: PubSub;
let money: PaymentsMoney;
beforeAll(async () => {
  db = await createTestDatabase();
  pubsub = createPubSub({ prefix: `${db.schema}:` });
  money = createMoney(db.prisma, pubsub);
});
afterAll(async () => {
  expect(await checkLedger(db.sql)).toEqual(CLEAN);
  const report = await reconcile(db.prisma);
  expect(report.checks.filter((c) => c.differences > 0)).toEqual([]);
  await pubsub.close();
  await db.drop();
});

let n = 0;
/** A booked session row (not active: a reader may hold many), as readings' bookSession creates before redeeming. */
async function booking(clientId: string, readerId: string): Promise<string> {
  const id = `session-${process.pid}-${++n}`;
  await db.prisma.session.create({ data: { id, clientId, readerId, type: 'CHAT', status: 'SCHEDULED', rateCents: 200, scheduledAt: new Date(Date.now() + 86_400_000) } });
  return id;
}
/** An AVAILABLE CHAT credit of `minutes` for client with reader (its order is not needed by the port). */
async function credit(clientId: string, readerId: string, minutes: number): Promise<string> {
  const id = `credit-${process.pid}-${++n}`;
  await db.prisma.bookingCredit.create({
    data: { id, orderId: `order-${id}`, orderItemId: `item-${id}`, unit: 1, clientId, readerId, sessionType: 'CHAT', minutes, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return id;
}
const redeem = (clientId: string, readerId: string, sessionId: string, creditId: string | null) =>
  db.prisma.$transaction((tx) => money.redeemBookingCredit(tx, { clientId, readerId, sessionId, sessionType: 'CHAT', creditId }));
const chargedMinutes = async (sessionId: string) =>
  (await db.sql<{ m: number }>(`SELECT session_minute AS m FROM transactions WHERE session_id = $1 ORDER BY 1`, [sessionId])).map((r) => Number(r.m));
async function fund(userId: string, cents: number) {
  const admin = await createUser(db.prisma, 'ADMIN');
  const ctx = { viewer: { id: admin, role: 'ADMIN' as const, adminRoles: ['SUPER_ADMIN' as const] }, ip: '127.0.0.1', userAgent: 'test' };
  await money.adjustBalance({ userId, amountCents: cents, account: 'WALLET', reason: 'test credit', idempotencyKey: `fund-${userId}-${cents}` }, ctx);
}

describe('booking credits on the money port', () => {
  it('covered minutes move nothing in the one-minute charge and in the set-based tick; later minutes are charged', async () => {
    const [client, reader] = [await createUser(db.prisma), await createUser(db.prisma, 'READER')];
    await fund(client, 1000);
    const other = await createUser(db.prisma, 'READER');
    const [a, b] = [await createSession(db.prisma, client, reader, 200), await createSession(db.prisma, client, other, 200)];
    expect(await redeem(client, reader, a, await credit(client, reader, 3))).toMatchObject({ minutes: 3 });
    expect(await redeem(client, other, b, await credit(client, other, 2))).toMatchObject({ minutes: 2 });
    const one = await money.chargeSessionMinute({ sessionId: a, clientId: client, readerId: reader, minute: 1, rateCents: 200 });
    expect(one).toEqual({ status: 'COVERED', balanceCents: 1000, lowBalance: false });
    const many = await money.chargeSessionMinutes(
      [2, 3, 4].map((m) => ({ sessionId: a, clientId: client, readerId: reader, minute: m, rateCents: 200 })).concat(
        [1, 2, 3].map((m) => ({ sessionId: b, clientId: client, readerId: other, minute: m, rateCents: 200 })),
      ),
    );
    expect(many.map((r) => r.status)).toEqual(['COVERED', 'COVERED', 'CHARGED', 'COVERED', 'COVERED', 'CHARGED']);
    expect(await chargedMinutes(a)).toEqual([4]);
    expect(await chargedMinutes(b)).toEqual([3]);
    expect(await money.balanceOf(client)).toBe(600);
    // Asking again for a covered minute is still covered, never charged.
    expect((await money.chargeSessionMinute({ sessionId: b, clientId: client, readerId: other, minute: 2, rateCents: 200 })).status).toBe('COVERED');
    expect(await money.balanceOf(client)).toBe(600);
  });

  it('the funds check counts prepaid minutes: an empty wallet may start a prepaid session, not another', async () => {
    const [client, reader] = [await createUser(db.prisma), await createUser(db.prisma, 'READER')];
    const s = await createSession(db.prisma, client, reader, 200);
    expect(await money.checkSessionFunds(client, 200, undefined, { sessionId: s })).toMatchObject({ ok: false, prepaidMinutes: 0 });
    await redeem(client, reader, s, await credit(client, reader, 5));
    expect(await money.checkSessionFunds(client, 200, undefined, { sessionId: s })).toEqual({ ok: true, balanceCents: 0, requiredCents: 0, prepaidMinutes: 5 });
    expect((await money.checkSessionFunds(client, 200)).ok).toBe(false);
  });

  it('one credit, eight sessions redeeming it at once: exactly one gets it; redeeming again for the same session is a no-op', async () => {
    const [client, reader] = [await createUser(db.prisma), await createUser(db.prisma, 'READER')];
    const id = await credit(client, reader, 5);
    const sessions = await Promise.all(Array.from({ length: 8 }, () => booking(client, reader)));
    const results = await Promise.allSettled(sessions.map((s) => redeem(client, reader, s, id)));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [sessions[i]!] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'BOOKING_CREDIT_NOT_AVAILABLE' } });
    expect(await db.prisma.bookingCredit.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REDEEMED', sessionId: won[0] });
    expect(await redeem(client, reader, won[0]!, id)).toEqual({ creditId: id, minutes: 5 });
    expect(await redeem(client, reader, won[0]!, null)).toEqual({ creditId: id, minutes: 5 });
    // Given back, then redeemable by another session.
    expect(await db.prisma.$transaction((tx) => money.releaseBookingCredit(tx, won[0]!))).toBe(true);
    expect(await db.prisma.$transaction((tx) => money.releaseBookingCredit(tx, won[0]!))).toBe(false);
    expect(await redeem(client, reader, sessions.find((s) => s !== won[0])!, null)).toEqual({ creditId: id, minutes: 5 });
  });
});

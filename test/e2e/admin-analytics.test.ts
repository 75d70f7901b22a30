import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAnalyticsDocument } from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().withRoles('MODERATOR').create();
}, 120_000);
afterAll(async () => {
  await fed?.stop();
});

const day = 86_400_000;

describe('adminAnalytics', () => {
  it('answers revenue per day by source, payouts due, live counts, minutes and top readers, and new-client conversion, each from its owner', async () => {
    const from = new Date(Date.now() - day).toISOString();
    const to = new Date(Date.now() + day).toISOString();
    const before = (await fed.run(AdminAnalyticsDocument, { from, to, limit: 50 }, admin.token)).data!.adminAnalytics;

    const payer = await seed.client().withCredit(5000).create();
    await seed.client().create(); // signed up, never paid
    const reader = await seed.reader().withEarnings(2000).create();
    const session = await createSession(fed.db.prisma, payer.id, reader.id, 400);
    await fed.runtime.money!.chargeSessionMinutes([1, 2, 3].map((minute) => ({ sessionId: session, clientId: payer.id, readerId: reader.id, minute, rateCents: 400 })));
    await fed.db.sql(`UPDATE sessions SET billed_minutes = 3 WHERE id = $1`, [session]);
    await fed.runtime.money!.purchase({ idempotencyKey: `t-reply-${session}`, clientId: payer.id, readerId: reader.id, amountCents: 300, type: 'PURCHASE', description: 'Paid reply', metadata: { kind: 'PAID_REPLY' } });
    await fed.runtime.money!.purchase({ idempotencyKey: `t-entry-${session}`, clientId: payer.id, readerId: reader.id, amountCents: 250, type: 'PURCHASE', description: 'Entry', metadata: { kind: 'STREAM_ENTRY' } });

    const res = await fed.run(AdminAnalyticsDocument, { from, to, limit: 50 }, admin.token);
    expect(res.errors).toBeUndefined();
    const a = res.data!.adminAnalytics;
    expect(a.from).toBe(from);
    const sum = (list: typeof a.revenueByDay, k: 'minutesCents' | 'paidRepliesCents' | 'streamEntryCents' | 'shopCents' | 'giftsCents' | 'totalCents') => list.reduce((s, d) => s + d[k], 0);
    expect(sum(a.revenueByDay, 'minutesCents') - sum(before.revenueByDay, 'minutesCents')).toBe(1200);
    expect(sum(a.revenueByDay, 'paidRepliesCents') - sum(before.revenueByDay, 'paidRepliesCents')).toBe(300);
    expect(sum(a.revenueByDay, 'streamEntryCents') - sum(before.revenueByDay, 'streamEntryCents')).toBe(250);
    expect(sum(a.revenueByDay, 'shopCents')).toBe(0);
    expect(sum(a.revenueByDay, 'totalCents') - sum(before.revenueByDay, 'totalCents')).toBe(1750);
    expect(a.revenueByDay.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day))).toBe(true);

    // 2000 seeded + 70% of 1750 = 3225 cents: over the 1500 threshold.
    expect(a.payoutsDue.dueCents - before.payoutsDue.dueCents).toBe(3225);
    expect(a.payoutsDue.thresholdCents).toBe(1500);
    expect(a.topReaders.find((r) => r.readerId === reader.id)).toEqual({ readerId: reader.id, grossCents: 1750, earningsCents: 1225 });
    expect(a.minutesPerReader.find((r) => r.readerId === reader.id)).toEqual({ readerId: reader.id, minutes: 3, sessions: 1 });
    expect(a.activeSessionsNow - before.activeSessionsNow).toBe(1);
    expect(a.liveStreamsNow).toBe(before.liveStreamsNow);
    expect(a.newClients.count - before.newClients.count).toBe(2);
    expect(a.newClients.purchased - before.newClients.purchased).toBe(1);
    expect(a.newClients.conversionRate).toBeCloseTo(a.newClients.purchased / a.newClients.count);

    // A range before any of it: nothing.
    const old = await fed.run(AdminAnalyticsDocument, { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' }, admin.token);
    expect(old.data!.adminAnalytics).toMatchObject({ revenueByDay: [], topReaders: [], minutesPerReader: [], newClients: { count: 0, purchased: 0, conversionRate: 0 } });
  });

  it('refuses ranges over 366 days, reversed ranges, bad limits and non-admins', async () => {
    const now = Date.now();
    const iso = (t: number) => new Date(t).toISOString();
    expect(errorCode(await fed.run(AdminAnalyticsDocument, { from: iso(now - 367 * day), to: iso(now) }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(AdminAnalyticsDocument, { from: iso(now), to: iso(now - day) }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(AdminAnalyticsDocument, { from: iso(now - day), to: iso(now), limit: 500 }, admin.token))).toBe('BAD_USER_INPUT');
    expect((await fed.run(AdminAnalyticsDocument, { from: iso(now - 366 * day), to: iso(now) }, admin.token)).errors).toBeUndefined();
    const client = await seed.client().create();
    expect(errorCode(await fed.run(AdminAnalyticsDocument, { from: iso(now - day), to: iso(now) }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AdminAnalyticsDocument, { from: iso(now - day), to: iso(now) }))).toBe('UNAUTHENTICATED');
  });
});

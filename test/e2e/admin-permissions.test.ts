import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdjustBalanceDocument,
  AdminUserRolesDocument,
  AuditLogsDocument,
  CommunityCreateVirtualGiftDocument,
  CommunityModerationQueueDocument,
  EndSessionDocument,
  InviteReaderDocument,
  ReconciliationReportDocument,
  RefundSessionDocument,
  RequestPayoutDocument,
  SetAdminPermissionsDocument,
  SetUserStatusDocument,
  TransactionsDocument,
  VerifyReaderDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, uniqueEmail, type Seed, type TestUser } from '../helpers/seed.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';
import type { GraphQLResponse } from '../helpers/federation.js';

let fed: TestFederation;
let seed: Seed;
let superAdmin: TestUser;
let support: TestUser;
let finance: TestUser;
let moderator: TestUser;
let nobody: TestUser;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  superAdmin = await seed.admin().create();
  support = await seed.admin().withRoles('SUPPORT').create();
  finance = await seed.admin().withRoles('FINANCE').create();
  moderator = await seed.admin().withRoles('MODERATOR').create();
  nobody = await seed.admin().withRoles().create();
}, 120_000);
afterAll(async () => {
  await fed?.stop();
});

const key = () => `test-${randomUUID()}`;
const reasonOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.reason;

/** A session with `minutes` charged minutes at `rateCents`, ready to refund. */
async function chargedSession(minutes: number, rateCents: number) {
  const client = await seed.client().withCredit(minutes * rateCents).create();
  const reader = await seed.reader().create();
  const session = await createSession(fed.db.prisma, client.id, reader.id, rateCents);
  await fed.runtime.money!.chargeSessionMinutes(
    Array.from({ length: minutes }, (_, i) => ({ sessionId: session, clientId: client.id, readerId: reader.id, minute: i + 1, rateCents })),
  );
  return { client, reader, session };
}

const refund = (who: TestUser, sessionId: string, amountCents?: number) =>
  fed.run(RefundSessionDocument, { input: { sessionId, amountCents, reason: 'permission test', idempotencyKey: key() } }, who.token);
const adjust = (who: TestUser, userId: string, amountCents: number) =>
  fed.run(AdjustBalanceDocument, { input: { userId, amountCents, reason: 'permission test', idempotencyKey: key() } }, who.token);
const suspend = (who: TestUser, userId: string) => fed.run(SetUserStatusDocument, { input: { userId, status: 'SUSPENDED', reason: 'permission test' } }, who.token);
const invite = (who: TestUser) => fed.run(InviteReaderDocument, { input: { email: uniqueEmail('inv'), firstName: 'Ivy', lastName: 'Reader' } }, who.token);
const queue = (who: TestUser) => fed.run(CommunityModerationQueueDocument, { first: 5 }, who.token);
const report = (who: TestUser) => fed.run(ReconciliationReportDocument, {}, who.token);
const gift = (who: TestUser) =>
  fed.run(CommunityCreateVirtualGiftDocument, { input: { name: `Star ${randomUUID().slice(0, 8)}`, priceCents: 100, imageUrl: 'https://example.com/star.png' } }, who.token);
const setRoles = (who: TestUser, userId: string, roles: Array<'SUPER_ADMIN' | 'SUPPORT' | 'FINANCE' | 'MODERATOR'>) =>
  fed.run(SetAdminPermissionsDocument, { input: { userId, roles, reason: 'permission test' } }, who.token);

describe('SUPPORT', () => {
  it('suspends users, invites readers and refunds up to the support limit; a bigger refund or adjustment is FORBIDDEN and moves nothing', async () => {
    const victim = await seed.client().create();
    expect((await suspend(support, victim.id)).errors).toBeUndefined();
    expect((await invite(support)).errors).toBeUndefined();

    const { client, session } = await chargedSession(3, 2000);
    const before = await fed.db.sql(`SELECT count(*)::int AS n FROM transactions WHERE session_id = $1 AND type = 'REFUND'`, [session]);
    const over = await refund(support, session); // everything: 6000 > 5000
    expect(errorCode(over)).toBe('FORBIDDEN');
    expect(reasonOf(over)).toBe('ADMIN_LIMIT');
    expect(over.errors![0]!.extensions!.limitCents).toBe(5000);
    expect(await fed.db.sql(`SELECT count(*)::int AS n FROM transactions WHERE session_id = $1 AND type = 'REFUND'`, [session])).toEqual(before);

    const within = await refund(support, session, 1500);
    expect(within.errors).toBeUndefined();
    expect(within.data!.refundSession.amountCents).toBe(1500);

    const bigCredit = await adjust(support, client.id, 5001);
    expect(errorCode(bigCredit)).toBe('FORBIDDEN');
    expect(reasonOf(bigCredit)).toBe('ADMIN_LIMIT');
    const bigDebit = await adjust(support, client.id, -5001);
    expect(errorCode(bigDebit)).toBe('FORBIDDEN');
    expect((await adjust(support, client.id, 500)).errors).toBeUndefined();
  });

  it('may not pay out, audit the ledger, moderate, manage the gift catalogue or change admins', async () => {
    const reader = await seed.reader().withEarnings(3000).create();
    expect(errorCode(await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: key() } }, support.token))).toBe('FORBIDDEN');
    expect(errorCode(await report(support))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(TransactionsDocument, { allUsers: true }, support.token))).toBe('FORBIDDEN');
    expect(errorCode(await queue(support))).toBe('FORBIDDEN');
    expect(errorCode(await gift(support))).toBe('FORBIDDEN');
    expect(errorCode(await setRoles(support, support.id, ['SUPER_ADMIN']))).toBe('FORBIDDEN');
    expect(await fed.db.prisma.admin.findUnique({ where: { userId: support.id }, select: { permissions: true } })).toEqual({ permissions: ['SUPPORT'] });
  });
});

describe('FINANCE', () => {
  it('refunds without the support cap, audits the ledger and reaches the payout checks', async () => {
    const { session } = await chargedSession(3, 2000);
    const all = await refund(finance, session);
    expect(all.errors).toBeUndefined();
    expect(all.data!.refundSession.amountCents).toBe(6000);
    expect((await report(finance)).errors).toBeUndefined();
    expect((await fed.run(TransactionsDocument, { allUsers: true, first: 1 }, finance.token)).errors).toBeUndefined();
    // Allowed to ask: the reader has no payout account, so the refusal is about the reader, not the admin.
    const reader = await seed.reader().withEarnings(3000).create();
    const payout = await fed.run(RequestPayoutDocument, { input: { readerId: reader.id, idempotencyKey: key() } }, finance.token);
    expect(errorCode(payout)).not.toBe('FORBIDDEN');
  });

  it('may not suspend users, invite or verify readers, moderate or manage gifts', async () => {
    const victim = await seed.client().create();
    expect(errorCode(await suspend(finance, victim.id))).toBe('FORBIDDEN');
    expect(errorCode(await invite(finance))).toBe('FORBIDDEN');
    const reader = await seed.reader().create();
    expect(errorCode(await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true } }, finance.token))).toBe('FORBIDDEN');
    expect(errorCode(await queue(finance))).toBe('FORBIDDEN');
    expect(errorCode(await gift(finance))).toBe('FORBIDDEN');
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).status).toBe('ACTIVE');
  });
});

describe('MODERATOR', () => {
  it('reads the moderation queue and suspends users, but moves no money and ends no sessions', async () => {
    expect((await queue(moderator)).errors).toBeUndefined();
    const victim = await seed.client().create();
    expect((await suspend(moderator, victim.id)).errors).toBeUndefined();
    const { client, session } = await chargedSession(1, 1000);
    expect(errorCode(await refund(moderator, session, 100))).toBe('FORBIDDEN');
    expect(errorCode(await adjust(moderator, client.id, 100))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(EndSessionDocument, { sessionId: session }, moderator.token))).toBe('FORBIDDEN');
    expect(errorCode(await report(moderator))).toBe('FORBIDDEN');
    expect(errorCode(await invite(moderator))).toBe('FORBIDDEN');
  });
});

describe('an admin without roles', () => {
  it('still reads users, but every admin action is FORBIDDEN', async () => {
    const victim = await seed.client().create();
    const seen = await fed.run(AdminUserRolesDocument, { id: superAdmin.id }, nobody.token);
    expect(seen.data!.user).toMatchObject({ id: superAdmin.id, adminRoles: ['SUPER_ADMIN'] });
    for (const res of [await suspend(nobody, victim.id), await invite(nobody), await queue(nobody), await report(nobody), await adjust(nobody, victim.id, 100), await fed.run(AuditLogsDocument, {}, nobody.token)]) {
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
  });
});

describe('SUPER_ADMIN and setAdminPermissions', () => {
  it('does everything, and a role change applies to the same token on its next request, audited', async () => {
    expect((await gift(superAdmin)).errors).toBeUndefined();
    expect((await report(superAdmin)).errors).toBeUndefined();
    expect((await queue(superAdmin)).errors).toBeUndefined();

    const staff = await seed.admin().withRoles('SUPPORT').create();
    expect(errorCode(await report(staff))).toBe('FORBIDDEN');
    const changed = await setRoles(superAdmin, staff.id, ['FINANCE', 'FINANCE', 'MODERATOR']);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.setAdminPermissions.roles).toEqual(['FINANCE', 'MODERATOR']);
    expect(changed.data!.setAdminPermissions.user.adminPermissions).toContain('PAYOUTS');
    expect(changed.data!.setAdminPermissions.user.adminPermissions).not.toContain('READERS_MANAGE');
    await expect.poll(async () => (await report(staff)).errors?.[0]?.extensions?.code ?? 'OK', { timeout: 15_000, interval: 200 }).toBe('OK');
    expect(errorCode(await invite(staff))).toBe('FORBIDDEN');

    const audits = await fed.db.sql<{ user_id: string; changes: { roles: { from: string[]; to: string[] }; reason: string } }>(
      `SELECT user_id, changes FROM audit_logs WHERE action = 'accounts:set_admin_permissions' AND entity_id = $1`,
      [staff.id],
    );
    expect(audits).toEqual([{ user_id: superAdmin.id, changes: { roles: { from: ['SUPPORT'], to: ['FINANCE', 'MODERATOR'] }, reason: 'permission test' } }]);

    // Taking every role away: the next request is refused.
    expect((await setRoles(superAdmin, staff.id, [])).errors).toBeUndefined();
    await expect.poll(async () => errorCode(await report(staff)) ?? 'OK', { timeout: 15_000, interval: 200 }).toBe('FORBIDDEN');
  });

  it('refuses self-demotion, non-admins, unknown users and bad reasons, changing nothing', async () => {
    const self = await setRoles(superAdmin, superAdmin.id, ['SUPPORT']);
    expect(errorCode(self)).toBe('FORBIDDEN');
    expect(reasonOf(self)).toBe('SELF_PERMISSIONS');
    const client = await seed.client().create();
    const notAdmin = await setRoles(superAdmin, client.id, ['SUPPORT']);
    expect(errorCode(notAdmin)).toBe('BAD_USER_INPUT');
    expect(reasonOf(notAdmin)).toBe('NOT_AN_ADMIN');
    expect(errorCode(await setRoles(superAdmin, 'no-such-user', ['SUPPORT']))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(SetAdminPermissionsDocument, { input: { userId: support.id, roles: ['FINANCE'], reason: ' ' } }, superAdmin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setRoles(client, client.id, ['SUPER_ADMIN']))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(SetAdminPermissionsDocument, { input: { userId: support.id, roles: ['FINANCE'], reason: 'anon' } }))).toBe('UNAUTHENTICATED');
    expect(await fed.db.prisma.admin.findUnique({ where: { userId: superAdmin.id }, select: { permissions: true } })).toEqual({ permissions: ['SUPER_ADMIN'] });
    expect(await fed.db.prisma.admin.findUnique({ where: { userId: support.id }, select: { permissions: true } })).toEqual({ permissions: ['SUPPORT'] });
    expect(await fed.db.prisma.admin.count({ where: { userId: client.id } })).toBe(0);
  });

  it('two super-admins demoting each other at once: exactly one wins, the other is refused as no longer a super-admin', async () => {
    const a = await seed.admin().create();
    const b = await seed.admin().create();
    const results = await Promise.all([setRoles(a, b.id, ['SUPPORT']), setRoles(b, a.id, ['SUPPORT'])]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const refused = results.find((r) => r.errors)!;
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(reasonOf(refused)).toBe('ADMIN_PERMISSION');
    const roles = await fed.db.prisma.admin.findMany({ where: { userId: { in: [a.id, b.id] } }, select: { permissions: true } });
    expect(roles.map((r) => r.permissions).sort()).toEqual([['SUPER_ADMIN'], ['SUPPORT']].sort());
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminUserDocument,
  AdminUsersDocument,
  CommunityCreateForumPostDocument,
  CommunityFlagContentDocument,
  InviteReaderDocument,
  ReaderInvitesDocument,
  ReaderVerificationQueueDocument,
  SetUserStatusDocument,
  VerifyReaderDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, uniqueEmail, type Seed, type TestUser } from '../helpers/seed.js';
import { createSession } from '../../subgraphs/payments/testing/fixtures.js';

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
let moderator: TestUser;
const tag = randomBytes(3).toString('hex');

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
  moderator = await seed.admin().withRoles('MODERATOR').create();
}, 120_000);
afterAll(async () => {
  await fed?.stop();
});

describe('adminUsers', () => {
  it('searches email and names case-insensitively, filters by role, status and creation date, and pages', async () => {
    const a = await seed.client().named(`Zelda${tag}`).create();
    const b = await seed.client().withEmail(`x.zelda${tag}@example.com`).create();
    const r = await seed.reader().named(`Zoltan${tag}`).create();
    const search = `ZELDA${tag.toUpperCase()}`;

    const found = await fed.run(AdminUsersDocument, { filter: { search } }, moderator.token);
    expect(found.errors).toBeUndefined();
    expect(found.data!.adminUsers.edges.map((e) => e.node.id).sort()).toEqual([a.id, b.id].sort());
    expect(found.data!.adminUsers.totalCount).toBe(2);

    const readers = await fed.run(AdminUsersDocument, { filter: { search: tag, role: 'READER' } }, admin.token);
    expect(readers.data!.adminUsers.edges.map((e) => e.node.id)).toEqual([r.id]);

    expect((await fed.run(SetUserStatusDocument, { input: { userId: b.id, status: 'SUSPENDED', reason: 'chargebacks' } }, admin.token)).errors).toBeUndefined();
    const suspended = await fed.run(AdminUsersDocument, { filter: { search: tag, status: 'SUSPENDED' } }, admin.token);
    expect(suspended.data!.adminUsers.edges.map((e) => e.node)).toMatchObject([{ id: b.id, status: 'SUSPENDED' }]);

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await fed.run(AdminUsersDocument, { filter: { search: tag, createdFrom: future } }, admin.token)).data!.adminUsers.totalCount).toBe(0);
    const page1 = await fed.run(AdminUsersDocument, { filter: { search: tag }, first: 2 }, admin.token);
    expect(page1.data!.adminUsers).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = await fed.run(AdminUsersDocument, { filter: { search: tag }, first: 2, after: page1.data!.adminUsers.pageInfo.endCursor }, admin.token);
    const all = [...page1.data!.adminUsers.edges, ...page2.data!.adminUsers.edges].map((e) => e.node.id);
    expect(new Set(all)).toEqual(new Set([a.id, b.id, r.id]));

    for (const filter of [{ search: 'x' }, { search: 'y'.repeat(101) }, { createdFrom: future, createdTo: new Date().toISOString() }]) {
      expect(errorCode(await fed.run(AdminUsersDocument, { filter }, admin.token))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await fed.run(AdminUsersDocument, {}, a.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AdminUsersDocument, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('adminUser', () => {
  it('gathers profile, wallet, transactions, sessions, flags and audit trail from their owners; admins only', async () => {
    const client = await seed.client().withCredit(3000).create();
    const reader = await seed.reader().create();
    const session = await createSession(fed.db.prisma, client.id, reader.id, 500);
    await fed.runtime.money!.chargeSessionMinutes([{ sessionId: session, clientId: client.id, readerId: reader.id, minute: 1, rateCents: 500 }]);
    const post = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: 'forum-general', title: `Spam ${tag}`, content: 'Buy now' } }, client.token);
    const reporter = await seed.client().create();
    expect((await fed.run(CommunityFlagContentDocument, { input: { postId: post.data!.createForumPost.id, reason: 'spam' } }, reporter.token)).errors).toBeUndefined();
    await fed.run(SetUserStatusDocument, { input: { userId: client.id, status: 'SUSPENDED', reason: 'spam' } }, admin.token);

    const res = await fed.run(AdminUserDocument, { id: client.id, limit: 5 }, moderator.token);
    expect(res.errors).toBeUndefined();
    const view = res.data!.adminUser!;
    expect(view.user).toMatchObject({ id: client.id, email: client.email, status: 'SUSPENDED', role: 'CLIENT' });
    expect(view.wallet).toEqual({ balanceCents: 2500 });
    expect(view.recentTransactions.map((t) => [t.type, t.amountCents])).toEqual([
      ['SESSION_CHARGE', 500],
      ['ADJUSTMENT', 3000],
    ]);
    expect(view.recentSessions).toEqual([{ id: session, status: 'IN_PROGRESS' }]);
    expect(view.flags).toMatchObject([{ reason: 'spam', status: 'OPEN' }]);
    expect(view.auditTrail.map((a) => a.action)).toContain('accounts:set_user_status');

    expect((await fed.run(AdminUserDocument, { id: 'no-such-user' }, admin.token)).data!.adminUser).toBeNull();
    expect(errorCode(await fed.run(AdminUserDocument, { id: client.id, limit: 101 }, admin.token))).toBe('BAD_USER_INPUT');
    const nosy = await fed.run(AdminUserDocument, { id: client.id }, reporter.token);
    expect(errorCode(nosy)).toBe('FORBIDDEN');
    expect(nosy.data?.adminUser ?? null).toBeNull();
  });
});

describe('reader invitations and the verification queue', () => {
  it('lists invitations by state and readers awaiting verification; verifyReader takes one off the queue', async () => {
    const email = uniqueEmail(`inv${tag}`);
    const sent = await fed.run(InviteReaderDocument, { input: { email, firstName: 'Iris', lastName: 'Vale' } }, admin.token);
    const invitedId = sent.data!.inviteReader.user.id;
    const pending = await fed.run(ReaderInvitesDocument, { state: 'PENDING', first: 100 }, admin.token);
    expect(pending.errors).toBeUndefined();
    expect(pending.data!.readerInvites.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ email, state: 'PENDING', user: { id: invitedId }, invitedBy: { id: admin.id } }));
    const accepted = await fed.run(ReaderInvitesDocument, { state: 'ACCEPTED', first: 100 }, admin.token);
    expect(accepted.data!.readerInvites.edges.map((e) => e.node.email)).not.toContain(email);

    const reader = await seed.reader().create();
    const queue = async () => (await fed.run(ReaderVerificationQueueDocument, { first: 100 }, admin.token)).data!.readerVerificationQueue.edges.map((e) => e.node.id);
    expect(await queue()).toContain(reader.id);
    expect(await queue()).not.toContain(invitedId); // still PENDING: not active yet
    expect((await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true, reason: 'documents checked' } }, admin.token)).errors).toBeUndefined();
    expect(await queue()).not.toContain(reader.id);

    expect(errorCode(await fed.run(ReaderInvitesDocument, {}, moderator.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(ReaderVerificationQueueDocument, {}, moderator.token))).toBe('FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  CommunityCreateForumPostDocument,
  CommunitySendMessageDocument,
  DataExportsDocument,
  DeleteAccountDocument,
  EndSessionDocument,
  JoinSessionDocument,
  LoginDocument,
  MeDocument,
  ReconciliationReportDocument,
  RefreshTokenDocument,
  RequestDataExportDocument,
  RequestSessionDocument,
  SendSessionMessageDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { Secret } from 'otpauth';
import { createSeed, login, PASSWORD, totpCode, type Actor, type Seed, type TestUser } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';

// GDPR rights through the gateway (docs/privacy.md): the export archive holds the user's own sessions with
// transcripts, messages, posts and transactions and nobody else's; deleting an account anonymises it, kills its
// tokens, blanks what it wrote and keeps the ledger whole.

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
let reader: Actor;
let client: Actor;
let other: Actor;
let sessionId: string;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
  reader = await seed.reader().online().withRates({ CHAT: 200 }).invitedBy(admin).create();
  client = await seed.client().withCredit(2000).registered().create();
  other = await seed.client().withCredit(500).registered().create();
  sessionId = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
  expect((await fed.run(AcceptSessionDocument, { sessionId }, reader.token)).errors).toBeUndefined();
  await fed.run(JoinSessionDocument, { sessionId }, client.token);
  expect((await fed.run(JoinSessionDocument, { sessionId }, reader.token)).data!.joinSession.status).toBe('IN_PROGRESS');
  for (const [content, who] of [['client transcript line', client], ['reader transcript line', reader]] as const) {
    expect((await fed.run(SendSessionMessageDocument, { input: { sessionId, content } }, who.token)).errors).toBeUndefined();
  }
  expect((await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'client direct message' } }, client.token)).errors).toBeUndefined();
  expect((await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'other client secret' } }, other.token)).errors).toBeUndefined();
  const post = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: 'forum-general', title: 'Client post title', content: 'client forum body' } }, client.token);
  expect(post.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await fed?.stop();
});

type Archive = {
  readings: { sessions: Array<{ id: string; transcript: Array<{ content: string }> }> };
  community: { directMessages: Array<{ content: string | null }>; forumPosts: Array<{ content: string }> };
  payments: { transactions: Array<{ type: string; amountCents: number; sessionId: string | null }> };
};

describe('data export', () => {
  it('assembles one archive of the viewer\'s own data, rate limited, and visible to its owner only', async () => {
    expect(errorCode(await fed.run(RequestDataExportDocument, {}, null))).toBe('UNAUTHENTICATED');
    const requested = await fed.run(RequestDataExportDocument, {}, client.token);
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestDataExport.status).toBe('PENDING');
    const again = await fed.run(RequestDataExportDocument, {}, client.token);
    expect(errorCode(again)).toBe('RATE_LIMITED');
    expect(again.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(3000);

    const ready = await eventually(
      async () => (await fed.run(DataExportsDocument, {}, client.token)).data!.dataExports,
      (list) => list[0]?.status === 'READY',
      60_000,
    );
    expect(ready).toHaveLength(1);
    expect(ready[0]!.id).toBe(requested.data!.requestDataExport.id);
    expect(new Date(ready[0]!.expiresAt).getTime() - new Date(ready[0]!.createdAt).getTime()).toBe(7 * 86_400_000);
    const archive = ready[0]!.content as Archive;
    const session = archive.readings.sessions.find((s) => s.id === sessionId)!;
    expect(session.transcript.map((m) => m.content)).toEqual(['client transcript line', 'reader transcript line']);
    expect(archive.community.directMessages.map((m) => m.content)).toEqual(['client direct message']);
    expect(archive.community.forumPosts.map((p) => p.content)).toEqual(['client forum body']);
    expect(archive.payments.transactions.some((t) => t.type === 'SESSION_CHARGE' && t.sessionId === sessionId)).toBe(true);
    const text = JSON.stringify(archive);
    expect(text).not.toContain('other client secret');
    expect(text).not.toContain(other.email);
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('twoFactorSecret');

    // Nobody else sees it: another user's list is their own (empty), and the reader's too.
    expect((await fed.run(DataExportsDocument, {}, other.token)).data!.dataExports).toEqual([]);
    expect((await fed.run(DataExportsDocument, {}, reader.token)).data!.dataExports).toEqual([]);
    expect(errorCode(await fed.run(DataExportsDocument, {}, null))).toBe('UNAUTHENTICATED');
  }, 120_000);
});

describe('account deletion', () => {
  const del = (user: Actor, password = PASSWORD) => fed.run(DeleteAccountDocument, { input: { password } }, user.token);

  it('refuses a wrong password, an open session and money still held, changing nothing', async () => {
    const wrong = await del(client, 'not-the-password-1');
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(DeleteAccountDocument, { input: { password: PASSWORD } }, null))).toBe('UNAUTHENTICATED');
    const open = await del(client);
    expect(errorCode(open)).toBe('CONFLICT');
    expect(open.errors![0]!.extensions!.reason).toBe('SESSION_OPEN');
    expect((await fed.run(EndSessionDocument, { sessionId }, client.token)).errors).toBeUndefined();
    const held = await del(client);
    expect(errorCode(held)).toBe('CONFLICT');
    expect(held.errors![0]!.extensions!.reason).toBe('WALLET_BALANCE');
    const readerHeld = await del(reader);
    expect(readerHeld.errors![0]!.extensions!.reason).toBe('UNPAID_EARNINGS');
    const row = await fed.db.prisma.user.findUniqueOrThrow({ where: { id: client.id } });
    expect(row).toMatchObject({ email: client.email, status: 'ACTIVE' });
    expect(row.passwordHash).not.toBeNull();
    expect((await fed.run(MeDocument, {}, client.token)).data!.me!.id).toBe(client.id);
  }, 120_000);

  it('anonymises the user, revokes every token, blanks what they wrote and keeps the ledger', async () => {
    const balance = await fed.runtime.money!.balanceOf(client.id);
    if (balance > 0) await seed.credit(client, -balance);
    const second = await login(fed, client.email);
    const txBefore = await fed.db.prisma.transaction.count({ where: { userId: client.id } });

    const deleted = await del(client);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteAccount).toBe(true);

    // Old access tokens and refresh tokens are refused; the old email signs in like an unknown one.
    for (const token of [client.token, second.token]) expect(errorCode(await fed.run(MeDocument, {}, token))).toBe('UNAUTHENTICATED');
    for (const refreshToken of [client.refreshToken!, second.refreshToken!]) {
      const refreshed = await fed.run(RefreshTokenDocument, { refreshToken }, null);
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(errorCode(refreshed));
      expect(refreshed.data?.refreshToken ?? null).toBeNull();
    }
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: client.id, revokedAt: null } })).toBe(0);
    const unknown = await fed.run(LoginDocument, { input: { email: `nobody-${Date.now()}@example.com`, password: PASSWORD } }, null);
    const old = await fed.run(LoginDocument, { input: { email: client.email, password: PASSWORD } }, null);
    expect(errorCode(old)).toBe(errorCode(unknown));
    expect(old.errors![0]!.message).toBe(unknown.errors![0]!.message);

    const user = await fed.db.prisma.user.findUniqueOrThrow({ where: { id: client.id }, include: { clientProfile: true, dataExports: true } });
    expect(user).toMatchObject({ email: `deleted-${client.id}@deleted.invalid`, passwordHash: null, status: 'BANNED', twoFactorSecret: null });
    expect(user.clientProfile).toMatchObject({ firstName: null, lastName: null, avatar: null, bio: null });
    expect(user.dataExports).toEqual([]);
    const chat = await fed.db.prisma.chatMessage.findMany({ where: { sessionId }, orderBy: { seq: 'asc' } });
    expect(chat.map((m) => m.content)).toEqual(['[deleted]', 'reader transcript line']);
    const dms = await fed.db.prisma.message.findMany({ where: { receiverId: reader.id }, orderBy: { createdAt: 'asc' } });
    expect(dms.map((m) => m.content)).toEqual(['[deleted]', 'other client secret']);
    const posts = await fed.db.prisma.forumPost.findMany({ where: { authorId: client.id } });
    expect(posts.map((p) => [p.title, p.content])).toEqual([['[deleted]', '[deleted]']]);

    // The ledger keeps every transaction, and the books still reconcile.
    expect(await fed.db.prisma.transaction.count({ where: { userId: client.id } })).toBe(txBefore);
    const report = await fed.run(ReconciliationReportDocument, {}, admin.token);
    expect(report.errors).toBeUndefined();
    expect(report.data!.reconciliationReport.ok).toBe(true);

    // The address can sign up again later; a second deletion with the dead token does nothing.
    expect(errorCode(await del(client))).toBe('UNAUTHENTICATED');
  }, 120_000);

  it('with two-factor authentication on, needs a valid code as well', async () => {
    const secret = new Secret({ size: 20 }).base32;
    await fed.db.prisma.user.update({ where: { id: other.id }, data: { twoFactorSecret: secret, twoFactorEnabledAt: new Date() } });
    await seed.credit(other, -(await fed.runtime.money!.balanceOf(other.id)));
    const missing = await del(other);
    expect(missing.errors![0]!.extensions!.reason).toBe('TWO_FACTOR_REQUIRED');
    const wrong = await fed.run(DeleteAccountDocument, { input: { password: PASSWORD, twoFactorCode: '000000' === totpCode(secret) ? '111111' : '000000' } }, other.token);
    expect(wrong.errors![0]!.extensions!.reason).toBe('BAD_TWO_FACTOR_CODE');
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).email).toBe(other.email);
    const ok = await fed.run(DeleteAccountDocument, { input: { password: PASSWORD, twoFactorCode: totpCode(secret) } }, other.token);
    expect(ok.errors).toBeUndefined();
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).email).toBe(`deleted-${other.id}@deleted.invalid`);
  }, 120_000);
});

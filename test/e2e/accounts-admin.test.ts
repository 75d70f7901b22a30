import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptReaderInviteDocument,
  AuditLogsDocument,
  InviteReaderDocument,
  LoginDocument,
  MeDocument,
  ReaderStatusViewDocument,
  RefreshTokenDocument,
  SetReaderStatusDocument,
  SetUserStatusDocument,
  UpdateClientProfileDocument,
  UpdateReaderProfileDocument,
  VerifyReaderDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, login, PASSWORD, uniqueEmail, type Actor, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let admin: Actor;
beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
});
afterAll(async () => {
  await fed?.stop();
});

const counts = async () => ({
  users: await fed.db.prisma.user.count(),
  readers: await fed.db.prisma.reader.count(),
  invites: await fed.db.prisma.readerInvite.count(),
  audits: await fed.db.prisma.auditLog.count(),
  tokens: await fed.db.prisma.refreshToken.count(),
});

describe('inviteReader and acceptReaderInvite', () => {
  it('creates a PENDING reader, stores only the token hash, and the invite activates and signs in once', async () => {
    const email = uniqueEmail('Invitee').toUpperCase();
    const res = await fed.run(InviteReaderDocument, { input: { email, firstName: 'Luna', lastName: 'Vale' } }, admin.token);
    expect(res.errors).toBeUndefined();
    const { inviteToken, expiresAt, user } = res.data!.inviteReader;
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'READER', status: 'PENDING', readerProfile: { displayName: 'Luna V.', firstName: 'Luna' } });
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const rows = await fed.db.sql<{ token_hash: string }>('SELECT token_hash FROM reader_invites WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(inviteToken);
    expect(JSON.stringify(await fed.db.sql('SELECT * FROM audit_logs'))).not.toContain(inviteToken);

    // A pending reader cannot sign in and is not in the directory.
    const early = await fed.run(LoginDocument, { input: { email, password: PASSWORD } });
    expect(errorCode(early)).toBe('UNAUTHENTICATED');
    expect((await fed.run(ReaderStatusViewDocument, { id: user.id })).data!.reader).toBeNull();

    const weak = await fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: 'weak' } });
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');

    const accepted = await fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: PASSWORD } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptReaderInvite.user).toMatchObject({ id: user.id, role: 'READER', status: 'ACTIVE' });
    const me = await fed.run(MeDocument, {}, accepted.data!.acceptReaderInvite.accessToken);
    expect(me.data!.me).toMatchObject({ id: user.id, role: 'READER', status: 'ACTIVE' });

    const before = await counts();
    const again = await fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: 'another-pass-99' } });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0]!.extensions!.reason).toBe('INVITE_USED');
    expect(await counts()).toEqual(before);
    // The password chosen first still works.
    expect((await fed.run(LoginDocument, { input: { email, password: PASSWORD } })).errors).toBeUndefined();
  });

  it('refuses forged and expired tokens with clear reasons and changes nothing', async () => {
    const invited = await fed.run(InviteReaderDocument, { input: { email: uniqueEmail('late'), firstName: 'Late', lastName: 'Comer' } }, admin.token);
    const { inviteToken, user } = invited.data!.inviteReader;
    await fed.db.sql(`UPDATE reader_invites SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);

    const before = await counts();
    const expired = await fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: PASSWORD } });
    expect(errorCode(expired)).toBe('BAD_USER_INPUT');
    expect(expired.errors![0]!.extensions!.reason).toBe('INVITE_EXPIRED');

    for (const token of [`${inviteToken.slice(0, -2)}xx`, 'not-a-token', 'x'.repeat(201)]) {
      const forged = await fed.run(AcceptReaderInviteDocument, { input: { token, password: PASSWORD } });
      expect(errorCode(forged)).toBe('BAD_USER_INPUT');
    }
    const forged = await fed.run(AcceptReaderInviteDocument, { input: { token: `${inviteToken.slice(0, -2)}xx`, password: PASSWORD } });
    expect(forged.errors![0]!.extensions!.reason).toBe('INVITE_INVALID');
    expect(await counts()).toEqual(before);
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe('PENDING');

    // Re-inviting the still-pending reader issues a new token and voids the old one.
    const reinvite = await fed.run(InviteReaderDocument, { input: { email: (await fed.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email, firstName: 'Late', lastName: 'Comer' } }, admin.token);
    expect(reinvite.errors).toBeUndefined();
    expect(reinvite.data!.inviteReader.user.id).toBe(user.id);
    const ok = await fed.run(AcceptReaderInviteDocument, { input: { token: reinvite.data!.inviteReader.inviteToken, password: PASSWORD } });
    expect(ok.errors).toBeUndefined();
  });

  it('lets exactly one of several racing acceptances of one invite win', async () => {
    const invited = await fed.run(InviteReaderDocument, { input: { email: uniqueEmail('race'), firstName: 'Ra', lastName: 'Ce' } }, admin.token);
    const { inviteToken, user } = invited.data!.inviteReader;
    const passwords = ['first-password-1', 'second-password-2', 'third-password-3'];
    const results = await Promise.all(passwords.map((password) => fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password } })));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(2);
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: user.id } })).toBe(1);
    expect(await fed.db.prisma.auditLog.count({ where: { entityId: user.id, action: 'accounts:accept_reader_invite' } })).toBe(1);
  });

  it('lets exactly one of two racing invitations for one new email through', async () => {
    const email = uniqueEmail('twice');
    const results = await Promise.all(
      [0, 1].map(() => fed.run(InviteReaderDocument, { input: { email, firstName: 'Twi', lastName: 'Ce' } }, admin.token)),
    );
    // The loser either re-invites the still-pending reader or meets the unique index: never a second account.
    expect(results.filter((r) => r.errors && errorCode(r) !== 'CONFLICT')).toHaveLength(0);
    expect(await fed.db.prisma.user.count({ where: { email } })).toBe(1);
  });

  it('is admin only and refuses existing emails and bad input, changing nothing', async () => {
    const client = await seed.client().registered().create();
    const reader = await seed.reader().invitedBy(admin).create();
    const before = await counts();
    const input = { email: uniqueEmail('nope'), firstName: 'No', lastName: 'Pe' };
    expect(errorCode(await fed.run(InviteReaderDocument, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(InviteReaderDocument, { input }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(InviteReaderDocument, { input }, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(InviteReaderDocument, { input: { ...input, email: client.email.toUpperCase() } }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await fed.run(InviteReaderDocument, { input: { ...input, email: reader.email } }, admin.token))).toBe('CONFLICT');
    for (const bad of [
      { ...input, email: 'not-an-email' },
      { ...input, email: `${'a'.repeat(250)}@example.com` },
      { ...input, firstName: '' },
      { ...input, lastName: 'x'.repeat(61) },
      { ...input, displayName: 'y'.repeat(61) },
    ]) {
      const res = await fed.run(InviteReaderDocument, { input: bad }, admin.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('verifyReader', () => {
  it('sets and clears verification with an audit row in the same change', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    const res = await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true, reason: 'ID checked' } }, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyReader.reader).toEqual({ id: reader.id, isVerified: true });
    const undo = await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: false } }, admin.token);
    expect(undo.data!.verifyReader.reader.isVerified).toBe(false);

    const logs = await fed.db.prisma.auditLog.findMany({ where: { entityId: reader.id, entityType: 'Reader' }, orderBy: { createdAt: 'asc' } });
    expect(logs.map((l) => [l.action, l.userId])).toEqual([
      ['accounts:verify_reader', admin.id],
      ['accounts:unverify_reader', admin.id],
    ]);
    expect(logs[0]!.changes).toEqual({ isVerified: { from: false, to: true }, reason: 'ID checked' });
  });

  it('refuses non-admins and unknown readers, changing nothing', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    const client = await seed.client().registered().create();
    const before = await counts();
    expect(errorCode(await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true } }, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true } }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(VerifyReaderDocument, { input: { readerId: client.id, verified: true } }, admin.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified: true, reason: 'r'.repeat(501) } }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await counts()).toEqual(before);
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).isVerified).toBe(false);
  });
});

describe('setUserStatus', () => {
  it('suspending revokes refresh tokens, blocks login and refresh, takes a reader offline; reactivating restores login', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    const secondDevice = await login(fed, reader.email);
    expect((await fed.run(SetReaderStatusDocument, { status: 'ONLINE' }, reader.token)).errors).toBeUndefined();

    const res = await fed.run(SetUserStatusDocument, { input: { userId: reader.id, status: 'SUSPENDED', reason: 'Chargebacks' } }, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.setUserStatus).toEqual({ revokedRefreshTokens: 2, user: { id: reader.id, status: 'SUSPENDED' } });
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: reader.id, revokedAt: null } })).toBe(0);
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('OFFLINE');

    const loginRes = await fed.run(LoginDocument, { input: { email: reader.email, password: PASSWORD } });
    expect(errorCode(loginRes)).toBe('FORBIDDEN');
    expect(loginRes.errors![0]!.extensions!.reason).toBe('ACCOUNT_SUSPENDED');
    const refreshRes = await fed.run(RefreshTokenDocument, { refreshToken: secondDevice.refreshToken });
    expect(errorCode(refreshRes)).toBe('FORBIDDEN');
    expect(refreshRes.errors![0]!.extensions!.reason).toBe('ACCOUNT_SUSPENDED');

    const [log] = await fed.db.prisma.auditLog.findMany({ where: { entityId: reader.id, action: 'accounts:set_user_status' } });
    expect(log).toMatchObject({ userId: admin.id, entityType: 'User', changes: { status: { from: 'ACTIVE', to: 'SUSPENDED' }, reason: 'Chargebacks', revokedRefreshTokens: 2 } });

    // The access token issued before the suspension is refused at once by the gateway (it had 15 minutes to run).
    const edit = await fed.run(UpdateReaderProfileDocument, { input: { headline: 'Still here' } }, reader.token);
    expect(edit.status).toBe(401);
    expect(edit.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_SUSPENDED' });

    const back = await fed.run(SetUserStatusDocument, { input: { userId: reader.id, status: 'ACTIVE', reason: 'Resolved' } }, admin.token);
    expect(back.data!.setUserStatus).toEqual({ revokedRefreshTokens: 0, user: { id: reader.id, status: 'ACTIVE' } });
    expect((await fed.run(LoginDocument, { input: { email: reader.email, password: PASSWORD } })).errors).toBeUndefined();
  });

  it('banning a client blocks login; the ban reason is audited', async () => {
    const client = await seed.client().registered().create();
    const res = await fed.run(SetUserStatusDocument, { input: { userId: client.id, status: 'BANNED', reason: 'Abuse' } }, admin.token);
    expect(res.data!.setUserStatus.user.status).toBe('BANNED');
    const loginRes = await fed.run(LoginDocument, { input: { email: client.email, password: PASSWORD } });
    expect(loginRes.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_BANNED' });
    expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: client.refreshToken }))).toBe('FORBIDDEN');
    const edit = await fed.run(UpdateClientProfileDocument, { input: { bio: 'still here' } }, client.token);
    expect(edit.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BANNED' });
  });

  it('refuses non-admins, self-changes, PENDING→ACTIVE, missing reasons and bad statuses, changing nothing', async () => {
    const client = await seed.client().registered().create();
    const other = await seed.client().registered().create();
    const pending = await fed.run(InviteReaderDocument, { input: { email: uniqueEmail('pend'), firstName: 'Pen', lastName: 'Ding' } }, admin.token);
    const pendingId = pending.data!.inviteReader.user.id;
    const before = await counts();
    const statuses = async () => (await fed.db.prisma.user.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }));
    const statusBefore = await statuses();

    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: other.id, status: 'BANNED', reason: 'x' } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: other.id, status: 'BANNED', reason: 'x' } }, client.token))).toBe('FORBIDDEN');
    const self = await fed.run(SetUserStatusDocument, { input: { userId: admin.id, status: 'SUSPENDED', reason: 'x' } }, admin.token);
    expect(errorCode(self)).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: pendingId, status: 'ACTIVE', reason: 'x' } }, admin.token))).toBe('CONFLICT');
    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: other.id, status: 'BANNED', reason: '  ' } }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: other.id, status: 'PENDING' as never, reason: 'x' } }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await fed.run(SetUserStatusDocument, { input: { userId: 'no-such-user', status: 'BANNED', reason: 'x' } }, admin.token))).toBe('NOT_FOUND');

    expect(await counts()).toEqual(before);
    expect(await statuses()).toEqual(statusBefore);
  });

  it('suspending a pending reader voids the invitation', async () => {
    const pending = await fed.run(InviteReaderDocument, { input: { email: uniqueEmail('void'), firstName: 'Vo', lastName: 'Id' } }, admin.token);
    const { inviteToken, user } = pending.data!.inviteReader;
    expect((await fed.run(SetUserStatusDocument, { input: { userId: user.id, status: 'BANNED', reason: 'Fraud' } }, admin.token)).errors).toBeUndefined();
    const res = await fed.run(AcceptReaderInviteDocument, { input: { token: inviteToken, password: PASSWORD } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe('BANNED');
  });
});

describe('auditLogs', () => {
  it('lists admin actions newest first, filtered by entity, paginated, for admins only', async () => {
    const reader = await seed.reader().invitedBy(admin).create();
    for (const verified of [true, false, true]) {
      await fed.run(VerifyReaderDocument, { input: { readerId: reader.id, verified } }, admin.token);
    }
    const page1 = await fed.run(AuditLogsDocument, { filter: { entityType: 'Reader', entityId: reader.id }, first: 2 }, admin.token);
    expect(page1.errors).toBeUndefined();
    const c = page1.data!.auditLogs;
    expect(c.totalCount).toBe(3);
    expect(c.edges.map((e) => e.node.action)).toEqual(['accounts:verify_reader', 'accounts:unverify_reader']);
    expect(c.edges[0]!.node.actor!.id).toBe(admin.id);
    expect(c.pageInfo.hasNextPage).toBe(true);
    const page2 = await fed.run(AuditLogsDocument, { filter: { entityType: 'Reader', entityId: reader.id }, first: 2, after: c.pageInfo.endCursor }, admin.token);
    expect(page2.data!.auditLogs.edges.map((e) => [e.node.action, e.node.changes])).toEqual([
      ['accounts:verify_reader', { isVerified: { from: false, to: true } }],
    ]);
    expect(page2.data!.auditLogs.pageInfo.hasNextPage).toBe(false);

    const byInvite = await fed.run(AuditLogsDocument, { filter: { entityType: 'User', entityId: reader.id } }, admin.token);
    expect(byInvite.data!.auditLogs.edges.map((e) => e.node.action).sort()).toEqual(['accounts:accept_reader_invite', 'accounts:invite_reader']);

    const client = await seed.client().registered().create();
    expect(errorCode(await fed.run(AuditLogsDocument, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(AuditLogsDocument, {}, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AuditLogsDocument, {}, reader.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AuditLogsDocument, { filter: { entityId: 'e'.repeat(101) } }, admin.token))).toBe('BAD_USER_INPUT');
  });
});

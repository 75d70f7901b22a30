import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { LoginDocument, LogoutDocument, MeDocument, RefreshTokenDocument, RegisterDocument, type RegisterInput } from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { login, PASSWORD, registerClient, uniqueEmail } from './accounts-fixtures.js';

describe('login rate limits', () => {
  describe('per email', () => {
    let fed: TestFederation;
    beforeAll(async () => {
      fed = await startTestFederation({ config: { loginAttemptsPerEmail: 3, loginAttemptsPerIp: 1000 } });
    });
    afterAll(async () => {
      await fed?.stop();
    });

    it('blocks an email after 3 attempts, even with the right password, without touching other emails', async () => {
      const victim = await registerClient(fed);
      const bystander = await registerClient(fed);
      for (let i = 0; i < 3; i += 1) {
        expect(errorCode(await fed.run(LoginDocument, { input: { email: victim.email, password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');
      }
      const limited = await fed.run(LoginDocument, { input: { email: victim.email.toUpperCase(), password: PASSWORD } });
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(limited.data?.login ?? null).toBeNull();
      expect((await fed.run(LoginDocument, { input: { email: bystander.email, password: PASSWORD } })).errors).toBeUndefined();
    });

    it('a successful login clears the failures counted against the email', async () => {
      const user = await registerClient(fed);
      const wrong = () => fed.run(LoginDocument, { input: { email: user.email, password: 'wrong-password-1' } });
      expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
      expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
      await login(fed, user.email);
      expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
      expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
      await login(fed, user.email);
    });

    it('counts attempts on unknown emails too, so they cannot be probed faster', async () => {
      const ghost = uniqueEmail('ghost');
      for (let i = 0; i < 3; i += 1) {
        expect(errorCode(await fed.run(LoginDocument, { input: { email: ghost, password: 'whatever-pass-1' } }))).toBe('UNAUTHENTICATED');
      }
      expect(errorCode(await fed.run(LoginDocument, { input: { email: ghost, password: 'whatever-pass-1' } }))).toBe('RATE_LIMITED');
    });
  });

  describe('per IP', () => {
    let fed: TestFederation;
    beforeAll(async () => {
      fed = await startTestFederation({ config: { loginAttemptsPerEmail: 100, loginAttemptsPerIp: 4 } });
    });
    afterAll(async () => {
      await fed?.stop();
    });

    it('blocks an IP after 4 attempts across different emails, good passwords included', async () => {
      const users = await Promise.all([0, 1, 2, 3, 4].map(() => registerClient(fed)));
      for (const u of users.slice(0, 3)) await login(fed, u.email);
      expect(errorCode(await fed.run(LoginDocument, { input: { email: users[3]!.email, password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');
      const limited = await fed.run(LoginDocument, { input: { email: users[4]!.email, password: PASSWORD } });
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      // Registration is not a login: it is not blocked by the login limit.
      expect((await fed.run(RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD } })).errors).toBeUndefined();
    });
  });
});

describe('tokens and bad input', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
  });
  afterAll(async () => {
    await fed?.stop();
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
    const user = await registerClient(fed);
    const first = await fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken });
    expect(first.errors).toBeUndefined();
    const second = await fed.run(RefreshTokenDocument, { refreshToken: first.data!.refreshToken.refreshToken });
    expect(second.errors).toBeUndefined();
    expect((await fed.run(MeDocument, {}, second.data!.refreshToken.accessToken)).data!.me!.id).toBe(user.id);

    // The first token is replayed (stolen): refused, and the live token of the family dies with it.
    const replay = await fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken });
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: second.data!.refreshToken.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await fed.db.prisma.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    // Another device's family is untouched.
    const other = await login(fed, user.email);
    expect((await fed.run(RefreshTokenDocument, { refreshToken: other.refreshToken })).errors).toBeUndefined();
  });

  it('lets exactly one of two concurrent refreshes of one token win', async () => {
    const user = await registerClient(fed);
    const results = await Promise.all([0, 1, 2].map(() => fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED')).toHaveLength(2);
  });

  it('refuses expired, unknown and logged-out refresh tokens', async () => {
    const user = await registerClient(fed);
    await fed.db.sql(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const expired = await fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken });
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors![0]!.message).toMatch(/expired/);
    for (const token of ['short', 'x'.repeat(43), 'y'.repeat(500)]) {
      expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: token }))).toBe('UNAUTHENTICATED');
    }
    const again = await login(fed, user.email);
    expect((await fed.run(LogoutDocument, { refreshToken: again.refreshToken })).data!.logout).toBe(true);
    expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: again.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(LogoutDocument, { allDevices: true }))).toBe('UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED to expired, forged and malformed access tokens', async () => {
    const user = await registerClient(fed);
    const secret = fed.runtime.config.jwtSecret;
    const viewer = { id: user.id, role: 'ADMIN' as const };
    const expired = await createAccessToken(viewer, secret, -60);
    const wrongKey = await createAccessToken(viewer, 'an-attacker-secret-that-is-long-enough-0123456789', 900);
    const wrongAudience = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('soulseer')
      .setAudience('soulseer-subgraph')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    const [h, p] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${user.token.split('.')[2]}`;
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    for (const [label, token] of Object.entries({ expired, wrongKey, wrongAudience, tampered, unsigned, garbage: 'not.a.jwt' })) {
      const res = await fed.run(MeDocument, {}, token);
      expect(errorCode(res), label).toBe('UNAUTHENTICATED');
      expect(res.data?.me ?? null, label).toBeNull();
    }
    const res = await fed.run(MeDocument, {}, expired);
    expect(res.errors![0]!.extensions!.reason).toBe('TOKEN_EXPIRED');
  });

  const badRegistrations: Array<[string, RegisterInput, string]> = [
    ['no @', { email: 'alice.example.com', password: PASSWORD }, 'email'],
    ['no domain', { email: 'alice@', password: PASSWORD }, 'email'],
    ['spaces inside', { email: 'al ice@example.com', password: PASSWORD }, 'email'],
    ['two @', { email: 'a@b@example.com', password: PASSWORD }, 'email'],
    ['empty email', { email: '', password: PASSWORD }, 'email'],
    ['over-long email', { email: `${'a'.repeat(250)}@example.com`, password: PASSWORD }, 'email'],
    ['short password', { email: 'x1@example.com', password: 'abc12' }, 'password'],
    ['password without a digit', { email: 'x2@example.com', password: 'abcdefghijkl' }, 'password'],
    ['password without a letter', { email: 'x3@example.com', password: '123456789012' }, 'password'],
    ['over-long password', { email: 'x4@example.com', password: `a1${'x'.repeat(127)}` }, 'password'],
    ['over-long first name', { email: 'x5@example.com', password: PASSWORD, firstName: 'f'.repeat(61) }, 'firstName'],
    ['blank last name', { email: 'x6@example.com', password: PASSWORD, lastName: '   ' }, 'lastName'],
  ];
  it.each(badRegistrations)('refuses registration with %s (BAD_USER_INPUT on the field, nothing created)', async (_label, input, field) => {
    const before = await fed.db.prisma.user.count();
    const res = await fed.run(RegisterDocument, { input });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(await fed.db.prisma.user.count()).toBe(before);
  });

  it('refuses malformed and over-long login input before counting it or touching the database', async () => {
    for (const input of [
      { email: 'not-an-email', password: PASSWORD },
      { email: `${'a'.repeat(250)}@example.com`, password: PASSWORD },
      { email: 'someone@example.com', password: 'p'.repeat(129) },
      { email: 'someone@example.com', password: '' },
    ]) {
      const res = await fed.run(LoginDocument, { input });
      expect(errorCode(res), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await fed.run(LoginDocument, { input: { email: 'someone@example.com', password: 42 } as never }))).toBe('BAD_USER_INPUT');
  });

  it('refuses duplicate emails in any case, also when racing, and wrong types', async () => {
    const email = uniqueEmail('dup');
    const racing = await Promise.all([email, email.toUpperCase(), email].map((e) => fed.run(RegisterDocument, { input: { email: e, password: PASSWORD } })));
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(2);
    expect(await fed.db.prisma.user.count({ where: { email } })).toBe(1);

    const before = await fed.db.prisma.user.count();
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: 12345, password: PASSWORD } as never }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: uniqueEmail() } as never }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD, role: 'ADMIN' } as never }))).toBe('BAD_USER_INPUT');
    const malformed = await postGraphQL(fed.url, '{"query": "mutation { register(', null);
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(await fed.db.prisma.user.count()).toBe(before);
  });
});

import type { GraphQLFormattedError } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { ChangePasswordDocument, LoginDocument, LogoutDocument, MeDocument, RefreshTokenDocument, RegisterDocument, type RegisterInput } from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { runFrom } from './accounts-fixtures.js';
import { createSeed, login, PASSWORD, uniqueEmail, type Seed } from '../helpers/seed.js';

const STRANGER = '127.0.0.2';
const OWNER = '127.0.0.1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('login throttling', () => {
  let fed: TestFederation;
  let seed: Seed;
  beforeAll(async () => {
    fed = await startTestFederation({ config: { loginFailuresBeforeBackoff: 3, loginAttemptsPerIp: 1000 } });
    seed = createSeed(fed);
  });
  afterAll(async () => {
    await fed?.stop();
  });

  it('slows a stranger failing on an email down exponentially, while the owner still signs in from their own IP', async () => {
    const victim = await seed.client().registered().create();
    const attempt = (ip: string, password: string) => runFrom(fed, ip, LoginDocument, { input: { email: victim.email, password } });
    // Three failures are free; the fourth makes this IP wait 1 s before trying this email again.
    for (let i = 0; i < 4; i += 1) expect(errorCode(await attempt(STRANGER, 'wrong-password-1'))).toBe('UNAUTHENTICATED');
    const limited = await attempt(STRANGER, PASSWORD);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBe(1);
    expect(limited.data?.login ?? null).toBeNull();

    // The account is not locked: its owner, from another IP, signs in at once (the stranger's failures stay his).
    const owner = await attempt(OWNER, PASSWORD);
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.user.id).toBe(victim.id);

    // The stranger's next failure doubles the wait.
    await sleep(1_100);
    expect(errorCode(await attempt(STRANGER, 'wrong-password-2'))).toBe('UNAUTHENTICATED');
    const longer = await attempt(STRANGER, 'wrong-password-3');
    expect(errorCode(longer)).toBe('RATE_LIMITED');
    expect(longer.errors![0]!.extensions!.retryAfterSeconds).toBe(2);
    // Other emails from the stranger's IP are not affected.
    const bystander = await seed.client().registered().create();
    expect((await runFrom(fed, STRANGER, LoginDocument, { input: { email: bystander.email, password: PASSWORD } })).errors).toBeUndefined();
    expect((await attempt(OWNER, PASSWORD)).errors).toBeUndefined();
  });

  it('a successful login clears the failures of that IP and email', async () => {
    const user = await seed.client().registered().create();
    const wrong = () => fed.run(LoginDocument, { input: { email: user.email, password: 'wrong-password-1' } });
    for (let i = 0; i < 3; i += 1) expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
    await login(fed, user.email);
    for (let i = 0; i < 3; i += 1) expect(errorCode(await wrong())).toBe('UNAUTHENTICATED');
    await login(fed, user.email);
  });

  it('does not tell an unknown email from a wrong password or a suspended account, in answers or in throttling', async () => {
    const known = await seed.client().registered().create();
    const suspended = await seed.client().registered().create();
    await fed.db.prisma.user.update({ where: { id: suspended.id }, data: { status: 'SUSPENDED' } });
    const ghost = uniqueEmail('ghost');
    const answers = await Promise.all(
      [known.email, suspended.email, ghost].map(async (email) => {
        const seen: unknown[] = [];
        for (let i = 0; i < 5; i += 1) {
          const res = await runFrom(fed, STRANGER, LoginDocument, { input: { email, password: 'wrong-password-1' } });
          seen.push({ status: res.status, data: res.data ?? null, errors: res.errors });
        }
        return seen;
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((answers[0]![0] as { errors: GraphQLFormattedError[] }).errors[0]).toMatchObject({
      message: 'Email or password is incorrect.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' },
    });
    expect((answers[0]![4] as { errors: GraphQLFormattedError[] }).errors[0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('counts wrong current passwords of changePassword like failed logins', async () => {
    const user = await seed.client().registered().create();
    const change = (currentPassword: string) =>
      fed.run(ChangePasswordDocument, { input: { currentPassword, newPassword: 'another-horse-43' } }, user.token);
    for (let i = 0; i < 4; i += 1) expect(errorCode(await change('wrong-password-1'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await change(PASSWORD))).toBe('RATE_LIMITED');
    // From this IP the email waits too, for logins as well; the password did not change.
    expect(errorCode(await fed.run(LoginDocument, { input: { email: user.email, password: PASSWORD } }))).toBe('RATE_LIMITED');
    expect((await runFrom(fed, STRANGER, LoginDocument, { input: { email: user.email, password: PASSWORD } })).errors).toBeUndefined();
  });
});

describe('login limit per IP', () => {
  let fed: TestFederation;
  let seed: Seed;
  beforeAll(async () => {
    fed = await startTestFederation({ config: { loginFailuresBeforeBackoff: 100, loginAttemptsPerIp: 4 } });
    seed = createSeed(fed);
  });
  afterAll(async () => {
    await fed?.stop();
  });

  it('blocks an IP after 4 attempts across different emails, good passwords included', async () => {
    const users = await Promise.all([0, 1, 2, 3, 4].map(() => seed.client().registered().create()));
    for (const u of users.slice(0, 3)) await login(fed, u.email);
    expect(errorCode(await fed.run(LoginDocument, { input: { email: users[3]!.email, password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');
    const limited = await fed.run(LoginDocument, { input: { email: users[4]!.email, password: PASSWORD } });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(900);
    // Another IP is not blocked; registration is not a login: it is not blocked by the login limit.
    expect((await runFrom(fed, STRANGER, LoginDocument, { input: { email: users[4]!.email, password: PASSWORD } })).errors).toBeUndefined();
    expect((await fed.run(RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD } })).errors).toBeUndefined();
  });
});

describe('registration limit per IP', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation({ config: { registrationsPerIp: 3 } });
  });
  afterAll(async () => {
    await fed?.stop();
  });

  it('refuses the 4th registration attempt from one IP (taken emails count too) with RATE_LIMITED, creating nothing', async () => {
    const email = uniqueEmail('first');
    expect((await fed.run(RegisterDocument, { input: { email, password: PASSWORD } })).errors).toBeUndefined();
    expect(errorCode(await fed.run(RegisterDocument, { input: { email, password: PASSWORD } }))).toBe('BAD_USER_INPUT');
    expect((await fed.run(RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD } })).errors).toBeUndefined();

    const before = await fed.db.prisma.user.count();
    const limited = await fed.run(RegisterDocument, { input: { email: uniqueEmail('fourth'), password: PASSWORD } });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(limited.data?.register ?? null).toBeNull();
    expect(await fed.db.prisma.user.count()).toBe(before);
    // Another IP may still register.
    expect((await runFrom(fed, STRANGER, RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD } })).errors).toBeUndefined();
  });
});

describe('tokens and bad input', () => {
  let fed: TestFederation;
  let seed: Seed;
  beforeAll(async () => {
    fed = await startTestFederation();
    seed = createSeed(fed);
  });
  afterAll(async () => {
    await fed?.stop();
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
    const user = await seed.client().registered().create();
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
    const user = await seed.client().registered().create();
    const results = await Promise.all([0, 1, 2].map(() => fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED')).toHaveLength(2);
  });

  it('refuses expired, unknown and logged-out refresh tokens', async () => {
    const user = await seed.client().registered().create();
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
    const user = await seed.client().registered().create();
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

  it('refuses a taken email (any case, also when racing) like any refused email, without saying it is registered', async () => {
    const email = uniqueEmail('dup');
    const racing = await Promise.all([email, email.toUpperCase(), email].map((e) => fed.run(RegisterDocument, { input: { email: e, password: PASSWORD } })));
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    const refused = racing.filter((r) => r.errors);
    expect(refused).toHaveLength(2);
    expect(await fed.db.prisma.user.count({ where: { email } })).toBe(1);
    const invalid = await fed.run(RegisterDocument, { input: { email: 'not-an-email', password: PASSWORD } });
    for (const r of refused) {
      // The same code, field and status as an invalid email; the message names no account.
      expect(r.status).toBe(invalid.status);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(invalid.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(Object.keys(r.errors![0]!.extensions!).sort()).toEqual(Object.keys(invalid.errors![0]!.extensions!).sort());
      expect(r.errors![0]!.message).not.toMatch(/exist|registered|taken|already/i);
    }

    const before = await fed.db.prisma.user.count();
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: 12345, password: PASSWORD } as never }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: uniqueEmail() } as never }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RegisterDocument, { input: { email: uniqueEmail(), password: PASSWORD, role: 'ADMIN' } as never }))).toBe('BAD_USER_INPUT');
    const malformed = await postGraphQL(fed.url, '{"query": "mutation { register(', null);
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(await fed.db.prisma.user.count()).toBe(before);
  });
});

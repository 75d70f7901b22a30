import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import {
  ChangeEmailDocument,
  CommunitySendMessageDocument,
  ConfirmEmailChangeDocument,
  ConfirmTwoFactorDocument,
  CreatePayoutAccountLinkDocument,
  CreateTopUpDocument,
  DisableTwoFactorDocument,
  EnableTwoFactorDocument,
  LoginDocument,
  MeDocument,
  MySecurityDocument,
  RefreshTokenDocument,
  RegisterDocument,
  RequestPasswordResetDocument,
  ResendVerificationEmailDocument,
  ResetPasswordDocument,
  SetUserStatusDocument,
  VerifyEmailDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, PASSWORD, totpCode, uniqueEmail, type Seed } from '../helpers/seed.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

// Account recovery and security through the gateway, with a real SMTP server in this process: the email each flow
// sends (content, link), single use and expiry of every mailed token, revocation on password reset, and two-factor
// authentication (login, recovery codes, replay, admins and payout details).
let fed: TestFederation;
let smtp: TestSmtp;
let seed: Seed;

beforeAll(async () => {
  smtp = await startTestSmtp();
  fed = await startTestFederation({ config: { mail: { smtpUrl: smtp.url, from: 'SoulSeer <no-reply@soulseer.test>', dir: '/nonexistent', appUrl: 'https://app.soulseer.test' } } });
  seed = createSeed(fed);
}, 120_000);
afterAll(async () => {
  await fed?.stop();
  await smtp?.close();
});

const mailTo = (to: string, subject: RegExp) => smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject));
const ok = <T>(res: { data?: T | null; errors?: unknown }) => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

async function registerUnverified() {
  const email = uniqueEmail('fresh');
  const p = ok(await fed.run(RegisterDocument, { input: { email, password: PASSWORD, firstName: 'Fay <b>' } })).register;
  return { email, id: p.user.id, token: p.accessToken, refreshToken: p.refreshToken };
}

describe('email verification', () => {
  it('mails a link and a code at registration; unverified accounts may browse but not pay or message until the link is used once', async () => {
    const reader = await seed.reader().create();
    const u = await registerUnverified();
    const mail = await mailTo(u.email, /Confirm your email/);
    expect(mail.from).toBe('no-reply@soulseer.test');
    const link = linkIn(mail.text, 'verify-email');
    expect(link.origin).toBe('https://app.soulseer.test');
    expect(mail.text).toMatch(/code in the app: \d{6}/);
    expect(mail.html).toContain(link.searchParams.get('token')!);
    // The database holds a hash only.
    const rows = await fed.db.prisma.accountToken.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.tokenHash)).not.toContain(link.searchParams.get('token'));

    expect(ok(await fed.run(MySecurityDocument, {}, u.token)).me).toMatchObject({ emailVerified: false, twoFactorEnabled: false });
    const dm = await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hello' } }, u.token);
    expect(errorCode(dm)).toBe('EMAIL_NOT_VERIFIED');
    expect(errorCode(await fed.run(CreateTopUpDocument, { input: { amountCents: 1000, idempotencyKey: 'k-unverified-1' } }, u.token))).toBe('EMAIL_NOT_VERIFIED');
    expect(await fed.db.prisma.message.count({ where: { senderId: u.id } })).toBe(0);

    expect(ok(await fed.run(VerifyEmailDocument, { token: link.searchParams.get('token')! })).verifyEmail).toBe(true);
    // Single use.
    const again = await fed.run(VerifyEmailDocument, { token: link.searchParams.get('token')! });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.extensions?.reason).toBe('INVALID_TOKEN');
    // The same access token now may message (the gateway dropped its cached state).
    expect(ok(await fed.run(MySecurityDocument, {}, u.token)).me?.emailVerified).toBe(true);
    ok(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hello' } }, u.token));
  }, 60_000);

  it('resends (earlier link dead), verifies with the 6-digit code when signed in, refuses wrong, forged and expired ones', async () => {
    const u = await registerUnverified();
    const first = linkIn((await mailTo(u.email, /Confirm your email/)).text, 'verify-email').searchParams.get('token')!;
    expect(ok(await fed.run(ResendVerificationEmailDocument, {}, u.token)).resendVerificationEmail).toBe(true);
    await smtp.waitFor(() => smtp.messages.filter((m) => m.to.includes(u.email)).length >= 2);
    const second = smtp.messages.filter((m) => m.to.includes(u.email))[1]!;
    const code = /code in the app: (\d{6})/.exec(second.text)![1]!;
    expect(errorCode(await fed.run(VerifyEmailDocument, { token: first }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(VerifyEmailDocument, { token: 'x'.repeat(43) }))).toBe('BAD_USER_INPUT');
    // A code needs the signed-in user (it is only tried against their own token).
    expect(errorCode(await fed.run(VerifyEmailDocument, { code }))).toBe('UNAUTHENTICATED');
    const wrong = code === '000000' ? '000001' : '000000';
    expect(errorCode(await fed.run(VerifyEmailDocument, { code: wrong }, u.token))).toBe('BAD_USER_INPUT');
    // Expired: the token's expiry moved into the past.
    await fed.db.prisma.accountToken.updateMany({ where: { userId: u.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(errorCode(await fed.run(VerifyEmailDocument, { code }, u.token))).toBe('BAD_USER_INPUT');
    await fed.db.prisma.accountToken.updateMany({ where: { userId: u.id, usedAt: null }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect(ok(await fed.run(VerifyEmailDocument, { code }, u.token)).verifyEmail).toBe(true);
    expect(errorCode(await fed.run(ResendVerificationEmailDocument, {}, u.token))).toBe('CONFLICT');
  }, 60_000);
});

describe('password reset', () => {
  it('answers the same for unknown emails, mails a single-use link, and the new password revokes every earlier token', async () => {
    const user = await seed.client().registered().create();
    const unknown = uniqueEmail('nobody');
    expect(ok(await fed.run(RequestPasswordResetDocument, { email: unknown })).requestPasswordReset).toBe(true);
    expect(ok(await fed.run(RequestPasswordResetDocument, { email: user.email.toUpperCase() })).requestPasswordReset).toBe(true);
    const mail = await mailTo(user.email, /Reset your SoulSeer password/);
    expect(mail.text).toContain('30 minutes');
    const token = linkIn(mail.text, 'reset-password').searchParams.get('token')!;
    expect(smtp.messages.some((m) => m.to.includes(unknown))).toBe(false);

    const weak = await fed.run(ResetPasswordDocument, { input: { token, newPassword: 'short' } });
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    const newPassword = 'brand-new-secret-77';
    expect(ok(await fed.run(ResetPasswordDocument, { input: { token, newPassword } })).resetPassword).toBe(true);
    // The old access token and refresh token are refused; the old password too.
    expect(errorCode(await fed.run(MeDocument, {}, user.token))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(RefreshTokenDocument, { refreshToken: user.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fed.run(LoginDocument, { input: { email: user.email, password: PASSWORD } }))).toBe('UNAUTHENTICATED');
    ok(await fed.run(LoginDocument, { input: { email: user.email, password: newPassword } }));
    // Single use, and a notice went out.
    expect(errorCode(await fed.run(ResetPasswordDocument, { input: { token, newPassword: 'another-secret-88' } }))).toBe('BAD_USER_INPUT');
    await mailTo(user.email, /password was changed/);
  }, 60_000);

  it('refuses an expired token and limits requests per email', async () => {
    const user = await seed.client().registered().create();
    ok(await fed.run(RequestPasswordResetDocument, { email: user.email }));
    const token = linkIn((await mailTo(user.email, /Reset your/)).text, 'reset-password').searchParams.get('token')!;
    await fed.db.prisma.accountToken.updateMany({ where: { userId: user.id, purpose: 'RESET_PASSWORD' }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(errorCode(await fed.run(ResetPasswordDocument, { input: { token, newPassword: 'brand-new-secret-77' } }))).toBe('BAD_USER_INPUT');
    ok(await fed.run(LoginDocument, { input: { email: user.email, password: PASSWORD } }));
    ok(await fed.run(RequestPasswordResetDocument, { email: user.email }));
    ok(await fed.run(RequestPasswordResetDocument, { email: user.email }));
    const limited = await fed.run(RequestPasswordResetDocument, { email: user.email });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
  }, 60_000);
});

describe('two-factor authentication', () => {
  it('enrols, then login needs a code; wrong and replayed codes fail; a recovery code works once; disabling needs a code', async () => {
    const user = await seed.client().registered().create();
    const { secret, otpauthUri } = ok(await fed.run(EnableTwoFactorDocument, {}, user.token)).enableTwoFactor;
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/SoulSeer:.*secret=/);
    expect(Secret.fromBase32(secret).bytes.length).toBe(20);
    expect(errorCode(await fed.run(ConfirmTwoFactorDocument, { code: '123456' === totpCode(secret) ? '654321' : '123456' }, user.token))).toBe('BAD_USER_INPUT');
    const { recoveryCodes } = ok(await fed.run(ConfirmTwoFactorDocument, { code: totpCode(secret) }, user.token)).confirmTwoFactor;
    expect(recoveryCodes).toHaveLength(10);
    expect(await fed.db.prisma.recoveryCode.count({ where: { userId: user.id, codeHash: { in: recoveryCodes } } })).toBe(0);

    const login = (totp?: string) => fed.run(LoginDocument, { input: { email: user.email, password: PASSWORD, ...(totp ? { totpCode: totp } : {}) } });
    expect(errorCode(await login())).toBe('TWO_FACTOR_REQUIRED');
    // The confirming code is spent; the next step's code works once.
    expect(errorCode(await login(totpCode(secret)))).toBe('UNAUTHENTICATED');
    const next = totpCode(secret, 1);
    ok(await login(next));
    expect(errorCode(await login(next))).toBe('UNAUTHENTICATED');
    ok(await login(recoveryCodes[0]!.toUpperCase()));
    expect(errorCode(await login(recoveryCodes[0]))).toBe('UNAUTHENTICATED');
    // A wrong password never learns that 2FA is on.
    expect(errorCode(await fed.run(LoginDocument, { input: { email: user.email, password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');

    expect(errorCode(await fed.run(DisableTwoFactorDocument, { code: '000000' }, user.token))).toBe('BAD_USER_INPUT');
    expect(ok(await fed.run(DisableTwoFactorDocument, { code: recoveryCodes[1]! }, user.token)).disableTwoFactor).toBe(true);
    ok(await login());
  }, 60_000);

  it('admins without 2FA are refused admin actions; the seed admin (enrolled through the API) is not; payout details need 2FA', async () => {
    const target = await seed.client().create();
    const bare = await seed.user('ADMIN').create();
    const input = { userId: target.id, status: 'SUSPENDED' as const, reason: 'test' };
    const refused = await fed.run(SetUserStatusDocument, { input }, bare.token);
    expect(errorCode(refused)).toBe('TWO_FACTOR_REQUIRED');
    expect((await fed.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe('ACTIVE');
    const admin = await seed.admin().create();
    ok(await fed.run(SetUserStatusDocument, { input }, admin.token));

    const reader = await seed.reader().create();
    const link = await fed.run(CreatePayoutAccountLinkDocument, { input: { returnUrl: 'https://app.soulseer.test/r', refreshUrl: 'https://app.soulseer.test/f' } }, reader.token);
    expect(errorCode(link)).toBe('TWO_FACTOR_REQUIRED');
  }, 60_000);
});

describe('change of email', () => {
  it('needs the password, mails a link to the new address and a notice to the old, and changes only when confirmed', async () => {
    const user = await seed.client().registered().create();
    const newEmail = uniqueEmail('moved');
    expect(errorCode(await fed.run(ChangeEmailDocument, { input: { newEmail, password: 'wrong-password-1' } }, user.token))).toBe('BAD_USER_INPUT');
    expect(ok(await fed.run(ChangeEmailDocument, { input: { newEmail, password: PASSWORD } }, user.token)).changeEmail).toBe(true);
    const confirm = await mailTo(newEmail, /Confirm your new email/);
    const notice = await mailTo(user.email, /being changed/);
    expect(notice.text).toContain(newEmail);
    expect(ok(await fed.run(MySecurityDocument, {}, user.token)).me?.email).toBe(user.email);
    const token = linkIn(confirm.text, 'confirm-email-change').searchParams.get('token')!;
    expect(ok(await fed.run(ConfirmEmailChangeDocument, { token })).confirmEmailChange).toBe(true);
    expect(errorCode(await fed.run(ConfirmEmailChangeDocument, { token }))).toBe('BAD_USER_INPUT');
    expect(ok(await fed.run(MySecurityDocument, {}, user.token)).me).toMatchObject({ email: newEmail, emailVerified: true });
    ok(await fed.run(LoginDocument, { input: { email: newEmail, password: PASSWORD } }));
    expect(errorCode(await fed.run(LoginDocument, { input: { email: user.email, password: PASSWORD } }))).toBe('UNAUTHENTICATED');
  }, 60_000);
});

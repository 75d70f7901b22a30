import { builder } from '../builder.js';
import * as auth from '../services/auth.js';
import * as profile from '../services/profile.js';

export const AuthPayload = builder.objectRef<auth.AuthResult>('AuthPayload').implement({
  description: 'Tokens for a signed-in user. Send the access token as "Authorization: Bearer <token>".',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { description: 'Short-lived JWT for the Authorization header.' }),
    accessTokenExpiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Instant (UTC) after which the access token is refused (15 minutes after issue by default): call refreshToken before it.' }),
    refreshToken: t.exposeString('refreshToken', {
      description: 'Single-use token to get new tokens with refreshToken; rotated on every use.',
    }),
    user: t.prismaField({
      type: 'User',
      description: 'The signed-in user.',
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});

const RegisterInput = builder.inputType('RegisterInput', {
  description: 'A new client account.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address; unique, case-insensitive.' }),
    password: t.string({ required: true, description: 'At least 10 characters, with a letter and a digit.' }),
    firstName: t.string({ description: 'Given name.' }),
    lastName: t.string({ description: 'Family name.' }),
  }),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  description: 'A new password for the signed-in user.',
  fields: (t) => ({
    currentPassword: t.string({ required: true, description: 'The password in use now.' }),
    newPassword: t.string({ required: true, description: 'At least 10 characters (at most 128), with a letter and a digit; must differ from the current one.' }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  description: 'An account\'s email and password; a wrong pair answers UNAUTHENTICATED (reason BAD_CREDENTIALS) without saying which part was wrong.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address.' }),
    password: t.string({ required: true, description: 'The account\'s password, in clear text: send it over HTTPS only.' }),
    totpCode: t.string({
      description:
        'For an account with two-factor authentication: the 6-digit code of the authenticator app, or one unused recovery code. ' +
        'Without it such an account answers TWO_FACTOR_REQUIRED (only after a right password); a wrong code answers UNAUTHENTICATED (reason BAD_TWO_FACTOR_CODE).',
    }),
  }),
});

builder.mutationFields((t) => ({
  register: t.field({
    type: AuthPayload,
    description: 'Creates a client account and signs it in. Rate limited per IP (RATE_LIMITED with retryAfterSeconds).',
    args: { input: t.arg({ type: RegisterInput, required: true, description: 'The new account.' }) },
    resolve: (_root, { input }, ctx) => auth.register(ctx, input),
  }),
  login: t.field({
    type: AuthPayload,
    description:
      'Signs in with email and password. Rate limited per IP (RATE_LIMITED with retryAfterSeconds); repeated failures ' +
      'for one email from one IP wait longer and longer (1 s, doubling) but never lock the account for others.',
    args: { input: t.arg({ type: LoginInput, required: true, description: 'Email and password.' }) },
    resolve: (_root, { input }, ctx) => auth.login(ctx, input),
  }),
  refreshToken: t.field({
    type: AuthPayload,
    description: 'Exchanges a refresh token for new tokens. The old refresh token stops working.',
    args: { refreshToken: t.arg.string({ required: true, description: 'The current refresh token.' }) },
    resolve: (_root, args, ctx) => auth.refresh(ctx, args.refreshToken),
  }),
  changePassword: t.field({
    type: AuthPayload,
    description:
      'Changes the signed-in user\'s password. Every refresh token of the user is revoked (other devices are signed out) ' +
      'and a new token pair is returned for this device. Wrong current passwords count like failed logins (backoff).',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ChangePasswordInput, required: true, description: 'Current and new password.' }) },
    resolve: (_root, { input }, ctx) => profile.changePassword(ctx, input),
  }),
  logout: t.boolean({
    description: 'Revokes a refresh token, or every refresh token of the viewer with allDevices.',
    args: {
      refreshToken: t.arg.string({ description: 'The refresh token to revoke.' }),
      allDevices: t.arg.boolean({ defaultValue: false, description: 'Revoke all of the viewer\'s sessions.' }),
    },
    resolve: (_root, args, ctx) => auth.logout(ctx, args.refreshToken, args.allDevices ?? false),
  }),
}));

import { builder } from '../builder.js';
import { changeEmail, confirmEmailChange } from '../services/email-change.js';
import { requestPasswordReset, resetPassword } from '../services/password-reset.js';
import { confirmTwoFactor, disableTwoFactor, enableTwoFactor } from '../services/two-factor.js';
import { resendVerificationEmail, verifyEmail } from '../services/verification.js';

const TwoFactorSetup = builder.objectRef<{ secret: string; otpauthUri: string }>('TwoFactorSetup').implement({
  description: 'A new TOTP secret to add to an authenticator app; two-factor authentication is on only after confirmTwoFactor.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The shared secret in base32, for typing into an authenticator app by hand.' }),
    otpauthUri: t.exposeString('otpauthUri', { description: 'The otpauth:// URI (RFC 6238, SHA-1, 6 digits, 30 s) to show as a QR code.' }),
  }),
});

const TwoFactorRecovery = builder.objectRef<{ recoveryCodes: string[] }>('TwoFactorRecovery').implement({
  description: 'Recovery codes of a newly confirmed two-factor authentication: shown this once, each works once instead of a TOTP code.',
  fields: (t) => ({
    recoveryCodes: t.exposeStringList('recoveryCodes', { description: 'Ten single-use codes to keep somewhere safe; only their hashes are stored.' }),
  }),
});

const ResetPasswordInput = builder.inputType('ResetPasswordInput', {
  description: 'The token of a password-reset email and the new password.',
  fields: (t) => ({
    token: t.string({ required: true, description: 'The `token` parameter of the link in the password-reset email (single use, 30 minutes).' }),
    newPassword: t.string({ required: true, description: 'At least 10 characters (at most 128), with a letter and a digit.' }),
  }),
});

const ChangeEmailInput = builder.inputType('ChangeEmailInput', {
  description: 'A new sign-in address for the signed-in user, confirmed by the current password.',
  fields: (t) => ({
    newEmail: t.string({ required: true, description: 'The new address; it receives a confirmation link and is in use only once that link is opened.' }),
    password: t.string({ required: true, description: 'The current password (wrong ones count like failed logins).' }),
  }),
});

builder.mutationFields((t) => ({
  verifyEmail: t.boolean({
    description:
      'Confirms the account\'s email with the token of the verification link (no sign-in needed) or, signed in, with the 6-digit code of that ' +
      'email (5 tries per 15 minutes). Single use, 24 hours; a bad, used or expired one answers BAD_USER_INPUT (reason INVALID_TOKEN).',
    args: {
      token: t.arg.string({ description: 'The `token` parameter of the link in the verification email.' }),
      code: t.arg.string({ description: 'The 6-digit code of the verification email (signed in).' }),
    },
    resolve: async (_root, args, ctx) => !!(await verifyEmail(ctx, args)),
  }),
  resendVerificationEmail: t.boolean({
    description: 'Mails a new verification link and code to the signed-in user (3 per hour); earlier ones stop working. CONFLICT when already verified.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => resendVerificationEmail(ctx),
  }),
  requestPasswordReset: t.boolean({
    description:
      'Mails a password-reset link (single use, 30 minutes) if an account has this address. Always answers true in the same time, whether or not ' +
      'it has; rate limited per IP and per email (RATE_LIMITED).',
    args: { email: t.arg.string({ required: true, description: 'The address of the account.' }) },
    resolve: (_root, args, ctx) => requestPasswordReset(ctx, args),
  }),
  resetPassword: t.boolean({
    description:
      'Sets a new password with the token of a reset email. Every refresh token and access token of the user stops working; sign in again.',
    args: { input: t.arg({ type: ResetPasswordInput, required: true, description: 'The token and the new password.' }) },
    resolve: (_root, { input }, ctx) => resetPassword(ctx, input),
  }),
  changeEmail: t.boolean({
    description:
      'Asks to change the sign-in address: a confirmation link goes to the new address (24 hours) and a notice to the current one; the address ' +
      'changes only when the link is opened (confirmEmailChange).',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ChangeEmailInput, required: true, description: 'The new address and the current password.' }) },
    resolve: (_root, { input }, ctx) => changeEmail(ctx, input),
  }),
  confirmEmailChange: t.boolean({
    description: 'Puts the new address in use with the token of the confirmation link (single use; no sign-in needed).',
    args: { token: t.arg.string({ required: true, description: 'The `token` parameter of the link mailed to the new address.' }) },
    resolve: async (_root, args, ctx) => !!(await confirmEmailChange(ctx, args.token)),
  }),
  enableTwoFactor: t.field({
    type: TwoFactorSetup,
    description: 'Starts turning on two-factor authentication: a new TOTP secret, in force after confirmTwoFactor. CONFLICT when it is on already.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => enableTwoFactor(ctx),
  }),
  confirmTwoFactor: t.field({
    type: TwoFactorRecovery,
    description: 'Turns two-factor authentication on with a current code of the new secret; returns the recovery codes, once.',
    authScopes: { authenticated: true },
    args: { code: t.arg.string({ required: true, description: 'The 6-digit code the authenticator app shows now.' }) },
    resolve: async (_root, args, ctx) => ({ recoveryCodes: await confirmTwoFactor(ctx, args.code) }),
  }),
  disableTwoFactor: t.boolean({
    description: 'Turns two-factor authentication off with a current code or a recovery code (admins then lose admin actions until it is on again).',
    authScopes: { authenticated: true },
    args: { code: t.arg.string({ required: true, description: 'A current 6-digit code or an unused recovery code.' }) },
    resolve: (_root, args, ctx) => disableTwoFactor(ctx, args.code),
  }),
}));

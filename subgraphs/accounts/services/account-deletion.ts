import type { Context } from '../../../shared/context.js';
import { transact } from '../../../shared/after-commit.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { requireAccountOwner } from '../authz.js';
import { accountDeletedMail } from '../mail.js';
import { sendInBackground } from './account-tokens.js';
import { deps } from './auth.js';
import { confirmPassword } from './throttle.js';
import { checkSecondFactor } from './two-factor.js';
import { changeUserStatus, publishUserStatusChange } from './user-status.js';

const deleteInput = z.object({ password: z.string().min(1).max(128), twoFactorCode: z.string().max(64).nullish() });

/** The address a deleted account is left with: unique, undeliverable (RFC 2606 .invalid), and no one can sign in with it. */
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/**
 * Deletes the viewer's account (docs/privacy.md), confirmed by the password and, with two-factor authentication on, a
 * code. In one transaction: every owner may refuse (CONFLICT: a session or booking still open, money still held);
 * the user becomes BANNED through the one status path (refresh tokens revoked, auth epoch bumped: old access tokens
 * are refused), the row is anonymised (email deleted-<id>@deleted.invalid, no password, names/avatar/bio erased,
 * 2FA and mailed tokens gone), and each owner blanks its own personal content through its PersonalDataPort. The
 * ledger keeps every transaction (ids only). A wrong password or code changes nothing.
 */
export async function deleteAccount(ctx: Context, input: unknown): Promise<boolean> {
  const viewer = requireAccountOwner(ctx);
  const data = parseInput(deleteInput, input);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
  await confirmPassword(deps(ctx).throttle, ctx.ip, user, data.password);
  const ports = deps(ctx).personalData;
  await transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: viewer.id } });
    if (current.twoFactorEnabledAt) {
      if (!data.twoFactorCode) throw badInput('Two-factor authentication is on: give a current code or a recovery code.', { field: 'twoFactorCode', reason: 'TWO_FACTOR_REQUIRED' });
      if (!(await checkSecondFactor(tx, current, data.twoFactorCode))) throw badInput('The code is wrong or was already used.', { field: 'twoFactorCode', reason: 'BAD_TWO_FACTOR_CODE' });
    }
    for (const port of ports) {
      const blocker = await port.deletionBlocker(tx, viewer.id);
      if (blocker) throw conflict(blocker.message, { reason: blocker.reason });
    }
    const change = await changeUserStatus(tx, viewer.id, 'BANNED');
    await tx.user.update({
      where: { id: viewer.id },
      data: {
        email: deletedEmail(viewer.id),
        username: null,
        passwordHash: null,
        emailVerifiedAt: null,
        twoFactorSecret: null,
        twoFactorEnabledAt: null,
        twoFactorLastStep: null,
        // Belt and braces with the status trigger: every access token issued before is refused.
        authEpoch: { increment: 1 },
      },
    });
    await tx.client.updateMany({ where: { userId: viewer.id }, data: { firstName: null, lastName: null, avatar: null, bio: null, dateOfBirth: null, preferences: {}, preferredCategories: [] } });
    await tx.reader.updateMany({
      where: { userId: viewer.id },
      data: { firstName: 'Deleted', lastName: 'User', displayName: 'Deleted user', avatar: null, bio: '', headline: null, specialties: [], certifications: [], verificationDocs: [] },
    });
    await tx.admin.updateMany({ where: { userId: viewer.id }, data: { firstName: null, lastName: null, avatar: null } });
    await tx.accountToken.deleteMany({ where: { userId: viewer.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: viewer.id } });
    await tx.dataExport.deleteMany({ where: { userId: viewer.id } });
    for (const port of ports) await port.eraseUserData(tx, viewer.id);
    after.run('publish user status change', () => publishUserStatusChange(ctx.pubsub, change));
  });
  sendInBackground(ctx, viewer.id, 'account-deleted', { to: user.email, ...accountDeletedMail({}) });
  return true;
}

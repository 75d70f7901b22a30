import type { Context } from '../../../shared/context.js';
import { badInput, conflict, forbidden } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { hashOpaqueToken, newOpaqueToken } from '../../../shared/auth/tokens.js';
import { hashPassword } from '../../../shared/auth/passwords.js';
import { parseInput, z } from '../../../shared/validation.js';
import { accountNotActive, deps, emailSchema, issueTokens, passwordSchema, type AuthResult } from './auth.js';
import { LIMITS, nameSchema } from './rules.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { requireReaderManager } from '../authz.js';
import { publishReaderProfileChanged } from './presence.js';

const inviteReaderInput = z
  .object({
    email: emailSchema,
    firstName: nameSchema,
    lastName: nameSchema,
    displayName: z.string().trim().min(2, 'must be at least 2 characters').max(LIMITS.displayName).nullish(),
  })
  .strict();

export interface InviteResult {
  userId: string;
  inviteToken: string;
  expiresAt: Date;
}

/**
 * Admin invites a reader: a PENDING READER user with a reader profile and a single-use, expiring invite whose
 * token is stored only as a hash. Inviting the same email again while the reader is still PENDING issues a
 * new token and voids the earlier ones; any other existing account with that email is a CONFLICT.
 */
export async function inviteReader(ctx: Context, input: unknown): Promise<InviteResult> {
  const admin = requireReaderManager(ctx);
  const data = parseInput(inviteReaderInput, input);
  const { token, hash } = newOpaqueToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + deps(ctx).inviteTtlHours * 3_600_000);
  const displayName = data.displayName || `${data.firstName} ${data.lastName[0]}.`;

  const userId = await ctx.prisma
    .$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true, role: true, status: true } });
      let id: string;
      if (existing) {
        if (existing.role !== 'READER' || existing.status !== 'PENDING') {
          throw conflict('An account with this email already exists.', { field: 'email' });
        }
        id = existing.id;
        // Re-invite: earlier tokens stop working at once.
        await tx.readerInvite.updateMany({ where: { userId: id, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
        await tx.reader.update({ where: { userId: id }, data: { firstName: data.firstName, lastName: data.lastName, displayName } });
      } else {
        const user = await tx.user.create({
          data: {
            email: data.email,
            role: 'READER',
            status: 'PENDING',
            readerProfile: { create: { firstName: data.firstName, lastName: data.lastName, displayName } },
          },
        });
        id = user.id;
      }
      await tx.readerInvite.create({ data: { email: data.email, tokenHash: hash, invitedById: admin.id, userId: id, expiresAt } });
      await audit(tx, ctx, {
        action: existing ? 'accounts:reinvite_reader' : 'accounts:invite_reader',
        entityType: 'User',
        entityId: id,
        changes: { email: data.email, firstName: data.firstName, lastName: data.lastName, displayName, expiresAt: expiresAt.toISOString() },
      });
      return id;
    })
    .catch((error: unknown) => {
      // Two invites racing for one email: the unique index decides.
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists.', { field: 'email' });
      throw error;
    });
  return { userId, inviteToken: token, expiresAt };
}

const acceptInviteInput = z.object({ token: z.string().min(1).max(200), password: passwordSchema }).strict();

const inviteError = (reason: 'INVITE_INVALID' | 'INVITE_EXPIRED' | 'INVITE_USED') =>
  reason === 'INVITE_USED'
    ? conflict('This invitation has already been used; sign in instead.', { field: 'token', reason })
    : badInput(reason === 'INVITE_EXPIRED' ? 'This invitation has expired; ask SoulSeer for a new one.' : 'This invitation is not valid.',
        { field: 'token', reason },
      );

/**
 * Accepts a reader invite: sets the password, activates the account and signs the reader in. The invite is
 * claimed with a conditional update inside the transaction, so a token works exactly once even when two
 * requests race; an expired, used or unknown token changes nothing.
 */
export async function acceptReaderInvite(ctx: Context, input: unknown): Promise<AuthResult> {
  const data = parseInput(acceptInviteInput, input);
  const tokenHash = hashOpaqueToken(data.token);
  const invite = await ctx.prisma.readerInvite.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!invite) throw inviteError('INVITE_INVALID');
  if (invite.acceptedAt) throw inviteError('INVITE_USED');
  if (invite.expiresAt <= new Date()) throw inviteError('INVITE_EXPIRED');
  if (invite.user.status !== 'PENDING') {
    throw accountNotActive(invite.user.status);
  }
  const passwordHash = await hashPassword(data.password);
  const user = await ctx.prisma.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.readerInvite.updateMany({
      where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw inviteError('INVITE_USED');
    const activated = await tx.user.updateMany({
      where: { id: invite.userId, status: 'PENDING' },
      // The invitation went to this address: accepting it verifies the email.
      data: { passwordHash, status: 'ACTIVE', lastLoginAt: now, emailVerifiedAt: now },
    });
    if (activated.count !== 1) throw forbidden('This account can no longer be activated.');
    // Any other outstanding invite for this reader is void now.
    await tx.readerInvite.updateMany({ where: { userId: invite.userId, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await audit(tx, { viewer: { id: invite.userId, role: 'READER' }, ip: ctx.ip, userAgent: ctx.userAgent }, {
      action: 'accounts:accept_reader_invite',
      entityType: 'User',
      entityId: invite.userId,
      changes: { status: { from: 'PENDING', to: 'ACTIVE' } },
    });
    return tx.user.findUniqueOrThrow({ where: { id: invite.userId } });
  });
  // Active now: the reader appears in the directory.
  await publishReaderProfileChanged(ctx.pubsub, user.id);
  return issueTokens(ctx, user);
}

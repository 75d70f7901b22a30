import type { Context } from '../../../shared/context.js';
import { badInput, forbidden } from '../../../shared/errors.js';
import { hashPassword } from '../../../shared/auth/passwords.js';
import { parseInput, z } from '../../../shared/validation.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { transact } from '../../../shared/after-commit.js';
import { requireAccountOwner } from '../authz.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { SessionType } from '../../../shared/db/generated/enums.js';
import { accountNotActive, deps, issueTokens, passwordSchema, type AuthResult } from './auth.js';
import { confirmPassword } from './throttle.js';
import { notifySecurityEvent } from './security-notices.js';
import { birthDateSchema, jsonObjectSchema, LIMITS, nameSchema, tagSchema, timezoneSchema, uniqueList, urlSchema } from './rules.js';

const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
  newPassword: passwordSchema,
});

/**
 * Changes the viewer's password after checking the current one. Every refresh token of the user is revoked
 * and access token (all other devices sign out) and a fresh token pair is issued for the caller. Wrong current passwords
 * count against the same per-IP-and-email backoff as logins, so this cannot be used to guess passwords faster.
 */
export async function changePassword(ctx: Context, input: unknown): Promise<AuthResult> {
  const viewer = requireAccountOwner(ctx);
  const data = parseInput(changePasswordInput, input);
  const user = await ctx.prisma.user.findUnique({ where: { id: viewer.id } });
  if (!user) throw forbidden('This account is not active.');
  if (user.status !== 'ACTIVE') throw accountNotActive(user.status);
  await confirmPassword(deps(ctx).throttle, ctx.ip, user, data.currentPassword, 'currentPassword');
  if (data.newPassword === data.currentPassword) {
    throw badInput('newPassword: must differ from the current password', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(data.newPassword);
  // A new auth epoch: access tokens issued before (on every device, this one's included) are refused too.
  const updated = await transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const changed = await tx.user.update({ where: { id: user.id }, data: { passwordHash, authEpoch: { increment: 1 } } });
    await tx.refreshToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    after.publish(AUTH_CHANGED_TOPIC, { userId: user.id } satisfies AuthChangedEvent);
    await notifySecurityEvent(ctx, tx, user.id, 'PASSWORD_CHANGED');
    return changed;
  });
  return issueTokens(ctx, updated);
}

const sessionTypeSchema = z.enum(Object.values(SessionType) as [SessionType, ...SessionType[]]);

// Omitted fields stay as they are; null clears a field that may be empty.
const updateClientProfileInput = z
  .object({
    firstName: nameSchema.nullish(),
    lastName: nameSchema.nullish(),
    avatarUrl: urlSchema.nullish(),
    bio: z.string().trim().max(LIMITS.clientBio, `must be at most ${LIMITS.clientBio} characters`).nullish(),
    birthDate: birthDateSchema.nullish(),
    timezone: timezoneSchema.optional(),
    preferences: jsonObjectSchema(LIMITS.preferencesBytes).optional(),
    preferredSessionTypes: uniqueList(sessionTypeSchema, Object.keys(SessionType).length).optional(),
    preferredCategories: uniqueList(tagSchema(LIMITS.category), LIMITS.categories).optional(),
    showNameInLeaderboards: z.boolean().optional(),
  })
  .strict();

export async function updateClientProfile(ctx: Context, input: unknown) {
  const viewer = requireAccountOwner(ctx);
  // GraphQL passes explicit nulls for nullable input fields; a null on a field that cannot be empty is refused.
  const data = parseInput(updateClientProfileInput, input);
  const client = await ctx.prisma.client.findUnique({ where: { userId: viewer.id }, select: { id: true, user: { select: { status: true } } } });
  if (!client) throw forbidden('Only clients have a client profile.');
  // An access token outlives a suspension by up to its lifetime; edits stop at once.
  if (client.user.status !== 'ACTIVE') throw accountNotActive(client.user.status);
  const changes: Prisma.ClientUpdateInput = {};
  if (data.firstName !== undefined) changes.firstName = data.firstName || null;
  if (data.lastName !== undefined) changes.lastName = data.lastName || null;
  if (data.avatarUrl !== undefined) changes.avatar = data.avatarUrl || null;
  if (data.bio !== undefined) changes.bio = data.bio || null;
  if (data.birthDate !== undefined) changes.dateOfBirth = data.birthDate;
  if (data.timezone !== undefined) changes.timezone = data.timezone;
  if (data.preferences !== undefined) changes.preferences = data.preferences as Prisma.InputJsonObject;
  if (data.preferredSessionTypes !== undefined) changes.preferredSessionTypes = data.preferredSessionTypes;
  if (data.preferredCategories !== undefined) changes.preferredCategories = data.preferredCategories;
  if (data.showNameInLeaderboards !== undefined) changes.showNameInLeaderboards = data.showNameInLeaderboards;
  if (Object.keys(changes).length) await ctx.prisma.client.update({ where: { id: client.id }, data: changes });
  return { userId: viewer.id };
}

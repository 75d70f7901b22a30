import type { Context } from '../../../shared/context.js';
import { ADMIN_ROLES, hasAdminPermission, normalizeAdminRoles, type AdminRole } from '../../../shared/admin-permissions.js';
import { publishAuthChanged } from '../../../shared/auth/auth-state.js';
import { audit } from '../../../shared/audit.js';
import { transact } from '../../../shared/after-commit.js';
import { badInput, conflict, forbidden, notFound } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { requirePermissionManager } from '../authz.js';
import { LIMITS } from './rules.js';

const setAdminPermissionsInput = z
  .object({
    userId: z.string().min(1).max(64),
    roles: z.array(z.enum(ADMIN_ROLES)).max(ADMIN_ROLES.length * 2),
    reason: z.string().trim().min(1, 'is required').max(LIMITS.auditReason, `must be at most ${LIMITS.auditReason} characters`),
  })
  .strict();

export interface SetAdminPermissionsResult {
  userId: string;
  roles: AdminRole[];
}

/**
 * Gives an admin exactly these roles (super-admins only), audited with the roles before and after. The admins' rows
 * are locked, so concurrent changes serialise (an actor demoted meanwhile is refused); SUPER_ADMIN is never taken from yourself nor from the last active
 * super-admin, so the console cannot lock itself out. After commit the auth-changed event makes every gateway look
 * the admin's roles up again, so the change applies to the next request (and ends the admin's open sockets).
 */
export async function setAdminPermissions(ctx: Context, input: unknown): Promise<SetAdminPermissionsResult> {
  const actor = requirePermissionManager(ctx);
  const data = parseInput(setAdminPermissionsInput, input);
  const roles = normalizeAdminRoles(data.roles);
  return transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const user = await tx.user.findUnique({ where: { id: data.userId }, select: { role: true } });
    if (!user) throw notFound('User');
    if (user.role !== 'ADMIN') throw badInput('Only admins have admin roles.', { field: 'userId', reason: 'NOT_AN_ADMIN' });
    // One statement locks, in id order, every super-admin's row, the actor's and the target's: concurrent changes
    // (two super-admins demoting each other) serialise here without deadlock, and each sees the other's result.
    const locked = await tx.$queryRaw<Array<{ user_id: string; permissions: string[]; active: boolean }>>`
      SELECT a.user_id, a.permissions, u.status = 'ACTIVE' AS active
        FROM admins a JOIN users u ON u.id = a.user_id
       WHERE 'SUPER_ADMIN' = ANY(a.permissions) OR a.user_id IN (${actor.id}, ${data.userId})
       ORDER BY a.user_id FOR UPDATE OF a`;
    const rolesOf = (id: string) => normalizeAdminRoles(locked.find((r) => r.user_id === id)?.permissions);
    // The actor's own roles may have changed since the gateway looked them up.
    if (!hasAdminPermission({ role: 'ADMIN', adminRoles: rolesOf(actor.id) }, 'PERMISSIONS')) {
      throw forbidden('Your admin roles do not include the PERMISSIONS permission.', { reason: 'ADMIN_PERMISSION', permission: 'PERMISSIONS' });
    }
    const before = rolesOf(data.userId);
    if (before.includes('SUPER_ADMIN') && !roles.includes('SUPER_ADMIN')) {
      if (data.userId === actor.id) throw forbidden('You cannot take SUPER_ADMIN from yourself.', { reason: 'SELF_PERMISSIONS' });
      if (!locked.some((r) => r.user_id !== data.userId && r.active && r.permissions.includes('SUPER_ADMIN'))) {
        throw conflict('At least one active super-admin must remain.', { reason: 'LAST_SUPER_ADMIN' });
      }
    }
    await tx.admin.upsert({
      where: { userId: data.userId },
      update: { permissions: roles },
      create: { userId: data.userId, permissions: roles },
    });
    await audit(tx, ctx, {
      action: 'accounts:set_admin_permissions',
      entityType: 'User',
      entityId: data.userId,
      changes: { roles: { from: before, to: roles }, reason: data.reason },
    });
    after.run('publish auth changed', () => publishAuthChanged(ctx.pubsub, data.userId));
    return { userId: data.userId, roles };
  });
}

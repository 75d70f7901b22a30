import type { Prune } from '../../../shared/retention.js';

/**
 * Accounts' retention (shared/retention.ts): refresh tokens past their expiry (a revoked one is kept until then, so
 * a replayed rotated token still revokes its family) and reader invites that expired unaccepted, each
 * `refreshTokenDays` / `inviteDays` after expiry, and GDPR data exports once expired (7 days after the request). Users
 * and the audit log are never pruned.
 */
export const pruneAccounts: Prune = async (prisma, periods, now) => {
  const cutoff = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const tokens = await prisma.refreshToken.deleteMany({ where: { expiresAt: { lt: cutoff(periods.refreshTokenDays) } } });
  const invites = await prisma.readerInvite.deleteMany({ where: { acceptedAt: null, expiresAt: { lt: cutoff(periods.inviteDays) } } });
  const exports = await prisma.dataExport.deleteMany({ where: { expiresAt: { lt: now } } });
  return { refresh_tokens: tokens.count, reader_invites: invites.count, data_exports: exports.count };
};

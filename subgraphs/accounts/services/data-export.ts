import { depsOf, type Context } from '../../../shared/context.js';
import type { DataExport, Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import { transact } from '../../../shared/after-commit.js';
import { internal } from '../../../shared/errors.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';
import type { PersonalDataPort } from '../../../shared/ports.js';
import { rateLimitedError } from '../../../shared/rate-limit.js';
import { requireAccountOwner } from '../authz.js';
import { dataExportReadyMail } from '../mail.js';

/**
 * GDPR data export (docs/privacy.md): requestDataExport writes a PENDING row and queues the accounts.data-export job
 * in one transaction; the job assembles one JSON archive (accounts' profile, then each owner's section through its
 * PersonalDataPort: accounts never reads other owners' tables), stores it READY and emails the user. An archive is
 * kept 7 days; one request per user per hour.
 */

export const DATA_EXPORT_TASK = 'accounts.data-export';
export const EXPORT_TTL_DAYS = 7;
const EXPORT_INTERVAL_MS = 3_600_000;
const EXPORT_MAX_ATTEMPTS = 3;
/** How many of the viewer's exports dataExports lists (at most 7 × 24 can exist: one per hour, kept 7 days). */
export const DATA_EXPORTS_SHOWN = 20;

const deps = (ctx: Context) => depsOf(ctx, 'accounts');

/** Requests an archive of the viewer's data; RATE_LIMITED (retryAfterSeconds) within an hour of the previous one. */
export async function requestDataExport(ctx: Context): Promise<DataExport> {
  const viewer = requireAccountOwner(ctx);
  const jobs = deps(ctx).jobs;
  if (!jobs) throw internal('Data exports need the job queue, which this deployment does not run.');
  return transact(ctx, { service: 'accounts' }, async (tx) => {
    // The user's row lock serialises two requests racing past the hourly limit.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${viewer.id} FOR UPDATE`;
    const last = await tx.dataExport.findFirst({ where: { userId: viewer.id }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    const wait = last ? last.createdAt.getTime() + EXPORT_INTERVAL_MS - Date.now() : 0;
    if (wait > 0) throw rateLimitedError(wait, 'data export requests', { reason: 'EXPORT_RATE_LIMITED' });
    const now = new Date();
    const row = await tx.dataExport.create({ data: { userId: viewer.id, createdAt: now, expiresAt: new Date(now.getTime() + EXPORT_TTL_DAYS * 86_400_000) } });
    await jobs.add(tx, DATA_EXPORT_TASK, { exportId: row.id }, { maxAttempts: EXPORT_MAX_ATTEMPTS });
    return row;
  });
}

/** The viewer's unexpired exports, newest first (only the owner ever sees them). */
export async function listDataExports(ctx: Context): Promise<DataExport[]> {
  const viewer = requireAccountOwner(ctx);
  return ctx.prisma.dataExport.findMany({
    where: { userId: viewer.id, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    take: DATA_EXPORTS_SHOWN,
  });
}

/** Accounts' own section: the user row (no secrets), the role's profile, and the signed-in devices. */
async function accountSection(db: Prisma.TransactionClient, userId: string): Promise<Record<string, unknown>> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true, email: true, username: true, role: true, status: true, createdAt: true, lastLoginAt: true, emailVerifiedAt: true, twoFactorEnabledAt: true,
      clientProfile: true, readerProfile: { include: { rates: true } }, adminProfile: { select: { firstName: true, lastName: true, avatar: true } },
      refreshTokens: { select: { createdAt: true, expiresAt: true, revokedAt: true, userAgent: true, ipAddress: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  const { refreshTokens, ...profile } = user;
  return { profile, signIns: refreshTokens };
}

export interface DataExportJobDeps {
  prisma: PrismaClient;
  personalData: PersonalDataPort[];
  mailer: Mailer;
  appUrl: string;
}

/** Assembles one archive; the last failed attempt marks the export FAILED (the user may ask again an hour later). */
export async function runDataExport(d: DataExportJobDeps, exportId: string, helpers: { job: { attempts: number; max_attempts: number } }): Promise<void> {
  const row = await d.prisma.dataExport.findUnique({ where: { id: exportId } });
  if (!row || row.status !== 'PENDING') return;
  try {
    const content: Record<string, unknown> = { exportedAt: new Date().toISOString(), userId: row.userId, accounts: await accountSection(d.prisma, row.userId) };
    for (const port of d.personalData) content[port.section] = await port.exportUserData(d.prisma, row.userId);
    const json = JSON.parse(JSON.stringify(content)) as Prisma.InputJsonValue;
    await d.prisma.dataExport.update({ where: { id: exportId }, data: { status: 'READY', content: json, readyAt: new Date() } });
  } catch (error) {
    logger('accounts').warn({ ...errorField(error), exportId, attempt: helpers.job.attempts }, 'data export failed');
    if (helpers.job.attempts < helpers.job.max_attempts) throw error;
    await d.prisma.dataExport.update({ where: { id: exportId }, data: { status: 'FAILED', error: 'the archive could not be assembled' } });
    return;
  }
  const user = await d.prisma.user.findUnique({ where: { id: row.userId }, select: { email: true, status: true } });
  if (!user || user.status !== 'ACTIVE') return;
  const url = new URL(`${d.appUrl}/settings/privacy`).toString();
  await d.mailer
    .send({ to: user.email, ...dataExportReadyMail({ url, days: EXPORT_TTL_DAYS }) })
    .catch((error: unknown) => logger('accounts').warn({ ...errorField(error), userId: row.userId }, 'data export email could not be sent'));
}

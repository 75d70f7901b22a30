import type { Prisma } from './db/generated/client.js';
import type { Context } from './context.js';

type Tx = Prisma.TransactionClient;

/** Writes one audit row inside the caller's transaction, so the record and the change commit together. */
export function audit(
  tx: Tx,
  ctx: Pick<Context, 'viewer' | 'ip' | 'userAgent'>,
  entry: { action: string; entityType: string; entityId: string; changes?: Prisma.InputJsonValue },
) {
  return tx.auditLog.create({
    data: {
      userId: ctx.viewer?.id ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: entry.changes,
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
    },
  });
}

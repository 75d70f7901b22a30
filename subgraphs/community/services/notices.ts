import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { depsOf } from '../../../shared/context.js';
import type { NotifyInput } from '../../../shared/ports.js';
import { requireNotificationsPort } from '../../../shared/ports.js';

/** Community's own causes (paid replies, resolved flags) notify through the same port as everyone else's, in `tx`. */
export async function notifyInTx(ctx: Pick<Context, 'deps'>, tx: Prisma.TransactionClient, input: NotifyInput): Promise<void> {
  await requireNotificationsPort(depsOf(ctx, 'community').notifications, 'Notifications are not wired in this process.').notify(tx, input);
}

/**
 * A reader went live: every client who favourited them (readings' favorites, read only) gets FAVORITE_READER_LIVE, in
 * the start's transaction; for a private stream only the invited ones. Email and push batched per stream.
 */
export async function notifyFollowersLive(
  ctx: Pick<Context, 'deps'>,
  tx: Prisma.TransactionClient,
  s: { id: string; readerId: string; title: string; visibility: string },
  invited: string[],
): Promise<void> {
  const followers = await tx.favorite.findMany({
    where: { readerId: s.readerId, ...(s.visibility === 'PRIVATE' ? { clientId: { in: invited } } : {}) },
    select: { clientId: true },
  });
  if (!followers.length) return;
  const reader = await tx.reader.findUnique({ where: { userId: s.readerId }, select: { displayName: true } });
  const name = reader?.displayName ?? 'A reader you follow';
  for (const f of followers) {
    await notifyInTx(ctx, tx, {
      userId: f.clientId,
      kind: 'FAVORITE_READER_LIVE',
      title: `${name} is live`,
      body: s.title,
      data: { streamId: s.id, readerId: s.readerId },
      dedupeKey: `stream-live:${s.id}`,
      batchKey: `favorite-live:${s.readerId}`,
    });
  }
}

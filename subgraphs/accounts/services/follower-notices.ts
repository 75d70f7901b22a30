import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { depsOf } from '../../../shared/context.js';

/**
 * A reader came online: each client who favourited them with online alerts on (readings' favorites.notify_online,
 * read only) gets a FAVORITE_READER_ONLINE notice, in the transaction of the status change. In-app every time; email
 * and push at most once per follower and reader per `notification_batch_window_minutes` (the batch key), so a reader
 * flapping online and offline does not flood anyone's mailbox.
 */
export async function notifyFollowersOnline(ctx: Pick<Context, 'deps'>, tx: Prisma.TransactionClient, readerId: string): Promise<void> {
  // Every composition root wires the port (scripts/compose.ts); without it there is nobody to tell.
  const port = depsOf(ctx, 'accounts').notifications;
  if (!port) return;
  const [reader, followers] = await Promise.all([
    tx.reader.findUnique({ where: { userId: readerId }, select: { displayName: true } }),
    tx.favorite.findMany({ where: { readerId, notifyOnline: true }, select: { clientId: true } }),
  ]);
  const name = reader?.displayName ?? 'A reader you follow';
  for (const f of followers) {
    await port.notify(tx, {
      userId: f.clientId,
      kind: 'FAVORITE_READER_ONLINE',
      title: `${name} is online`,
      body: `${name} is available for readings now.`,
      data: { readerId },
      batchKey: `favorite-online:${readerId}`,
    });
  }
}

import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { transact } from '../../../shared/after-commit.js';
import { streamTopics } from './stream-topics.js';

// Who is watching a live stream: stream_viewers rows and the stream's viewer_count / max_viewers, kept in step under
// the stream's row lock. Viewers report themselves (joinLiveStream / leaveLiveStream) and LiveKit reports them too
// (stream-webhooks.ts).

type Tx = Prisma.TransactionClient;

/**
 * Inside `tx`: records that a user is watching (or stopped watching) and recomputes viewer_count / max_viewers
 * under a row lock on the stream, so concurrent joins cannot lose updates. Null when the stream is not live.
 */
export async function recordViewerIn(tx: Tx, streamId: string, userId: string, present: boolean): Promise<{ changed: boolean; id: string } | null> {
  const rows = await tx.$queryRaw<Array<{ id: string; status: string }>>`SELECT id, status::text FROM live_streams WHERE id = ${streamId} FOR UPDATE`;
  const row = rows[0];
  if (!row || row.status !== 'LIVE') return null;
  const now = new Date();
  if (present) {
    await tx.streamViewer.upsert({
      where: { streamId_userId: { streamId: row.id, userId } },
      create: { streamId: row.id, userId, joinedAt: now },
      update: { leftAt: null },
    });
  } else {
    await tx.streamViewer.updateMany({ where: { streamId: row.id, userId, leftAt: null }, data: { leftAt: now } });
  }
  return recount(tx, row.id);
}

/** Sets viewer_count to the open viewer rows (max_viewers follows); the caller holds the stream's row lock. */
export async function recount(tx: Tx, streamId: string): Promise<{ changed: boolean; id: string }> {
  const watching = await tx.streamViewer.count({ where: { streamId, leftAt: null } });
  const before = await tx.liveStream.findUniqueOrThrow({ where: { id: streamId }, select: { viewerCount: true, maxViewers: true } });
  if (before.viewerCount === watching) return { changed: false, id: streamId };
  await tx.liveStream.update({ where: { id: streamId }, data: { viewerCount: watching, maxViewers: Math.max(before.maxViewers, watching) } });
  return { changed: true, id: streamId };
}

/** Records a viewer joining or leaving (joinLiveStream / leaveLiveStream); returns the stream, or null if it was not live. */
export async function recordViewer(prisma: PrismaClient, pubsub: PubSub, streamId: string, userId: string, present: boolean) {
  const updated = await transact({ prisma, pubsub }, { service: 'community' }, async (tx, after) => {
    const r = await recordViewerIn(tx, streamId, userId, present);
    if (r?.changed) after.publish(streamTopics.updated(r.id), { streamId: r.id });
    return r;
  });
  if (!updated) return null;
  return prisma.liveStream.findUniqueOrThrow({ where: { id: updated.id } });
}

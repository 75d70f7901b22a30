import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import type { ReaderStatus } from '../../../shared/db/generated/enums.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { READER_PROFILE_TOPIC, READER_STATUS_TOPIC, type ReaderProfileEvent, type ReaderStatusEvent } from '../../../shared/ports.js';

/**
 * Sets a reader's presence and returns the event to publish after commit (null when nothing changed). Accounts owns
 * the column; readings reaches it through AccountsPort.setReaderPresence (BUSY while a request is pending or a
 * session runs), so both go through this one rule.
 */
export async function setReaderPresence(
  db: PrismaClient | Prisma.TransactionClient,
  readerId: string,
  status: ReaderStatus,
): Promise<ReaderStatusEvent | null> {
  const updated = await db.reader.updateMany({ where: { userId: readerId, NOT: { status } }, data: { status } });
  return updated.count ? { readerId, status } : null;
}

export async function publishReaderStatus(pubsub: PubSub, event: ReaderStatusEvent | null): Promise<void> {
  if (event) await pubsub.publish(READER_STATUS_TOPIC, event);
}

/** After commit: what the directory shows of this reader changed (every instance's directory cache empties). */
export async function publishReaderProfileChanged(pubsub: PubSub, readerId: string): Promise<void> {
  await pubsub.publish(READER_PROFILE_TOPIC, { readerId } satisfies ReaderProfileEvent);
}

/** A completed session of this reader, counted on the profile. */
export async function countCompletedSession(tx: Prisma.TransactionClient, readerId: string): Promise<void> {
  await tx.reader.update({ where: { userId: readerId }, data: { totalSessions: { increment: 1 } } });
}

/** A new review's rating, added to the reader's aggregate in one statement (concurrent reviews cannot lose one). */
export async function addReaderRating(tx: Prisma.TransactionClient, readerId: string, rating: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE readers SET rating_count = rating_count + 1, rating_sum = rating_sum + ${rating},
      average_rating = (rating_sum + ${rating})::float8 / (rating_count + 1), updated_at = now()
    WHERE user_id = ${readerId}`;
}

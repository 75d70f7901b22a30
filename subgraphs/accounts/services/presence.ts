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
  return (await setReadersPresence(db, [readerId], status))[0] ?? null;
}

/** setReaderPresence for many readers in one statement (the billing sweep ending unpaid sessions): the changes made. */
export async function setReadersPresence(db: PrismaClient | Prisma.TransactionClient, readerIds: string[], status: ReaderStatus): Promise<ReaderStatusEvent[]> {
  if (!readerIds.length) return [];
  const rows = await db.$queryRaw<Array<{ readerId: string }>>`
    UPDATE readers SET status = ${status}::"ReaderStatus", updated_at = now() AT TIME ZONE 'UTC'
     WHERE user_id = ANY(${readerIds}::text[]) AND status <> ${status}::"ReaderStatus"
    RETURNING user_id AS "readerId"`;
  return rows.map((r) => ({ readerId: r.readerId, status }));
}

export async function publishReaderStatus(pubsub: PubSub, event: ReaderStatusEvent | null): Promise<void> {
  if (event) await pubsub.publish(READER_STATUS_TOPIC, event);
}

/** After commit: what the directory shows of this reader changed (every instance's directory cache empties). */
export async function publishReaderProfileChanged(pubsub: PubSub, readerId: string): Promise<void> {
  await pubsub.publish(READER_PROFILE_TOPIC, { readerId } satisfies ReaderProfileEvent);
}

/** Completed sessions of these readers (a reader listed twice counts twice), counted on their profiles in one statement. */
export async function countCompletedSessions(tx: Prisma.TransactionClient, readerIds: string[]): Promise<void> {
  if (!readerIds.length) return;
  await tx.$executeRaw`
    UPDATE readers r SET total_sessions = r.total_sessions + v.n, updated_at = now() AT TIME ZONE 'UTC'
      FROM (SELECT id, count(*)::int AS n FROM unnest(${readerIds}::text[]) AS id GROUP BY id) v
     WHERE r.user_id = v.id`;
}

/** A new review's rating, added to the reader's aggregate in one statement (concurrent reviews cannot lose one). */
export async function addReaderRating(tx: Prisma.TransactionClient, readerId: string, rating: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE readers SET rating_count = rating_count + 1, rating_sum = rating_sum + ${rating},
      average_rating = (rating_sum + ${rating})::float8 / (rating_count + 1), updated_at = now()
    WHERE user_id = ${readerId}`;
}

import type { PrismaClient, Prisma } from './db/generated/client.js';
import type { ReaderStatus } from './db/generated/enums.js';
import type { PubSub } from './pubsub.js';

/** Topic of reader presence changes; payload ReaderStatusEvent. */
export const READER_STATUS_TOPIC = 'readerStatusChanged';

export interface ReaderStatusEvent {
  readerId: string;
  status: ReaderStatus;
}

/**
 * Sets a reader's presence and returns the event to publish after commit. Accounts owns the column;
 * readings calls this (BUSY while a request is pending or a session runs) so both go through one rule.
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

import type { ReaderStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { publishReaderStatus, setReaderPresence } from '../../../shared/presence.js';
import type { Tx } from './session-store.js';

/**
 * What readings does to a reader's account row (accounts owns it): presence while a request is pending or a session
 * runs, the completed-sessions counter, the rating aggregate. Each runs inside readings' transaction.
 */

/** BUSY while a request is pending or a session runs, ONLINE after; the change is announced after commit. */
export async function setPresence(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, readerId: string, status: ReaderStatus): Promise<void> {
  const change = await setReaderPresence(tx, readerId, status);
  if (change) after.run(`reader presence ${readerId}`, () => publishReaderStatus(ctx.pubsub, change));
}

/** A session that started has ended: it counts on the reader's profile. */
export async function countCompletedSession(_ctx: Pick<Context, 'deps'>, tx: Tx, readerId: string): Promise<void> {
  await tx.reader.update({ where: { userId: readerId }, data: { totalSessions: { increment: 1 } } });
}

/** A review was written: its rating joins the reader's aggregate. */
export async function addReaderRating(_ctx: Pick<Context, 'deps'>, tx: Tx, readerId: string, rating: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE readers SET rating_count = rating_count + 1, rating_sum = rating_sum + ${rating},
      average_rating = (rating_sum + ${rating})::float8 / (rating_count + 1), updated_at = now()
    WHERE user_id = ${readerId}`;
}

import type { ReaderStatus } from '../../../shared/db/generated/enums.js';
import type { Context } from '../../../shared/context.js';
import type { AfterCommit } from '../../../shared/after-commit.js';
import { accountsOf } from '../deps.js';
import type { Tx } from './session-store.js';

/**
 * A reader is BUSY while a request of theirs is pending or a session runs, ONLINE after. Accounts owns the column:
 * the change goes through its port inside readings' transaction, and is announced after commit. (The other two
 * effects on accounts' rows, the completed-sessions counter and the rating aggregate, are single port calls:
 * session-end.ts and reviews.ts.) Many readers at once (the sweep ending unpaid sessions): one statement.
 */
export async function setPresence(ctx: Pick<Context, 'pubsub' | 'deps'>, tx: Tx, after: AfterCommit, readerId: string | string[], status: ReaderStatus): Promise<void> {
  const accounts = accountsOf(ctx);
  const changes = Array.isArray(readerId) ? await accounts.setReadersPresence(tx, readerId, status) : [await accounts.setReaderPresence(tx, readerId, status)];
  for (const change of changes) if (change) after.run(`reader presence ${change.readerId}`, () => accounts.publishReaderStatus(ctx.pubsub, change));
}

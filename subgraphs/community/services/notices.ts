import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { depsOf } from '../../../shared/context.js';
import type { NotifyInput } from '../../../shared/ports.js';
import { requireNotificationsPort } from '../../../shared/ports.js';

/** Community's own causes (paid replies, resolved flags) notify through the same port as everyone else's, in `tx`. */
export async function notifyInTx(ctx: Pick<Context, 'deps'>, tx: Prisma.TransactionClient, input: NotifyInput): Promise<void> {
  await requireNotificationsPort(depsOf(ctx, 'community').notifications, 'Notifications are not wired in this process.').notify(tx, input);
}

import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import type { NotificationChannel } from '../../../shared/db/generated/enums.js';
import { createJobQueue, migrateJobs, type JobsConfig } from '../../../shared/jobs.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { NotificationsPort, NotifyInput } from '../../../shared/ports.js';
import { getIntSetting } from '../../../shared/settings.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput } from '../../../shared/errors.js';
import { transact } from '../../../shared/after-commit.js';
import { enabledChannels, notBeforeFor } from './notification-prefs.js';

type Tx = Prisma.TransactionClient;

/** The graphile-worker task that runs one delivery (notification-delivery.ts). */
export const DELIVER_NOTIFICATION_TASK = 'community.deliver-notification';

/** Each delivery is tried this many times (graphile-worker's exponential backoff between tries). */
export const DELIVERY_MAX_ATTEMPTS = 8;

export const notificationTopics = {
  /** One user's new notifications; payload NotificationEvent. */
  added: (userId: string) => `notificationAdded:${userId}`,
};

export interface NotificationEvent {
  notificationId: string;
}

const TITLE_MAX = 200;
const BODY_MAX = 2000;

/**
 * Writes the notification and one delivery per enabled channel, and queues one job per delivery, all with the
 * caller's `tx`: they exist exactly when the cause committed. In-app deliveries are due now; email and push wait for
 * the end of the user's quiet hours, and are not created at all when the same batch key already emailed/pushed this
 * user within the batching window (the in-app notification is still written).
 */
export function createNotifier(jobs: JobsConfig | undefined, clock: () => Date = () => new Date()): NotificationsPort {
  const queue = jobs ? createJobQueue(jobs.schema, jobs.prefix) : null;
  let ready: Promise<void> | null = null;
  const install = () =>
    jobs
      ? (ready ??= migrateJobs(jobs).catch((e: unknown) => {
          ready = null;
          throw e;
        }))
      : Promise.resolve();
  // Installed before the first notifying transaction (on the embedded database, whose one session that transaction
  // holds, it could not be installed meanwhile); a failure here is retried by the first notify.
  install().catch((e: unknown) => logger('community').warn({ ...errorField(e) }, 'job queue not installed yet'));
  return {
    async notify(tx, input) {
      const n = validated(input);
      const now = clock();
      if (n.dedupeKey) {
        const seen = await tx.notification.findUnique({ where: { userId_dedupeKey: { userId: n.userId, dedupeKey: n.dedupeKey } }, select: { id: true } });
        if (seen) return null;
      }
      let channels = await enabledChannels(tx, n.userId, n.kind);
      if (n.batchKey && channels.some((c) => c !== 'IN_APP')) {
        // One batch per (user, key) at a time, so two concurrent causes cannot both see "nothing sent yet".
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notify-batch:${n.userId}:${n.batchKey}`}))`;
        const minutes = await getIntSetting(tx, 'notification_batch_window_minutes');
        const recent = await tx.notificationDelivery.findMany({
          where: {
            channel: { in: ['EMAIL', 'WEB_PUSH'] },
            notification: { userId: n.userId, batchKey: n.batchKey, createdAt: { gt: new Date(now.getTime() - minutes * 60_000) } },
          },
          select: { channel: true },
          distinct: ['channel'],
        });
        const sent = new Set(recent.map((r) => r.channel));
        channels = channels.filter((c) => !sent.has(c));
      }
      const created = await tx.notification.createManyAndReturn({
        data: [{ userId: n.userId, kind: n.kind, title: n.title, body: n.body, data: n.data ?? {}, dedupeKey: n.dedupeKey ?? null, batchKey: n.batchKey ?? null, createdAt: now }],
        skipDuplicates: true,
        select: { id: true },
      });
      const id = created[0]?.id;
      // A concurrent transaction wrote the same dedupe key first.
      if (!id) return null;
      const later = channels.some((c) => c !== 'IN_APP') ? await notBeforeFor(tx, n.userId, now) : now;
      for (const channel of channels) {
        const notBefore = channel === 'IN_APP' ? now : later;
        const d = await tx.notificationDelivery.create({ data: { notificationId: id, channel, notBefore }, select: { id: true } });
        await queueDelivery(tx, d.id, channel, notBefore);
      }
      return id;
    },
  };

  async function queueDelivery(tx: Tx, deliveryId: string, channel: NotificationChannel, runAt: Date): Promise<void> {
    if (!queue) {
      logger('community').warn({ deliveryId, channel }, 'no job queue in this process: delivery stays pending (in-app inbox only)');
      return;
    }
    await install();
    await queue.add(tx, DELIVER_NOTIFICATION_TASK, { deliveryId }, { jobKey: `notification-delivery:${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS, runAt });
  }
}

function validated(input: NotifyInput): NotifyInput {
  // Callers are our own services: a bad notification is a bug at its cause, so it fails that cause's transaction.
  if (!input.userId) throw badInput('A notification needs a recipient.', 'userId');
  return { ...input, title: input.title.slice(0, TITLE_MAX), body: input.body.slice(0, BODY_MAX) };
}

export function inboxWhere(ctx: Context, unreadOnly: boolean | null | undefined): Prisma.NotificationWhereInput {
  return { userId: requireViewer(ctx).id, ...(unreadOnly ? { readAt: null } : {}) };
}

export function unreadCount(ctx: Context): Promise<number> {
  return ctx.prisma.notification.count({ where: { userId: requireViewer(ctx).id, readAt: null } });
}

const MARK_MAX = 500;

/**
 * Marks the viewer's notifications read: the given ids (others' ids and unknown ids are ignored, never revealed),
 * or all of them. Returns how many changed.
 */
export async function markRead(ctx: Context, input: { ids?: readonly string[] | null; all?: boolean | null }): Promise<number> {
  const userId = requireViewer(ctx).id;
  const ids = input.ids ?? [];
  if (input.all && ids.length) throw badInput('Give ids or all, not both.', 'ids');
  if (!input.all && !ids.length) throw badInput('Give the ids to mark read, or all: true.', 'ids');
  if (ids.length > MARK_MAX) throw badInput(`At most ${MARK_MAX} ids at a time (or all: true).`, 'ids');
  return transact(ctx, { service: 'community' }, async (tx) => {
    const where: Prisma.NotificationWhereInput = { userId, readAt: null, ...(input.all ? {} : { id: { in: [...ids] } }) };
    const r = await tx.notification.updateMany({ where, data: { readAt: new Date() } });
    return r.count;
  });
}

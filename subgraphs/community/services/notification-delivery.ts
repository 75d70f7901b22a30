import type { Task } from 'graphile-worker';
import type { Notification, PrismaClient } from '../../../shared/db/generated/client.js';
import type { NotificationChannel } from '../../../shared/db/generated/enums.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { notificationTopics, type NotificationEvent } from './notifications.js';

/** What a channel is told to deliver: the stored notification and its recipient. */
export interface DeliveryInput {
  /** The delivery row's id: stable across retries (the email's Message-ID is made from it). */
  deliveryId: string;
  notification: Notification;
  user: { id: string; email: string };
}

/**
 * One way out to the user. `send` resolves SENT when the channel took the notification, SKIPPED when there was
 * nothing to send it to (no push subscription, email not configured: said in `reason`), and throws on a failure
 * worth retrying (the job is retried with backoff, up to DELIVERY_MAX_ATTEMPTS).
 */
export interface DeliveryChannel {
  send(input: DeliveryInput): Promise<{ status: 'SENT' | 'SKIPPED'; reason?: string }>;
}

export type DeliveryChannels = Record<NotificationChannel, DeliveryChannel>;

/** In-app: the row is the inbox; this announces it to the user's open `notificationAdded` subscriptions. */
export function inAppChannel(pubsub: PubSub): DeliveryChannel {
  return {
    async send({ notification }) {
      await pubsub.publish(notificationTopics.added(notification.userId), { notificationId: notification.id } satisfies NotificationEvent);
      return { status: 'SENT' };
    },
  };
}

/** A channel this process cannot deliver on (not configured): every delivery is SKIPPED with the reason. */
export function unavailableChannel(reason: string): DeliveryChannel {
  return { send: async () => ({ status: 'SKIPPED', reason }) };
}

/**
 * The handler of DELIVER_NOTIFICATION_TASK. A delivery runs to completion at most once: its row moves from PENDING
 * to SENT / SKIPPED / FAILED once, and a run that finds it settled does nothing (a replaced job, a redelivered one).
 * A failure is recorded (`attempts`, `lastError`) and thrown so graphile-worker retries with backoff; the last
 * attempt's failure marks it FAILED.
 */
export function deliverNotificationTask(prisma: PrismaClient, channels: DeliveryChannels): Task {
  return async (payload, helpers) => {
    const { deliveryId } = payload as { deliveryId: string };
    const d = await prisma.notificationDelivery.findUnique({
      where: { id: deliveryId },
      include: { notification: { include: { user: { select: { id: true, email: true } } } } },
    });
    if (!d || d.status !== 'PENDING') return;
    const { user, ...notification } = d.notification;
    // An attempt began (attempts counted) but recorded neither an outcome nor an error: its process died during the
    // send, and its job was unlocked (shared/jobs-recovery.ts). Whether that send reached the user is unknown, so it
    // is sent again — at least once, with the same Message-ID / push topic — rather than perhaps never.
    if (d.attempts > 0 && d.lastError === null) {
      logger('community').warn({ deliveryId, channel: d.channel, attempts: d.attempts }, 'notification delivery resumed after an interrupted attempt');
    }
    await prisma.notificationDelivery.update({ where: { id: d.id }, data: { attempts: { increment: 1 } } });
    let outcome: { status: 'SENT' | 'SKIPPED'; reason?: string };
    try {
      outcome = await channels[d.channel].send({ deliveryId: d.id, notification, user });
    } catch (error) {
      const last = helpers.job.attempts >= helpers.job.max_attempts;
      await prisma.notificationDelivery.update({
        where: { id: d.id },
        data: { lastError: String((error as Error)?.message ?? error).slice(0, 500), ...(last ? { status: 'FAILED' } : {}) },
      });
      logger('community').warn({ ...errorField(error), deliveryId, channel: d.channel, attempt: helpers.job.attempts, last }, 'notification delivery failed');
      throw error;
    }
    await prisma.notificationDelivery.updateMany({
      where: { id: d.id, status: 'PENDING' },
      data: { status: outcome.status, deliveredAt: new Date(), lastError: outcome.reason ?? null },
    });
  };
}

import type { TaskList } from 'graphile-worker';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import type { PubSub } from '../../shared/pubsub.js';
import { deliverNotificationTask, inAppChannel, unavailableChannel, type DeliveryChannels } from './services/notification-delivery.js';
import { DELIVER_NOTIFICATION_TASK } from './services/notifications.js';

/** Community's job handlers: one notification delivery per job (queued by whoever notified, in its transaction). */
export function communityTasks(rt: { prisma: PrismaClient; pubsub: PubSub }, channels: Partial<DeliveryChannels> = {}): TaskList {
  const all: DeliveryChannels = {
    IN_APP: channels.IN_APP ?? inAppChannel(rt.pubsub),
    EMAIL: channels.EMAIL ?? unavailableChannel('email is not configured in this process'),
    WEB_PUSH: channels.WEB_PUSH ?? unavailableChannel('web push is not configured in this process'),
  };
  return { [DELIVER_NOTIFICATION_TASK]: deliverNotificationTask(rt.prisma, all) };
}

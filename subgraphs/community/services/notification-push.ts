import type WebPush from 'web-push';
import { onFirstUse } from '../../../shared/on-first-use.js';
import type { PrismaClient } from '../../../shared/db/generated/client.js';
import { logger } from '../../../shared/logger.js';
import type { DeliveryChannel } from './notification-delivery.js';

/** How long a push service keeps a notification for an offline browser (seconds). */
const PUSH_TTL_SECONDS = 24 * 3600;
/** Longest wait for one push service's answer. */
const PUSH_TIMEOUT_MS = 10_000;

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/**
 * Web push through `web-push` (RFC 8291 payload encryption, RFC 8292 VAPID): one encrypted request per subscription
 * of the user, sent here with fetch (so a timeout applies and, outside production, a local http endpoint works).
 * A push service answering 404 or 410 says the subscription is gone: it is deleted. SKIPPED when the user has no
 * subscription left; SENT when at least one push service accepted; throws (retried) when every one failed otherwise.
 */
export function webPushChannel(prisma: PrismaClient, vapid: VapidConfig): DeliveryChannel {
  return {
    async send({ notification, user }) {
      const subs = await prisma.webPushSubscription.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
      if (subs.length === 0) return { status: 'SKIPPED', reason: 'no web push subscription' };
      const payload = JSON.stringify({
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        data: notification.data ?? null,
      });
      let sent = 0;
      const failures: string[] = [];
      for (const sub of subs) {
        const req = onFirstUse<typeof WebPush>('web-push').generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
          vapidDetails: vapid,
          TTL: PUSH_TTL_SECONDS,
          // RFC 8030 Topic: a push service replaces a message it still holds with a newer one of the same topic, so a
          // retry (after a crash between the push service's acceptance and the SENT update) is not shown twice to a
          // browser that was offline. A cuid is 25 URL-safe characters (the limit is 32).
          topic: notification.id,
          contentEncoding: 'aes128gcm',
        });
        try {
          const res = await fetch(req.endpoint, {
            method: 'POST',
            headers: req.headers as Record<string, string>,
            body: req.body ? new Uint8Array(req.body) : undefined,
            signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
            redirect: 'error',
          });
          await res.body?.cancel();
          if (res.status === 404 || res.status === 410) {
            await prisma.webPushSubscription.deleteMany({ where: { id: sub.id, endpoint: sub.endpoint } });
            logger('community').info({ subscriptionId: sub.id, status: res.status }, 'web push subscription gone: removed');
          } else if (res.ok) sent += 1;
          else failures.push(`push service answered ${res.status}`);
        } catch (error) {
          failures.push(String((error as Error)?.message ?? error));
        }
      }
      if (sent > 0) return { status: 'SENT' };
      if (failures.length > 0) throw new Error(`web push failed: ${failures.join('; ')}`.slice(0, 500));
      return { status: 'SKIPPED', reason: 'every web push subscription was gone' };
    },
  };
}

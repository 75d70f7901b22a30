import { limiterFactory } from '../../shared/rate-limit.js';
import { retentionJob } from '../../shared/retention.js';
import { pruneCommunity } from './services/retention.js';
import { onFirstUse } from '../../shared/on-first-use.js';
import type { WebhookReceiver } from 'livekit-server-sdk';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import type { PubSub } from '../../shared/pubsub.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import { migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { liveKitWebhookRoute } from '../../shared/server/livekit-webhook.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { CommunityDeps } from './deps.js';
import { schema } from './schema/index.js';
import { applyLiveKitStreamEvent } from './services/stream-webhooks.js';
import { communityTasks } from './jobs.js';
import { createMailer } from '../../shared/mail/index.js';
import { emailChannel, unsubscribeTokens } from './services/notification-email.js';
import { webPushChannel } from './services/notification-push.js';

/**
 * POST /webhooks/livekit for stream rooms. The gateway forwards every LiveKit delivery to each subgraph with a
 * LiveKit route (readings for session rooms, community for stream rooms); each checks the signature itself
 * with its own WebhookReceiver and applies only rooms it owns ('ignored' otherwise), once per event id.
 */
export function liveKitStreamWebhookRoute(prisma: PrismaClient, pubsub: PubSub, livekit: { apiKey: string; apiSecret: string }) {
  // The SDK loads with the first delivery (shared/on-first-use.ts).
  let receiver: WebhookReceiver | null = null;
  const receive = (raw: string, authorization: string | undefined) => {
    receiver ??= new (onFirstUse<typeof import('livekit-server-sdk')>('livekit-server-sdk').WebhookReceiver)(livekit.apiKey, livekit.apiSecret);
    return receiver.receive(raw, authorization);
  };
  return liveKitWebhookRoute(
    'community',
    receive,
    (event) => applyLiveKitStreamEvent(prisma, pubsub, event),
  );
}

export async function startCommunity(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const redis = rt.config.redisUrl ? new (onFirstUse<typeof import('ioredis')>('ioredis').Redis)(rt.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  const limiter = limiterFactory(redis, { prefix: 'community:' });
  const community: CommunityDeps = {
    // A getter: payments attaches runtime.money when it starts, possibly after this subgraph.
    get money() {
      return rt.money;
    },
    get accounts() {
      return rt.accounts;
    },
    get notifications() {
      return rt.notifications;
    },
    unsubscribe: unsubscribeTokens(rt.config.jwtSecret),
    webPush: { publicKey: rt.config.webPush?.publicKey ?? null, allowHttpEndpoints: rt.config.webPush?.allowHttpEndpoints ?? rt.config.dev },
    livekit: { ...rt.config.livekit, tokenTtlSeconds: 4 * 3600 },
    limiters: {
      message: limiter('dm', 20, 60),
      forumWrite: limiter('forum', 10, 60),
      flag: limiter('flag', 30, 3600),
      streamChat: limiter('stream-chat', 10, 10),
      gift: limiter('gift', 60, 60),
    },
  };
  // The daily retention job (services/retention.ts) runs on the runner of community's other jobs: a second runner
  // of its own polled the queue and sent heartbeats all day, for one job a day.
  const retention = retentionJob('community', rt.prisma, pruneCommunity);
  // Notification deliveries (queued by any subgraph in the transaction of their cause) run here.
  const mailer = createMailer(rt.config.mail);
  let runner: JobRunner | null = null;
  if (rt.jobs) {
    await migrateJobs(rt.jobs);
    const tasks = communityTasks(rt, {
      EMAIL: emailChannel(mailer, rt.config.mail, community.unsubscribe),
      ...(rt.config.webPush ? { WEB_PUSH: webPushChannel(rt.prisma, rt.config.webPush) } : {}),
    });
    runner = await startJobRunner(rt.jobs, { ...tasks, ...retention.tasks }, retention.cron);
  }
  const server = await startSubgraph(
    {
      name: 'community',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps: { community },
      routes: liveKitStreamWebhookRoute(rt.prisma, rt.pubsub, rt.config.livekit),
    },
    listen,
  );
  return {
    ...server,
    async close() {
      await server.close();
      await runner?.stop();
      runner = null;
      mailer.close();
      redis?.disconnect();
    },
  };
}

import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { Redis } from 'ioredis';
import express from 'express';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import type { PubSub } from '../../shared/pubsub.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { CommunityDeps } from './deps.js';
import { schema } from './schema/index.js';
import { applyLiveKitStreamEvent } from './services/streams.js';

/**
 * POST /webhooks/livekit for stream rooms. The gateway forwards every LiveKit delivery to each subgraph with a
 * LiveKit route (readings for session rooms, community for stream rooms); each checks the signature itself
 * with its own WebhookReceiver and applies only rooms it owns ('ignored' otherwise), once per event id.
 */
export function liveKitStreamWebhookRoute(prisma: PrismaClient, pubsub: PubSub, livekit: { apiKey: string; apiSecret: string }) {
  const receiver = new WebhookReceiver(livekit.apiKey, livekit.apiSecret);
  return (app: express.Express) => {
    app.post('/webhooks/livekit', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let event;
      try {
        event = await receiver.receive(raw, req.get('authorization') ?? undefined);
      } catch {
        res.status(401).json({ error: 'invalid signature' });
        return;
      }
      if (!event.id) {
        res.status(400).json({ error: 'event without id' });
        return;
      }
      try {
        const outcome = await applyLiveKitStreamEvent(prisma, pubsub, {
          id: event.id,
          event: event.event,
          room: event.room ? { name: event.room.name } : undefined,
          participant: event.participant ? { identity: event.participant.identity } : undefined,
          egressInfo: event.egressInfo
            ? { roomName: event.egressInfo.roomName, fileResults: event.egressInfo.fileResults.map((f) => ({ location: f.location })) }
            : undefined,
        });
        res.json({ ok: true, outcome });
      } catch (e) {
        console.warn(`[community] LiveKit webhook ${event.id} failed: ${String(e)}`);
        // 5xx: LiveKit retries (through the gateway); the event id was not recorded, so the retry applies it.
        res.status(500).json({ error: 'not applied' });
      }
    });
  };
}

export async function startCommunity(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const redis = rt.config.redisUrl ? new Redis(rt.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `community:${keyPrefix}`, points, duration })
      : new RateLimiterMemory({ keyPrefix: `community:${keyPrefix}`, points, duration });
  const community: CommunityDeps = {
    // A getter: payments attaches runtime.money when it starts, possibly after this subgraph.
    get money() {
      return rt.money;
    },
    livekit: { ...rt.config.livekit, tokenTtlSeconds: 4 * 3600 },
    limiters: {
      message: limiter('dm', 20, 60),
      forumWrite: limiter('forum', 10, 60),
      flag: limiter('flag', 30, 3600),
      streamChat: limiter('stream-chat', 10, 10),
      gift: limiter('gift', 60, 60),
    },
  };
  const server = await startSubgraph(
    {
      name: 'community',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      dev: rt.config.dev,
      deps: { community },
      routes: liveKitStreamWebhookRoute(rt.prisma, rt.pubsub, rt.config.livekit),
    },
    listen,
  );
  return {
    ...server,
    async close() {
      await server.close();
      redis?.disconnect();
    },
  };
}

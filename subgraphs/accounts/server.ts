import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { Redis } from 'ioredis';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { AccountsDeps } from './deps.js';
import { schema } from './schema/index.js';
import { mountAuthStateRoute } from './services/user-status.js';

export async function startAccounts(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const redis = rt.config.redisUrl ? new Redis(rt.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const accounts: AccountsDeps = {
    jwtSecret: rt.config.jwtSecret,
    accessTokenTtlSeconds: rt.config.accessTokenTtlSeconds,
    refreshTokenTtlDays: 30,
    inviteTtlHours: 72,
    // 5 failed attempts per email per 15 minutes; 50 attempts per IP per 15 minutes.
    loginLimiterByEmail: limiter('login:email', rt.config.loginAttemptsPerEmail, 900),
    loginLimiterByIp: limiter('login:ip', rt.config.loginAttemptsPerIp, 900),
  };
  const server = await startSubgraph(
    {
      name: 'accounts',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      dev: rt.config.dev,
      deps: { accounts },
      // The gateway's batched lookup of users' current role, status and auth epoch (gateway/auth-state.ts).
      routes: (app) => mountAuthStateRoute(app, rt.prisma, rt.config.gatewaySecret),
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

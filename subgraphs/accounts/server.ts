import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { Redis } from 'ioredis';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { AccountsDeps } from './deps.js';
import { schema } from './schema/index.js';
import { mountAuthStateRoute } from './services/user-status.js';

export async function startAccounts(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const redis = rt.config.redisUrl ? new Redis(rt.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  // With Redis the counts hold across instances; while Redis is unreachable each instance counts in memory.
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }) })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const accounts: AccountsDeps = {
    get notifications() {
      return rt.notifications;
    },
    jwtSecret: rt.config.jwtSecret,
    accessTokenTtlSeconds: rt.config.accessTokenTtlSeconds,
    refreshTokenTtlDays: 30,
    inviteTtlHours: 72,
    throttle: {
      // 50 login attempts per IP per 15 minutes; per IP + email, 5 failures free, then 1 s, 2 s, 4 s … up to 15
      // minutes between tries (failures remembered for a day); 10 registrations per IP per hour.
      loginByIp: limiter('login:ip', rt.config.loginAttemptsPerIp, 900),
      failures: limiter('login:failures', 1_000_000, 86_400),
      backoff: limiter('login:backoff', 1, 900),
      freeFailures: rt.config.loginFailuresBeforeBackoff,
      maxBackoffSeconds: 900,
      registerByIp: limiter('register:ip', rt.config.registrationsPerIp, 3_600),
    },
  };
  const server = await startSubgraph(
    {
      name: 'accounts',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
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

import { limiterFactory } from '../../shared/rate-limit.js';
import { startRetention } from '../../shared/retention.js';
import { pruneAccounts } from './services/retention.js';
import { onFirstUse } from '../../shared/on-first-use.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import { ResponseCache } from '../../shared/server/response-cache.js';
import { AUTH_CHANGED_TOPIC } from '../../shared/auth/auth-state.js';
import { READER_PROFILE_TOPIC, READER_STATUS_TOPIC } from '../../shared/ports.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { AccountsDeps } from './deps.js';
import { schema } from './schema/index.js';
import { mountAuthStateRoute } from './services/user-status.js';
import { createMailer } from '../../shared/mail/index.js';
import { createJobQueue, migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { DATA_EXPORT_TASK, runDataExport } from './services/data-export.js';

export async function startAccounts(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const redis = rt.config.redisUrl ? new (onFirstUse<typeof import('ioredis')>('ioredis').Redis)(rt.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  // With Redis the counts hold across instances; while Redis is unreachable each instance counts in memory.
  const limiter = limiterFactory(redis, { insurance: true });
  const mailer = createMailer(rt.config.mail);
  const accounts: AccountsDeps = {
    mailer,
    appUrl: rt.config.mail.appUrl,
    security: {
      resendByUser: limiter('verify:resend', 3, 3_600),
      resetByIp: limiter('reset:ip', 10, 3_600),
      resetByEmail: limiter('reset:email', 3, 3_600),
      codeTries: limiter('codes:user', 5, 900),
    },
    get notifications() {
      return rt.notifications;
    },
    personalData: rt.personalData ?? [],
    jobs: rt.jobs ? createJobQueue(rt.jobs.schema, rt.jobs.prefix) : null,
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
  // The daily retention job (services/retention.ts), on a job runner of its own.
  const retention = rt.jobs ? await startRetention(rt.jobs, 'accounts', rt.prisma, pruneAccounts) : null;
  // The public reader directory, the most asked page, is the same for every viewer until a reader changes:
  // whole answers are kept, and emptied in every instance by the changes' after-commit announcements (presence,
  // profile/rates/verification/rating/session count/activation, and user status changes through authChanged).
  // GDPR data exports (services/data-export.ts), queued by requestDataExport.
  let runner: JobRunner | null = null;
  if (rt.jobs) {
    await migrateJobs(rt.jobs);
    const exportDeps = { prisma: rt.prisma, personalData: accounts.personalData, mailer, appUrl: accounts.appUrl };
    runner = await startJobRunner(rt.jobs, {
      [DATA_EXPORT_TASK]: (payload, helpers) => runDataExport(exportDeps, (payload as { exportId: string }).exportId, helpers),
    });
  }
  const directoryCache = new ResponseCache({
    rootFields: ['readers', 'reader'],
    // The readers of a client's session history (mySessions' reader, favorites): the same public rows, the same announcements.
    entityTypes: ['Reader'],
    maxEntries: 2_000,
    topics: [READER_PROFILE_TOPIC, READER_STATUS_TOPIC, AUTH_CHANGED_TOPIC],
    maxAgeMs: rt.config.readerDirectoryCacheSeconds * 1000,
  });
  const server = await startSubgraph(
    {
      name: 'accounts',
      schema,
      prisma: rt.prisma,
      pubsub: directoryCache.announcing(rt.pubsub),
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps: { accounts },
      responseCache: directoryCache,
      // The gateway's batched lookup of users' current role, status and auth epoch (gateway/auth-state.ts).
      routes: (app) => mountAuthStateRoute(app, rt.prisma, rt.config.gatewaySecret),
    },
    listen,
  );
  return {
    ...server,
    async close() {
      await Promise.all([server.close(), retention?.stop(), runner?.stop()]);
      mailer.close();
      redis?.disconnect();
    },
  };
}

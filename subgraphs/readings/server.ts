import type { TaskList } from 'graphile-worker';
import { backgroundContext, type Context } from '../../shared/context.js';
import { liveKitWebhookRoute as sharedLiveKitWebhookRoute } from '../../shared/server/livekit-webhook.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { createJobQueue, migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { logger } from '../../shared/logger.js';
import type { ReadingsDeps } from './deps.js';
import { schema } from './schema/index.js';
import { LiveKitService } from './services/livekit.js';
import { applyLiveKitEvent } from './services/media-webhooks.js';
import { CRON } from './services/schedule.js';
import { ensureBillingSweep, readingsTasks } from './services/timers.js';
import { pruneReadings } from './services/retention.js';
import { retentionJob } from '../../shared/retention.js';

export interface ReadingsServer extends RunningServer {
  /** What readings' services receive in `ctx.deps.readings`. */
  deps: ReadingsDeps;
  /** A context for work no request asked for (jobs, webhooks, sweeps); tests call services with it too. */
  background(): Context;
  /** The job runner's task handlers. */
  tasks(): TaskList;
  /** The durable timers (null when the runtime has no job queue configured). */
  jobs: { stop(): Promise<void>; start(): Promise<void> } | null;
}

/** POST /webhooks/livekit for session rooms (shared/server/livekit-webhook.ts). */
export function liveKitWebhookRoute(livekit: LiveKitService, background: () => Context) {
  return sharedLiveKitWebhookRoute(
    'readings',
    (raw, authorization) => livekit.verifyWebhook(raw, authorization),
    (event) => applyLiveKitEvent(background(), event),
  );
}

export async function startReadings(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<ReadingsServer> {
  const livekit = new LiveKitService(rt.config.livekit);
  const jobsConfig = rt.jobs;
  if (jobsConfig) await migrateJobs(jobsConfig);
  else logger('readings').warn('no job queue configured: request expiry, grace periods and the billing sweep will not run');
  const deps: ReadingsDeps = {
    // The cross-owner ports the composition root (scripts/compose.ts) wired, read at call time (getters), as the
    // runtime holds them now.
    get money() {
      return rt.money;
    },
    get accounts() {
      return rt.accounts;
    },
    get notifications() {
      return rt.notifications;
    },
    livekit,
    jobs: jobsConfig ? createJobQueue(jobsConfig.schema, jobsConfig.prefix) : null,
    clock: () => new Date(),
  };
  const background = () => backgroundContext(rt, { readings: deps });
  // The daily retention job (services/retention.ts) runs with readings' timers.
  const retention = retentionJob('readings', rt.prisma, pruneReadings(jobsConfig ?? null));
  const tasks = () => ({ ...readingsTasks(background), ...retention.tasks });
  const cron = [...CRON, ...retention.cron];
  let runner: JobRunner | null = jobsConfig ? await startJobRunner(jobsConfig, tasks(), cron) : null;
  // The billing sweep reschedules itself; queue its first run (a no-op when another instance already has).
  if (runner) await ensureBillingSweep(background());
  const server = await startSubgraph(
    {
      name: 'readings',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps: { readings: deps },
      routes: liveKitWebhookRoute(livekit, background),
    },
    listen,
  );
  return {
    ...server,
    deps,
    background,
    tasks,
    jobs: jobsConfig
      ? {
          async stop() {
            await runner?.stop();
            runner = null;
          },
          async start() {
            runner ??= await startJobRunner(jobsConfig, tasks(), cron);
            await ensureBillingSweep(background());
          },
        }
      : null,
    async close() {
      // The runner takes no new job and finishes the running ones while the HTTP server drains.
      await Promise.all([server.close(), runner?.stop()]);
      runner = null;
    },
  };
}

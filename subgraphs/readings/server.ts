import { liveKitWebhookRoute as sharedLiveKitWebhookRoute } from '../../shared/server/livekit-webhook.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { createJobQueue, migrateJobs, startJobRunner, type JobRunner } from '../../shared/jobs.js';
import { schema } from './schema/index.js';
import { LiveKitService } from './services/livekit.js';
import { CRON, ReadingsService } from './services/sessions.js';

export interface ReadingsServer extends RunningServer {
  service: ReadingsService;
  /** The durable timers (null when the runtime has no job queue configured). */
  jobs: { stop(): Promise<void>; start(): Promise<void> } | null;
}

/** POST /webhooks/livekit for session rooms (shared/server/livekit-webhook.ts). */
export function liveKitWebhookRoute(service: ReadingsService) {
  return sharedLiveKitWebhookRoute(
    'readings',
    (raw, authorization) => service.livekit.verifyWebhook(raw, authorization),
    (event) => service.applyLiveKitEvent(event),
  );
}

export async function startReadings(rt: ServiceRuntime, listen: { port?: number; host?: string } = {}): Promise<ReadingsServer> {
  const livekit = new LiveKitService(rt.config.livekit);
  const jobsConfig = rt.jobs;
  if (jobsConfig) await migrateJobs(jobsConfig);
  else console.warn('[readings] no job queue configured: request expiry, grace periods and the billing sweep will not run');
  const service = new ReadingsService({
    prisma: rt.prisma,
    pubsub: rt.pubsub,
    runtime: rt,
    jobs: jobsConfig ? createJobQueue(jobsConfig.schema, jobsConfig.prefix) : null,
    livekit,
  });
  let runner: JobRunner | null = jobsConfig ? await startJobRunner(jobsConfig, service.tasks(), CRON) : null;
  // The billing sweep reschedules itself; queue its first run (a no-op when another instance already has).
  if (runner) await service.ensureBillingSweep();
  const server = await startSubgraph(
    {
      name: 'readings',
      schema,
      prisma: rt.prisma,
      pubsub: rt.pubsub,
      gatewaySecret: rt.config.gatewaySecret,
      exposeErrorDetails: rt.config.exposeErrorDetails,
      deps: { readings: service },
      routes: liveKitWebhookRoute(service),
    },
    listen,
  );
  return {
    ...server,
    service,
    jobs: jobsConfig
      ? {
          async stop() {
            await runner?.stop();
            runner = null;
          },
          async start() {
            runner ??= await startJobRunner(jobsConfig, service.tasks(), CRON);
            await service.ensureBillingSweep();
          },
        }
      : null,
    async close() {
      await server.close();
      await runner?.stop();
      runner = null;
    },
  };
}

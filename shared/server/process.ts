import { exitOnConfigError, loadConfig, type Config } from '../config.js';
import { createPrisma } from '../db/client.js';
import { createPubSub } from '../pubsub.js';
import type { BaseRuntime, ServiceRuntime } from '../runtime.js';
import type { RunningServer } from './subgraph.js';
import { StartupError, startOrExplain } from './startup-errors.js';
import { pendingMigrations } from '../db/migrations.js';
import { errorField, logger } from '../logger.js';
import { shutdownGraceMs } from './shutdown.js';
import { startTelemetry } from '../telemetry.js';

type SubgraphStarter = (rt: ServiceRuntime, listen: { port?: number; host?: string }) => Promise<RunningServer>;

/**
 * Runs one subgraph as its own process, so several instances of every service can run side by side (behind a
 * load balancer, or one gateway per instance). Everything comes from the environment (README, Configuration):
 * DATABASE_URL (required here: the embedded database is for `npm start` only), JWT_SECRET and GATEWAY_SECRET (required), DATABASE_SCHEMA, JOBS_SCHEMA, REDIS_URL (needed
 * for pub/sub across instances), `<NAME>_PORT`, HOST, DB_POOL_SIZE. Each process holds its own pool, pub/sub and job runner.
 */
export async function runSubgraphProcess(
  name: Exclude<keyof Config['ports'], 'gateway'>,
  start: SubgraphStarter,
  /** The composition root's port wiring (scripts/compose.ts): shared/ knows no subgraph. */
  compose: (base: BaseRuntime) => ServiceRuntime,
): Promise<void> {
  // A refused configuration (missing or short secrets…) is one line on stderr and exit 1, before anything connects.
  const config = exitOnConfigError(() => loadConfig());
  if (!config.databaseUrl) {
    process.stderr.write(`${name}: DATABASE_URL must be set to run a service on its own (npm start runs the embedded default).\n`);
    process.exit(1);
  }
  // OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (shared/telemetry.ts); nothing is loaded otherwise.
  const telemetry = await startTelemetry(`soulseer-${name}`);
  const schema = process.env.DATABASE_SCHEMA || undefined;
  const prisma = createPrisma(config.databaseUrl, { max: Number.parseInt(process.env.DB_POOL_SIZE ?? '10', 10), schema });
  // A database that does not answer or lacks migrations is one line on stderr (exit 1), before anything listens.
  await startOrExplain(config.databaseUrl, async () => {
    const pending = await pendingMigrations((sql) => prisma.$queryRawUnsafe(sql));
    if (pending.length) {
      throw new StartupError(`${name}: ${pending.length} migration(s) not applied to DATABASE_URL (newest ${pending.at(-1)}): run npm run db:migrate first.`);
    }
  });
  const pubsub = createPubSub({ redisUrl: config.redisUrl });
  // Every process queues the effects of the money it moves on payments' outbox job, in this queue.
  const jobs = { connectionString: config.databaseUrl, schema: process.env.JOBS_SCHEMA || undefined };
  const runtime = compose({ config, prisma, pubsub, jobs });
  const server = await startOrExplain(config.databaseUrl, () => start(runtime, { port: config.ports[name], host: process.env.HOST || '127.0.0.1' }));
  // One JSON line on stdout when ready (scripts and benchmarks wait for it).
  process.stdout.write(`${JSON.stringify({ service: name, ready: true, url: server.url, port: server.port, pid: process.pid })}\n`);
  onShutdown(async () => {
    await server.close();
    await pubsub.close();
    await prisma.$disconnect();
    await telemetry?.shutdown();
  });
}

/**
 * Closes the service on SIGINT/SIGTERM, then exits 0; with 1 when closing failed, or when it still runs
 * SHUTDOWN_GRACE_MS (default 10 s) after the signal (shared/server/shutdown.ts).
 */
export function onShutdown(close: () => Promise<void>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger('process').error({ graceMs: shutdownGraceMs() }, 'shutdown grace period over: exiting with work unfinished');
      process.exit(1);
    }, shutdownGraceMs()).unref();
    try {
      await close();
      process.exit(0);
    } catch (error) {
      logger('process').error(errorField(error), 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

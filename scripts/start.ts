// npm start: the whole federation in one process. Without DATABASE_URL it runs embedded PostgreSQL
// (PGlite, data under .data/), applies migrations and seeds demo data; without REDIS_URL pub/sub is in-memory.
// Secrets are never defaulted: with DATABASE_URL they come from the environment (refused if missing or short);
// the embedded default generates them at its first start into .data/secrets.json and reuses them.
//
// Start-up order (bench/README.md "Start-up"): the embedded database's thread starts opening the data folder first,
// then the application is loaded (`await import`, a chunk of the start-up bundle of its own, scripts/launch.mjs) while
// it opens; only what a first request needs runs before the ready line.
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../shared/db/embedded.js';

// The embedded default's folder (database and secrets); DATA_DIR moves it (the start-up benchmark uses a scratch one).
const dataDir = path.resolve(process.env.DATA_DIR || '.data');
const embeddedOpening = process.env.DATABASE_URL
  ? null
  : startEmbeddedPostgres(path.join(dataDir, 'pglite'), Number(process.env.EMBEDDED_PG_PORT ?? 0), { thread: true });
// Awaited inside startOrExplain below (its failure is explained there, not reported as unhandled meanwhile).
embeddedOpening?.catch(() => undefined);

// No top-level await: the launcher runs this entry from a CommonJS bundle with a V8 code cache (scripts/launch.mjs).
async function main() {
  const [
    { shutdownGraceMs },
    { exitOnConfigError, loadConfig },
    { loadOrCreateSecrets },
    { createPrisma },
    { applyMigrations, pendingMigrationsAt },
    { startOrExplain },
    { createPubSub },
    { startLocalFederation },
    { composeRuntime },
    { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData },
    { startTelemetry },
  ] = await Promise.all([
    import('../shared/server/shutdown.js'),
    import('../shared/config.js'),
    import('../shared/embedded-secrets.js'),
    import('../shared/db/client.js'),
    import('../shared/db/migrations.js'),
    import('../shared/server/startup-errors.js'),
    import('../shared/pubsub.js'),
    import('./local-federation.js'),
    import('./compose.js'),
    import('../prisma/seed.js'),
    import('../shared/telemetry.js'),
  ]);

  // The job runners (six graphile-worker pools: timers, the money outbox, notifications, exports, retention) start once
  // the ready line is out (JobsConfig.startAfter): their connections, checks and cron backfills are not on the way to the
  // first answer. Jobs queued before then wait in the table.
  let announceReady!: () => void;
  const afterReady = new Promise<void>((resolve) => (announceReady = resolve));

  const config = exitOnConfigError(() => loadConfig(process.env, process.env.DATABASE_URL ? undefined : loadOrCreateSecrets(dataDir)));
  // OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (shared/telemetry.ts); nothing is loaded otherwise.
  const telemetry = await startTelemetry('soulseer');
  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  // The plain mistakes (port in use, database unreachable…) are one line on stderr and exit 1, not a stack trace.
  const { prisma, pubsub, federation } = await startOrExplain(databaseUrl, async () => {
    if (!databaseUrl) {
      embedded = await embeddedOpening!;
      databaseUrl = embedded.url;
    }
    // The migration engine (WebAssembly) loads only when a migration is pending: a warm start skips it.
    if ((await pendingMigrationsAt(databaseUrl)).length) {
      const applied = await applyMigrations(databaseUrl);
      if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
    }

    // PGlite is one session shared by every connection: keep the pool small there.
    const prisma = createPrisma(databaseUrl, { max: embedded ? 4 : 10 });
    const pubsub = createPubSub({ redisUrl: config.redisUrl });
    // Durable timers (readings) and the money outbox (payments): graphile-worker in the same database; on PGlite it
    // polls (NOTIFY reaches no other connection).
    const jobs = { connectionString: databaseUrl, embedded: !!embedded, startAfter: afterReady };
    const runtime = composeRuntime({ config, prisma, pubsub, jobs });
    if (embedded || process.env.SEED_DEMO_DATA === '1') await seedDemoData(prisma, runtime.money);
    const federation = await startLocalFederation(runtime, { ports: config.ports });
    return { prisma, pubsub, federation };
  });

  console.log(`SoulSeer API ready at http://localhost:${federation.gateway.port}/graphql`);
  console.log(`database: ${embedded ? `embedded PGlite (${path.relative(process.cwd(), dataDir) || '.'}/pglite)` : 'DATABASE_URL'}; pub/sub: ${config.redisUrl ? 'Redis' : 'in-memory'}`);
  if (embedded) {
    console.log(`demo logins (password ${DEMO_PASSWORD}): admin ${DEMO_LOGINS.admin}; readers ${DEMO_LOGINS.readers.join(', ')}; clients ${DEMO_LOGINS.clients.join(', ')}`);
  }
  announceReady();
  // The launcher saves its V8 code cache now, with what start-up compiled (scripts/launch.mjs).
  process.emit('soulseer:ready' as never);

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    // Never hang on the way out: whatever has not closed within SHUTDOWN_GRACE_MS (default 10 s) is abandoned.
    setTimeout(() => process.exit(1), shutdownGraceMs()).unref();
    await federation.close();
    await pubsub.close();
    await prisma.$disconnect();
    await (embedded as EmbeddedPostgres | null)?.stop();
    await telemetry?.shutdown();
    process.exit(0);
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();

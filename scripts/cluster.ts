// npm run cluster: 2 gateways and 2 instances of every subgraph, each its own process, on the machine's PostgreSQL
// (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres; schema DATABASE_SCHEMA, default a fresh
// cluster_<random> dropped on exit) and Redis (REDIS_URL, default redis://127.0.0.1:6379). Migrations are applied,
// secrets are random for this run, the URLs are printed; Ctrl-C (or SIGTERM) stops everything.
// Gateway A talks to instance 1 of every subgraph, gateway B to instance 2 (the gateway takes one URL per subgraph).
// CLUSTER_SEED=1 adds the demo data (prisma/seed.ts: admin, readers, clients; password in the README).
// CLUSTER_EXIT_AFTER_READY=1 stops as soon as everything is up (a start/stop smoke).
import { createPrisma } from '../shared/db/client.js';
import { createPubSub } from '../shared/pubsub.js';
import { seedDemoData } from '../prisma/seed.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { startCluster, type Cluster } from './cluster/cluster.js';

const started = Date.now();
console.log('cluster: applying migrations and starting 2 gateways and 2 instances of every subgraph…');
let cluster: Cluster;
try {
  cluster = await startCluster({
    schema: process.env.DATABASE_SCHEMA || undefined,
    env: process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : { LOG_LEVEL: 'warn' },
    onLog: (p, line) => {
      if (process.env.CLUSTER_VERBOSE === '1') console.log(`[${p.name}] ${line}`);
    },
  });
} catch (error) {
  console.error(`cluster: failed to start: ${(error as Error).message}`);
  process.exit(1);
}

if (process.env.CLUSTER_SEED === '1') {
  const prisma = createPrisma(cluster.databaseUrl, { schema: cluster.schema, max: 2 });
  const pubsub = createPubSub();
  await seedDemoData(prisma, createMoney(prisma, pubsub));
  await pubsub.close();
  await prisma.$disconnect();
  console.log('cluster: demo data seeded');
}

console.log(`cluster: ready in ${((Date.now() - started) / 1000).toFixed(1)} s; database schema ${cluster.schema} (jobs ${cluster.jobsSchema})`);
for (const p of cluster.processes) {
  const upstream = p.service === 'gateway' ? `  -> subgraph instances ${p.instance}` : '';
  console.log(`  ${p.name.padEnd(12)} pid ${String(p.pid).padEnd(7)} ${p.url}${upstream}`);
}
console.log('Ctrl-C stops everything.');

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('cluster: stopping…');
  await cluster.stop();
  console.log('cluster: stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
for (const p of cluster.processes) {
  p.child?.once('exit', (code, signal) => {
    if (!stopping) console.log(`cluster: ${p.name} exited (${signal ?? code}); the others keep running`);
  });
}
if (process.env.CLUSTER_EXIT_AFTER_READY === '1') await shutdown(0);

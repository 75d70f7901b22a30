// npm run soak: starts the cluster (scripts/cluster/cluster.ts: 2 gateways, 2 instances of every subgraph, own schema,
// random secrets), drives it through both gateways for SOAK_SECONDS (default 600) with the workload of
// scripts/soak/workload.ts, and meanwhile kills one instance of each service (each subgraph and the gateway) with
// SIGKILL at random moments and restarts it on its port. At the end it stops the workload, lets the jobs drain and
// prints the checks of scripts/soak/checks.ts; the exit code is 1 when one fails. SOAK_KEEP=1 keeps the schema.
// Clients are credited by an admin adjustment through the API (the cluster runs without Stripe).
import pg from 'pg';
import { createAccessToken } from '../shared/auth/tokens.js';
import type { Role } from '../shared/context.js';
import { createPrisma } from '../shared/db/client.js';
import { createPubSub } from '../shared/pubsub.js';
import { DEMO_LOGINS, seedDemoData } from '../prisma/seed.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { SERVICES, startCluster } from './cluster/cluster.js';
import { call, stats, type Gateway } from './soak/api.js';
import { checkBilling, checkDelivery, checkJobs, checkReconcile, checkRss, type CheckResult, type Outage } from './soak/checks.js';
import { credit, finishSessions, newState, runWorkload, type Actor, type World } from './soak/workload.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WARMUP_MS = Math.min(60_000, SECONDS * 250);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

log(`soak: ${SECONDS} s, warm-up ${WARMUP_MS / 1000} s; starting the cluster…`);
const cluster = await startCluster({
  env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', REGISTRATIONS_PER_IP: '100000', LOGIN_ATTEMPTS_PER_IP: '100000', DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '2' },
  schema: process.env.SOAK_KEEP === '1' ? `soak_${Date.now().toString(36)}` : undefined,
});
const readyAt = new Map(cluster.processes.map((p) => [p.name, Date.now()]));
const gateways: Gateway[] = cluster.gateways.map((g) => ({ name: g.name, url: g.url }));
const ttl = SECONDS + 900;
const mint = (id: string, role: Role) => createAccessToken({ id, role }, cluster.secrets.jwtSecret, ttl);
const order = (i: number) => (i % 2 ? [gateways[1]!, gateways[0]!] : [gateways[0]!, gateways[1]!]);

async function setUp(): Promise<World> {
  const prisma = createPrisma(cluster.databaseUrl, { schema: cluster.schema, max: 2 });
  const pubsub = createPubSub();
  try {
    await seedDemoData(prisma, createMoney(prisma, pubsub));
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_LOGINS.admin } });
    const readerRows = await prisma.user.findMany({ where: { email: { in: DEMO_LOGINS.readers } }, include: { readerProfile: true }, orderBy: { email: 'asc' } });
    const adminActor: Actor = { id: admin.id, token: await mint(admin.id, 'ADMIN'), gateways: order(0) };
    const actors = await Promise.all(readerRows.map(async (r, i) => ({ id: r.id, token: await mint(r.id, 'READER'), gateways: order(i), sessionType: r.readerProfile!.sessionTypes[0] as string })));
    // The reader without chat sessions hosts the live stream; the others take sessions.
    const streamer = actors.find((a) => a.sessionType !== 'CHAT') ?? actors.pop()!;
    const readers = actors.filter((a) => a !== streamer);
    const clients: Actor[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const r = await call<{ register: { user: { id: string } } }>(order(i), null, 'register', `mutation($i: RegisterInput!) { register(input: $i) { user { id } } }`, {
        i: { email: `soak-${i}-${Date.now().toString(36)}@example.com`, password: `soak-password-${i}-x1`, firstName: `Soak${i}` },
      });
      const id = r.register.user.id;
      clients.push({ id, token: await mint(id, 'CLIENT'), gateways: order(i) });
    }
    for (const c of clients) await credit(adminActor, c.id, 20_000, 'Soak starting balance');
    for (const r of [...readers, streamer]) await call(r.gateways, r.token, 'setReaderStatus', `mutation { setReaderStatus(status: ONLINE) { id } }`);
    const gifts = await call<{ virtualGifts: { edges: Array<{ node: { id: string; priceCents: number } }> } }>(gateways, clients[0]!.token, 'virtualGifts', `{ virtualGifts(first: 20) { edges { node { id priceCents } } } }`);
    const gift = gifts.virtualGifts.edges.map((e) => e.node).sort((a, b) => a.priceCents - b.priceCents)[0]!;
    const stream = await call<{ scheduleLiveStream: { id: string } }>(streamer.gateways, streamer.token, 'scheduleLiveStream', `mutation($i: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $i) { id } }`, {
      i: { title: 'Soak stream', category: 'tarot', scheduledAt: new Date(Date.now() + 60_000).toISOString(), visibility: 'PUBLIC' },
    });
    await call(streamer.gateways, streamer.token, 'startLiveStream', `mutation($id: ID!) { startLiveStream(streamId: $id) { id } }`, { id: stream.scheduleLiveStream.id });
    return { admin: adminActor, readers, clients, streamer, streamId: stream.scheduleLiveStream.id, giftId: gift.id, gateways };
  } finally {
    await pubsub.close();
    await prisma.$disconnect();
  }
}

/** One SIGKILL and restart per service per ~150 s (at least one each), at random moments after the warm-up. */
async function chaos(outages: Outage[], stopAt: number) {
  const start = Date.now() + WARMUP_MS;
  const last = stopAt - 15_000;
  const plan = SERVICES.flatMap((service) =>
    Array.from({ length: Math.max(1, Math.floor(SECONDS / 150)) }, () => ({ service, at: start + Math.random() * Math.max(1000, last - start), instance: 1 + Math.floor(Math.random() * 2) })),
  ).sort((a, b) => a.at - b.at);
  await Promise.all(
    plan.map(async ({ service, at, instance }) => {
      await sleep(Math.max(0, at - Date.now()));
      const p = cluster.processes.find((x) => x.service === service && x.instance === instance)!;
      if (!p.up) return;
      const from = Date.now();
      log(`SIGKILL ${p.name} (pid ${p.pid})`);
      await cluster.kill(p.name, 'SIGKILL');
      await sleep(Math.random() * 2000);
      try {
        await cluster.start(p.name);
      } catch (error) {
        log(`restart of ${p.name} failed once (${(error as Error).message.split('\n').filter(Boolean).slice(0, 3).join(' | ')}); retrying`);
        await cluster.start(p.name);
      }
      readyAt.set(p.name, Date.now());
      outages.push({ name: p.name, service, instance, from, to: Date.now() });
      log(`${p.name} back (pid ${p.pid}) after ${((Date.now() - from) / 1000).toFixed(1)} s`);
    }),
  );
}

let exitCode = 1;
try {
  const world = await setUp();
  log(`set up: ${world.clients.length} clients, ${world.readers.length} readers in sessions, 1 live stream; driving both gateways`);
  const state = newState();
  const outages: Outage[] = [];
  const samples: Array<{ at: number; rss: Record<string, number> }> = [];
  const stopAt = Date.now() + SECONDS * 1000;
  const sampler = setInterval(() => void cluster.rss().then((rss) => samples.push({ at: Date.now(), rss })), 5000);
  const workload = runWorkload(state, world, SECONDS);
  const chaosDone = chaos(outages, stopAt);
  const progress = setInterval(() => log(`calls ok ${stats.ok}, failed ${stats.failed}; ${JSON.stringify(Object.fromEntries(Object.entries(state.counts).filter(([k]) => !k.startsWith('joined'))))}`), 30_000);
  await sleep(stopAt - Date.now());
  await chaosDone;
  state.stopping = true;
  const endedAt = Date.now();
  log('stopping the workload…');
  await workload;
  await Promise.all([...state.openSubscribers].map((s) => s.leave()));
  clearInterval(progress);
  // Sessions whose end failed while an instance was down are still billing: end them now that all are back.
  log(`ending what the failed calls left running: ${await finishSessions(state)} sessions of ${state.sessions.size} ended or already over`);
  clearInterval(sampler);
  // Let the outbox and the billing sweep catch up before judging jobs and money.
  log('draining jobs (15 s)…');
  await sleep(15_000);
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  const results: CheckResult[] = [];
  try {
    results.push(await checkBilling(db));
    results.push(await checkReconcile(cluster.databaseUrl, cluster.schema));
    results.push(checkDelivery(state.sent, state.subscribers, outages, endedAt));
    results.push(await checkJobs(db, cluster.jobsSchema));
    results.push(checkRss(samples, readyAt, WARMUP_MS));
  } finally {
    await db.end();
  }
  console.log('\n== soak results');
  console.log(`workload: ${Object.entries(state.counts).filter(([k]) => !k.startsWith('joined')).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`calls: ${stats.ok} ok, ${stats.failed} failed after retries; errors seen: ${[...stats.errors].map(([k, v]) => `${k} ×${v}`).join('; ') || 'none'}`);
  console.log(`kills: ${outages.map((o) => `${o.name} down ${((o.to - o.from) / 1000).toFixed(1)} s`).join(', ')}`);
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}`);
    for (const l of r.lines) console.log(`     ${l}`);
  }
  exitCode = results.every((r) => r.ok) ? 0 : 1;
  console.log(exitCode === 0 ? 'soak: all checks passed' : 'soak: CHECKS FAILED');
} catch (error) {
  console.error(`soak: ${(error as Error).stack ?? error}`);
} finally {
  await cluster.stop();
  process.exit(exitCode);
}

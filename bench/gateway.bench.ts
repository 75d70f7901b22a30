// npm run bench:gateway — one representative query that crosses two subgraphs, under 50 connections, through
// (1) our gateway, (2) the same gateway with only subgraph-fetch merging (no whole-operation merging), (3) Hive
// Gateway with its defaults over the same supergraph, (4) Hive with its opt-in inbound request merging, and (5)
// straight to the owning subgraph (the "ceiling": one subgraph doing all the work of one request; in-flight
// merging can exceed it), alternating runs. Every service is its own process (the entry points
// gateway/main.ts and scripts/services/<name>.ts), on a scratch schema of DATABASE_URL / TEST_DATABASE_URL seeded
// with the demo data plus enough readers for a page of 20.
// Knobs: BENCH_SECONDS (default 10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './peers.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../shared/auth/tokens.js';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { seedDemoData } from '../prisma/seed.js';
import { createPubSub } from '../shared/pubsub.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { DEFAULT_SUBGRAPH_URLS, SUBGRAPH_NAMES, type SubgraphName } from '../gateway/supergraph.js';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const JWT_SECRET = `bench-jwt-${randomBytes(16).toString('hex')}`;
const GATEWAY_SECRET = `bench-gw-${randomBytes(16).toString('hex')}`;
const schema = `bench_gw_${randomBytes(4).toString('hex')}`;
const children: ChildProcess[] = [];
let tmp: string | null = null;

// ---------------------------------------------------------------------------------------------- database
async function prepareDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const d of dirs) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');
      await admin.query(sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
    }
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const url = u.toString();
  const prisma = createPrisma(url, { schema, max: 2 });
  try {
    const pubsub = createPubSub();
    await seedDemoData(prisma, createMoney(prisma, pubsub));
    await pubsub.close();
    // The demo has six readers: add verified readers until a page of 20 is full.
    const have = await prisma.reader.count();
    for (let i = have; i < 24; i++) {
      await prisma.user.create({
        data: {
          email: `bench-reader-${i}@soulseer.dev`, passwordHash: 'x', role: 'READER', status: 'ACTIVE',
          readerProfile: {
            create: {
              firstName: `Reader${i}`, lastName: 'Bench', displayName: `Reader${i} Bench`, headline: `Guidance #${i}`,
              bio: 'Tarot and astrology readings with a calm, practical touch.', specialties: ['tarot', 'astrology'],
              experience: 3 + (i % 10), languages: ['en'], sessionTypes: ['CHAT', 'CALL'], status: i % 3 ? 'ONLINE' : 'OFFLINE',
              isVerified: true, lowestRateCents: 150 + i * 10, certifications: [],
              rates: { create: [{ sessionType: 'CHAT', ratePerMinuteCents: 150 + i * 10 }, { sessionType: 'CALL', ratePerMinuteCents: 250 + i * 10 }] },
            },
          },
        },
      });
    }
  } finally {
    await prisma.$disconnect();
  }
  return url;
}

// ---------------------------------------------------------------------------------------------- processes
function spawnService(label: string, command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr!.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (line && process.env.BENCH_VERBOSE) console.error(`[${label}] ${line}`);
  });
  return child;
}

/** Starts a TypeScript entry point and waits for its JSON "ready" line. */
function startEntry(label: string, file: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<{ url: string; pid: number }> {
  const child = spawnService(label, process.execPath, [...nodeArgs, '--import', 'tsx', file], env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; url: string; pid: number };
        if (msg.ready) {
          clearTimeout(timer);
          resolve({ url: msg.url, pid: msg.pid });
        }
      } catch {
        /* a log line */
      }
    });
  });
}

async function waitForGraphQL(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(url, { method: 'POST', headers, body });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------------------------------------- the query
const PROFILE = 'id displayName headline bio avatarUrl specialties yearsOfExperience languages lowestRateCents averageRating rates { sessionType ratePerMinuteCents }';

/**
 * A page of 20 readers with profile fields (accounts) and one field of another subgraph. If the supergraph
 * has a cheap scalar on Reader owned by another subgraph, it is used (an entity fetch); otherwise the same
 * operation also asks for the forum categories (community), a second subgraph fetch at the root.
 */
function chooseQuery(supergraph: string): { query: string; crossField: string; direct: string } {
  const reader = /\ntype Reader\n[\s\S]*?\n\{([\s\S]*?)\n\}/.exec(supergraph)?.[1] ?? '';
  const foreign = /\n\s+(\w+): (?:Int|Float|String|Boolean|DateTime)!? @join__field\(graph: (READINGS|PAYMENTS|COMMUNITY)\)/.exec(reader);
  const page = (extra: string) => `readers(first: 20) { edges { cursor node { ${PROFILE}${extra} } } pageInfo { hasNextPage endCursor } }`;
  if (foreign) {
    return {
      query: `query BenchReaders { ${page(` ${foreign[1]}`)} }`,
      crossField: `Reader.${foreign[1]} (${foreign[2]!.toLowerCase()})`,
      direct: `query BenchReaders { ${page('')} }`,
    };
  }
  return {
    query: `query BenchReaders { ${page('')} forumCategories { edges { node { id slug name } } } }`,
    crossField: 'Query.forumCategories (community), in the same operation as the readers page (accounts)',
    direct: `query BenchReaders { ${page('')} }`,
  };
}

// ---------------------------------------------------------------------------------------------- main
interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
const results = new Map<string, AutocannonResult[]>();

async function measure(t: Target): Promise<AutocannonResult> {
  // Every response is checked before and after a run: 20 readers, no errors.
  const check = async () => {
    const r = await fetch(t.url, { method: 'POST', headers: t.headers, body: t.body });
    const json = (await r.json()) as { data?: { readers?: { edges: unknown[] } }; errors?: unknown[] };
    if (json.errors || json.data?.readers?.edges.length !== 20) throw new Error(`${t.name}: bad response ${JSON.stringify(json).slice(0, 300)}`);
  };
  await check();
  const r = await autocannon({ url: t.url, connections: CONNECTIONS, duration: SECONDS, method: 'POST', headers: t.headers, body: t.body });
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${t.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  await check();
  return r;
}

async function main() {
  const dbUrl = await prepareDatabase();
  const common = { NODE_ENV: 'production', JWT_SECRET, GATEWAY_SECRET, DATABASE_URL: dbUrl, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs`, REDIS_URL: '' };
  const ports = await Promise.all(SUBGRAPH_NAMES.map(() => freePort()));
  const subgraphUrls = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name, i) => {
        const { url } = await startEntry(name, `scripts/services/${name}.ts`, { ...common, [`${name.toUpperCase()}_PORT`]: String(ports[i]) });
        return [name, url];
      }),
    ),
  ) as Record<SubgraphName, string>;

  const gatewayEnv = { ...common, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, subgraphUrls[n]])) };
  const nodeArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean);
  const ours = await startEntry('gateway', 'gateway/main.ts', { ...gatewayEnv, PORT: String(await freePort()) }, nodeArgs);
  // The same gateway merging only subgraph fetches (Hive's technique), without whole-operation merging.
  const oursFetchOnly = await startEntry('gateway-fetch-merge', 'gateway/main.ts', { ...gatewayEnv, PORT: String(await freePort()), GATEWAY_OPERATION_DEDUPE: '0' }, nodeArgs);

  // Hive Gateway over the same supergraph, pointed at the same subgraph processes. It forwards the signed
  // identity header the client sends (Hive does no token verification of ours).
  let supergraph = await readFile(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8');
  for (const n of SUBGRAPH_NAMES) supergraph = supergraph.replaceAll(DEFAULT_SUBGRAPH_URLS[n], subgraphUrls[n]);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-hive-'));
  await writeFile(path.join(tmp, 'supergraph.graphql'), supergraph);
  // Hive twice: its defaults (the goal's peer), and with its opt-in merging of identical client operations
  // (inboundInflightRequestDeduplication, keyed by all request headers), the peer of our operation merging.
  const startHive = async (name: string, extra: string) => {
    const config = path.join(tmp!, `${name}.config.mjs`);
    await writeFile(
      config,
      `export const gatewayConfig = {
  logging: 'error',${extra}
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ '${VIEWER_HEADER}': request.headers.get('${VIEWER_HEADER}') }) },
};\n`,
    );
    const port = await freePort();
    spawnService(name, path.join(ROOT, 'bench/node_modules/.bin/hive-gateway'), ['supergraph', path.join(tmp!, 'supergraph.graphql'), '--port', String(port), '--host', '127.0.0.1', '-c', config, '--disable-websockets'], { NODE_ENV: 'production' });
    return `http://127.0.0.1:${port}/graphql`;
  };
  const hiveUrl = await startHive('hive', '');
  const hiveInboundUrl = await startHive('hive-inbound', '\n  inboundInflightRequestDeduplication: true,');

  const { query, crossField, direct } = chooseQuery(supergraph);
  // Anonymous viewer, as a public directory page is seen; Hive and the ceiling carry the gateway's signed header.
  const identity = await signForwardedIdentity({ viewer: null, ip: '127.0.0.1', userAgent: 'autocannon' }, GATEWAY_SECRET, 3600);
  const json = { 'content-type': 'application/json', 'user-agent': 'autocannon' };
  const all: Target[] = [
    { name: 'our gateway', url: ours.url, headers: json, body: JSON.stringify({ query }) },
    { name: 'ours, fetch merging only', url: oursFetchOnly.url, headers: json, body: JSON.stringify({ query }) },
    { name: 'Hive Gateway', url: hiveUrl, headers: { ...json, [VIEWER_HEADER]: identity }, body: JSON.stringify({ query }) },
    { name: 'Hive, inbound merging on', url: hiveInboundUrl, headers: { ...json, [VIEWER_HEADER]: identity }, body: JSON.stringify({ query }) },
    { name: 'accounts subgraph (ceiling)', url: subgraphUrls.accounts, headers: { ...json, [VIEWER_HEADER]: identity }, body: JSON.stringify({ query: direct }) },
  ];
  await waitForGraphQL(hiveUrl, all[2]!.body, all[2]!.headers);
  await waitForGraphQL(hiveInboundUrl, all[3]!.body, all[3]!.headers);
  // BENCH_TARGETS=ours,fetch,hive,hive-inbound,ceiling picks a subset (for profiling); the ratios need all of them.
  const pick = process.env.BENCH_TARGETS?.split(',');
  const targets = pick ? all.filter((_, i) => pick.includes(['ours', 'fetch', 'hive', 'hive-inbound', 'ceiling'][i]!)) : all;

  console.log(`gateway benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} alternating rounds, ${os.cpus().length} CPUs, node ${process.version}`);
  console.log(`query: a page of 20 readers (accounts) + ${crossField}`);
  // Warm-up: JIT, query plan caches, pools.
  for (const t of targets) await autocannon({ url: t.url, connections: CONNECTIONS, duration: 3, method: 'POST', headers: t.headers, body: t.body });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const r = await measure(t);
      results.set(t.name, [...(results.get(t.name) ?? []), r]);
      console.log(`  round ${round} ${t.name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms`);
    }
  }

  const mean = (name: string, f: (r: AutocannonResult) => number) => {
    const rs = results.get(name)!;
    return rs.reduce((s, r) => s + f(r), 0) / rs.length;
  };
  console.log('\nmean over rounds:');
  console.log('| target | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const t of targets) {
    console.log(`| ${t.name} | ${mean(t.name, (r) => r.requests.average).toFixed(0)} | ${mean(t.name, (r) => r.latency.p50).toFixed(1)} | ${mean(t.name, (r) => r.latency.p99).toFixed(1)} |`);
  }
  if (targets.length < all.length) return;
  const rps = (n: string) => mean(n, (r) => r.requests.average);
  console.log(`\nour gateway / Hive Gateway: ${(rps('our gateway') / rps('Hive Gateway')).toFixed(2)}x (goal >= 1.0, standing goal 1.5)`);
  console.log(`ours with fetch merging only / Hive Gateway: ${(rps('ours, fetch merging only') / rps('Hive Gateway')).toFixed(2)}x`);
  console.log(`our gateway / Hive with inbound merging on: ${(rps('our gateway') / rps('Hive, inbound merging on')).toFixed(2)}x`);
  console.log(`our gateway / ceiling: ${(rps('our gateway') / rps('accounts subgraph (ceiling)')).toFixed(2)}x; Hive / ceiling: ${(rps('Hive Gateway') / rps('accounts subgraph (ceiling)')).toFixed(2)}x`);
}

async function cleanup() {
  // SIGTERM, then SIGKILL for any process still there after 12 s.
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill('SIGTERM');
  const kill = setTimeout(() => running.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')), 12_000);
  await Promise.all(running.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  clearTimeout(kill);
  if (tmp) await rm(tmp, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  await admin.end();
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}

// npm run bench:mix-subgraphs — what the viewer mix (bench/gateway-workloads.ts VIEWER_MIX) costs the readings and
// community subgraphs, asked directly with the queries a gateway sends them (a distinct signed viewer per request,
// round-robin over BENCH_CLIENTS clients with 10 sessions and 10 conversations each, bench/gateway-data.ts). The
// peer: the same subgraphs from another checkout (BASE_DIR, e.g. /work/main), started on the same database in the
// same run; runs alternate round by round, peer by peer, so a drifting load touches both alike. For each run:
// req/s, p50, CPU seconds per 1,000 requests of the subgraph process (/proc, minus its idle rate) and SQL
// statements per request (bench/sql-counter.ts). CPU per request is what matters on a shared box; throughput is not.
// Knobs: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_RATE (requests per second, 0 = unpaced), BENCH_CLIENTS (200), BASE_DIR (no peer when
// unset), BENCH_SUBGRAPHS (community,readings; add floor for the stack's cost per request), BENCH_PROFILE=<dir> (CPU profiles of every subgraph process).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './peers.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../shared/auth/tokens.js';
import { dropDatabase, prepareDatabase } from './gateway-data.js';
import { startSqlCounter, throughCounter, type SqlCounter } from './sql-counter.js';
import { cpuSeconds, ROOT, startEntry, stopChildren } from './gateway-procs.js';

interface AutocannonResult {
  requests: { total: number; sent: number };
  latency: { p50: number };
  duration: number;
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const env = (name: string, fallback: string) => process.env[name] || fallback;
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(env('BENCH_SECONDS', '5'));
const ROUNDS = Number(env('BENCH_ROUNDS', '3'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '10'));
const CLIENTS = Number(env('BENCH_CLIENTS', '200'));
/** Requests per second over all connections (0: as fast as answered); the gateway bench's mix reaches ~40. */
const RATE = Number(env('BENCH_RATE', '0'));
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const GATEWAY_SECRET = `bench-gw-${randomBytes(16).toString('hex')}`;
const schema = `bench_mix_${randomBytes(4).toString('hex')}`;

type Name = 'community' | 'readings' | 'floor';
/**
 * What a federation gateway asks each subgraph for the mix (entity stubs as __typename + id), and `floor`: the
 * cheapest query a subgraph can answer (`{ __typename }`, to community), i.e. the server stack's own cost per request.
 */
const QUERIES: Record<Name, { service: Service; query: string; expect: string }> = {
  floor: { service: 'community', query: 'query Floor{__typename}', expect: '"__typename":"Query"' },
  community: {
    service: 'community',
    query: 'query BenchViewer__community__0{conversations(first:10){edges{node{id lastMessageAt unreadCount otherParticipant{__typename id}}}}}',
    expect: '"unreadCount":1',
  },
  readings: {
    service: 'readings',
    query: 'query BenchViewer__readings__0{mySessions(first:10){edges{node{id type status startedAt billedMinutes totalCostCents reader{__typename id}}}pageInfo{hasNextPage endCursor}}}',
    expect: '"hasNextPage":false',
  },
};
const NAMES = env('BENCH_SUBGRAPHS', 'community,readings').split(',') as Name[];

type Service = 'community' | 'readings';
interface Proc {
  peer: string;
  service: Service;
  url: string;
  pid: number;
  sql: SqlCounter;
  idleCpu: number;
  idleSql: number;
}
interface Run {
  rps: number;
  p50: number;
  cpu: number;
  sql: number;
}
const runs = new Map<string, Run[]>();
const problems: string[] = [];

async function measure(name: Name, p: Proc, headers: Record<string, string>[], seconds: number): Promise<Run> {
  const body = JSON.stringify({ query: QUERIES[name].query });
  let next = 0;
  let bad = 0;
  const t0 = Date.now();
  const cpu0 = cpuSeconds(p.pid);
  const sql0 = p.sql.statements;
  const r = await autocannon({
    url: p.url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    requests: [
      {
        method: 'POST',
        body,
        setupRequest(req: { headers: Record<string, string> }) {
          req.headers = headers[next++ % headers.length]!;
          return req;
        },
        onResponse(status: number, text: string) {
          if (status !== 200 || text.includes('"errors"') || !text.includes(QUERIES[name].expect)) {
            if (!bad++) problems.push(`${p.peer} ${name}: ${status} ${text.slice(0, 200)}`);
          }
        },
      },
    ],
  });
  // The requests still in flight when autocannon stops are finished by the subgraph: wait until it is idle.
  let last = cpuSeconds(p.pid);
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((res) => setTimeout(res, 200));
    const now = cpuSeconds(p.pid);
    quiet = now - last < 0.01 ? quiet + 1 : 0;
    last = now;
  }
  const elapsed = (Date.now() - t0) / 1000;
  const n = r.requests.sent;
  if (r.non2xx || r.errors || bad) problems.push(`${p.peer} ${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${bad} bad answers`);
  return {
    rps: r.requests.total / (r.duration || seconds),
    p50: r.latency.p50,
    cpu: (Math.max(0, last - cpu0 - p.idleCpu * elapsed) * 1000) / n,
    sql: Math.max(0, p.sql.statements - sql0 - p.idleSql * elapsed) / n,
  };
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : 'n/a');
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main() {
  const peers: { peer: string; dir: string }[] = [{ peer: 'ours', dir: ROOT }];
  if (process.env.BASE_DIR) peers.push({ peer: 'base', dir: path.resolve(process.env.BASE_DIR) });
  console.log(`mix subgraphs benchmark: ${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`peers: ${peers.map((p) => `${p.peer} = ${p.dir}`).join(', ')}; ${CONNECTIONS} connections${RATE ? ` paced at ${RATE} req/s` : ''}, ${SECONDS} s per run, ${ROUNDS} rounds`);
  const data = await prepareDatabase(base, schema, CLIENTS, 20);
  // Small pools: six processes share the machine's PostgreSQL with other work.
  const common = { NODE_ENV: 'production', DB_POOL_SIZE: '4', JWT_SECRET: `bench-jwt-${randomBytes(16).toString('hex')}`, GATEWAY_SECRET, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs`, REDIS_URL: '' };
  const procs: Proc[] = [];
  const services = [...new Set(NAMES.map((n) => QUERIES[n].service))];
  for (const { peer, dir } of peers) {
    for (const service of services) {
      const sql = await startSqlCounter(new URL(data.url));
      const prof = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${peer}-${service}`)}`] : [];
      const own = { ...common, DATABASE_URL: throughCounter(data.url, sql), [`${service.toUpperCase()}_PORT`]: String(await freePort()) };
      const { url, pid } = await startEntry(`${peer}-${service}`, path.join(dir, `scripts/services/${service}.ts`), own, prof);
      procs.push({ peer, service, url, pid, sql, idleCpu: 0, idleSql: 0 });
    }
  }
  const headers = await Promise.all(
    data.clients.map(async (id) => ({
      'content-type': 'application/json',
      [VIEWER_HEADER]: await signForwardedIdentity({ viewer: { id, role: 'CLIENT', emailVerified: true }, ip: '127.0.0.1', userAgent: 'bench' }, GATEWAY_SECRET, 3600),
    })),
  );
  for (const name of NAMES) for (const p of procs) if (p.service === QUERIES[name].service) await measure(name, p, headers, 3); // warm-up: JIT, pools, caches
  const before = procs.map((p) => ({ cpu: cpuSeconds(p.pid), sql: p.sql.statements }));
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 5000));
  const idleSeconds = (Date.now() - t0) / 1000;
  procs.forEach((p, i) => {
    p.idleCpu = (cpuSeconds(p.pid) - before[i]!.cpu) / idleSeconds;
    p.idleSql = (p.sql.statements - before[i]!.sql) / idleSeconds;
  });
  console.log(`idle (subtracted): ${procs.map((p) => `${p.peer} ${p.service} ${fmt(100 * p.idleCpu, 1)}% of a core, ${fmt(p.idleSql, 1)} SQL/s`).join('; ')}`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of NAMES) {
      for (const p of round % 2 ? procs : [...procs].reverse()) {
        if (p.service !== QUERIES[name].service) continue;
        const r = await measure(name, p, headers, SECONDS);
        runs.set(`${name}|${p.peer}`, [...(runs.get(`${name}|${p.peer}`) ?? []), r]);
        console.log(`  round ${round} ${name.padEnd(9)} ${p.peer.padEnd(4)} ${fmt(r.rps).padStart(5)} req/s  p50 ${fmt(r.p50).padStart(4)} ms  CPU ${fmt(r.cpu, 2)} s / 1k  SQL ${fmt(r.sql, 2)} / req`);
      }
    }
  }
  console.log(`\n| subgraph | peer | req/s | p50 ms | CPU s / 1k req (runs) | SQL / req |\n|---|---|---:|---:|---:|---:|`);
  for (const name of NAMES) {
    for (const { peer } of peers) {
      const rs = runs.get(`${name}|${peer}`) ?? [];
      console.log(`| ${name} | ${peer} | ${fmt(mean(rs.map((r) => r.rps)))} | ${fmt(mean(rs.map((r) => r.p50)))} | ${fmt(mean(rs.map((r) => r.cpu)), 2)} (${rs.map((r) => fmt(r.cpu, 2)).join(', ')}) | ${fmt(mean(rs.map((r) => r.sql)), 2)} |`);
    }
    if (peers.length > 1) {
      const cpu = (peer: string) => mean((runs.get(`${name}|${peer}`) ?? []).map((r) => r.cpu));
      console.log(`${name}: ours / base CPU per request ${fmt(cpu('ours') / cpu('base'), 2)}x`);
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (problems.length) {
    console.error(`\nFAILED: ${problems.slice(0, 10).join('\n  ')}`);
    process.exitCode = 1;
  }
  await Promise.all(procs.map((p) => p.sql.close()));
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopChildren();
  await dropDatabase(base, schema);
}

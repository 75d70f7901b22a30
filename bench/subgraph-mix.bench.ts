// npm run bench:subgraph-mix — what the viewer mix (bench/gateway-workloads.ts VIEWER_MIX) costs each subgraph,
// without a gateway: each subgraph gets exactly what a federation gateway's plan sends it per mix request (operation
// names as @apollo/gateway writes them, entity stubs as __typename + id), each viewer with its own gateway-signed
// header, round-robin over BENCH_CLIENTS clients with 10 sessions and 10 conversations each (bench/gateway-data.ts).
// Parts (BENCH_SUBGRAPHS): accounts (`me`, the Reader entities of the viewer's 10 sessions, the User entities of its
// 10 conversation partners: 3 requests per mix request), payments (`wallet`), readings (the `mySessions(first: 10)`
// page), community (the `conversations(first: 10)` page), and floor (`{ __typename }` to community: the server
// stack's own cost per request). Every answer is checked (status, no errors, this viewer's rows).
// The peer: BASE_DIR=<another checkout, e.g. /work/main> starts that checkout's services on the same database in the
// same run; runs alternate round by round, part by part, peer by peer, so a drifting load touches both alike.
// Per run: mix requests per second, p50 of a part's requests, CPU ms per mix request of the subgraph process
// (/proc/<pid>/stat, its idle rate subtracted) and, with BENCH_SQL=1, SQL statements per mix request
// (bench/sql-counter.ts). CPU per request is what matters on a shared box; throughput is not.
// Knobs: BENCH_SECONDS (per run, 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (8), BENCH_RATE (mix requests per second,
// 0 = unpaced), BENCH_CLIENTS (200), BENCH_SUBGRAPHS (accounts,payments,readings,community,floor), BASE_DIR (no peer
// when unset; BENCH_BASELINE is an alias), BENCH_SQL=1, BENCH_PROFILE=<dir> (CPU profiles of every subgraph process,
// written when the bench ends), BENCH_START_TIMEOUT, BENCH_VERBOSE.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { signForwardedIdentity, VIEWER_HEADER } from '../shared/auth/tokens.js';
import { dropDatabase, prepareDatabase } from './gateway-data.js';
import { cpuSeconds, ROOT, startEntry, stopChildren } from './gateway-procs.js';
import { freePort } from './peers.js';
import { startSqlCounter, throughCounter, type SqlCounter } from './sql-counter.js';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(env('BENCH_SECONDS', '5'));
const ROUNDS = Number(env('BENCH_ROUNDS', '3'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '8'));
const CLIENTS = Number(env('BENCH_CLIENTS', '200'));
/** Mix requests per second over all connections (0: as fast as answered); the gateway bench's mix reaches ~40. */
const RATE = Number(env('BENCH_RATE', '0'));
const SQL = process.env.BENCH_SQL === '1';
const BASE_DIR = process.env.BASE_DIR || process.env.BENCH_BASELINE;
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const GATEWAY_SECRET = `bench-gw-${randomBytes(16).toString('hex')}`;
const schema = `bench_mix_${randomBytes(4).toString('hex')}`;

type Service = 'accounts' | 'payments' | 'readings' | 'community';
type PartName = Service | 'floor';
interface Viewer {
  id: string;
  header: string;
  partners: string[];
}
type Data = Record<string, unknown>;
interface Ask {
  body: object;
  /** Why this answer is wrong for this viewer, or null. */
  check(data: Data, v: Viewer): string | null;
}
interface Part {
  service: Service;
  asks(v: Viewer): Ask[];
}

const entities = (typename: string, fields: string, op: string, ids: (v: Viewer) => string[]) => (v: Viewer): Ask => ({
  body: {
    query: `query BenchViewer__accounts__${op}($representations:[_Any!]!){_entities(representations:$representations){...on ${typename}{${fields}}}}`,
    variables: { representations: ids(v).map((id) => ({ __typename: typename, id })) },
  },
  check: (d) => ((d._entities as { displayName?: string }[]).every((e) => e.displayName) && (d._entities as unknown[]).length === 10 ? null : `not 10 ${typename}s`),
});
const readerEntities = entities('Reader', 'displayName avatarUrl', '3', (v) => v.partners);
const userEntities = entities('User', 'displayName', '5', (v) => v.partners);
const page = (d: Data, key: string) => (d[key] as { edges: { node: Record<string, unknown> }[]; pageInfo?: { hasNextPage: boolean } }) ?? { edges: [] };

/** What the gateway's plan sends each subgraph per mix request. */
const PARTS: Record<PartName, Part> = {
  accounts: {
    service: 'accounts',
    asks: (v) => [
      { body: { query: 'query BenchViewer__accounts__0{me{id displayName email role}}' }, check: (d, w) => ((d.me as { id?: string })?.id === w.id ? null : 'me of another viewer') },
      readerEntities(v),
      userEntities(v),
    ],
  },
  payments: {
    service: 'payments',
    asks: () => [
      { body: { query: 'query BenchViewer__payments__1{wallet{userId balanceCents currency hasSavedCard}}' }, check: (d, w) => ((d.wallet as { userId?: string })?.userId === w.id ? null : 'wallet of another viewer') },
    ],
  },
  readings: {
    service: 'readings',
    asks: () => [
      {
        body: { query: 'query BenchViewer__readings__2{mySessions(first:10){edges{node{id type status startedAt billedMinutes totalCostCents reader{__typename id}}}pageInfo{hasNextPage endCursor}}}' },
        check: (d) => (page(d, 'mySessions').edges.length === 10 && page(d, 'mySessions').pageInfo?.hasNextPage === false ? null : 'not a page of 10 sessions'),
      },
    ],
  },
  community: {
    service: 'community',
    asks: () => [
      {
        body: { query: 'query BenchViewer__community__4{conversations(first:10){edges{node{id lastMessageAt unreadCount otherParticipant{__typename id}}}}}' },
        check: (d) => (page(d, 'conversations').edges.filter((e) => e.node.unreadCount === 1).length === 10 ? null : 'not 10 conversations with 1 unread'),
      },
    ],
  },
  floor: { service: 'community', asks: () => [{ body: { query: 'query Floor{__typename}' }, check: (d) => (d.__typename === 'Query' ? null : 'no __typename') }] },
};
const NAMES = env('BENCH_SUBGRAPHS', 'accounts,payments,readings,community,floor').split(',') as PartName[];
for (const n of NAMES) if (!PARTS[n]) throw new Error(`BENCH_SUBGRAPHS: unknown part ${n} (${Object.keys(PARTS).join(', ')})`);

interface Proc {
  peer: string;
  service: Service;
  url: string;
  pid: number;
  sql: SqlCounter | null;
  idleCpu: number;
  idleSql: number;
}
interface Run {
  rps: number;
  p50: number;
  cpuMs: number;
  sql: number;
}
const runs = new Map<string, Run[]>();
const problems: string[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, header: string, body: object): Promise<{ status: number; json: { data?: Data; errors?: unknown } | null; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), [VIEWER_HEADER]: header };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text) as { data?: Data; errors?: unknown };
        } catch {
          // reported below as a bad answer
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** One part of one mix request: its asks in parallel, each answer checked; returns the milliseconds it took. */
async function mixPart(name: PartName, p: Proc, v: Viewer): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    PARTS[name].asks(v).map(async (ask) => {
      const r = await post(p.url, v.header, ask.body);
      const why = r.status !== 200 || !r.json?.data || r.json.errors ? 'error' : ask.check(r.json.data, v);
      if (why && problems.length < 10) problems.push(`${p.peer} ${name}: ${why}: ${r.status} ${r.text.slice(0, 400)}`);
    }),
  );
  return performance.now() - t0;
}

/** Waits until a process has finished what was still in flight (two quiet 200 ms samples); its CPU seconds then. */
async function settled(pid: number): Promise<number> {
  let last = cpuSeconds(pid);
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((res) => setTimeout(res, 200));
    const now = cpuSeconds(pid);
    quiet = now - last < 0.01 ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

async function measure(name: PartName, p: Proc, viewers: Viewer[], seconds: number): Promise<Run> {
  const t0 = Date.now();
  const cpu0 = cpuSeconds(p.pid);
  const sql0 = p.sql?.statements ?? 0;
  const end = t0 + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (;;) {
        const k = next++;
        if (RATE > 0) await new Promise((res) => setTimeout(res, Math.max(0, Math.min(end, t0 + (k * 1000) / RATE) - Date.now())));
        if (Date.now() >= end) return;
        latencies.push(await mixPart(name, p, viewers[k % viewers.length]!));
      }
    }),
  );
  const loadSeconds = (Date.now() - t0) / 1000;
  const cpu1 = await settled(p.pid);
  const elapsed = (Date.now() - t0) / 1000;
  const n = latencies.length;
  return {
    rps: n / loadSeconds,
    p50: [...latencies].sort((a, b) => a - b)[Math.floor(n / 2)] ?? Number.NaN,
    cpuMs: (Math.max(0, cpu1 - cpu0 - p.idleCpu * elapsed) * 1000) / n,
    sql: p.sql ? Math.max(0, p.sql.statements - sql0 - p.idleSql * elapsed) / n : Number.NaN,
  };
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : 'n/a');
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const loadAvg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  const peers = [{ peer: 'ours', dir: ROOT }, ...(BASE_DIR ? [{ peer: 'base', dir: path.resolve(BASE_DIR) }] : [])];
  console.log(`subgraph cost of the viewer mix: ${os.cpus().length} CPUs, node ${process.version}, load average ${loadAvg()}`);
  console.log(`peers: ${peers.map((p) => `${p.peer} = ${p.dir}`).join(', ')}; ${CONNECTIONS} connections${RATE ? ` paced at ${RATE} mix req/s` : ''}, ${SECONDS} s per run, ${ROUNDS} round(s)`);
  const data = await prepareDatabase(base, schema, CLIENTS);
  // Small pools: up to eight processes share the machine's PostgreSQL with other work.
  const common = { NODE_ENV: 'production', DB_POOL_SIZE: '4', JWT_SECRET: `bench-jwt-${randomBytes(16).toString('hex')}`, GATEWAY_SECRET, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs`, REDIS_URL: '' };
  const procs: Proc[] = [];
  const services = [...new Set(NAMES.map((n) => PARTS[n].service))];
  try {
    for (const { peer, dir } of peers) {
      for (const service of services) {
        const sql = SQL ? await startSqlCounter(new URL(data.url)) : null;
        const prof = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${peer}-${service}`)}`] : [];
        const own = { ...common, DATABASE_URL: sql ? throughCounter(data.url, sql) : data.url, [`${service.toUpperCase()}_PORT`]: String(await freePort()) };
        const { url, pid } = await startEntry(`${peer}-${service}`, path.join(dir, `scripts/services/${service}.ts`), own, prof);
        procs.push({ peer, service, url, pid, sql, idleCpu: 0, idleSql: 0 });
      }
    }
    const viewers: Viewer[] = await Promise.all(
      data.clients.map(async (id, i) => ({
        id,
        partners: data.partners[i]!,
        header: await signForwardedIdentity({ viewer: { id, role: 'CLIENT', emailVerified: true }, ip: '127.0.0.1', userAgent: 'bench' }, GATEWAY_SECRET, 3600),
      })),
    );
    for (const name of NAMES) for (const p of procs) if (p.service === PARTS[name].service) await measure(name, p, viewers, 2); // warm-up: JIT, pools, caches
    // Each process's idle rate (job runners' polling), subtracted from every run.
    const before = procs.map((p) => ({ cpu: cpuSeconds(p.pid), sql: p.sql?.statements ?? 0 }));
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    const idleSeconds = (Date.now() - t0) / 1000;
    procs.forEach((p, i) => {
      p.idleCpu = (cpuSeconds(p.pid) - before[i]!.cpu) / idleSeconds;
      p.idleSql = ((p.sql?.statements ?? 0) - before[i]!.sql) / idleSeconds;
    });
    console.log(`idle (subtracted): ${procs.map((p) => `${p.peer} ${p.service} ${fmt(100 * p.idleCpu, 1)}% of a core${SQL ? `, ${fmt(p.idleSql, 1)} SQL/s` : ''}`).join('; ')}`);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of NAMES) {
        for (const p of round % 2 ? procs : [...procs].reverse()) {
          if (p.service !== PARTS[name].service) continue;
          const r = await measure(name, p, viewers, SECONDS);
          runs.set(`${name}|${p.peer}`, [...(runs.get(`${name}|${p.peer}`) ?? []), r]);
          console.log(`  round ${round} ${name.padEnd(9)} ${p.peer.padEnd(4)} ${fmt(r.rps).padStart(5)} mix/s  p50 ${fmt(r.p50, 1).padStart(6)} ms  CPU ${fmt(r.cpuMs, 2)} ms / mix${SQL ? `  SQL ${fmt(r.sql, 2)} / mix` : ''}  (load ${os.loadavg()[0]!.toFixed(2)})`);
        }
      }
    }
    report(peers.map((p) => p.peer));
  } finally {
    agent.destroy();
    await stopChildren();
    await Promise.all(procs.map((p) => p.sql?.close()));
    await dropDatabase(base, schema);
  }
}

function report(peers: string[]) {
  const cpu = (name: string, peer: string) => mean((runs.get(`${name}|${peer}`) ?? []).map((r) => r.cpuMs));
  console.log(`\n| part | peer | mix/s | p50 ms | CPU ms / mix (runs) |${SQL ? ' SQL / mix |' : ''}\n|---|---|---:|---:|---:|${SQL ? '---:|' : ''}`);
  for (const name of NAMES) {
    for (const peer of peers) {
      const rs = runs.get(`${name}|${peer}`) ?? [];
      const sql = SQL ? ` ${fmt(mean(rs.map((r) => r.sql)), 2)} |` : '';
      console.log(`| ${name} | ${peer} | ${fmt(mean(rs.map((r) => r.rps)))} | ${fmt(mean(rs.map((r) => r.p50)), 1)} | ${fmt(cpu(name, peer), 2)} (${rs.map((r) => fmt(r.cpuMs, 2)).join(', ')}) |${sql}`);
    }
  }
  const mixParts = NAMES.filter((n) => n !== 'floor');
  for (const peer of peers) console.log(`${peer}: the mix's subgraph CPU (${mixParts.join(' + ')}) ${fmt(mixParts.reduce((s, n) => s + cpu(n, peer), 0), 2)} ms per mix request`);
  if (peers.length > 1) for (const name of NAMES) console.log(`${name}: ours / base CPU per mix request ${fmt(cpu(name, 'ours') / cpu(name, 'base'), 2)}x`);
  console.log(`(means over the rounds; load average at the end ${loadAvg()})`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
if (problems.length) {
  console.error(`\nFAILED: ${problems.join('\n  ')}`);
  process.exitCode = 1;
}

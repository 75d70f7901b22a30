// npm run bench:gateway — our gateway against Hive Gateway (its defaults, and with its inbound merging on) in the
// same run, on three workloads reported separately (bench/README.md, "Gateway"): (1) the public readers page with a
// distinct logged-in viewer per request, (2) a viewer-dependent mix no merging can serve, (3) the earlier single
// anonymous client; plus the gateway's p50 overhead over the subgraph for a single-subgraph query (1 connection and
// under load). For every run: throughput, latency, and the CPU seconds per 1,000 requests of the gateway process
// (and of the four subgraph processes), from each process's own CPU time (/proc/<pid>/stat) over the run. Every
// service is its own process (gateway/main.ts, scripts/services/<name>.ts), on a scratch schema of DATABASE_URL /
// TEST_DATABASE_URL seeded by bench/gateway-data.ts. Runs alternate (round by round, workload by workload, target
// by target), so drifting load on the machine touches every peer alike.
// Knobs: BENCH_SECONDS (per run, default 10), BENCH_ROUNDS (2), BENCH_WARMUP (seconds per target, 3),
// BENCH_START_TIMEOUT (seconds a service may take to start, 60), BENCH_CONNECTIONS (50), BENCH_CLIENTS (200 logged-in viewers), BENCH_TIMEOUT (seconds before a request counts as
// failed, 30), BENCH_PAGE_SIZE (readers per page in the readers workloads, 20; at most 50, the schema's cap), BENCH_WORKLOADS (readers,mix,single,direct-1,direct), BENCH_TARGETS (ours,hive,hive-inbound; add
// `fetch` for our gateway with only subgraph-fetch merging; `base` for our gateway from the checkout in BASE_DIR, e.g. a
// worktree of main: an A/B in the same run, alternating),
// BENCH_SUBGRAPHS (`real`, default; `replay`: every subgraph behind a recording proxy that answers a request it has
// seen before from memory, so the gateways are the ceiling: bench/replay-proxy.ts, bench/replay-mode.ts),
// BENCH_REDIS_URL (pub/sub of the services; default TEST_REDIS_URL, `none` for none),
// BENCH_PROFILE=<dir> (CPU profiles of our gateway and the subgraphs, written when the bench ends), BENCH_SQL=1 (SQL
// statements per request per subgraph, counted by a proxy in this process: bench/sql-counter.ts), BENCH_VERBOSE.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './peers.js';
import { createAccessToken, signForwardedIdentity, VIEWER_HEADER } from '../shared/auth/tokens.js';
import { DEFAULT_SUBGRAPH_URLS, SUBGRAPH_NAMES, type SubgraphName } from '../gateway/supergraph.js';
import { dropDatabase, prepareDatabase } from './gateway-data.js';
import { startSqlCounter, throughCounter, type SqlCounter } from './sql-counter.js';
import { cpuSeconds, ROOT, spawnService, startEntry, stopChildren, waitForGraphQL } from './gateway-procs.js';
import { headersFor, PAGE_SIZE, readersQuery, requestsFor, workloads, type Request, type TargetKey, type Verify, type Viewers, type Workload, type WorkloadKey } from './gateway-workloads.js';
import { recordEveryViewer, ReferenceAnswers, startReplay, totalRecorded, type Replay } from './replay-mode.js';

interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const env = (name: string, fallback: string) => process.env[name] || fallback;
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(env('BENCH_SECONDS', '10'));
const ROUNDS = Number(env('BENCH_ROUNDS', '2'));
const WARMUP = Number(env('BENCH_WARMUP', '3'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '50'));
const CLIENTS = Number(env('BENCH_CLIENTS', '200'));
const TIMEOUT = Number(env('BENCH_TIMEOUT', '30'));
const WORKLOADS = env('BENCH_WORKLOADS', 'readers,mix,single,direct-1,direct').split(',') as WorkloadKey[];
const GATEWAYS = env('BENCH_TARGETS', 'ours,hive,hive-inbound').split(',') as TargetKey[];
const SUBGRAPHS_MODE = env('BENCH_SUBGRAPHS', 'real');
if (SUBGRAPHS_MODE !== 'real' && SUBGRAPHS_MODE !== 'replay') throw new Error(`BENCH_SUBGRAPHS is real or replay, not ${SUBGRAPHS_MODE}`);
const MODE_LINE =
  SUBGRAPHS_MODE === 'replay'
    ? 'SUBGRAPHS: REPLAY (BENCH_SUBGRAPHS=replay): each subgraph behind a recording proxy; every viewer\'s subgraph requests recorded in the warm-up and answered from memory in the runs, so the gateways are the ceiling'
    : 'SUBGRAPHS: REAL (BENCH_SUBGRAPHS=real): the gateways call the real subgraph processes (PostgreSQL behind them)';
let replay: Replay | null = null;
const references = new ReferenceAnswers();
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const JWT_SECRET = `bench-jwt-${randomBytes(16).toString('hex')}`;
const GATEWAY_SECRET = `bench-gw-${randomBytes(16).toString('hex')}`;
const schema = `bench_gw_${randomBytes(4).toString('hex')}`;
const NAMES: Record<TargetKey, string> = {
  ours: 'our gateway',
  base: `ours from ${process.env.BASE_DIR ?? 'BASE_DIR'}`,
  fetch: 'ours, fetch merging only',
  hive: 'Hive Gateway (defaults)',
  'hive-inbound': 'Hive, inbound merging on',
  subgraph: 'accounts subgraph directly',
};
let tmp: string | null = null;
let subgraphPids: number[] = [];
const sqlCounters: SqlCounter[] = [];
let sqlIdlePerSecond: number[] = [];
const idleCpuPerSecond = new Map<number, number>();
/** CPU over a run minus the process's idle rate for as long, never below zero (the idle rate is itself noisy). */
const busy = (pid: number, used: number, seconds: number) => Math.max(0, used - (idleCpuPerSecond.get(pid) ?? 0) * seconds);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  gatewayCpu: number;
  /** Per subgraph, in SUBGRAPH_NAMES order. */
  subgraphCpu: number[];
  loadCpu: number;
  /** SQL statements per request, per subgraph (BENCH_SQL=1). */
  sql: number[];
  /** Replay mode: the proxies' CPU per 1,000 requests, and subgraph requests they had not recorded (sent on). */
  proxyCpu: number;
  misses: number;
  failed: number;
}
const problems: string[] = [];
const runs = new Map<string, Run[]>();

async function startHive(supergraphPath: string, name: string, extra: string): Promise<{ url: string; pid: number }> {
  // Hive forwards the signed identity header the client sends (it does no verification of our tokens).
  const config = path.join(tmp!, `${name}.config.mjs`);
  await writeFile(
    config,
    `export const gatewayConfig = {
  logging: 'error',${extra}
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ '${VIEWER_HEADER}': request.headers.get('${VIEWER_HEADER}') }) },
};\n`,
  );
  const port = await freePort();
  const child = spawnService(name, path.join(ROOT, 'bench/node_modules/.bin/hive-gateway'), ['supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '-c', config, '--disable-websockets'], { NODE_ENV: 'production' });
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid! };
}

async function measure(w: Workload, target: TargetKey, url: string, pid: number | null, viewers: Viewers, seconds: number, warmUp = false): Promise<Run> {
  const failures: string[] = [];
  // Replay mode: every answer must be the one this viewer got over the real subgraphs (the recording pass).
  const verify: Verify | undefined = replay && target !== 'subgraph' ? (viewer, body) => references.verify(w.key, target, viewer, body) : undefined;
  const { sample, requests } = requestsFor(w, target, viewers, VIEWER_HEADER, failures, verify);
  const check = async (r: Request) => {
    const res = await fetch(url, { method: 'POST', headers: r.headers, body: JSON.stringify({ query: w.query }) });
    const text = await res.text();
    const json = JSON.parse(text) as Parameters<Workload['check']>[0] & { errors?: { message?: string; extensions?: { code?: string } }[] };
    const problem = w.check(json, r.viewer) ?? verify?.(r.index, text);
    // The first error's code and message say whether it is the box (SERVICE_UNAVAILABLE: PostgreSQL's connections) or the code.
    const first = json.errors?.[0];
    if (problem) throw new Error(`${w.key} / ${NAMES[target]}: ${problem}${first ? ` (${first.extensions?.code}: ${first.message})` : ''}`);
  };
  await check(sample);
  const subgraphCpu = () => subgraphPids.map((p) => cpuSeconds(p));
  const sql = () => sqlCounters.map((c) => c.statements);
  const recorded = async () => (replay ? totalRecorded(await replay.stats()) : 0);
  const recordedBefore = await recorded();
  runStartedAt = Date.now();
  const before = { gw: pid ? cpuSeconds(pid) : Number.NaN, sub: subgraphCpu(), sql: sql(), load: process.cpuUsage(), proxy: replay ? cpuSeconds(replay.pid) : Number.NaN };
  const r = await autocannon({ url, connections: w.connections ?? CONNECTIONS, duration: seconds, timeout: TIMEOUT, requests });
  const loadCpu = process.cpuUsage(before.load);
  // autocannon leaves the requests in flight at the end unanswered, but the gateway and subgraphs still finish
  // them: wait until they are idle, so that work is charged to this run (per request SENT) and not to the next.
  const drainedAt = await drain(pid);
  const after = { gw: pid ? cpuSeconds(pid) : Number.NaN, sub: subgraphCpu(), sql: sql(), proxy: replay ? cpuSeconds(replay.pid) : Number.NaN };
  const misses = (await recorded()) - recordedBefore;
  // autocannon counts a timeout among its errors as well.
  const failed = r.non2xx + r.errors + failures.length;
  if (failed && !warmUp) {
    // Reported in the tables and failing the bench at the end (exit code 1), after the other runs.
    problems.push(`${w.key} / ${NAMES[target]}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${failures.length} bad answers${failures[0] ? `, e.g. ${failures[0]}` : ''}`);
  }
  await check(sample);
  // Fewer than 20 answers in a run (a short BENCH_SECONDS on a busy box): no CPU figure per request.
  const n = r.requests.total >= 20 ? r.requests.sent : Number.NaN;
  return {
    rps: r.requests.total / (r.duration || seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    gatewayCpu: ((pid ? busy(pid, after.gw - before.gw, drainedAt) : Number.NaN) * 1000) / n,
    subgraphCpu: after.sub.map((x, i) => (busy(subgraphPids[i]!, x - before.sub[i]!, drainedAt) * 1000) / n),
    loadCpu: ((loadCpu.user + loadCpu.system) / 1e6 / n) * 1000,
    // Minus what each subgraph sends when idle (its job runner's polling), measured before the rounds.
    sql: after.sql.map((x, i) => Math.max(0, x - before.sql[i]! - (sqlIdlePerSecond[i] ?? 0) * drainedAt) / n),
    proxyCpu: replay ? (busy(replay.pid, after.proxy - before.proxy, drainedAt) * 1000) / n : Number.NaN,
    misses,
    failed,
  };
}

/** Waits until the target and the subgraphs have used under 5% of a core for two 200 ms samples (60 s at most); returns seconds since the run started. */
async function drain(pid: number | null): Promise<number> {
  const pids = [...(pid ? [pid] : []), ...subgraphPids, ...(replay ? [replay.pid] : [])];
  const total = () => pids.reduce((s, p) => s + cpuSeconds(p), 0);
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  let last = total();
  while (quiet < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = total();
    quiet = now - last < 0.01 ? quiet + 1 : 0;
    last = now;
  }
  return (Date.now() - runStartedAt) / 1000;
}
let runStartedAt = 0;

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');

function report(ws: Workload[]) {
  const mean = (key: string, f: (r: Run) => number) => {
    const rs = runs.get(key) ?? [];
    return rs.length ? rs.reduce((s, r) => s + f(r), 0) / rs.length : Number.NaN;
  };
  console.log(`\n${MODE_LINE}`);
  console.log(`means over ${ROUNDS} round(s); CPU in seconds per 1,000 requests sent, from the run's start until its last requests were finished (gateway = the gateway process; subgraphs = the four subgraph processes; load = autocannon in the bench process)`);
  for (const w of ws) {
    console.log(`\n${w.title}, ${w.connections ?? CONNECTIONS} connection(s)`);
    const sqlHead = sqlCounters.length ? ` SQL statements / req (${SUBGRAPH_NAMES.join(' + ')}) |` : '';
    const replayHead = replay ? ' replay proxies CPU s / 1k req | not replayed |' : '';
    console.log(`| target | req/s | p50 ms | p99 ms | gateway CPU s / 1k req | subgraphs CPU s / 1k req (${SUBGRAPH_NAMES.join(' + ')}) |${replayHead} load CPU s / 1k req | failed |${sqlHead}`);
    console.log(`|---|---:|---:|---:|---:|---:|${replay ? '---:|---:|' : ''}---:|---:|${sqlCounters.length ? '---:|' : ''}`);
    for (const t of w.targets) {
      const k = `${w.key}|${t}`;
      console.log(`| ${NAMES[t]} | ${fmt(mean(k, (r) => r.rps))} | ${fmt(mean(k, (r) => r.p50), 1)} | ${fmt(mean(k, (r) => r.p99), 1)} | ${t === 'subgraph' ? '—' : fmt(mean(k, (r) => r.gatewayCpu), 3)} | ${fmt(mean(k, (r) => sum(r.subgraphCpu)), 3)} (${SUBGRAPH_NAMES.map((_, i) => fmt(mean(k, (r) => r.subgraphCpu[i]!), 2)).join(' + ')}) |${replay ? ` ${t === 'subgraph' ? '—' : fmt(mean(k, (r) => r.proxyCpu), 3)} | ${fmt(mean(k, (r) => r.misses) * (runs.get(k)?.length ?? 0))} |` : ''} ${fmt(mean(k, (r) => r.loadCpu), 3)} | ${fmt(mean(k, (r) => r.failed) * (runs.get(k)?.length ?? 0))} |${sqlCounters.length ? ` ${SUBGRAPH_NAMES.map((_, i) => fmt(mean(k, (r) => r.sql[i]!), 1)).join(' + ')} |` : ''}`);
    }
    const has = (t: TargetKey) => w.targets.includes(t) && runs.has(`${w.key}|${t}`);
    const ratio = (t: TargetKey, u: TargetKey, f: (r: Run) => number) => mean(`${w.key}|${t}`, f) / mean(`${w.key}|${u}`, f);
    if (w.key.startsWith('direct')) {
      for (const g of ['ours', 'base', 'hive'] as const) {
        if (has(g) && has('subgraph')) console.log(`${NAMES[g]}: p50 ${fmt(ratio(g, 'subgraph', (r) => r.p50), 2)}x the subgraph's (goal <= 1.3), throughput ${fmt(ratio(g, 'subgraph', (r) => r.rps), 2)}x`);
      }
      if (has('ours') && has('base')) console.log(`ours / base: gateway CPU per request ${fmt(ratio('ours', 'base', (r) => r.gatewayCpu), 2)}x, p50 ${fmt(ratio('ours', 'base', (r) => r.p50), 2)}x, throughput ${fmt(ratio('ours', 'base', (r) => r.rps), 2)}x`);
      continue;
    }
    if (has('ours') && has('base')) console.log(`ours / ${NAMES.base}: throughput ${fmt(ratio('ours', 'base', (r) => r.rps), 2)}x, p50 ${fmt(ratio('ours', 'base', (r) => r.p50), 2)}x, gateway CPU per request ${fmt(ratio('ours', 'base', (r) => r.gatewayCpu), 2)}x`);
    for (const peer of ['hive', 'hive-inbound'] as const) {
      if (!has('ours') || !has(peer)) continue;
      console.log(`ours / ${NAMES[peer]}: throughput ${fmt(ratio('ours', peer, (r) => r.rps), 2)}x, p50 ${fmt(ratio('ours', peer, (r) => r.p50), 2)}x, gateway CPU per request ${fmt(ratio('ours', peer, (r) => r.gatewayCpu), 2)}x${w.key === 'mix' ? ' (goals: throughput >= 1.5x once the subgraphs are not the ceiling; CPU <= 0.67x)' : ''}`);
    }
  }
}

async function main() {
  console.log(`gateway benchmark: ${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`preparing the scratch schema ${schema} (demo data, ${PAGE_SIZE + 4} readers, pages of ${PAGE_SIZE}, ${CLIENTS} clients with 10 sessions and 10 conversations each)…`);
  const data = await prepareDatabase(base, schema, CLIENTS, PAGE_SIZE);
  // Redis as in production (accounts' auth-changed events reach our gateway, which then keeps auth states long):
  // BENCH_REDIS_URL, else TEST_REDIS_URL; BENCH_REDIS_URL=none for in-process pub/sub per service.
  const redisUrl = process.env.BENCH_REDIS_URL === 'none' ? '' : process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || '';
  const common = { NODE_ENV: 'production', JWT_SECRET, GATEWAY_SECRET, DATABASE_URL: data.url, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs`, REDIS_URL: redisUrl };
  // One folder per process: tsx's loader thread writes a profile of its own next to the main thread's (the larger).
  const profileArgs = (label: string) => (PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, label)}`] : []);
  const ports = await Promise.all(SUBGRAPH_NAMES.map(() => freePort()));
  if (process.env.BENCH_SQL === '1') for (const _ of SUBGRAPH_NAMES) sqlCounters.push(await startSqlCounter(new URL(data.url)));
  const subgraphs = await Promise.all(
    SUBGRAPH_NAMES.map((name, i) => {
      const own = { ...common, [`${name.toUpperCase()}_PORT`]: String(ports[i]), ...(sqlCounters[i] ? { DATABASE_URL: throughCounter(data.url, sqlCounters[i]!) } : {}) };
      return startEntry(name, `scripts/services/${name}.ts`, own, profileArgs(name));
    }),
  );
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, subgraphs[i]!.url])) as Record<SubgraphName, string>;
  subgraphPids = subgraphs.map((s) => s.pid);
  // Replay mode: the gateways are given the proxies' URLs (accounts asked directly stays the real accounts).
  if (SUBGRAPHS_MODE === 'replay') replay = await startReplay(subgraphUrls);
  const gatewayUrls = replay?.urls ?? subgraphUrls;
  console.log(MODE_LINE);

  const gatewayEnv = { ...common, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, gatewayUrls[n]])) };
  const extraArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const endpoints = new Map<TargetKey, { url: string; pid: number | null }>();
  endpoints.set('subgraph', { url: subgraphUrls.accounts, pid: null });
  if (GATEWAYS.includes('ours')) endpoints.set('ours', await startEntry('gateway', 'gateway/main.ts', { ...gatewayEnv, PORT: String(await freePort()) }, [...extraArgs, ...profileArgs('gateway')]));
  if (GATEWAYS.includes('base')) {
    if (!process.env.BASE_DIR) throw new Error('BENCH_TARGETS=…,base needs BASE_DIR=<another checkout> (node_modules and the generated Prisma client in place)');
    const dir = path.resolve(process.env.BASE_DIR);
    endpoints.set('base', await startEntry('gateway-base', path.join(dir, 'gateway/main.ts'), { ...gatewayEnv, PORT: String(await freePort()) }, [...extraArgs, ...profileArgs('gateway-base')], dir));
  }
  if (GATEWAYS.includes('fetch')) endpoints.set('fetch', await startEntry('gateway-fetch', 'gateway/main.ts', { ...gatewayEnv, PORT: String(await freePort()), GATEWAY_OPERATION_DEDUPE: '0' }, extraArgs));

  let supergraph = await readFile(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8');
  for (const n of SUBGRAPH_NAMES) supergraph = supergraph.replaceAll(DEFAULT_SUBGRAPH_URLS[n], gatewayUrls[n]);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-hive-'));
  const supergraphPath = path.join(tmp, 'supergraph.graphql');
  await writeFile(supergraphPath, supergraph);
  // Hive twice: its defaults, and with its opt-in merging of identical client operations (keyed by all request
  // headers: a distinct viewer header per request is never merged with another viewer's).
  if (GATEWAYS.includes('hive')) endpoints.set('hive', await startHive(supergraphPath, 'hive', ''));
  if (GATEWAYS.includes('hive-inbound')) endpoints.set('hive-inbound', await startHive(supergraphPath, 'hive-inbound', '\n  inboundInflightRequestDeduplication: true,'));

  const viewers: Viewers = {
    ids: data.clients,
    bearer: await Promise.all(data.clients.map((id) => createAccessToken({ id, role: 'CLIENT', emailVerified: true }, JWT_SECRET, 3600))),
    signed: await Promise.all(data.clients.map((id) => signForwardedIdentity({ viewer: { id, role: 'CLIENT' }, ip: '127.0.0.1', userAgent: 'autocannon' }, GATEWAY_SECRET, 3600))),
    anonymous: await signForwardedIdentity({ viewer: null, ip: '127.0.0.1', userAgent: 'autocannon' }, GATEWAY_SECRET, 3600),
  };
  for (const [t, e] of endpoints) {
    if (t !== 'subgraph') await waitForGraphQL(e.url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json' });
  }

  const readers = readersQuery(supergraph);
  const ws = workloads(readers, GATEWAYS.filter((g) => endpoints.has(g))).filter((w) => WORKLOADS.includes(w.key));
  console.log(`pub/sub: ${redisUrl ? 'Redis' : 'in-process per service (our gateway hears no auth-changed events)'}`);
  console.log(`${CLIENTS} logged-in viewers round-robin; ${CONNECTIONS} connections unless noted; ${SECONDS} s per run, ${ROUNDS} alternating round(s), ${WARMUP} s warm-up per target`);
  for (const t of endpoints.keys()) {
    const e = endpoints.get(t)!;
    if (e.pid) console.log(`  ${NAMES[t]}: pid ${e.pid} (${(await readFile(`/proc/${e.pid}/comm`, 'utf8').catch(() => '?\n')).trim()})`);
  }
  // Replay mode: every viewer's request through every gateway until a whole pass recorded nothing new, each answer
  // checked (and kept as the reference every later answer must equal).
  if (replay) {
    for (const w of ws) {
      for (const t of w.targets) {
        if (t === 'subgraph') continue;
        const e = endpoints.get(t)!;
        const all = headersFor(w, t, viewers, VIEWER_HEADER);
        const body = JSON.stringify({ query: w.query });
        const r = await recordEveryViewer(
          replay,
          async (i) => {
            const res = await fetch(e.url, { method: 'POST', headers: all[i]!, body });
            const text = await res.text();
            let json: Parameters<Workload['check']>[0];
            try {
              json = JSON.parse(text) as typeof json;
            } catch {
              return `status ${res.status}, not JSON`;
            }
            const problem = w.check(json, w.perViewer ? viewers.ids[i]! : null);
            // An error answer is never the reference (nor recorded by the proxies): the next pass asks again.
            return problem ? `${problem}: ${text.slice(0, 300)}` : references.verify(w.key, t, w.perViewer ? i : -1, text);
          },
          all.length,
        );
        console.log(`replay warm-up ${w.key} / ${NAMES[t]}: ${all.length} viewer(s), ${r.passes} passes (the last recorded nothing new), ${r.recorded} subgraph answers recorded${r.earlier ? `; ${r.earlier} error answers in earlier passes (asked again)` : ''}`);
        if (r.problems.length) throw new Error(`replay warm-up ${w.key} / ${NAMES[t]}: ${r.problems.join('; ')}`);
      }
    }
    const s = await replay.stats();
    console.log(`replay proxies: ${SUBGRAPH_NAMES.map((n) => `${n} ${s[n].keys} answers in memory, ${s[n].passed} passed through`).join('; ')}`);
  }
  // Warm-up: JIT, query plan caches, pools, every viewer's auth state and signed identity.
  for (const w of ws) for (const t of w.targets) await measure(w, t, endpoints.get(t)!.url, endpoints.get(t)!.pid, viewers, WARMUP, true);
  // What each process spends while nobody asks anything (timers, job runners' polling), subtracted from every run.
  const pids = [...subgraphPids, ...[...endpoints.values()].flatMap((e) => (e.pid ? [e.pid] : [])), ...(replay ? [replay.pid] : [])];
  const idleBefore = { cpu: pids.map((p) => cpuSeconds(p)), sql: sqlCounters.map((c) => c.statements), at: Date.now() };
  await new Promise((r) => setTimeout(r, 5000));
  const idleSeconds = (Date.now() - idleBefore.at) / 1000;
  pids.forEach((p, i) => idleCpuPerSecond.set(p, (cpuSeconds(p) - idleBefore.cpu[i]!) / idleSeconds));
  sqlIdlePerSecond = sqlCounters.map((c, i) => (c.statements - idleBefore.sql[i]!) / idleSeconds);
  console.log(`idle CPU, % of a core (subtracted from every run): ${SUBGRAPH_NAMES.map((n, i) => `${n} ${(100 * idleCpuPerSecond.get(subgraphPids[i]!)!).toFixed(1)}`).join(', ')}, ${[...endpoints].filter(([, e]) => e.pid).map(([t, e]) => `${NAMES[t]} ${(100 * idleCpuPerSecond.get(e.pid!)!).toFixed(1)}`).join(', ')}${replay ? `, replay proxies ${(100 * idleCpuPerSecond.get(replay.pid)!).toFixed(1)}` : ''}`);
  if (sqlCounters.length) console.log(`SQL statements per second while idle (subtracted from every run): ${sqlIdlePerSecond.map((x) => x.toFixed(1)).join(' + ')}`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const w of ws) {
      for (const t of w.targets) {
        const e = endpoints.get(t)!;
        const r = await measure(w, t, e.url, e.pid, viewers, SECONDS);
        runs.set(`${w.key}|${t}`, [...(runs.get(`${w.key}|${t}`) ?? []), r]);
        console.log(`  round ${round} ${w.key.padEnd(8)} ${NAMES[t].padEnd(27)} ${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50).padStart(5)} ms  p99 ${fmt(r.p99).padStart(5)} ms  CPU/1k: gateway ${fmt(r.gatewayCpu, 3)} s, subgraphs ${fmt(sum(r.subgraphCpu), 3)} s (${r.subgraphCpu.map((x) => fmt(x, 2)).join('+')})${replay ? `, proxies ${fmt(r.proxyCpu, 3)} s, not replayed ${r.misses}` : ''}${sqlCounters.length ? `, SQL/req ${r.sql.map((x) => fmt(x, 1)).join('+')}` : ''}${r.failed ? `  FAILED ${r.failed}` : ''}`);
      }
    }
  }
  report(ws);
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (problems.length) {
    console.error(`\nFAILED requests (the figures above count only the good ones):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopChildren();
  await Promise.all(sqlCounters.map((c) => c.close()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await dropDatabase(base, schema);
}

// npm run bench:subgraph-mix — what the viewer-dependent mix (bench:gateway workload 2) costs the accounts and payments
// subgraphs, without a gateway: the requests the gateway's query plan sends them per mix request, each with the
// viewer's gateway-signed header, straight to `scripts/services/<name>.ts` processes. Prints the CPU milliseconds each
// process spends per mix request (/proc/<pid>/stat, its idle rate subtracted) and, with BENCH_SQL=1, the SQL
// statements it sends. BENCH_BASELINE=<another checkout> runs that checkout's services too, alternating run by run
// with this one on the same data, so a change is compared with its peer in the same run (bench/README.md, "Subgraph
// cost of the viewer mix"). Per mix request: accounts gets `me`, the Reader entities of the viewer's 10 sessions and
// the User entities of its 10 conversation partners; payments gets `wallet`.
// Knobs: BENCH_REQUESTS (mix requests per run, 800), BENCH_CONNECTIONS (8), BENCH_ROUNDS (3), BENCH_CLIENTS (200),
// BENCH_SERVICES (accounts,payments), BENCH_BASELINE, BENCH_SQL=1, BENCH_PROFILE=<dir> (CPU profiles per run).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { signForwardedIdentity, VIEWER_HEADER } from '../shared/auth/tokens.js';
import { dropDatabase, prepareDatabase } from './gateway-data.js';
import { cpuSeconds, ROOT } from './gateway-procs.js';
import { freePort } from './peers.js';
import { startSqlCounter, throughCounter, type SqlCounter } from './sql-counter.js';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REQUESTS = Number(env('BENCH_REQUESTS', '800'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '8'));
const ROUNDS = Number(env('BENCH_ROUNDS', '3'));
const CLIENTS = Number(env('BENCH_CLIENTS', '200'));
const SERVICES = env('BENCH_SERVICES', 'accounts,payments').split(',');
const ROOTS = [ROOT, ...(process.env.BENCH_BASELINE ? [path.resolve(process.env.BENCH_BASELINE)] : [])];
const SECRET = `bench-gw-${randomBytes(16).toString('hex')}`;
const schema = `bench_mix_${randomBytes(4).toString('hex')}`;

// The documents the gateway's plan sends for the mix (operation names as @apollo/gateway writes them).
const ME = 'query BenchViewer__accounts__0{me{id displayName email role}}';
const WALLET = 'query BenchViewer__payments__1{wallet{userId balanceCents currency hasSavedCard}}';
const READERS = 'query BenchViewer__accounts__3($representations:[_Any!]!){_entities(representations:$representations){...on Reader{displayName avatarUrl}}}';
const USERS = 'query BenchViewer__accounts__5($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}';

interface Viewer {
  id: string;
  header: string;
  readers: object[];
  users: object[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, header: string, body: object): Promise<{ data?: Record<string, { id?: string; userId?: string } | unknown[]> }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), [VIEWER_HEADER]: header };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = JSON.parse(text) as { data?: Record<string, never>; errors?: unknown };
        if (res.statusCode !== 200 || json.errors) reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(json);
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

async function viewers(url: string, clients: string[]): Promise<Viewer[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const sessions = await c.query<{ client_id: string; reader_id: string }>('SELECT client_id, reader_id FROM sessions ORDER BY created_at DESC');
    const convs = await c.query<{ a: string; b: string }>('SELECT user_a_id a, user_b_id b FROM conversations');
    return Promise.all(
      clients.map(async (id) => ({
        id,
        header: await signForwardedIdentity({ viewer: { id, role: 'CLIENT', emailVerified: true }, ip: '127.0.0.1', userAgent: 'bench' }, SECRET, 3600),
        readers: sessions.rows.filter((r) => r.client_id === id).slice(0, 10).map((r) => ({ __typename: 'Reader', id: r.reader_id })),
        users: convs.rows.filter((r) => r.a === id || r.b === id).slice(0, 10).map((r) => ({ __typename: 'User', id: r.a === id ? r.b : r.a })),
      })),
    );
  } finally {
    await c.end();
  }
}

function startService(root: string, name: string, vars: Record<string, string>, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...args, '--import', 'tsx', `scripts/services/${name}.ts`], { cwd: root, env: { ...process.env, ...vars }, stdio: ['ignore', 'pipe', 'pipe'] });
  let last = '';
  child.stderr!.on('data', (d: Buffer) => {
    last = d.toString().trim().slice(-500);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${d}`);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} (${root}) exited with ${code}: ${last}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        const msg = JSON.parse(line) as { ready?: boolean; url?: string };
        if (msg.ready && msg.url) resolve({ child, url: msg.url });
      } catch {
        // a log line
      }
    });
  });
}

interface Figures {
  rps: number;
  cpuMs: Record<string, number>;
  sql: Record<string, number>;
}

async function run(root: string, label: string, url: string, vs: Viewer[]): Promise<Figures> {
  const procs: Record<string, { child: ChildProcess; url: string; counter: SqlCounter | null }> = {};
  try {
    for (const name of SERVICES) {
      const counter = process.env.BENCH_SQL === '1' ? await startSqlCounter(new URL(url)) : null;
      const vars = { NODE_ENV: 'production', JWT_SECRET: `bench-jwt-${SECRET}`, GATEWAY_SECRET: SECRET, DATABASE_URL: counter ? throughCounter(url, counter) : url, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs`, REDIS_URL: '', [`${name.toUpperCase()}_PORT`]: String(await freePort()) };
      const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(path.resolve(process.env.BENCH_PROFILE), label, name)}`] : [];
      procs[name] = { ...(await startService(root, name, vars, prof)), counter };
    }
    const mix = async (k: number) => {
      const v = vs[k % vs.length]!;
      const asks: Promise<unknown>[] = [];
      if (procs.accounts) {
        const u = procs.accounts.url;
        asks.push(post(u, v.header, { query: ME }).then((r) => { if ((r.data!.me as { id: string }).id !== v.id) throw new Error('me answered for another viewer'); }));
        asks.push(post(u, v.header, { query: READERS, variables: { representations: v.readers } }));
        asks.push(post(u, v.header, { query: USERS, variables: { representations: v.users } }));
      }
      if (procs.payments) {
        asks.push(post(procs.payments.url, v.header, { query: WALLET }).then((r) => { if ((r.data!.wallet as { userId: string }).userId !== v.id) throw new Error('wallet of another viewer'); }));
      }
      await Promise.all(asks);
    };
    const load = async (n: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: CONNECTIONS }, async () => { while (next < n) await mix(next++); }));
    };
    await load(Math.min(REQUESTS, 400)); // warm-up: JIT, pools, document caches
    const entries = Object.entries(procs);
    const sample = () => entries.map(([, p]) => [cpuSeconds(p.child.pid!), p.counter?.statements ?? 0] as const);
    // Each process's idle rate (job runners' polling), subtracted below.
    const i0 = sample();
    const idleStart = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    const idleSeconds = (Date.now() - idleStart) / 1000;
    const idle = sample().map(([cpu, sql], i) => [(cpu - i0[i]![0]) / idleSeconds, (sql - i0[i]![1]) / idleSeconds] as const);
    const s0 = sample();
    const started = Date.now();
    await load(REQUESTS);
    const seconds = (Date.now() - started) / 1000;
    const s1 = sample();
    const per = (i: number, k: 0 | 1) => (s1[i]![k] - s0[i]![k] - idle[i]![k] * seconds) / REQUESTS;
    return {
      rps: REQUESTS / seconds,
      cpuMs: Object.fromEntries(entries.map(([n], i) => [n, 1000 * per(i, 0)])),
      sql: Object.fromEntries(entries.map(([n], i) => [n, per(i, 1)])),
    };
  } finally {
    for (const p of Object.values(procs)) {
      const exited = new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)));
      p.child.kill('SIGTERM');
      await exited;
      await p.counter?.close();
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  console.log(`subgraph cost of the viewer mix: ${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${REQUESTS} mix requests per run over ${CONNECTIONS} connections, ${ROUNDS} alternating round(s); checkouts: ${ROOTS.join(', ')}`);
  const data = await prepareDatabase(base, schema, CLIENTS);
  try {
    const vs = await viewers(data.url, data.clients);
    const all = new Map<string, Figures[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, root] of ROOTS.entries()) {
        const f = await run(root, `${i ? 'baseline' : 'this'}-${round}`, data.url, vs);
        all.set(root, [...(all.get(root) ?? []), f]);
        const cols = SERVICES.map((n) => `${n} ${f.cpuMs[n]!.toFixed(2)} ms${process.env.BENCH_SQL === '1' ? ` ${f.sql[n]!.toFixed(1)} SQL` : ''}`).join(', ');
        console.log(`  round ${round} ${i ? 'baseline' : 'this    '} ${f.rps.toFixed(0).padStart(5)} mix/s  CPU per mix request: ${cols}  (load ${os.loadavg()[0]!.toFixed(2)})`);
      }
    }
    console.log(`\n| checkout | mix/s | ${SERVICES.map((n) => `${n} CPU ms / mix`).join(' | ')} |${process.env.BENCH_SQL === '1' ? ` ${SERVICES.map((n) => `${n} SQL / mix`).join(' | ')} |` : ''}`);
    console.log(`|---|---:|${SERVICES.map(() => '---:').join('|')}|${process.env.BENCH_SQL === '1' ? `${SERVICES.map(() => '---:').join('|')}|` : ''}`);
    for (const [i, root] of ROOTS.entries()) {
      const fs = all.get(root)!;
      const cells = SERVICES.map((n) => median(fs.map((f) => f.cpuMs[n]!)).toFixed(2));
      const sql = process.env.BENCH_SQL === '1' ? ` ${SERVICES.map((n) => median(fs.map((f) => f.sql[n]!)).toFixed(1)).join(' | ')} |` : '';
      console.log(`| ${i ? `baseline (${root})` : 'this checkout'} | ${median(fs.map((f) => f.rps)).toFixed(0)} | ${cells.join(' | ')} |${sql}`);
    }
    console.log(`(medians over the rounds; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  } finally {
    agent.destroy();
    await dropDatabase(base, schema);
  }
}

await main();

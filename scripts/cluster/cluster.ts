// The cluster of `npm run cluster` and `npm run soak`: 2 gateways and 2 instances of every subgraph, each its own
// process (the production entry points gateway/main.ts and scripts/services/<name>.ts), on one PostgreSQL schema of
// DATABASE_URL (migrations applied by the schema engine, as `npm run db:migrate`) and REDIS_URL. The gateway takes ONE
// URL per subgraph, so gateway A is wired to instance 1 of every subgraph and gateway B to instance 2 (a load balancer
// in front of each tier would spread them instead). Every process keeps its port across restarts, so a restarted
// instance is found again by its gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { randomSecret } from '../../shared/config.js';
import { applyMigrations } from '../../shared/db/migrations.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../gateway/supergraph.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export type ServiceName = SubgraphName | 'gateway';
export const SERVICES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

export interface ClusterProcess {
  /** e.g. `readings-1`, `gateway-A`. */
  name: string;
  service: ServiceName;
  /** 1 or 2: gateway A (1) uses the subgraph instances 1, gateway B (2) the instances 2. */
  instance: number;
  port: number;
  url: string;
  pid: number | null;
  up: boolean;
  starts: number;
  child: ChildProcess | null;
  env: Record<string, string>;
  file: string;
  /** The last lines of stderr (logs), for a process that failed to start. */
  tail: string[];
}

export interface ClusterOptions {
  databaseUrl?: string;
  /** The PostgreSQL schema; default a fresh `cluster_<random>` dropped by stop() (a given one is kept). */
  schema?: string;
  redisUrl?: string;
  instances?: number;
  /** Extra environment for every process (limits, LOG_LEVEL…). */
  env?: Record<string, string>;
  /** Called with each line a process writes on stderr (its JSON logs). */
  onLog?: (proc: ClusterProcess, line: string) => void;
}

export interface Cluster {
  processes: ClusterProcess[];
  gateways: ClusterProcess[];
  databaseUrl: string;
  schema: string;
  jobsSchema: string;
  secrets: { jwtSecret: string; gatewaySecret: string };
  get(name: string): ClusterProcess;
  /** SIGKILL (or another signal) and wait for the exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped process again on its port and waits for its ready line. */
  start(name: string): Promise<void>;
  /** Resident set size of every running process, in bytes (from /proc). */
  rss(): Promise<Record<string, number>>;
  /** SIGTERM to every process (gateways first), then drops the schema if the cluster created it. */
  stop(): Promise<void>;
}

/** How long a process may take to print its ready line (CLUSTER_READY_TIMEOUT_SECONDS; each entry is bundled once by scripts/launch.mjs, slow on a loaded machine). */
const READY_TIMEOUT_MS = Number(process.env.CLUSTER_READY_TIMEOUT_SECONDS ?? 240) * 1000;
const DEFAULT_DB = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function adminQuery(base: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates the schema (if missing) and applies every migration with the schema engine. */
async function prepareDatabase(base: string, schema: string): Promise<{ url: string; applied: string[] }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`DATABASE_SCHEMA must be a plain lower-case name, not ${schema}`);
  await adminQuery(base, `CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const url = withSearchPath(base, schema);
  return { url, applied: await applyMigrations(url) };
}

async function readRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch (error) {
    // The process exited between the listing and the read: no sample.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const base = options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DB;
  const ownSchema = !options.schema;
  const schema = options.schema ?? `cluster_${randomBytes(4).toString('hex')}`;
  const jobsSchema = `${schema}_jobs`;
  const { url } = await prepareDatabase(base, schema);
  const secrets = { jwtSecret: randomSecret(), gatewaySecret: randomSecret() };
  const instances = options.instances ?? 2;
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    JWT_SECRET: secrets.jwtSecret,
    GATEWAY_SECRET: secrets.gatewaySecret,
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    JOBS_SCHEMA: jobsSchema,
    REDIS_URL: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '3',
    ...options.env,
  };
  const processes: ClusterProcess[] = [];
  const make = (service: ServiceName, instance: number, port: number, file: string, env: Record<string, string>): ClusterProcess => {
    const name = service === 'gateway' ? `gateway-${String.fromCharCode(64 + instance)}` : `${service}-${instance}`;
    const p: ClusterProcess = { name, service, instance, port, url: `http://127.0.0.1:${port}/graphql`, pid: null, up: false, starts: 0, child: null, env, file, tail: [] };
    processes.push(p);
    return p;
  };
  for (let i = 1; i <= instances; i++) {
    for (const name of SUBGRAPH_NAMES) {
      const port = await freePort();
      make(name, i, port, `scripts/services/${name}.ts`, { ...common, [`${name.toUpperCase()}_PORT`]: String(port) });
    }
  }
  for (let i = 1; i <= instances; i++) {
    const port = await freePort();
    const upstream = Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, processes.find((p) => p.service === n && p.instance === i)!.url]),
    );
    make('gateway', i, port, 'gateway/main.ts', { ...common, ...upstream, PORT: String(port) });
  }

  const launch = (p: ClusterProcess): Promise<void> => {
    const child = spawn(process.execPath, ['scripts/launch.mjs', p.file], { cwd: ROOT, env: { ...process.env, ...p.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    p.child = child;
    p.pid = child.pid ?? null;
    p.starts++;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      p.tail.push(line);
      if (p.tail.length > 20) p.tail.shift();
      options.onLog?.(p, line);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${p.name} did not get ready in ${READY_TIMEOUT_MS / 1000} s:\n${p.tail.join('\n')}`)), READY_TIMEOUT_MS);
      child.once('exit', (code, signal) => {
        p.up = false;
        if (p.child === child) p.child = null;
        clearTimeout(timer);
        reject(new Error(`${p.name} exited (${signal ?? code}) before it was ready:\n${p.tail.join('\n')}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{') && line.includes('"ready":true')) {
          p.up = true;
          clearTimeout(timer);
          resolve();
        }
      });
    });
  };

  const get = (name: string) => {
    const p = processes.find((x) => x.name === name);
    if (!p) throw new Error(`no process ${name}`);
    return p;
  };
  const kill = async (name: string, signal: NodeJS.Signals = 'SIGKILL') => {
    const p = get(name);
    const child = p.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const cluster: Cluster = {
    processes,
    gateways: processes.filter((p) => p.service === 'gateway'),
    databaseUrl: url,
    schema,
    jobsSchema,
    secrets,
    get,
    kill,
    start: (name) => launch(get(name)),
    async rss() {
      const out: Record<string, number> = {};
      for (const p of processes) {
        const v = p.up && p.pid ? await readRss(p.pid) : null;
        if (v) out[p.name] = v;
      }
      return out;
    },
    async stop() {
      // Gateways first, so no request reaches a subgraph that is going away; SIGTERM lets each drain.
      for (const tier of [processes.filter((p) => p.service === 'gateway'), processes.filter((p) => p.service !== 'gateway')]) {
        await Promise.all(tier.map((p) => kill(p.name, 'SIGTERM')));
      }
      if (ownSchema) {
        await adminQuery(base, `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${jobsSchema}" CASCADE`);
      }
    },
  };
  try {
    // Subgraphs first (the gateway loads its plan from the committed supergraph, but its first requests need them).
    await Promise.all(processes.filter((p) => p.service !== 'gateway').map(launch));
    await Promise.all(cluster.gateways.map(launch));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

// npm run bench:start — how long `npm start` takes until it answers its first query, on the embedded default:
// cold (an empty data folder: PGlite created, every migration applied, demo data seeded, secrets generated) and warm
// (the same folder again), measured from the spawn of `npm start` to the first 200 answer of `{ __typename }`, and to
// the first answered real query: a page of the reader directory through the gateway (`readers(first: 5)`: the gateway's
// query plan, accounts and the embedded database), five readers and no error — so nothing that answers `__typename`
// early while the rest still loads can pass for ready. The peer in the same run is the floor: plain node running a
// script that answers HTTP at once (node start-up, no npm). Goal (issue 11): first answer ≤ 10 s cold and ≤ 3 s warm
// on the 2-core box. Knobs: WARM_RUNS (default 3).
// Also printed: the CPU seconds (user + system, every thread) the processes of `npm start` (npm, node and PGlite's
// thread) had used by the first real answer, read from /proc (Linux): unlike wall time, it barely moves with the box's
// load.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './peers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 3);

/** CPU seconds (user + system) used so far by the live processes of process group `pgid`; null off Linux. */
async function groupCpuSeconds(pgid: number): Promise<number | null> {
  const pids = await readdir('/proc').catch(() => null);
  if (!pids) return null;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids.filter((p) => /^\d+$/.test(p))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) total += (Number(f[11]) + Number(f[12])) / ticks;
  }
  return total;
}

/** CPU seconds of each measured start by its first real answer, in the order measured. */
const cpuSeconds: Array<number | null> = [];

const READERS_QUERY = '{ readers(first: 5) { edges { node { id displayName } } } }';
type Answer = { __typename?: string; readers?: { edges?: Array<{ node: { id?: string; displayName?: string } }> } };

/** Whether `query` answers 200 with data and no error on `port` (false while not listening). */
async function answers(port: number, query: string, check: (data: Answer) => boolean): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    if (!r.ok) return false;
    const body = (await r.json()) as { data?: Answer; errors?: unknown };
    return !body.errors && !!body.data && check(body.data);
  } catch {
    return false; // not listening yet
  }
}

/**
 * Spawns `npm run <script>` with env and returns ms until `{ __typename }` answers on `port` and until a readers page
 * does (five readers, no error), then stops it (SIGINT).
 */
async function timeToFirstAnswer(script: string, port: number, env: Record<string, string>): Promise<{ typename: number; readers: number }> {
  const started = performance.now();
  // Its own process group, stopped as Ctrl-C stops it (SIGINT to the group: npm does not pass a lone SIGINT on).
  const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    const waitFor = async (query: string, check: (data: Answer) => boolean): Promise<number> => {
      for (;;) {
        if (exited) throw new Error(`${script} exited before answering:\n${log}`);
        if (performance.now() - started > 120_000) throw new Error(`${script} did not answer in 120 s:\n${log}`);
        if (await answers(port, query, check)) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const typename = await waitFor('{ __typename }', (d) => d.__typename === 'Query');
    const readers = await waitFor(READERS_QUERY, (d) => d.readers?.edges?.length === 5 && d.readers.edges.every((e) => !!e.node.id && !!e.node.displayName));
    cpuSeconds.push(await groupCpuSeconds(child.pid!));
    return { typename, readers };
  } finally {
    if (!exited) {
      const done = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGINT');
      await done;
    }
  }
}

async function ports(): Promise<Record<string, string>> {
  const names = ['PORT', 'ACCOUNTS_PORT', 'READINGS_PORT', 'PAYMENTS_PORT', 'COMMUNITY_PORT'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, String(await freePort())])));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const scratch = await mkdtemp(path.join(os.tmpdir(), 'soulseer-start-'));
// The floor: node start-up, for a script that only answers HTTP.
const floorScript = path.join(scratch, 'floor.mjs');
await writeFile(
  floorScript,
  `import http from 'node:http';\nhttp.createServer((_q, r) => { r.setHeader('content-type', 'application/json'); r.end('{"data":{"__typename":"Query"}}'); }).listen(Number(process.env.PORT), '127.0.0.1');\nprocess.on('SIGINT', () => process.exit(0));\n`,
);
try {
  const base = { DATA_DIR: path.join(scratch, 'data'), NODE_ENV: '', DATABASE_URL: '', REDIS_URL: '', npm_config_loglevel: 'silent' };
  const coldPorts = await ports();
  const cold = await timeToFirstAnswer('start', Number(coldPorts.PORT), { ...base, ...coldPorts });
  const warm: Array<{ typename: number; readers: number }> = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const p = await ports();
    warm.push(await timeToFirstAnswer('start', Number(p.PORT), { ...base, ...p }));
  }
  const floor: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const port = await freePort();
    floor.push(await timeToFirstAnswerOf(floorScript, port));
  }
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const warmTypename = warm.map((w) => w.typename);
  const warmReaders = warm.map((w) => w.readers);
  const goal = (ms: number, limit: number) => `≤ ${limit / 1000} s ${ms <= limit ? 'met' : 'MISSED'}`;
  console.log(`npm start, first answered query (load ${load}):`);
  console.log(`| run | \`{ __typename }\` | readers page (accounts + database) | goal (readers page) |`);
  console.log(`|---|---:|---:|---:|`);
  console.log(`| cold (empty data folder) | ${s(cold.typename)} | ${s(cold.readers)} | ${goal(cold.readers, 10_000)} |`);
  console.log(
    `| warm, median of ${WARM_RUNS} (readers ${warmReaders.map(s).join(', ')}) | ${s(median(warmTypename))} | ${s(median(warmReaders))} | ${goal(median(warmReaders), 3_000)} |`,
  );
  console.log(`| floor: node + an HTTP answer, median | ${s(median(floor))} | | |`);
  console.log(`warm / floor: ${(median(warmReaders) / median(floor)).toFixed(2)}x; cold / floor: ${(cold.readers / median(floor)).toFixed(2)}x`);
  const cpu = (x: number | null | undefined) => (x == null ? 'n/a' : `${x.toFixed(2)} s`);
  console.log(`CPU by the first readers page (npm + node, all threads): cold ${cpu(cpuSeconds[0])}; warm ${cpuSeconds.slice(1).map(cpu).join(', ')}`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

/** The floor: `node <file>` (without npm, the launcher and its checks). */
async function timeToFirstAnswerOf(file: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [file], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' });
        if (r.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await done;
  }
}

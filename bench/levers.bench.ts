// npx tsx bench/levers.bench.ts: CPU per 1,000 operations of two per-request costs, each against what it replaced,
// alternating round by round in the same process (CPU time of this process from process.cpuUsage(), so a loaded
// machine slows the wall clock but hardly the figures):
// 1. the gateway's subgraph HTTP client: Node's global fetch (what RemoteGraphQLDataSource used, plus the WHATWG
//    Response the data source then read) vs gateway/subgraph-http.ts (keep-alive node:http + LeanResponse), each
//    sending LEVER_REQUESTS (5,000) POSTs with a 300-byte body at 20 in flight to a subgraph stand-in in ANOTHER
//    process answering ~2 KiB of JSON (its CPU is not counted);
// 2. a subgraph's check of the gateway-signed viewer header: jose's verify for every request (a header seen for
//    the first time) vs the cache of verified headers (the same header again, as within a viewer's minute).
// Knobs: LEVER_ROUNDS (3), LEVER_REQUESTS (5000).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { httpTransport, LeanResponse } from '../gateway/subgraph-http.js';
import { signForwardedIdentity, verifyForwardedIdentity } from '../shared/auth/tokens.js';

const ROUNDS = Number(process.env.LEVER_ROUNDS ?? 3);
const REQUESTS = Number(process.env.LEVER_REQUESTS ?? 5000);
const IN_FLIGHT = 20;

const serverSource = `
const http = require('node:http');
const body = JSON.stringify({ data: { readers: Array.from({ length: 20 }, (_, i) => ({ id: 'reader-' + i, displayName: 'Reader ' + i, headline: 'x'.repeat(40) })) } });
http.createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.setHeader('x-soulseer-viewer-independent', '1'); res.end(body); }); })
  .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

async function cpuPer1k(n: number, one: (i: number) => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < n) await one(next++);
    }),
  );
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1e6 / n) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
  const url = `http://127.0.0.1:${port}/graphql`;
  const body = JSON.stringify({ query: `query Bench__accounts__0{readers(first:20){id displayName headline}}${' '.repeat(220)}`, variables: {} });
  const headers = { 'content-type': 'application/json', 'x-soulseer-viewer': 'h'.repeat(300) };
  const transport = httpTransport();

  const clients: Record<string, (i: number) => Promise<void>> = {
    'global fetch + Response': async () => {
      const r = await fetch(url, { method: 'POST', headers, body });
      if (r.headers.get('x-soulseer-viewer-independent') !== '1') throw new Error('header lost');
      await r.json();
    },
    'keep-alive node:http + LeanResponse': async () => {
      const r = new LeanResponse(await transport(url, { method: 'POST', headers, body }));
      if (r.headers.get('x-soulseer-viewer-independent') !== '1') throw new Error('header lost');
      await r.json();
    },
  };

  const secret = 'levers-bench-secret-0123456789abcdef0123456789';
  // Headers this process has never seen (a fresh batch before each run): what every request cost before the cache.
  let fresh: string[] = [];
  const sign = (n: number, tag: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => signForwardedIdentity({ viewer: { id: `user-${tag}-${i}`, role: 'CLIENT' }, ip: '10.0.0.1', userAgent: 'bench' }, secret)));
  let known: string[] = [];
  const verifiers: Record<string, (i: number) => Promise<void>> = {
    'jose verify every request': async (i) => {
      if (!(await verifyForwardedIdentity(fresh[i]!, secret))) throw new Error('refused');
    },
    'cache of verified headers': async (i) => {
      if (!(await verifyForwardedIdentity(known[i % known.length]!, secret))) throw new Error('refused');
    },
  };

  const results: Record<string, number[]> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, one] of Object.entries(clients)) {
      await cpuPer1k(200, one); // warm-up
      (results[name] ??= []).push(await cpuPer1k(REQUESTS, one));
    }
    // Signed headers live 120 s: the cached ones are signed afresh each round.
    known = await sign(200, `known-${round}`);
    for (const [name, one] of Object.entries(verifiers)) {
      fresh = await sign(200, `warm-${round}`);
      await cpuPer1k(200, one);
      fresh = await sign(REQUESTS, `run-${round}`);
      (results[name] ??= []).push(await cpuPer1k(REQUESTS, one));
    }
    console.log(`round ${round}: ${Object.entries(results).map(([k, v]) => `${k} ${v.at(-1)!.toFixed(3)}`).join(' | ')}`);
  }
  console.log(`\nCPU seconds per 1,000 (median of ${ROUNDS} rounds, ${REQUESTS} each; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  console.log('| operation | before | after | after / before |\n|---|---:|---:|---:|');
  const row = (what: string, before: string, after: string) =>
    console.log(`| ${what} | ${median(results[before]!).toFixed(3)} (${before}) | ${median(results[after]!).toFixed(3)} (${after}) | ${(median(results[after]!) / median(results[before]!)).toFixed(2)} |`);
  row('subgraph request from the gateway', 'global fetch + Response', 'keep-alive node:http + LeanResponse');
  row('viewer header check in a subgraph', 'jose verify every request', 'cache of verified headers');
  transport.close();
  server.kill();
}

await main();

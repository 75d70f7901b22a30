// npx tsx bench/stream-viewers.bench.ts: the CPU bench:stream's load generator (bench/stream-viewers.ts) spends per
// delivered event, alone: a stand-in graphql-transport-ws server in this process (a `ws` server that acks, takes each
// viewer's subscribe and writes pre-encoded `next` frames of a real gift payload, gateway/ws-frames.ts) and the
// viewers' process as bench:stream runs it, BASE_VIEWERS (another checkout's bench/stream-viewers.ts, e.g. a worktree
// of main) as the peer, rounds alternating. The figure is the viewers' process CPU (/proc) per 1,000 deliveries, from
// the first event written to the last one counted (polling its report once a second).
// Then an honesty check of the current generator: one viewer gets a gift without sender.displayName, one a gift
// twice, one misses a gift; the report must show 2 wrong and the one short.
// Knobs: VIEWERS (2,000), EVENTS (60), BATCH (events per write, 2), ROUNDS (3), BASE_VIEWERS, VIEWERS_PROFILE=<dir>
// (CPU profiles of the viewers processes).
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { nextPayload, nextPrefix, sendNextFrames, type NextPayload } from '../gateway/ws-frames.js';
import { cpuOf, sleep } from './scratch.js';

const VIEWERS = Number(process.env.VIEWERS ?? 2000);
const EVENTS = Number(process.env.EVENTS ?? 60);
const BATCH = Number(process.env.BATCH ?? 2);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const PEERS: Array<[string, string]> = [['this checkout', path.join(here, 'stream-viewers.ts')]];
if (process.env.BASE_VIEWERS) PEERS.unshift(['base', path.resolve(process.env.BASE_VIEWERS)]);

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
await new Promise((r) => wss.once('listening', r));
const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`;
let subscribers: Array<{ socket: WebSocket; prefix: Buffer; viewer: number }> = [];
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; id?: string };
    if (m.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    if (m.type === 'subscribe') subscribers.push({ socket, prefix: nextPrefix(m.id!), viewer: Number(m.id!.slice(1)) }); // the generator's ids: w<index>
  });
});

let giftNo = 0;
const gift = (displayName = true) =>
  nextPayload(
    JSON.stringify({
      data: {
        streamEvents: {
          __typename: 'StreamGiftEvent',
          id: `cmigk2b7x${String(++giftNo).padStart(6, '0')}abcd1234`,
          createdAt: new Date().toISOString(),
          sender: { id: 's12', ...(displayName ? { displayName: 'Viewer s12' } : {}) },
          gift: { name: 'Rose', priceCents: 100 },
        },
      },
    }),
  );

type Report = { delivered: number; wrong: number; perViewer: number[]; firstWrong: string };
async function startViewers(script: string): Promise<{ child: ChildProcess; report(): Promise<Report> }> {
  subscribers = [];
  const child = fork(script, [], { execArgv: ['--import', 'tsx', ...(process.env.VIEWERS_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VIEWERS_PROFILE}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies: Array<Record<string, unknown>> = [];
  child.on('message', (m: Record<string, unknown>) => replies.push(m));
  const viewers = Array.from({ length: VIEWERS }, (_, i) => ({ id: `v${i}`, token: 'bench' }));
  child.send({ kind: 'start', wsUrl: url, query: 'subscription { streamEvents }', variables: {}, viewers, senderName: true });
  while (subscribers.length < VIEWERS) {
    if (replies.some((r) => r.kind === 'failed')) throw new Error(JSON.stringify(replies));
    await sleep(50);
  }
  await sleep(500);
  child.send({ kind: 'measure', from: Date.now() });
  const report = async () => {
    replies.length = 0;
    child.send({ kind: 'report' });
    while (!replies.some((r) => r.kind === 'report')) await sleep(10);
    return replies.find((r) => r.kind === 'report') as unknown as Report;
  };
  return { child, report };
}

async function stop(child: ChildProcess) {
  child.send({ kind: 'close' });
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
}

/** Writes EVENTS gifts, BATCH per write, to every subscriber; yields between writes so the sockets drain. */
async function writeAll(events: NextPayload[]) {
  for (let e = 0; e < events.length; e += BATCH) {
    const batch = events.slice(e, e + BATCH);
    for (const s of subscribers) sendNextFrames(s.socket, s.prefix, batch);
    await new Promise((r) => setImmediate(r));
  }
}

async function round(script: string): Promise<number> {
  const { child, report } = await startViewers(script);
  const cpu0 = await cpuOf(child.pid!);
  await writeAll(Array.from({ length: EVENTS }, () => gift()));
  const expected = VIEWERS * EVENTS;
  let r = await report();
  for (let waited = 0; r.delivered + r.wrong < expected && waited < 120; waited++) {
    await sleep(1000);
    r = await report();
  }
  const cpu = (await cpuOf(child.pid!)) - cpu0;
  if (r.delivered !== expected || r.wrong) console.error(`${script}: delivered ${r.delivered}/${expected}, wrong ${r.wrong} ${r.firstWrong}`);
  await stop(child);
  return (cpu / r.delivered) * 1000;
}

const results = new Map<string, number[]>(PEERS.map(([name]) => [name, []]));
for (let i = 0; i < ROUNDS; i++) for (const [name, script] of PEERS) results.get(name)!.push(await round(script));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\nviewers' process CPU s per 1,000 deliveries (${VIEWERS} viewers x ${EVENTS} events, ${BATCH} per write; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
console.table(PEERS.map(([name]) => ({ generator: name, rounds: results.get(name)!.map((x) => +x.toFixed(4)).join(' / '), median: +median(results.get(name)!).toFixed(4) })));

// Honesty check: a wrong payload, a duplicate and a missed gift must all show.
{
  const { child, report } = await startViewers(PEERS[PEERS.length - 1]![1]);
  const good = [gift(), gift(), gift()];
  const noName = gift(false);
  subscribers.forEach(({ viewer: i, ...s }) => sendNextFrames(s.socket, s.prefix, i === 0 ? [good[0]!, noName] : i === 1 ? [good[0]!, good[0]!] : i === 2 ? [good[1]!] : [good[0]!, good[1]!]));
  await sleep(2000);
  const r = await report();
  const ok = r.wrong === 2 && r.perViewer[2] === 1 && r.perViewer[3] === 2;
  console.log(`honesty check: wrong ${r.wrong} (want 2), viewer 2 got ${r.perViewer[2]} of 2 (want 1): ${ok ? 'ok' : 'FAILED'}; first wrong: ${r.firstWrong}`);
  await stop(child);
  if (!ok) process.exitCode = 1;
}
for (const s of wss.clients) s.terminate();
wss.close();

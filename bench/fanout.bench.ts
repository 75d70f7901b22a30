// npx tsx bench/fanout.bench.ts: the gateway's CPU to write one stream's events to its viewers, the write path of
// shared streams alone (no GraphQL, no database), old against new, alternating round by round in the same process
// (CPU of this process from process.cpuUsage(), so a loaded machine slows the wall clock but hardly the figures):
// - "ws send": what subscriber-iterator.ts did before: `socket.send(prefix + json + '}')` per event per viewer (the
//   string built, measured and encoded per viewer, ws's sender framing it; several events corked into one write);
// - "frames": gateway/ws-frames.ts: the payload encoded once per event, the prefix once per viewer, one buffer of
//   ready frames per viewer per write, straight to its TCP socket.
// FANOUT_VIEWERS (2,000) raw `ws` clients in ANOTHER process (their CPU is not counted) receive FANOUT_EVENTS (20)
// events of a ~330-byte payload (the bench:stream gift), BATCH events per write (1 and 3: the flushes of a
// 10,000-viewer stream carry 1–3 events); a round ends when every client has every message.
// - "base frames" (with BASE_DIR=<a worktree of main>): main's gateway/ws-frames.ts, for an A/B of the write path.
// Knobs: FANOUT_VIEWERS, FANOUT_EVENTS, FANOUT_ROUNDS (3), BASE_DIR.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { rawSocketOf } from '../gateway/private-apis.js';
import { nextPayload, nextPrefix, sendNextFrames, type NextPayload } from '../gateway/ws-frames.js';

const VIEWERS = Number(process.env.FANOUT_VIEWERS ?? 2000);
const EVENTS = Number(process.env.FANOUT_EVENTS ?? 20);
const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 3);
const BASE_DIR = process.env.BASE_DIR;

if (process.argv[2] === 'clients') {
  // The viewers: count messages, nothing else.
  let got = 0;
  let goal = Infinity;
  const sockets: WebSocket[] = [];
  process.on('message', (m: { url?: string; expect?: number; close?: boolean }) => {
    if (m.url) {
      let open = 0;
      for (let i = 0; i < VIEWERS; i++) {
        const ws = new WebSocket(m.url, { skipUTF8Validation: true, perMessageDeflate: false });
        sockets.push(ws);
        ws.on('open', () => ++open === VIEWERS && process.send!({ open }));
        ws.on('message', () => ++got === goal && process.send!({ got }));
      }
    }
    // A running total: messages may arrive before the parent's `expect` does.
    if (m.expect !== undefined) {
      goal = m.expect;
      if (got >= goal) process.send!({ got });
    }
    if (m.close) {
      for (const s of sockets) s.terminate();
      process.disconnect();
    }
  });
} else {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const servers: WebSocket[] = [];
  wss.on('connection', (ws) => servers.push(ws));
  const clients = fork(new URL(import.meta.url).pathname, ['clients'], { execArgv: ['--import', 'tsx'] });
  const reply = (key: string) => new Promise<void>((r) => clients.once('message', function on(m: Record<string, unknown>) {
    if (key in m) r();
    else clients.once('message', on);
  }));
  const opened = reply('open');
  clients.send({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` });
  await opened;
  while (servers.length < VIEWERS) await new Promise((r) => setTimeout(r, 10));

  const json = JSON.stringify({ data: { streamEvents: { __typename: 'StreamGiftEvent', id: 'cmigk2b7x0000abcd1234efgh', createdAt: new Date().toISOString(), sender: { id: 's12', displayName: 'Viewer s12' }, gift: { name: 'Rose', priceCents: 100 } } } });
  const ids = servers.map((_, i) => `w${i}`);
  const stringPrefixes = ids.map((id) => `{"id":${JSON.stringify(id)},"type":"next","payload":`);
  const bufferPrefixes = ids.map(nextPrefix);

  const wsSend = (batch: number) => {
    for (let e = 0; e < EVENTS; e += batch) {
      const jsons = Array.from({ length: Math.min(batch, EVENTS - e) }, () => json);
      for (let i = 0; i < servers.length; i++) {
        const socket = servers[i]!;
        const tcp = jsons.length > 1 ? rawSocketOf(socket) : undefined;
        tcp?.cork();
        for (const j of jsons) socket.send(stringPrefixes[i] + j + '}');
        tcp?.uncork();
      }
    }
  };
  const framesWith = (frames: { nextPayload: typeof nextPayload; sendNextFrames: typeof sendNextFrames }) => (batch: number) => {
    for (let e = 0; e < EVENTS; e += batch) {
      const payloads: NextPayload[] = Array.from({ length: Math.min(batch, EVENTS - e) }, () => frames.nextPayload(json));
      for (let i = 0; i < servers.length; i++) frames.sendNextFrames(servers[i]!, bufferPrefixes[i]!, payloads);
    }
  };
  const frames = framesWith({ nextPayload, sendNextFrames });
  const baseFrames = BASE_DIR ? framesWith((await import(`${BASE_DIR}/gateway/ws-frames.ts`)) as never) : null;
  const variants = [['ws send', wsSend], ['frames', frames], ...(baseFrames ? [['base frames', baseFrames] as const] : [])] as const;
  let total = 0;
  const measure = async (write: () => void) => {
    const done = reply('got');
    clients.send({ expect: (total += VIEWERS * EVENTS) });
    const start = process.cpuUsage();
    write();
    await done;
    const used = process.cpuUsage(start);
    return ((used.user + used.system) / 1e6 / (VIEWERS * EVENTS)) * 1000;
  };
  const results: Record<string, number[]> = {};
  for (let round = 0; round <= ROUNDS; round++) {
    for (const batch of [1, 3]) {
      for (const [name, write] of variants) {
        const cpu = await measure(() => write(batch));
        if (round > 0) (results[`${name}, ${batch} per write`] ??= []).push(cpu); // round 0 warms up
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const { loadavg } = await import('node:os');
  console.log(`\nwriter CPU seconds per 1,000 deliveries (median of ${ROUNDS} rounds; ${VIEWERS} viewers x ${EVENTS} events; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  const rows = [1, 3].map((batch) => {
    const old = median(results[`ws send, ${batch} per write`]!);
    const now = median(results[`frames, ${batch} per write`]!);
    const base = results[`base frames, ${batch} per write`] ? median(results[`base frames, ${batch} per write`]!) : NaN;
    return { 'events per write': batch, 'ws send': +old.toFixed(4), frames: +now.toFixed(4), 'frames / ws send': +(now / old).toFixed(2), ...(BASE_DIR ? { 'base frames': +base.toFixed(4), 'frames / base frames': +(now / base).toFixed(2) } : {}) };
  });
  console.table(rows);
  clients.send({ close: true });
  for (const s of servers) s.terminate();
  wss.close();
}

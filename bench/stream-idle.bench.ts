// npx tsx bench/stream-idle.bench.ts — what a stream's viewers cost the gateway per second whatever the events: the
// keep-alive pings to their sockets and the periodic revocation re-check of their users, this checkout against
// BASE_DIR's (a worktree of main) in the same process, alternating, CPU of this process (process.cpuUsage), so a
// loaded machine slows the wall clock but hardly the figures.
// - pings: IDLE_VIEWERS (2,000) `ws` clients in ANOTHER process (they answer pings; their CPU is not counted), the
//   interval shortened to IDLE_PING_MS (2 s; the gateway's is 12 s): graphql-ws's own keep-alive (what main runs:
//   use/ws, a timer, a pong timer and a once-listener per socket) against gateway/keep-alive.ts. Sockets nothing is
//   written to: the ping carried by a fan-out write (bench:stream) saves a write more.
// - re-check: IDLE_USERS (10,000) watched users with live auth-changed events, the auth-state TTL shortened to
//   IDLE_TTL_MS (500 ms; the gateway's is 10 s): BASE_DIR's gateway/revocation.ts against this one.
// Knobs: BASE_DIR (required), IDLE_VIEWERS, IDLE_USERS, IDLE_PING_MS, IDLE_TTL_MS, IDLE_SECONDS (5 per round), IDLE_ROUNDS (3).
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import WebSocket, { WebSocketServer } from 'ws';
import { createAccessToken } from '../shared/auth/tokens.js';
import { createPubSub } from '../shared/pubsub.js';
import { AuthStates } from '../gateway/auth-state.js';
import { IdentityService } from '../gateway/identity.js';
import { ClientKeepAlive } from '../gateway/keep-alive.js';
import { Revocations } from '../gateway/revocation.js';

const VIEWERS = Number(process.env.IDLE_VIEWERS ?? 2000);
const USERS = Number(process.env.IDLE_USERS ?? 10_000);
const PING_MS = Number(process.env.IDLE_PING_MS ?? 2000);
const TTL_MS = Number(process.env.IDLE_TTL_MS ?? 500);
const SECONDS = Number(process.env.IDLE_SECONDS ?? 5);
const ROUNDS = Number(process.env.IDLE_ROUNDS ?? 3);
const BASE_DIR = process.env.BASE_DIR;

if (process.argv[2] === 'clients') {
  const sockets: WebSocket[] = [];
  process.on('message', (m: { url?: string; close?: boolean }) => {
    if (m.url) {
      let open = 0;
      for (let i = 0; i < VIEWERS; i++) {
        const ws = new WebSocket(m.url, { perMessageDeflate: false });
        sockets.push(ws);
        ws.on('open', () => ++open === VIEWERS && process.send!({ open }));
      }
    }
    if (m.close) {
      for (const s of sockets) s.terminate();
      process.disconnect();
    }
  });
} else {
  if (!BASE_DIR) throw new Error('BASE_DIR=<a worktree of main> is required');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const cpuOver = async (ms: number) => {
    const start = process.cpuUsage();
    await sleep(ms);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  // Pings.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const sockets: WebSocket[] = [];
  const accept = (ws: WebSocket) => sockets.push(ws);
  wss.on('connection', accept);
  const clients = fork(new URL(import.meta.url).pathname, ['clients'], { execArgv: ['--import', 'tsx'] });
  const opened = new Promise((r) => clients.once('message', r));
  clients.send({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` });
  await opened;
  while (sockets.length < VIEWERS) await sleep(10);
  wss.off('connection', accept);
  /** graphql-ws 6.4's use/ws keep-alive, as main runs it (its code, per socket). */
  const graphqlWs = (socket: WebSocket) => {
    let pongWait: NodeJS.Timeout | null = null;
    const interval = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), PING_MS * 10); // graphql-ws: PING_MS; lenient on a loaded box
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, PING_MS);
    return () => (clearInterval(interval), pongWait && clearTimeout(pongWait));
  };
  const pings: Record<string, number[]> = { 'graphql-ws (main)': [], 'keep-alive.ts': [] };
  for (let round = 0; round <= ROUNDS; round++) {
    const stops = sockets.map(graphqlWs);
    const a = await cpuOver(SECONDS * 1000);
    stops.forEach((stop) => stop());
    // keep-alive.ts registers sockets on 'connection': handed the open ones as the server would.
    const keepAlive = new ClientKeepAlive(wss, PING_MS);
    for (const s of sockets) wss.emit('connection', s);
    const b = await cpuOver(SECONDS * 1000);
    keepAlive.close();
    for (const s of sockets) s.removeAllListeners('pong');
    if (round > 0) {
      pings['graphql-ws (main)']!.push(a);
      pings['keep-alive.ts']!.push(b);
    }
    const gone = sockets.filter((s) => s.readyState !== s.OPEN).length;
    if (gone) throw new Error(`${gone} clients were terminated: their pongs came too late on this machine (raise IDLE_PING_MS)`);
  }
  clients.send({ close: true });
  for (const s of sockets) s.terminate();
  wss.close();
  const perK = (s: number) => +((s / ((VIEWERS * SECONDS * 1000) / PING_MS)) * 1000).toFixed(4);
  console.log(`\nkeep-alive pings: ${VIEWERS} sockets pinged every ${PING_MS} ms, ${ROUNDS} rounds of ${SECONDS} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.table(Object.entries(pings).map(([name, xs]) => ({ variant: name, 'CPU s / 1k pings (median)': perK(median(xs)) })));

  // Re-check.
  const JWT = 'jwt-secret-stream-idle-bench';
  const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => createAccessToken({ id: `u${i}`, role: 'CLIENT', emailVerified: true, twoFactor: false }, JWT, 3600)));
  const ACTIVE = { role: 'CLIENT', status: 'ACTIVE', epoch: 0, emailVerified: true, twoFactor: false } as const;
  const { Revocations: BaseRevocations } = (await import(`${BASE_DIR}/gateway/revocation.ts`)) as { Revocations: typeof Revocations };
  const recheck: Record<string, number[]> = { 'revocation.ts (main)': [], 'revocation.ts (this)': [] };
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, Impl] of [['revocation.ts (main)', BaseRevocations], ['revocation.ts (this)', Revocations]] as const) {
      const states = new AuthStates({ lookup: async (ids) => Object.fromEntries(ids.map((id) => [id, ACTIVE])), ttlMs: TTL_MS, liveTtlMs: 600_000 });
      const identity = new IdentityService(JWT, 'gw-secret-stream-idle-bench', states);
      const pubsub = createPubSub();
      const revocations = new Impl(identity, states, pubsub, { heartbeatMs: 100 });
      while (!states.stats().eventsLive) await sleep(20);
      for (let i = 0; i < USERS; i++) {
        await identity.viewerFromToken(tokens[i]!);
        revocations.watch({ userId: `u${i}`, token: tokens[i]!, role: 'CLIENT', revoke: () => { throw new Error('revoked'); } }, Date.now());
      }
      const cpu = await cpuOver(SECONDS * 1000);
      await revocations.close();
      await pubsub.close();
      if (round > 0) recheck[name]!.push(cpu);
    }
  }
  console.log(`\nrevocation re-check: ${USERS} watched users, auth-state TTL ${TTL_MS} ms (events live), ${ROUNDS} rounds of ${SECONDS} s`);
  console.table(Object.entries(recheck).map(([name, xs]) => ({ variant: name, 'CPU s per second (median)': +(median(xs) / SECONDS).toFixed(4), 'CPU s per 1k users re-checked': +((median(xs) / ((USERS * SECONDS * 1000) / TTL_MS)) * 1000).toFixed(4) })));
}

// npm run bench:subscriptions — subscription fan-out through ONE gateway instance, ours against Hive Gateway
// (the peer) on the same supergraph, the same subgraphs and the same database, in the same run.
//
// Shape: SESSIONS sessions (default 1,000), each with its reader and its client subscribed (2,000 graphql-ws
// subscribers, 2,000 distinct viewers, one connection each).
// MODE=chat (default): the real product path. The four real subgraphs and the committed supergraph; SESSIONS real
// CHAT sessions IN_PROGRESS (rows written with Prisma in the scratch schema); each subscriber subscribes to readings'
// `sessionMessageAdded(sessionId)` selecting `sender { id displayName }` (accounts: an `_entities` fetch per event);
// each event is caused by a `sendSessionMessage` mutation through the gateway under test (steady wave: the client
// sends, burst wave: the reader sends). Latency runs from readings' publish of the message (after its transaction
// commits; the bench wraps the shared pub/sub to timestamp it) to receipt at each client. Every payload is checked
// (right session, right sender and displayName, no errors).
// MODE=pulse: the earlier stand-in. The subscription is `sessionPulse` of the pulse test
// subgraph (test/fakes/pulse-subgraph.ts) standing in for readings' sessionUpdated: every event selects
// `viewerRole` (resolved by the owning subgraph from each subscriber's own identity) and `reader { displayName }`
// owned by accounts, so each event is completed with an `_entities` fetch to accounts as that subscriber; the bench
// checks every payload (right reader, right viewerRole). SELECT=private also selects `client { email }` (visible
// to the client only: every client subscriber must see its own email, every reader subscriber null + FORBIDDEN).
// Each event is caused by a `pulseSession` mutation sent through the gateway under test; latency is measured from
// the moment the subgraph published it (after its commit, `publishedAt`) to receipt at each client.
// Waves: "steady" (every session pulses once, RATE mutations per second) and "burst" (every session pulses at
// once, 100 mutations in flight). Memory per subscription: gateway process RSS with all subscribers connected
// minus RSS before, divided by the subscriber count.
// Peers: "ours" (event fields fetched over the gateway's multiplexed subgraph sockets), "ours-http" (fetched
// through the gateway's HTTP data sources, as queries are), "hive" (Hive Gateway 2.15, defaults, one subgraph
// socket per viewer; bench/subscriptions-hive.config.ts).
// Growth: SESSIONS takes a list (SESSIONS=500,2500,5000 for 1,000 / 5,000 / 10,000 subscribers): every peer runs
// at each size, smallest first, and a last table gives each wave's p50/p99 and the gateway's CPU seconds per 1,000
// deliveries. Hive Gateway runs only at sizes up to HIVE_MAX_SUBSCRIBERS (default 2,000).
// Env: MODE (chat|pulse, default chat), SESSIONS, RATE (default 200/s), PEERS (default "ours,hive"),
// HIVE_MAX_SUBSCRIBERS, SELECT (shared|private), TEST_DATABASE_URL.
import { cpuOf, pct, sleep, rssOf, createScratchDatabase } from './scratch.js';
import { captureOutput, freePort, waitUntilServing } from './peers.js';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, randomSecret } from '../shared/config.js';
import { createPrisma } from '../shared/db/client.js';
import type { ServiceRuntime } from '../shared/runtime.js';
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { composeRuntime } from '../scripts/compose.js';
import { startAccounts } from '../subgraphs/accounts/server.js';
import { startCommunity } from '../subgraphs/community/server.js';
import { startPayments } from '../subgraphs/payments/server.js';
import { startReadings } from '../subgraphs/readings/server.js';
import { pulseSupergraph, startPulseSubgraph } from '../test/fakes/pulse-subgraph.js';
import { seedSessions, type Subscriber } from './subscriptions-data.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.SESSIONS ?? '1000').split(',').map(Number).sort((a, b) => a - b);
const MAX_SESSIONS = SIZES[SIZES.length - 1]!;
const HIVE_MAX_SUBSCRIBERS = Number(process.env.HIVE_MAX_SUBSCRIBERS ?? 2000);
const RATE = Number(process.env.RATE ?? 200);
const PEERS = (process.env.PEERS ?? 'ours,hive').split(',');

const MODE = process.env.MODE === 'pulse' ? 'pulse' : 'chat';
const SELECT = process.env.SELECT === 'private' ? 'private' : 'shared';
const CHAT_SUBSCRIPTION = `subscription Chat($sessionId: ID!) {
  sessionMessageAdded(sessionId: $sessionId) { id sessionId seq sender { id displayName } }
}`;
const CHAT_MUTATION = 'mutation Send($input: SendSessionMessageInput!) { sendSessionMessage(input: $input) { id seq } }';
const PULSE_SUBSCRIPTION = `subscription Pulse($sessionId: ID!) {
  sessionPulse(sessionId: $sessionId) { seq publishedAt viewerRole reader { id displayName } ${SELECT === 'private' ? 'client { id email }' : ''} }
}`;
const PULSE_MUTATION = 'mutation Pulse($sessionId: ID!) { pulseSession(sessionId: $sessionId) { seq publishedAt } }';
const SUBSCRIPTION = MODE === 'chat' ? CHAT_SUBSCRIPTION : PULSE_SUBSCRIPTION;


interface PulseEvent {
  data?: {
    sessionPulse?: { seq: number; publishedAt: number; viewerRole: string; reader: { displayName: string }; client?: { email: string | null } };
    sessionMessageAdded?: { id: string; sessionId: string; seq: number; sender: { id: string; displayName: string } };
  } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });
const scratch = await createScratchDatabase(base);
const { schema, url, prisma, pubsub } = scratch;
const tmp = await mkdtemp(path.join(tmpdir(), 'soulseer-subs-bench-'));
const children: ChildProcess[] = [];

try {
  console.log(`setting up ${MAX_SESSIONS} sessions (${MAX_SESSIONS} readers, ${MAX_SESSIONS} clients)…`);
  const { sessions, subscribers: allSubscribers, tokens } = await seedSessions(prisma, config.jwtSecret, MAX_SESSIONS, MODE === 'chat');

  const rt: ServiceRuntime = composeRuntime({ config, prisma, pubsub });
  const counters = new Map<string, number>();
  // MODE=chat: readings publishes each message after its transaction commits; this wrapper (bench only) stamps the
  // publish time per message id and tracks each session's last seq (waves are told apart by seq).
  const publishedAt = new Map<string, number>();
  if (MODE === 'chat') {
    const publish = pubsub.publish.bind(pubsub);
    pubsub.publish = async (topic, payload) => {
      const m = payload as { id?: string; sessionId?: string; seq?: number; senderId?: string };
      if (m && typeof m.id === 'string' && typeof m.seq === 'number' && m.sessionId && m.senderId) {
        publishedAt.set(m.id, Date.now());
        counters.set(m.sessionId, Math.max(counters.get(m.sessionId) ?? 0, m.seq));
      }
      return publish(topic, payload);
    };
  }
  // MODE=chat: each subgraph gets its own connection pool, as when each runs as its own process (scripts/services/*.ts); with one
  // shared pool, accounts' `_entities` reads queue behind readings' message transactions and the figures measure
  // the bench's pool, not the delivery path.
  const pools = MODE === 'chat' ? Array.from({ length: 4 }, () => createPrisma(url.toString(), { schema, max: 10 })) : [];
  const rtOf = (i: number): ServiceRuntime => (MODE === 'chat' ? composeRuntime({ config, prisma: pools[i]!, pubsub }) : rt);
  const accounts = await startAccounts(rtOf(0));
  const services: Array<{ close(): Promise<void> }> = [accounts];
  const supergraphPath = path.join(tmp, 'supergraph.graphql');
  let subgraphUrls: Record<string, string>;
  if (MODE === 'chat') {
    const [readings, payments, community] = await Promise.all([startReadings(rtOf(1)), startPayments(rtOf(2)), startCommunity(rtOf(3))]);
    services.push(readings, payments, community);
    subgraphUrls = { accounts: accounts.url, readings: readings.url, payments: payments.url, community: community.url };
    // The committed supergraph names the default ports; Hive routes by these URLs, so point them at this run's.
    const sdl = (await readCommittedSupergraph()).replace(
      /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
      (whole, name: string) => (subgraphUrls[name] ? `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")` : whole),
    );
    await writeFile(supergraphPath, sdl);
  } else {
    const pulse = await startPulseSubgraph(rt, sessions, {}, counters);
    services.push(pulse);
    subgraphUrls = { accounts: accounts.url, pulse: pulse.url };
    await writeFile(supergraphPath, await pulseSupergraph({ accounts: accounts.url, pulse: pulse.url }));
  }
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
    SUBGRAPHS: Object.keys(subgraphUrls).join(','),
    JWT_SECRET: config.jwtSecret,
    GATEWAY_SECRET: config.gatewaySecret,
  };

  async function startPeer(peer: string): Promise<{ child: ChildProcess; port: number; log: () => string }> {
    const port = await freePort();
    const child =
      peer.startsWith('ours')
        ? fork(path.join(here, 'subscriptions-gateway.ts'), [], { env: { ...env, PORT: String(port), EVENT_FETCH: peer === 'ours-http' ? 'http' : 'socket' }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])], stdio: 'pipe' })
        : fork(path.join(root, 'bench/node_modules/@graphql-hive/gateway/dist/bin.js'), ['supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '-c', path.join(here, 'subscriptions-hive.config.ts')], {
            env,
            execArgv: ['--import', 'tsx'],
            stdio: 'pipe',
          });
    children.push(child);
    const log = captureOutput(child);
    await waitUntilServing(port, child, peer, log);
    return { child, port, log };
  }

  async function runPeer(peer: string, SESSIONS: number) {
    const subscribers = allSubscribers.slice(0, 2 * SESSIONS);
    const { child, port, log } = await startPeer(peer);
    const wsUrl = `ws://127.0.0.1:${port}/graphql`;
    const httpUrl = `http://127.0.0.1:${port}/graphql`;
    let failedMutations = 0;
    const mutate = async (sessionId: string, token: string) => {
      try {
        const r = await fetch(httpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(
            MODE === 'chat'
              ? { query: CHAT_MUTATION, variables: { input: { sessionId, content: `bench ${peer} ${Date.now()}` } } }
              : { query: PULSE_MUTATION, variables: { sessionId } },
          ),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await r.json()) as { errors?: unknown };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      } catch (error) {
        if (failedMutations++ === 0) console.error(`[${peer}] mutation failed: ${(error as Error).message}\n${log().slice(-2000)}`);
      }
    };
    // Warm the gateway's HTTP path and plans a little before measuring its memory.
    for (let i = 1; i <= 20; i++) await mutate(`s${i}`, tokens.get(`c${i}`)!);
    await sleep(500);
    const rssBefore = await rssOf(child.pid!);
    const debug = (m: string) => process.env.BENCH_DEBUG && console.error(`[${peer}] ${m}`);
    debug('started and warmed');

    const latencies = new Map<string, number[]>();
    const received = new Map<string, number>();
    let violations = 0;
    const reasons = new Map<string, number>();
    const clients: Client[] = [];
    // Each wave sends one mutation per session, so an event belongs to a wave by its sequence number: a late event
    // of one wave is never counted in the next (nor in another peer's run).
    const base = new Map(counters);
    const waveOf = (s: Subscriber, seq: number) => ['', 'warm', 'steady', 'burst'][seq - (base.get(s.sessionId) ?? 0)] ?? '';
    const onChatEvent = (s: Subscriber, e: PulseEvent) => {
      const m = e.data?.sessionMessageAdded;
      if (!m) {
        violations++;
        const why = `no data: ${String(e.errors?.[0]?.extensions?.code ?? '')} ${String((e.errors?.[0] as { message?: string } | undefined)?.message ?? '').slice(0, 80)}`;
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
        return;
      }
      const w = waveOf(s, m.seq);
      if (!w) return;
      const sent = publishedAt.get(m.id);
      if (sent !== undefined) latencies.get(w)?.push(Date.now() - sent);
      received.set(w, (received.get(w) ?? 0) + 1);
      // Steady: the client sent it; burst: the reader did.
      const i = s.sessionId.slice(1);
      const sender = w === 'steady' ? { id: `c${i}`, displayName: `Client${i}` } : { id: `r${i}`, displayName: `Reader ${i}` };
      const ok = sent !== undefined && !e.errors && m.sessionId === s.sessionId && m.sender?.id === sender.id && m.sender?.displayName === sender.displayName;
      if (!ok) {
        violations++;
        const why = String(e.errors?.[0]?.extensions?.code ?? 'wrong data');
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    };
    const onEvent = (s: Subscriber, e: PulseEvent) => {
      if (MODE === 'chat') return onChatEvent(s, e);
      const p = e.data?.sessionPulse;
      if (!p) {
        violations++;
        const why = `no data: ${String(e.errors?.[0]?.extensions?.code ?? '')} ${String((e.errors?.[0] as { message?: string } | undefined)?.message ?? '').slice(0, 80)}`;
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
        return;
      }
      const w = waveOf(s, p.seq);
      if (!w) return;
      latencies.get(w)?.push(Date.now() - p.publishedAt);
      received.set(w, (received.get(w) ?? 0) + 1);
      const forbidden = e.errors?.[0]?.extensions?.code === 'FORBIDDEN';
      const ok =
        p.reader?.displayName === s.expectedName &&
        p.viewerRole === s.role &&
        (SELECT === 'shared' ? !e.errors : p.client?.email === s.expectedEmail && (s.role === 'CLIENT' ? !e.errors : forbidden));
      if (!ok) {
        violations++;
        const why = String(e.errors?.[0]?.extensions?.code ?? 'wrong data');
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    };
    const t0 = performance.now();
    for (let i = 0; i < subscribers.length; i += 100) {
      await Promise.all(
        subscribers.slice(i, i + 100).map(async (s) => {
          const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${s.token}` }, onNonLazyError: () => {} });
          clients.push(client);
          client.subscribe<PulseEvent['data']>({ query: SUBSCRIPTION, variables: { sessionId: s.sessionId } }, {
            next: (e) => onEvent(s, e as PulseEvent),
            error: (e) => {
              violations++;
              if (process.env.BENCH_DEBUG) console.error(peer, 'subscription error', JSON.stringify(e));
            },
            complete: () => {},
          });
        }),
      );
      // Pacing: Hive holds one subgraph listener per subscriber; ours shares one upstream stream per session between
      // its two subscribers, so at least one per session so far. Readiness is then proven by the warm-up wave.
      const until = Date.now() + 30_000;
      const wanted = peer === 'hive' ? Math.min(subscribers.length, i + 100) : new Set(subscribers.slice(0, i + 100).map((x) => x.sessionId)).size;
      while (pubsub.listenerCount() < wanted) {
        if (Date.now() > until) throw new Error(`${peer}: only ${pubsub.listenerCount()} subscriptions reached the subgraph (${violations} errors)\n${log().slice(-3000)}`);
        await sleep(10);
      }
    }
    const subscribeMs = performance.now() - t0;
    debug(`subscribed in ${subscribeMs.toFixed(0)} ms`);
    await sleep(1000);
    const rssAfter = await rssOf(child.pid!);

    const runWave = async (name: string, send: () => Promise<void>) => {
      latencies.set(name, []);
      const cpu0 = await cpuOf(child.pid!);
      const started = performance.now();
      await send();
      const deadline = Date.now() + 30_000;
      while ((received.get(name) ?? 0) + failedMutations * 2 < subscribers.length && Date.now() < deadline) await sleep(20);
      const took = performance.now() - started;
      const gatewayCpu = (await cpuOf(child.pid!)) - cpu0;
      await sleep(200);
      return { name, took, got: received.get(name) ?? 0, xs: latencies.get(name)!, gatewayCpu };
    };
    // Warm-up wave (not reported): one event per session, sent until every subscriber has it, so that every
    // subscription is live upstream before measuring (graphql-ws does not acknowledge a subscribe).
    // One message per session from its reader, `inFlight` mutations at a time.
    const everySessionAtOnce = (inFlight: number) => async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < SESSIONS) {
            const i = ++next;
            await mutate(`s${i}`, tokens.get(`r${i}`)!);
          }
        }),
      );
    };
    const warm = await runWave('warm', everySessionAtOnce(50));
    if (warm.got < subscribers.length) throw new Error(`${peer}: only ${warm.got}/${subscribers.length} subscribers received the warm-up event\n${log().slice(-3000)}`);
    debug(`warm-up wave delivered in ${warm.took.toFixed(0)} ms`);
    const steady = await runWave('steady', async () => {
      const start = performance.now();
      const sends: Promise<void>[] = [];
      for (let i = 0; i < SESSIONS; i++) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        sends.push(mutate(`s${i + 1}`, tokens.get(`c${i + 1}`)!));
      }
      await Promise.all(sends);
    });
    const burst = await runWave('burst', everySessionAtOnce(100));

    await Promise.all(clients.map((c) => c.dispose()));
    const released = await (async () => {
      const deadline = Date.now() + 10_000;
      while (pubsub.listenerCount() > 0 && Date.now() < deadline) await sleep(20);
      return pubsub.listenerCount();
    })();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    clearTimeout(killer);
    if (reasons.size) console.error(`[${peer}] wrong payloads by first error code: ${JSON.stringify(Object.fromEntries(reasons))}`);
    return { peer, subscribers: subscribers.length, subscribeMs, memPerSub: (rssAfter - rssBefore) / subscribers.length, waves: [steady, burst], violations, failedMutations, leftListeners: released };
  }

  const results = [];
  for (const size of SIZES) {
    for (const peer of PEERS) {
      if (peer === 'hive' && 2 * size > HIVE_MAX_SUBSCRIBERS) continue;
      console.log(`running ${peer} with ${2 * size} subscribers…`);
      results.push(await runPeer(peer, size));
    }
  }

  console.log(`\n${SIZES.map((n) => 2 * n).join(' / ')} subscribers over ${SIZES.join(' / ')} sessions, one event per session per wave (one delivery per subscriber per wave)`);
  console.log(
    MODE === 'chat'
      ? 'MODE=chat: readings sessionMessageAdded, each event selects sender { id displayName } (accounts)\n'
      : SELECT === 'shared'
      ? 'each event selects viewerRole (per subscriber, owning subgraph) and reader.displayName (accounts, viewer-independent)\n'
      : 'each event selects viewerRole, reader.displayName and client.email (accounts; email is visible to the client only)\n',
  );
  const rows: Array<Record<string, string | number>> = [];
  for (const r of results) {
    for (const w of r.waves) {
      rows.push({
        peer: r.peer,
        subscribers: r.subscribers,
        wave: w.name === 'steady' ? `steady ${RATE}/s` : 'burst',
        delivered: `${w.got}/${r.subscribers}`,
        'p50 ms': pct(w.xs, 50),
        'p99 ms': pct(w.xs, 99),
        'max ms': pct(w.xs, 100),
        'wave s': +(w.took / 1000).toFixed(2),
        'gateway CPU s / 1k deliveries': +((w.gatewayCpu / Math.max(1, w.got)) * 1000).toFixed(4),
      });
    }
  }
  console.table(rows);
  console.table(
    results.map((r) => ({
      peer: r.peer,
      subscribers: r.subscribers,
      'subscribe all (s)': +(r.subscribeMs / 1000).toFixed(2),
      'gateway RSS per subscription (KiB)': +(r.memPerSub / 1024).toFixed(1),
      'wrong or missing payloads': r.violations,
      'failed mutations': r.failedMutations,
      'bus listeners left after close': r.leftListeners,
    })),
  );
  const ours = [...results].reverse().find((r) => r.peer === 'ours');
  const hive = [...results].reverse().find((r) => r.peer === 'hive');
  if (ours && hive) {
    if (ours.subscribers !== hive.subscribers) console.log(`(ours at ${ours.subscribers} subscribers, hive at ${hive.subscribers})`);
    for (const i of [0, 1]) {
      const o = ours.waves[i]!;
      const h = hive.waves[i]!;
      console.log(`${o.name}: p99 ours ${pct(o.xs, 99)} ms vs hive ${pct(h.xs, 99)} ms (hive/ours ${(pct(h.xs, 99) / pct(o.xs, 99)).toFixed(2)}x); p50 ${pct(o.xs, 50)} vs ${pct(h.xs, 50)} ms`);
    }
    console.log(`memory per subscription: ours ${(ours.memPerSub / 1024).toFixed(1)} KiB vs hive ${(hive.memPerSub / 1024).toFixed(1)} KiB`);
  }
  for (const s of services) await s.close();
  for (const p of pools) await p.$disconnect();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await pubsub.close();
  await prisma.$disconnect();
  await scratch.drop();
  await rm(tmp, { recursive: true, force: true });
}

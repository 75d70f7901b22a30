// npm run bench:stream — one live stream, VIEWERS graphql-ws viewers (default 5,000) through ONE gateway
// instance, RATE gifts a second (default 20) for SECONDS (default 30), ours against Hive Gateway (the peer) on the
// same supergraph (accounts + community), the same subgraphs and the same database, in the same run.
//
// Every viewer subscribes to `streamEvents(streamId)` selecting the gift and `sender { displayName }`, a field
// owned by accounts. streamEvents is a shared subscription field: ours authorizes each viewer with a probe and
// then serves all of them from one upstream stream, completing and rendering each gift once; Hive holds one
// upstream subscription and makes one `_entities` fetch per viewer. Viewers run in their own process
// (bench/stream-viewers.ts); readiness is by warm-up gifts until every viewer has one. Each gift is a real `sendGift` mutation through the gateway under test: a gift
// row and a GIFT_PURCHASE ledger transaction (reader/platform split) committed together by payments' money port.
// Latency: from the gift's createdAt (set inside the transaction, before commit) to receipt at each viewer.
// Lost: events a viewer should have received (one per gift) but had not within DRAIN_S seconds after the last.
// Memory: gateway process RSS with all viewers subscribed minus RSS before, divided by the viewer count.
// Ledger afterwards: every transaction balanced, cached balances equal their entries, no negative wallet, one
// GIFT_PURCHASE per gift with the same amount, reader earnings = sum of reader shares.
// Growth: VIEWERS takes a list (VIEWERS=1000,5000,10000): every peer runs at each size, smallest first, and a last
// table gives p50/p99/lost and the CPU seconds of the gateway (and of the viewers' process) per 1,000 deliveries.
// Hive Gateway runs only at sizes up to HIVE_MAX_VIEWERS (default 1,000: at 5,000 it delivered 0.08%).
// PEERS may name `base`: our gateway from another checkout (BASE_DIR, e.g. a worktree of main), for an A/B of a
// gateway change in one run with the same viewers, subgraphs and database.
// Env: VIEWERS, RATE, SECONDS, DRAIN_S (default 60), PEERS (default "ours,hive"), HIVE_MAX_VIEWERS, BASE_DIR,
// CONNECT_S (default 600, to connect every viewer), TEST_DATABASE_URL / DATABASE_URL,
// BENCH_PROFILE=<dir> (CPU profile of the gateway under test), BENCH_DEBUG=1.
import { sleep, rssOf, cpuOf, createScratchDatabase } from './scratch.js';
import { captureOutput, freePort, waitUntilServing } from './peers.js';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createAccessToken } from '../shared/auth/tokens.js';
import { loadConfig, randomSecret } from '../shared/config.js';
import { createPrisma } from '../shared/db/client.js';
import type { ServiceRuntime } from '../shared/runtime.js';
import { SCHEMA_DIR } from '../gateway/supergraph.js';
import { startAccounts } from '../subgraphs/accounts/server.js';
import { startCommunity } from '../subgraphs/community/server.js';
import { composeRuntime } from '../scripts/compose.js';
import { streamLedgerReport } from './stream-ledger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.VIEWERS ?? '5000').split(',').map(Number).sort((a, b) => a - b);
const VIEWERS = SIZES[SIZES.length - 1]!;
const HIVE_MAX_VIEWERS = Number(process.env.HIVE_MAX_VIEWERS ?? 1000);
const CONNECT_S = Number(process.env.CONNECT_S ?? 600);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 30);
const DRAIN_S = Number(process.env.DRAIN_S ?? 60);
const PEERS = (process.env.PEERS ?? 'ours,hive').split(',');
const SENDERS = 60;
const GIFT_CENTS = 100;

// SENDER_NAME=0 leaves out sender.displayName (no accounts fetch): shows what the cross-subgraph part costs.
const SENDER_NAME = process.env.SENDER_NAME !== '0';
const SUBSCRIPTION = `subscription Watch($streamId: ID!) {
  streamEvents(streamId: $streamId) {
    __typename
    ... on StreamGiftEvent { id createdAt sender { id ${SENDER_NAME ? 'displayName' : ''} } gift { name priceCents } }
  }
}`;
const MUTATION = `mutation Gift($input: SendGiftInput!) { sendGift(input: $input) { replayed gift { id } } }`;

interface ViewerReport {
  delivered: number;
  wrong: number;
  errors: number;
  closedEarly: number;
  retries: number;
  closeCodes: Record<string, number>;
  firstWrong: string;
  p50: number;
  p99: number;
  max: number;
  perViewer: number[];
  giftsSeen: number; giftsShort: number; // measured gifts the viewers saw, and how many of them some viewer lacked
}

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomSecret(), GATEWAY_SECRET: randomSecret() });
const scratch = await createScratchDatabase(base);
const { schema, admin, url, prisma, pubsub } = scratch;
const runtime = composeRuntime({ config, prisma, pubsub });
const money = runtime.money;
const tmp = await mkdtemp(path.join(tmpdir(), 'soulseer-stream-bench-'));
const children: ChildProcess[] = [];

try {
  console.log(`setting up one live stream, ${VIEWERS} viewers, ${SENDERS} funded gift senders…`);
  await prisma.user.create({ data: { id: 'reader', email: 'reader@bench.dev', role: 'READER', status: 'ACTIVE', emailVerifiedAt: new Date() } });
  await prisma.reader.create({ data: { userId: 'reader', firstName: 'Luna', lastName: 'Bench', displayName: 'Luna Live', specialties: [], certifications: [], languages: ['en'], verificationDocs: [] } });
  const allIds = Array.from({ length: VIEWERS }, (_, i) => `v${i + 1}`);
  for (let i = 0; i < allIds.length; i += 1000) {
    const chunk = allIds.slice(i, i + 1000);
    await prisma.user.createMany({ data: chunk.map((id) => ({ id, email: `${id}@bench.dev`, role: 'CLIENT' as const, status: 'ACTIVE' as const, emailVerifiedAt: new Date() })) });
    await prisma.client.createMany({ data: chunk.map((id) => ({ userId: id, firstName: `Viewer ${id}` })) });
  }
  const senders = Array.from({ length: SENDERS }, (_, i) => `s${i + 1}`);
  await prisma.user.createMany({ data: senders.map((id) => ({ id, email: `${id}@bench.dev`, role: 'CLIENT' as const, status: 'ACTIVE' as const, emailVerifiedAt: new Date() })) });
  await prisma.client.createMany({ data: senders.map((id) => ({ userId: id, firstName: `Viewer ${id}` })) });
  for (const id of senders) {
    await money.adjustBalance({ userId: id, amountCents: 1_000_000, account: 'WALLET', reason: 'bench credit', idempotencyKey: `bench:${id}` }, { viewer: null, ip: null, userAgent: null });
  }
  const stream = await prisma.liveStream.create({ data: { readerId: 'reader', title: 'Bench live', category: 'tarot', status: 'LIVE', startedAt: new Date() } });
  const gift = await prisma.virtualGift.create({ data: { name: 'Rose', priceCents: GIFT_CENTS, imageUrl: 'https://cdn.example.com/rose.png' } });
  const tokens = new Map<string, string>();
  for (const id of [...allIds, ...senders]) tokens.set(id, await createAccessToken({ id, role: 'CLIENT', emailVerified: true }, config.jwtSecret, 3600));

  // Separate pools per service, as separate deployments would have (accounts' _entities reads must not starve
  // the gift transactions of connections, nor the other way round).
  const accountsPrisma = createPrisma(url.toString(), { schema, max: 10 });
  const rt: ServiceRuntime = runtime;
  const accounts = await startAccounts({ ...rt, prisma: accountsPrisma });
  const community = await startCommunity(rt);
  const sdl = async (name: string) => parse(await readFile(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
  const composed = composeServices([
    { name: 'accounts', url: accounts.url, typeDefs: await sdl('accounts') },
    { name: 'community', url: community.url, typeDefs: await sdl('community') },
  ]);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = path.join(tmp, 'supergraph.graphql');
  await writeFile(supergraphPath, composed.supergraphSdl!);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: JSON.stringify({ accounts: accounts.url, community: community.url }),
    SUBGRAPHS: 'accounts,community',
    JWT_SECRET: config.jwtSecret,
    GATEWAY_SECRET: config.gatewaySecret,
  };

  async function startPeer(peer: string): Promise<{ child: ChildProcess; port: number; log: () => string }> {
    const port = await freePort();
    const dir = peer === 'base' ? path.join(path.resolve(process.env.BASE_DIR ?? root), 'bench') : here;
    const child =
      peer === 'ours' || peer === 'base'
        ? fork(path.join(dir, 'subscriptions-gateway.ts'), [], { env: { ...env, PORT: String(port) }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])], stdio: 'pipe' })
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

  let sent = 0;
  async function runPeer(peer: string, viewerCount: number) {
    const ids = allIds.slice(0, viewerCount);
    const { child, port, log } = await startPeer(peer);
    const wsUrl = `ws://127.0.0.1:${port}/graphql`;
    const httpUrl = `http://127.0.0.1:${port}/graphql`;
    const mutationErrors: string[] = [];
    const sendGift = async (sender: string) => {
      const input = { idempotencyKey: `bench-${peer}-${++sent}-${randomBytes(4).toString('hex')}`, virtualGiftId: gift.id, readerId: 'reader', streamId: stream.id };
      let body: { errors?: unknown };
      try {
        const r = await fetch(httpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(sender)}` },
          body: JSON.stringify({ query: MUTATION, variables: { input } }),
        });
        body = (await r.json()) as { errors?: unknown };
      } catch (err) {
        body = { errors: [`${(err as Error).message}: ${String((err as { cause?: unknown }).cause)}; gateway exit code ${child.exitCode}`] };
      }
      if (body.errors) mutationErrors.push(JSON.stringify(body.errors).slice(0, 300));
      return !body.errors;
    };
    // Warm the HTTP path and plans before measuring memory (no viewers yet, so no deliveries).
    for (let i = 0; i < 5; i++) await sendGift(senders[i % SENDERS]!);
    await sleep(500);
    const rssBefore = await rssOf(child.pid!);
    const debug = (m: string) => process.env.BENCH_DEBUG && console.error(`[${peer}] ${m}`);
    debug('started and warmed');

    // The viewers run in their own process (bench/stream-viewers.ts: lean graphql-transport-ws clients), so they
    // neither slow the subgraphs in this process nor are slowed by them.
    const viewers = fork(path.join(here, 'stream-viewers.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(viewers);
    type Reply = { kind: string; n?: number; message?: string } & Partial<ViewerReport>;
    const replies: Reply[] = [];
    const waiters: Array<() => void> = [];
    viewers.on('message', (m: Reply) => {
      if (m.kind === 'failed') console.error(`${peer}: viewers failed: ${m.message}`);
      replies.push(m);
      waiters.splice(0).forEach((w) => w());
    });
    const ask = async (kind: string, reply: string, timeoutMs = 60_000): Promise<Reply> => {
      replies.length = 0;
      viewers.send({ kind });
      const until = Date.now() + timeoutMs;
      for (;;) {
        const r = replies.find((x) => x.kind === reply);
        if (r) return r;
        if (Date.now() > until) throw new Error(`${peer}: viewers did not answer ${kind}`);
        await new Promise<void>((w) => {
          const t = setTimeout(w, 200);
          waiters.push(() => {
            clearTimeout(t);
            w();
          });
        });
      }
    };
    const t0 = performance.now();
    const listenersBefore = pubsub.listenerCount();
    viewers.send({ kind: 'start', wsUrl, query: SUBSCRIPTION, variables: { streamId: stream.id }, viewers: ids.map((id) => ({ id, token: tokens.get(id)! })), senderName: SENDER_NAME });
    // Connected in steps of 100 (connection_ack received, then subscribed), as clients arriving over time would.
    const connectUntil = Date.now() + CONNECT_S * 1000;
    let shown = 0;
    while (!replies.some((r) => r.kind === 'connected' && r.n === ids.length)) {
      const n = Math.max(0, ...replies.filter((r) => r.kind === 'connected').map((r) => r.n!));
      if (n >= shown + 1000) debug(`${(shown = n)} viewers connected`);
      if (Date.now() > connectUntil || replies.some((r) => r.kind === 'failed')) throw new Error(`${peer}: the viewers did not all connect\n${log().slice(-3000)}`);
      await sleep(50);
    }
    // Subscribed: graphql-ws does not acknowledge a subscribe, so warm-up gifts (not measured) are sent until every
    // viewer has received one (ours shares one upstream stream, so the subgraph's listener count says nothing).
    const warmUntil = Date.now() + 120_000;
    for (;;) {
      const n = (await ask('warmed', 'warmed')).n!;
      if (n >= ids.length) break;
      if (Date.now() > warmUntil) throw new Error(`${peer}: only ${n}/${ids.length} viewers received the warm-up gifts\n${log().slice(-3000)}`);
      await sendGift(senders[0]!);
      await sleep(1000);
    }
    const subscribeMs = performance.now() - t0;
    const upstreamListeners = pubsub.listenerCount() - listenersBefore;
    debug(`subscribed in ${subscribeMs.toFixed(0)} ms; upstream listeners ${upstreamListeners}`);
    await sleep(1500);
    const rssAfter = await rssOf(child.pid!);

    // RATE gifts a second for SECONDS, on a fixed schedule (not waiting for answers), round-robin over senders.
    viewers.send({ kind: 'measure', from: Date.now() });
    const gatewayCpu0 = await cpuOf(child.pid!);
    const viewersCpu0 = await cpuOf(viewers.pid!);
    const localCpu0 = process.cpuUsage();
    const total = RATE * SECONDS;
    const start = performance.now();
    const sends: Promise<boolean>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 1) await sleep(wait);
      sends.push(sendGift(senders[i % SENDERS]!));
    }
    const ok = (await Promise.all(sends)).filter(Boolean).length;
    const sendMs = performance.now() - start;
    debug(`sent ${ok} gifts in ${sendMs.toFixed(0)} ms${mutationErrors[0] ? `; first error ${mutationErrors[0]}` : ''}`);
    const expected = ok * ids.length;
    const drainUntil = Date.now() + DRAIN_S * 1000;
    let progress = await ask('progress', 'progress');
    // Until every gift a viewer saw reached every viewer (a gift whose mutation timed out may still stream).
    while ((progress.delivered! + progress.wrong! < expected || progress.giftsShort! > 0) && Date.now() < drainUntil) {
      await sleep(500);
      progress = await ask('progress', 'progress');
    }
    const report = (await ask('report', 'report')) as ViewerReport;
    const gatewayCpu = child.exitCode === null ? (await cpuOf(child.pid!)) - gatewayCpu0 : NaN;
    const viewersCpu = (await cpuOf(viewers.pid!)) - viewersCpu0;
    const localCpuUs = process.cpuUsage(localCpu0);
    const localCpu = (localCpuUs.user + localCpuUs.system) / 1e6;
    const phaseS = (performance.now() - start) / 1000;
    debug(`received ${report.delivered}/${expected}; ${report.errors} subscription errors, ${report.closedEarly} sockets closed early ${JSON.stringify(report.closeCodes)}`);
    if (report.firstWrong) debug(`first wrong payload: ${report.firstWrong}`);
    if (child.exitCode !== null) console.error(`${peer} gateway exited with ${child.exitCode}:\n${log().slice(-3000)}`);
    const lost = report.perViewer.reduce((n, got) => n + Math.max(0, Math.max(ok, report.giftsSeen) - got), 0); // streamed gifts whose mutation failed count

    viewers.send({ kind: 'close' });
    await new Promise((r) => (viewers.exitCode !== null ? r(null) : viewers.once('exit', r)));
    const deadline = Date.now() + 20_000;
    while (pubsub.listenerCount() > listenersBefore && Date.now() < deadline) await sleep(20);
    const left = pubsub.listenerCount() - listenersBefore;
    debug(`released; ${left} listeners left`);
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    clearTimeout(killer);
    const { delivered, wrong, p50, p99, max } = report;
    const subscriptionErrors = report.errors + report.closedEarly;
    return {
      peer,
      viewers: ids.length,
      subscribeMs,
      upstreamListeners,
      memPerViewer: (rssAfter - rssBefore) / ids.length,
      gifts: ok,
      giftErrors: mutationErrors.length,
      firstGiftError: mutationErrors[0],
      sendMs,
      expected,
      delivered,
      lost,
      wrong,
      giftsShort: `${report.giftsShort}/${report.giftsSeen}`,
      subscriptionErrors,
      retries: report.retries,
      p50,
      p99,
      max,
      viewersCpu,
      left,
      gatewayCpu,
      localCpu,
      phaseS,
    };
  }

  const results = [];
  for (const size of SIZES) {
    for (const peer of PEERS) {
      if (peer === 'hive' && size > HIVE_MAX_VIEWERS) continue;
      console.log(`running ${peer} with ${size} viewers…`);
      results.push(await runPeer(peer, size));
    }
  }

  const ledgerLine = await streamLedgerReport(admin); // ledger invariants after every run

  console.log(`\none live stream, ${SIZES.join(' / ')} graphql-ws viewers through one gateway, ${RATE} gifts/s for ${SECONDS} s (sendGift mutations through the same gateway)`);
  console.log(
    SENDER_NAME
      ? 'each delivery selects sender.displayName from accounts (ours: one shared fetch per gift; Hive: one per viewer)\n'
      : 'SENDER_NAME=0: deliveries select only community fields (no accounts fetch)\n',
  );
  console.table(
    results.map((r) => ({
      peer: r.peer,
      viewers: r.viewers,
      'gifts ok': `${r.gifts}/${RATE * SECONDS}`,
      delivered: `${r.delivered}/${r.expected}`,
      lost: r.lost,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'max ms': r.max,
      'send s': +(r.sendMs / 1000).toFixed(1),
    })),
  );
  console.table(
    results.map((r) => ({
      peer: r.peer,
      viewers: r.viewers,
      'subscribe all (s)': +(r.subscribeMs / 1000).toFixed(1),
      'subgraph listeners': r.upstreamListeners,
      'gateway RSS per viewer (KiB)': +(r.memPerViewer / 1024).toFixed(1),
      'wrong payloads': r.wrong,
      'gifts some viewer lacked': r.giftsShort,
      'subscription errors': r.subscriptionErrors,
      'connect retries': r.retries,
      'gift errors': r.giftErrors,
      'listeners left': r.left,
      'gateway CPU s': +r.gatewayCpu.toFixed(1),
      'subgraphs CPU s': +r.localCpu.toFixed(1),
      'viewers CPU s': +r.viewersCpu.toFixed(1),
      'gift phase wall s': +r.phaseS.toFixed(1),
    })),
  );
  for (const r of results) if (r.firstGiftError) console.log(`${r.peer}: first gift error ${r.firstGiftError}`);
  console.log('\ngrowth: cost per 1,000 deliveries (CPU seconds of each process over the gift phase)');
  console.table(
    results.map((r) => ({
      peer: r.peer,
      viewers: r.viewers,
      'deliveries/s': Math.round(r.delivered / r.phaseS),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      lost: r.lost,
      'gateway CPU s / 1k deliveries': r.delivered ? +((r.gatewayCpu / r.delivered) * 1000).toFixed(4) : null,
      'viewers CPU s / 1k deliveries': r.delivered ? +((r.viewersCpu / r.delivered) * 1000).toFixed(4) : null,
    })),
  );
  for (const size of SIZES) {
    const o = results.find((r) => r.peer === 'ours' && r.viewers === size);
    const b = results.find((r) => r.peer === 'base' && r.viewers === size);
    if (o && b) console.log(`${size} viewers, ours/base: gateway CPU per delivery ${((o.gatewayCpu / o.delivered) / (b.gatewayCpu / b.delivered)).toFixed(2)}x, p99 ${(o.p99 / b.p99).toFixed(2)}x`);
  }
  const ours = [...results].reverse().find((r) => r.peer === 'ours');
  const hive = [...results].reverse().find((r) => r.peer === 'hive');
  if (ours && hive) {
    if (ours.viewers !== hive.viewers) console.log(`(ours at ${ours.viewers} viewers, hive at ${hive.viewers})`);
    console.log(`p99: ours ${ours.p99} ms vs hive ${hive.p99} ms (hive/ours ${(hive.p99 / ours.p99).toFixed(2)}x); p50 ${ours.p50} vs ${hive.p50} ms`);
    console.log(`memory per viewer: ours ${(ours.memPerViewer / 1024).toFixed(1)} KiB vs hive ${(hive.memPerViewer / 1024).toFixed(1)} KiB`);
  }
  console.log(ledgerLine);
  await accounts.close();
  await community.close();
  await accountsPrisma.$disconnect();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await pubsub.close();
  await prisma.$disconnect();
  await scratch.drop();
  await rm(tmp, { recursive: true, force: true });
}

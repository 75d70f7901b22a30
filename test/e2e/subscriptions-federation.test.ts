import { randomBytes } from 'node:crypto';
import { parse, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import type { SubscriptionLimits } from '../../gateway/subscription-limits.js';
import type { SubgraphName } from '../../gateway/supergraph.js';
import { composeRuntime } from '../../scripts/compose.js';
import { createPubSub, type PubSub } from '../../shared/pubsub.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import type { RunningServer } from '../../shared/server/subgraph.js';
import { startAccounts } from '../../subgraphs/accounts/server.js';
import { SubsReaderStatusDocument, SubsSetReaderStatusDocument } from '../generated/graphql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { postGraphQL, testConfig } from '../helpers/federation.js';
import { pulseSupergraph, startPulseSubgraph, type PulseSession } from '../fakes/pulse-subgraph.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type TestUser } from '../helpers/seed.js';

// The pulse test subgraph owns `sessionPulse`, whose payload selects Reader and User fields owned by accounts:
// every event is completed with an `_entities` fetch to accounts, as that viewer.
interface PulseData {
  sessionPulse: { seq: number; reader: { id: string; displayName: string }; client: { id: string; email: string | null } };
}
const SessionPulseDocument = parse(/* GraphQL */ `
  subscription SessionPulse($sessionId: ID!) {
    sessionPulse(sessionId: $sessionId) {
      seq
      reader {
        id
        displayName
      }
      client {
        id
        email
      }
    }
  }
`) as TypedDocumentNode<PulseData, { sessionId: string }>;
const PULSE = 'mutation Pulse($sessionId: ID!) { pulseSession(sessionId: $sessionId) { seq publishedAt } }';

interface Stack {
  rt: ServiceRuntime;
  accounts: RunningServer;
  pulse: RunningServer;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

let db: TestDatabase;
const sessions = new Map<string, PulseSession>();
const sockets: WsClient[] = [];
const stacks: Stack[] = [];
const extraPubsubs: PubSub[] = [];

async function startStack(pubsub: PubSub, limits: Partial<SubscriptionLimits> = {}, ports: { pulse?: number } = {}): Promise<Stack> {
  // Every stack shares the first one's secrets (testConfig makes new ones each call): one user's token works on all.
  const rt: ServiceRuntime = composeRuntime({ config: stacks[0]?.rt.config ?? testConfig(), prisma: db.prisma, pubsub });
  const accounts = await startAccounts(rt);
  const pulse = await startPulseSubgraph(rt, sessions, { port: ports.pulse });
  const gateway = await startGateway({
    supergraphSdl: await pulseSupergraph({ accounts: accounts.url, pulse: pulse.url }),
    subgraphUrls: { accounts: accounts.url, pulse: pulse.url } as unknown as Record<SubgraphName, string>,
    jwtSecret: rt.config.jwtSecret,
    gatewaySecret: rt.config.gatewaySecret,
    subscriptionLimits: limits,
  });
  const stack: Stack = {
    rt,
    accounts,
    pulse,
    gateway,
    async stop() {
      await gateway.close();
      await Promise.all([accounts.close(), stack.pulse.close()]);
    },
  };
  stacks.push(stack);
  return stack;
}

let reader: TestUser;
let client: TestUser;
let stranger: TestUser;
let sessionId: string;
let main: Stack;
const open = (s: Stack, token?: string | null) => {
  const ws = connect(s.gateway.wsUrl, token);
  sockets.push(ws);
  return ws;
};
const pulse = (s: Stack, token: string) => postGraphQL<{ pulseSession: { seq: number } }>(s.gateway.url, { query: PULSE, variables: { sessionId } }, token);

beforeAll(async () => {
  db = await createTestDatabase();
  const pubsub = createPubSub({ prefix: `${db.schema}:` });
  extraPubsubs.push(pubsub);
  main = await startStack(pubsub);
  const seed = createSeed({ prisma: db.prisma, jwtSecret: main.rt.config.jwtSecret });
  [reader, client, stranger] = await Promise.all([
    seed.reader().named('sage').create(),
    seed.client().named('jordan').create(),
    seed.client().named('eve').create(),
  ]);
  sessionId = `s-${randomBytes(4).toString('hex')}`;
  sessions.set(sessionId, { readerId: reader.id, clientId: client.id });
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  for (const s of stacks.reverse()) await s.stop().catch(() => {});
  await Promise.all(extraPubsubs.map((p) => p.close()));
  await db?.drop();
});

describe('cross-subgraph event payloads', () => {
  it.each(['socket', 'http'] as const)('completes each event with fields from accounts, fetched as each subscriber (eventFetch %s)', async (eventFetch) => {
    const s = eventFetch === 'socket' ? main : await startStack(main.rt.pubsub, { eventFetch });
    const before = main.rt.pubsub.listenerCount();
    const asClient = subscribe(open(s, client.token), SessionPulseDocument, { sessionId });
    const asReader = subscribe(open(s, reader.token), SessionPulseDocument, { sessionId });
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before + 2);

    const res = await pulse(s, client.token);
    expect(res.errors).toBeUndefined();
    const seq = res.data!.pulseSession.seq;
    const c = await asClient.next();
    const r = await asReader.next();
    expect(c).toEqual({
      data: { sessionPulse: { seq, reader: { id: reader.id, displayName: reader.displayName }, client: { id: client.id, email: client.email } } },
    });
    // The reader may not read the client's email: the _entities fetch ran with the reader's identity.
    expect(r.data!.sessionPulse).toEqual({ seq, reader: { id: reader.id, displayName: reader.displayName }, client: { id: client.id, email: null } });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    asClient.stop();
    asReader.stop();
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before);
  });

  it('shares an accounts answer between viewers only when accounts says no resolver read the viewer', async () => {
    const NameOnly = parse(
      'subscription P($sessionId: ID!) { sessionPulse(sessionId: $sessionId) { seq viewerRole reader { id displayName } } }',
    ) as TypedDocumentNode<{ sessionPulse: { seq: number; viewerRole: string; reader: { id: string; displayName: string } } }, { sessionId: string }>;
    const queries = () => main.gateway.subscriptions.stats().upstreamQueries.accounts ?? 0;
    const before = main.rt.pubsub.listenerCount();

    // The plan fetches reader {…} and client {…} from accounts in two fetches. client.email reads the viewer:
    // that fetch is made for each subscriber, every time (each sees only its own answer); reader.displayName
    // does not, so concurrent identical fetches of it may be shared.
    const privC = subscribe(open(main, client.token), SessionPulseDocument, { sessionId });
    const privR = subscribe(open(main, reader.token), SessionPulseDocument, { sessionId });
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before + 2);
    let q0 = queries();
    for (let i = 0; i < 3; i++) {
      await pulse(main, client.token);
      expect((await privC.next()).data!.sessionPulse.client.email).toBe(client.email);
      expect((await privR.next()).data!.sessionPulse.client.email).toBeNull();
    }
    expect(queries() - q0).toBeGreaterThanOrEqual(9);
    expect(queries() - q0).toBeLessThanOrEqual(12);
    privC.stop();
    privR.stop();
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before);

    // Viewer-independent selection (reader.displayName): concurrent identical fetches are merged across viewers,
    // while the owning subgraph's own fields stay per subscriber (viewerRole).
    const subs = [client, reader, client, reader].map((u) => ({ u, s: subscribe(open(main, u.token), NameOnly, { sessionId }) }));
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before + 4);
    q0 = queries();
    for (let i = 0; i < 3; i++) {
      await pulse(main, reader.token);
      for (const { u, s } of subs) {
        const e = await s.next();
        expect(e.errors).toBeUndefined();
        expect(e.data!.sessionPulse).toMatchObject({ viewerRole: u === client ? 'CLIENT' : 'READER', reader: { id: reader.id, displayName: reader.displayName } });
      }
    }
    expect(queries() - q0).toBeLessThan(12);
    subs.forEach(({ s }) => s.stop());
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === before);
  });

  it('refuses a non-participant with FORBIDDEN from the owning subgraph and leaves nothing open', async () => {
    const sub = subscribe(open(main, stranger.token), SessionPulseDocument, { sessionId });
    const first = await sub.next();
    expect(first.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await sub.done;
    expect(main.rt.pubsub.listenerCount()).toBe(0);
    await eventually(() => main.gateway.subscriptions.stats(), (s) => s.operations === 0 && s.upstreamOperations.pulse === 0);
  });
});

describe('a subgraph restart', () => {
  it('recovers the subscription when the subgraph comes back, then delivers new events', async () => {
    const sub = subscribe(open(main, client.token), SessionPulseDocument, { sessionId });
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === 1);
    const port = main.pulse.port;
    await main.pulse.close();
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === 0);
    main.pulse = await startPulseSubgraph(main.rt, sessions, { port });
    // The gateway resubscribes on the new instance with a freshly signed identity.
    await eventually(() => main.rt.pubsub.listenerCount(), (n) => n === 1, 8000);
    const res = await pulse(main, reader.token);
    expect(res.errors).toBeUndefined();
    const e = await sub.next();
    expect(e.data!.sessionPulse.seq).toBe(res.data!.pulseSession.seq);
    expect(e.data!.sessionPulse.reader.displayName).toBe(reader.displayName);
    sub.stop();
  });

  it('ends the subscription with a clear error when the subgraph stays down past the recovery window', async () => {
    const pubsub = createPubSub({ prefix: `${db.schema}:down:` });
    extraPubsubs.push(pubsub);
    const s = await startStack(pubsub, { recoveryWindowMs: 800 });
    const sub = subscribe(open(s, client.token), SessionPulseDocument, { sessionId });
    await eventually(() => pubsub.listenerCount(), (n) => n === 1);
    const started = Date.now();
    await s.pulse.close();
    const e = await sub.next(8000);
    expect(e.errors?.[0]).toMatchObject({
      message: 'The pulse service is unavailable, so this subscription has ended. Subscribe again.',
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE', service: 'pulse', retryAfterSeconds: 1 },
    });
    await sub.done;
    expect(Date.now() - started).toBeLessThan(6000);
    expect(s.gateway.subscriptions.stats()).toMatchObject({ operations: 0, upstreamOperations: { pulse: 0 } });
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.runIf(!!redisUrl)('two gateways and two subgraph instances on one Redis', () => {
  it('a mutation through one instance reaches a subscriber connected through the other', async () => {
    const prefix = `${db.schema}:${randomBytes(3).toString('hex')}:`;
    const busA = createPubSub({ redisUrl, prefix });
    const busB = createPubSub({ redisUrl, prefix });
    extraPubsubs.push(busA, busB);
    const a = await startStack(busA);
    const b = await startStack(busB);

    const status = subscribe(open(b, client.token), SubsReaderStatusDocument, { readerIds: [reader.id] });
    const pulses = subscribe(open(b, client.token), SessionPulseDocument, { sessionId });
    await eventually(() => busB.listenerCount(), (n) => n === 2);
    expect(busA.listenerCount()).toBe(0);

    const set = await postGraphQL(a.gateway.url, { query: print(SubsSetReaderStatusDocument), variables: { status: 'ONLINE' } }, reader.token);
    expect(set.errors).toBeUndefined();
    const res = await pulse(a, reader.token);
    expect(res.errors).toBeUndefined();

    const e1 = await status.next();
    expect(e1.data!.readerStatusChanged).toEqual({ id: reader.id, status: 'ONLINE', displayName: reader.displayName });
    const e2 = await pulses.next();
    expect(e2.data!.sessionPulse).toMatchObject({ seq: res.data!.pulseSession.seq, client: { id: client.id, email: client.email } });

    status.stop();
    pulses.stop();
    await eventually(() => busB.listenerCount(), (n) => n === 0);
  });
});

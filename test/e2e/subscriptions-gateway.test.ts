import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { SubsReaderStatusDocument, SubsReaderStatusWithEmailDocument, SubsSetReaderStatusDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type TestUser } from '../helpers/seed.js';

let fed: TestFederation;
let reader: TestUser;
let otherReader: TestUser;
let client: TestUser;
const sockets: WsClient[] = [];
const open = (token?: string | null, params?: Record<string, unknown>) => {
  const ws = connect(fed.gateway.wsUrl, token, params);
  sockets.push(ws);
  return ws;
};
const stats = () => fed.gateway.subscriptions.stats();

beforeAll(async () => {
  fed = await startTestFederation();
  const seed = createSeed(fed);
  [reader, otherReader, client] = await Promise.all([
    seed.reader().named('luna').create(),
    seed.reader().named('orion').create(),
    seed.client().named('casey').create(),
  ]);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

describe('graphql-ws on the gateway: connection_init authentication', () => {
  it('closes with 4401 and a reason when the token is forged', async () => {
    const forged = await createAccessToken({ id: client.id, role: 'ADMIN' }, 'not-the-secret-at-all-not-the-secret', 900);
    const ws = open(forged);
    const closed = await ws.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/access token is invalid/);
  });

  it('closes with 4401 and says so when the token has expired', async () => {
    const expired = await createAccessToken({ id: client.id, role: 'CLIENT' }, fed.runtime.config.jwtSecret, -10);
    const closed = await open(expired).closed;
    expect(closed).toEqual({ code: 4401, reason: 'Unauthorized: the access token has expired.' });
  });

  it('closes with 4401 when authorization is not a Bearer string', async () => {
    const closed = await open(null, { authorization: 42 }).closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/Bearer/);
  });
});

describe('readerStatusChanged through the gateway', () => {
  it('delivers the filtered reader\'s change (commit, then event) and nothing about other readers', async () => {
    const ws = open(client.token);
    const sub = subscribe(ws, SubsReaderStatusDocument, { readerIds: [reader.id] });
    await eventually(() => stats().upstreamOperations.accounts ?? 0, (n) => n >= 1);
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);

    const other = await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, otherReader.token);
    expect(other.errors).toBeUndefined();
    const mine = await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, reader.token);
    expect(mine.errors).toBeUndefined();

    const event = await sub.next();
    expect(event).toEqual({ data: { readerStatusChanged: { id: reader.id, status: 'ONLINE', displayName: reader.displayName } } });
    // The status the event reports is the committed one.
    const row = await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } });
    expect(row.status).toBe('ONLINE');
    await new Promise((r) => setTimeout(r, 150));
    expect(sub.events).toHaveLength(1);
    sub.stop();
  });

  it('runs each event as its own viewer: the reader sees their email, a client sees FORBIDDEN for it', async () => {
    const asReader = subscribe(open(reader.token), SubsReaderStatusWithEmailDocument, { readerIds: [reader.id] });
    const asClient = subscribe(open(client.token), SubsReaderStatusWithEmailDocument, { readerIds: [reader.id] });
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 2);

    await fed.run(SubsSetReaderStatusDocument, { status: 'AWAY' }, reader.token);
    const r = await asReader.next();
    const c = await asClient.next();
    expect(r.errors).toBeUndefined();
    expect(r.data!.readerStatusChanged).toEqual({ id: reader.id, status: 'AWAY', user: { id: reader.id, email: reader.email } });
    expect(c.data!.readerStatusChanged.user.email).toBeNull();
    expect(c.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    asReader.stop();
    asClient.stop();
  });

  it('refuses an invalid subscription with a validation error and opens nothing upstream', async () => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const ws = open(client.token);
    const errors = await new Promise<unknown>((resolve) => {
      ws.client.subscribe({ query: 'subscription { readerStatusChanged { nope } }' }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    expect((errors as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(fed.pubsub.listenerCount()).toBe(0);
  });
});

describe('queries and mutations on the socket', () => {
  it('plans and runs them as the connection\'s viewer', async () => {
    const ws = open(reader.token);
    const run = (query: string, variables: Record<string, unknown>) =>
      new Promise<unknown>((resolve, reject) => {
        let last: unknown;
        ws.client.subscribe({ query, variables }, { next: (v) => (last = v), error: reject, complete: () => resolve(last) });
      });
    const res = await run(print(SubsSetReaderStatusDocument), { status: 'OFFLINE' });
    expect(res).toEqual({ data: { setReaderStatus: { id: reader.id, status: 'OFFLINE' } } });
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('OFFLINE');
    // As an anonymous connection the same mutation is refused by the subgraph and changes nothing.
    const anon = connect(fed.gateway.wsUrl);
    sockets.push(anon);
    const refused = await new Promise<{ errors?: Array<{ extensions?: { code?: string } }> }>((resolve, reject) => {
      let last: unknown;
      anon.client.subscribe({ query: print(SubsSetReaderStatusDocument), variables: { status: 'ONLINE' } }, { next: (v) => (last = v), error: reject, complete: () => resolve(last as never) });
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('OFFLINE');
    await eventually(() => stats().operations, (n) => n === 0);
  });
});

describe('releasing everything upstream', () => {
  it('closing client sockets ends every upstream operation and bus listener at once', async () => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const a = open(client.token);
    const b = open(reader.token);
    const subs = [
      ...Array.from({ length: 6 }, () => subscribe(a, SubsReaderStatusDocument, { readerIds: [reader.id] })),
      ...Array.from({ length: 4 }, () => subscribe(b, SubsReaderStatusDocument, {})),
    ];
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 10);
    expect(stats()).toMatchObject({ operations: 10, upstreamOperations: { accounts: 10 }, upstreamSockets: { accounts: true } });

    // One operation completed by the client releases exactly one upstream operation and listener.
    subs[0]!.stop();
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 9);
    expect(stats().upstreamOperations.accounts).toBe(9);

    // Closing the sockets (no complete messages) releases the rest, and the upstream socket closes too.
    a.client.terminate();
    b.client.terminate();
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    await eventually(() => stats(), (s) => s.operations === 0 && s.upstreamOperations.accounts === 0 && s.upstreamSockets.accounts === false);
  });
});

describe('subscription floods', () => {
  it('answers RATE_LIMITED past the per-connection limit and keeps the connection and the others working', async () => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const ws = open(client.token);
    const subs = Array.from({ length: 50 }, () => subscribe(ws, SubsReaderStatusDocument, { readerIds: [reader.id] }));
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 50);
    const refused = await new Promise<Array<{ message: string; extensions: { code: string } }>>((resolve) => {
      ws.client.subscribe({ query: 'subscription { readerStatusChanged { id } }' }, { next: () => {}, error: (e) => resolve(e as never), complete: () => {} });
    });
    expect(refused[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(refused[0]!.message).toMatch(/At most 50 operations/);
    expect(fed.pubsub.listenerCount()).toBe(50);

    await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, reader.token);
    const got = await Promise.all(subs.map((s) => s.next()));
    expect(got.every((e) => e.data?.readerStatusChanged.id === reader.id)).toBe(true);
    subs.forEach((s) => s.stop());
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
  });
});

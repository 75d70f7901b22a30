import { randomBytes } from 'node:crypto';
import { parse, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestFederation, postGraphQL, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type Subscription, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// Every subscription event is resolved from the state at that event, not from a cache that lives as long as the
// subscription: each field of the four subgraphs goes through at least three consecutive changes, through the
// gateway over graphql-ws, and every event must show the state it announces — including fields another subgraph
// resolves (a display name changed between two events, a reader's gift totals).

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
let giftId: string;
const sockets: WsClient[] = [];
const opened: Array<Subscription<Data>> = [];
const open = (token: string | null) => {
  const ws = connect(fed.gateway.wsUrl, token);
  sockets.push(ws);
  return ws;
};
const gql = async <R = unknown>(query: string, variables: Record<string, unknown>, token: string): Promise<R> => {
  const r = await postGraphQL<R>(fed.url, { query, variables }, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
const doc = (query: string) => parse(query) as TypedDocumentNode<Data, Record<string, unknown>>;
/** Opens a subscription and waits until its subgraph listens (listener count up by `listeners`). */
async function listen(token: string | null, query: string, variables: Record<string, unknown> = {}, listeners = 1): Promise<Subscription<Data>> {
  const before = fed.pubsub.listenerCount();
  const sub = subscribe(open(token), doc(query), variables);
  opened.push(sub);
  await eventually(() => fed.pubsub.listenerCount(), (n) => n >= before + listeners);
  return sub;
}
/** The next event that passes `pick` (others skipped), checked to carry no error. */
async function nextWhere(sub: Subscription<Data>, pick: (data: Data) => boolean = () => true): Promise<Data> {
  for (;;) {
    const e: ExecutionResult<Data> = await sub.next();
    expect(e.errors).toBeUndefined();
    if (pick(e.data)) return e.data;
  }
}
const renameReader = (u: TestUser, displayName: string) => fed.db.prisma.reader.update({ where: { userId: u.id }, data: { displayName } });
const renameClient = (u: TestUser, firstName: string) => fed.db.prisma.client.update({ where: { userId: u.id }, data: { firstName, lastName: null } });
const soon = () => new Date(Date.now() + 3600_000).toISOString();
const setStatus = (reader: TestUser, status: string) => gql('mutation($s: ReaderStatus!) { setReaderStatus(status: $s) { id } }', { s: status }, reader.token);
const schedule = async (reader: TestUser, title: string) =>
  (await gql<Data>('mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }', { input: { title, category: 'tarot', scheduledAt: soon(), visibility: 'PUBLIC' } }, reader.token)).scheduleLiveStream.id as string;
const start = (reader: TestUser, id: string) => gql('mutation($id: ID!) { startLiveStream(streamId: $id) { id } }', { id }, reader.token);
const end = (reader: TestUser, id: string) => gql('mutation($id: ID!) { endLiveStream(streamId: $id) { id } }', { id }, reader.token);
const gift = (from: TestUser, reader: TestUser, streamId: string) =>
  gql('mutation($input: SendGiftInput!) { sendGift(input: $input) { replayed } }', { input: { idempotencyKey: `gift-${randomBytes(6).toString('hex')}`, virtualGiftId: giftId, readerId: reader.id, streamId } }, from.token);
const requestSession = async (client: TestUser, reader: TestUser) =>
  (await gql<Data>('mutation($input: RequestSessionInput!) { requestSession(input: $input) { id } }', { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).requestSession.id as string;
const transition = (name: string, id: string, who: TestUser) => gql(`mutation($id: ID!) { ${name}(sessionId: $id) { id } }`, { id }, who.token);

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
  giftId = (await gql<Data>('mutation($input: CreateVirtualGiftInput!) { createVirtualGift(input: $input) { id } }', { input: { name: `Star ${randomBytes(3).toString('hex')}`, priceCents: 100, imageUrl: 'https://cdn.example.com/star.png' } }, admin.token)).createVirtualGift.id;
});
// Every test starts with nothing listening, so counting new listeners is meaningful.
const settled = () => eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
beforeEach(settled);
afterEach(() => opened.splice(0).forEach((s) => s.stop()));
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

describe('every subscription event shows the state at that event (through the gateway)', () => {
  it('readerStatusChanged: AWAY → ONLINE → BUSY → ONLINE → OFFLINE, with the name and (for the reader) gift totals of each moment', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const streamId = await schedule(reader, 'Presence check');
    await start(reader, streamId);
    const asClient = await listen(client.token, 'subscription($ids: [ID!]) { readerStatusChanged(readerIds: $ids) { id status displayName } }', { ids: [reader.id] });
    const asReader = await listen(reader.token, 'subscription($ids: [ID!]) { readerStatusChanged(readerIds: $ids) { status giftTotals { giftCount } } }', { ids: [reader.id] });

    const steps: Array<[string, () => Promise<unknown>]> = [
      ['AWAY', () => setStatus(reader, 'AWAY')],
      ['ONLINE', () => setStatus(reader, 'ONLINE')],
      ['BUSY', () => requestSession(client, reader).then((id) => transition('declineSession', id, reader).then(() => id))],
      ['OFFLINE', () => setStatus(reader, 'OFFLINE')],
      ['ONLINE', () => setStatus(reader, 'ONLINE')],
    ];
    for (const [n, [status, change]] of steps.entries()) {
      await renameReader(reader, `Luna ${n}`);
      await gift(client, reader, streamId);
      await change();
      const expected = status === 'BUSY' ? ['BUSY', 'ONLINE'] : [status];
      for (const s of expected) {
        expect(await nextWhere(asClient)).toEqual({ readerStatusChanged: { id: reader.id, status: s, displayName: `Luna ${n}` } });
        expect(await nextWhere(asReader)).toEqual({ readerStatusChanged: { status: s, giftTotals: { giftCount: n + 1 } } });
      }
    }
    asClient.stop();
    asReader.stop();
  });

  it('favoriteReaderOnline: three comings online, each with the reader\'s name at that moment', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().create();
    await gql('mutation($id: ID!) { favoriteReader(readerId: $id, notifyOnline: true) { id } }', { id: reader.id }, client.token);
    const sub = await listen(client.token, 'subscription { favoriteReaderOnline { id status displayName } }');
    for (const n of [1, 2, 3]) {
      await setStatus(reader, 'OFFLINE');
      await renameReader(reader, `Orion ${n}`);
      await setStatus(reader, 'ONLINE');
      expect(await nextWhere(sub)).toEqual({ favoriteReaderOnline: { id: reader.id, status: 'ONLINE', displayName: `Orion ${n}` } });
    }
    sub.stop();
  });

  it('favoriteReaderWentLive and liveStreamsChanged: three streams, each event with that stream and that moment\'s state', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().create();
    await gql('mutation($id: ID!) { favoriteReader(readerId: $id, notifyOnline: true) { id } }', { id: reader.id }, client.token);
    const live = await listen(client.token, 'subscription { favoriteReaderWentLive { streamId title reader { displayName } stream { id status title } } }');
    const changes = await listen(null, 'subscription { liveStreamsChanged { id status title viewerCount } }');
    for (const n of [1, 2, 3]) {
      await renameReader(reader, `Sage ${n}`);
      const id = await schedule(reader, `Stream number ${n}`);
      const mine = (d: Data) => d.liveStreamsChanged.id === id;
      expect(await nextWhere(changes, mine)).toEqual({ liveStreamsChanged: { id, status: 'SCHEDULED', title: `Stream number ${n}`, viewerCount: 0 } });
      await start(reader, id);
      expect(await nextWhere(changes, mine)).toMatchObject({ liveStreamsChanged: { status: 'LIVE' } });
      expect(await nextWhere(live)).toEqual({
        favoriteReaderWentLive: { streamId: id, title: `Stream number ${n}`, reader: { displayName: `Sage ${n}` }, stream: { id, status: 'LIVE', title: `Stream number ${n}` } },
      });
      await gql('mutation($id: ID!) { joinLiveStream(streamId: $id) { id } }', { id }, client.token);
      await end(reader, id);
      expect(await nextWhere(changes, mine)).toMatchObject({ liveStreamsChanged: { status: 'ENDED', viewerCount: 0 } });
    }
    live.stop();
    changes.stop();
  });

  it('streamUpdated and streamEvents: viewer counts 1, 2, 3 and gifts whose sender names change in between', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const viewers = await Promise.all([1, 2, 3].map(() => seed.client().withCredit(1000).create()));
    const id = await schedule(reader, 'Counting viewers');
    await start(reader, id);
    const updated = await listen(null, 'subscription($id: ID!) { streamUpdated(streamId: $id) { id status viewerCount } }', { id });
    const events = await listen(viewers[0]!.token, 'subscription($id: ID!) { streamEvents(streamId: $id) { __typename ... on StreamGiftEvent { sender { id displayName } } } }', { id });
    for (const [n, viewer] of viewers.entries()) {
      await gql('mutation($id: ID!) { joinLiveStream(streamId: $id) { id } }', { id }, viewer.token);
      expect(await nextWhere(updated)).toEqual({ streamUpdated: { id, status: 'LIVE', viewerCount: n + 1 } });
      await renameClient(viewers[0]!, `Iris${n}`);
      await gift(viewers[0]!, reader, id);
      expect(await nextWhere(events)).toEqual({ streamEvents: { __typename: 'StreamGiftEvent', sender: { id: viewers[0]!.id, displayName: `Iris${n}` } } });
    }
    await end(reader, id);
    expect(await nextWhere(updated)).toMatchObject({ streamUpdated: { status: 'ENDED' } });
    updated.stop();
    events.stop();
  });

  it('incomingSessionRequests, sessionUpdated and sessionMessageAdded: each event with its session, status and names', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const requests = await listen(reader.token, 'subscription { incomingSessionRequests { id status client { id displayName } } }');
    let sessionId = '';
    for (const n of [1, 2, 3]) {
      await renameClient(client, `Rowan${n}`);
      sessionId = await requestSession(client, reader);
      expect(await nextWhere(requests)).toEqual({ incomingSessionRequests: { id: sessionId, status: 'REQUESTED', client: { id: client.id, displayName: `Rowan${n}` } } });
      if (n < 3) await transition('declineSession', sessionId, reader);
    }
    requests.stop();
    await settled();

    const updates = await listen(client.token, 'subscription($id: ID!) { sessionUpdated(sessionId: $id) { kind status session { id status reader { displayName } } } }', { id: sessionId });
    const steps: Array<[string, TestUser, string, string]> = [
      ['acceptSession', reader, 'ACCEPTED', 'ACCEPTED'],
      ['joinSession', client, 'JOINED', 'ACCEPTED'],
      ['joinSession', reader, 'STARTED', 'IN_PROGRESS'],
    ];
    for (const [n, [mutation, who, kind, status]] of steps.entries()) {
      await renameReader(reader, `Nova ${n}`);
      await transition(mutation, sessionId, who);
      const e = await nextWhere(updates, (d) => d.sessionUpdated.kind === kind);
      expect(e).toEqual({ sessionUpdated: { kind, status, session: { id: sessionId, status, reader: { displayName: `Nova ${n}` } } } });
    }

    const chat = await listen(reader.token, 'subscription($id: ID!) { sessionMessageAdded(sessionId: $id) { seq content sender { id displayName } } }', { id: sessionId });
    for (const n of [1, 2, 3]) {
      await renameClient(client, `Chat${n}`);
      await gql('mutation($input: SendSessionMessageInput!) { sendSessionMessage(input: $input) { id } }', { input: { sessionId, content: `message ${n}` } }, client.token);
      expect(await nextWhere(chat)).toMatchObject({ sessionMessageAdded: { content: `message ${n}`, sender: { id: client.id, displayName: `Chat${n}` } } });
    }
    chat.stop();

    await renameReader(reader, 'Nova end');
    await transition('endSession', sessionId, client);
    expect(await nextWhere(updates, (d) => d.sessionUpdated.kind === 'ENDED')).toMatchObject({ sessionUpdated: { status: 'COMPLETED', session: { status: 'COMPLETED', reader: { displayName: 'Nova end' } } } });
    updates.stop();
  });

  it('walletUpdated: three movements, each with the balance and transaction it made', async () => {
    const client = await seed.client().create();
    const sub = await listen(client.token, 'subscription { walletUpdated { balanceCents transaction { id type amountCents } } }');
    let balance = 0;
    for (const cents of [700, 300, 1200]) {
      await seed.credit(client, cents);
      balance += cents;
      const e = await nextWhere(sub);
      expect(e.walletUpdated).toMatchObject({ balanceCents: balance, transaction: { type: 'ADJUSTMENT', amountCents: cents } });
    }
    sub.stop();
  });

  it('messageReceived and conversationUpdated: each message, unread count and last message as of that event', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().create();
    const send = async (from: TestUser, to: TestUser, content: string) =>
      (await gql<Data>('mutation($input: SendMessageInput!) { sendMessage(input: $input) { id conversationId } }', { input: { recipientId: to.id, content } }, from.token)).sendMessage;
    const first = await send(client, reader, 'hello 0');
    const conversationId = first.conversationId as string;
    const received = await listen(reader.token, 'subscription { messageReceived { content isRead sender { id displayName } } }');
    const updates = await listen(reader.token, 'subscription($id: ID) { conversationUpdated(conversationId: $id) { kind conversation { id unreadCount lastMessage { content } } } }', { id: conversationId });
    for (const n of [1, 2, 3]) {
      await renameClient(client, `Casey${n}`);
      await send(client, reader, `hello ${n}`);
      expect(await nextWhere(received)).toEqual({ messageReceived: { content: `hello ${n}`, isRead: false, sender: { id: client.id, displayName: `Casey${n}` } } });
      expect(await nextWhere(updates)).toEqual({ conversationUpdated: { kind: 'NEW_MESSAGE', conversation: { id: conversationId, unreadCount: n + 1, lastMessage: { content: `hello ${n}` } } } });
    }
    await gql('mutation($id: ID!) { markConversationRead(conversationId: $id) { id } }', { id: conversationId }, reader.token);
    expect(await nextWhere(updates)).toEqual({ conversationUpdated: { kind: 'READ', conversation: { id: conversationId, unreadCount: 0, lastMessage: { content: 'hello 3' } } } });
    await send(reader, client, 'answer');
    expect(await nextWhere(updates)).toEqual({ conversationUpdated: { kind: 'NEW_MESSAGE', conversation: { id: conversationId, unreadCount: 0, lastMessage: { content: 'answer' } } } });
    received.stop();
    updates.stop();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, postGraphQL, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type TestUser } from '../helpers/seed.js';

// Every subscription field of the four subgraphs checks who subscribes when they subscribe, through the gateway
// over graphql-ws: anonymous → UNAUTHENTICATED, wrong role → FORBIDDEN, someone else's session, conversation or
// stream → FORBIDDEN / NOT_FOUND. A refused subscription leaves nothing listening (and never crashes as INTERNAL).

let fed: TestFederation;
let reader: TestUser;
let premiumReader: TestUser;
let client: TestUser;
let stranger: TestUser;
let admin: TestUser;
let sessionId: string;
let conversationId: string;
let privateStreamId: string;
let premiumStreamId: string;
const sockets: WsClient[] = [];
const open = (token: string | null) => {
  const ws = connect(fed.gateway.wsUrl, token);
  sockets.push(ws);
  return ws;
};
const gql = async <R>(query: string, variables: Record<string, unknown>, token: string) => {
  const r = await postGraphQL<R>(fed.url, { query, variables }, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
};
const stats = () => fed.gateway.subscriptions.stats();

interface Answer {
  kind: 'next' | 'error' | 'complete' | 'open';
  codes: string[];
  messages: string[];
}

/** The first thing the gateway answers to a subscription (`open`: nothing within `waitMs`, it is listening). */
function firstAnswer(ws: WsClient, query: string, variables: Record<string, unknown> = {}, waitMs = 3000): Promise<Answer & { stop(): void }> {
  return new Promise((resolve) => {
    let stop = () => {};
    const done = (kind: Answer['kind'], errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> = []) => {
      clearTimeout(timer);
      resolve({ kind, codes: errors.map((e) => String(e.extensions?.code)), messages: errors.map((e) => e.message), stop: () => stop() });
    };
    const timer = setTimeout(() => done('open'), waitMs);
    stop = ws.client.subscribe(
      { query, variables },
      {
        next: (r) => done('next', (r.errors ?? []) as never),
        error: (e) => done('error', (Array.isArray(e) ? e : [{ message: String(e) }]) as never),
        complete: () => done('complete'),
      },
    );
  });
}

const Q = {
  readerStatusChanged: 'subscription($ids: [ID!]) { readerStatusChanged(readerIds: $ids) { id status } }',
  sessionUpdated: 'subscription($id: ID!) { sessionUpdated(sessionId: $id) { kind status } }',
  incomingSessionRequests: 'subscription { incomingSessionRequests { id } }',
  sessionMessageAdded: 'subscription($id: ID!) { sessionMessageAdded(sessionId: $id) { id content } }',
  favoriteReaderOnline: 'subscription { favoriteReaderOnline { id } }',
  favoriteReaderWentLive: 'subscription { favoriteReaderWentLive { streamId } }',
  walletUpdated: 'subscription { walletUpdated { balanceCents } }',
  messageReceived: 'subscription { messageReceived { id content } }',
  conversationUpdated: 'subscription($id: ID) { conversationUpdated(conversationId: $id) { kind } }',
  streamUpdated: 'subscription($id: ID!) { streamUpdated(streamId: $id) { id status } }',
  streamEvents: 'subscription($id: ID!) { streamEvents(streamId: $id) { __typename } }',
  liveStreamsChanged: 'subscription { liveStreamsChanged { id status } }',
};

const soon = () => new Date(Date.now() + 3600_000).toISOString();
async function liveStream(owner: TestUser, input: Record<string, unknown>) {
  const s = await gql<{ scheduleLiveStream: { id: string } }>(
    'mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
    { input: { title: 'Stars tonight', category: 'astrology', scheduledAt: soon(), ...input } },
    owner.token,
  );
  await gql('mutation($id: ID!) { startLiveStream(streamId: $id) { id } }', { id: s.scheduleLiveStream.id }, owner.token);
  return s.scheduleLiveStream.id;
}

beforeAll(async () => {
  fed = await startTestFederation();
  const seed = createSeed(fed);
  [reader, premiumReader, client, stranger, admin] = await Promise.all([
    seed.reader().online().withRates({ CHAT: 200 }).create(),
    seed.reader().online().withRates({ CHAT: 200 }).create(),
    seed.client().withCredit(5000).create(),
    seed.client().create(),
    seed.admin().create(),
  ]);
  sessionId = (await gql<{ requestSession: { id: string } }>('mutation($input: RequestSessionInput!) { requestSession(input: $input) { id } }', { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).requestSession.id;
  const sent = await gql<{ sendMessage: { conversationId: string } }>('mutation($input: SendMessageInput!) { sendMessage(input: $input) { conversationId } }', { input: { recipientId: reader.id, content: 'hello' } }, client.token);
  conversationId = sent.sendMessage.conversationId;
  privateStreamId = await liveStream(reader, { visibility: 'PRIVATE', invitedUserIds: [client.id] });
  premiumStreamId = await liveStream(premiumReader, { visibility: 'PREMIUM', entryPriceCents: 500 });
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

describe('subscription authorization at subscribe time, through the gateway', () => {
  const missing = 'c00000000000000000000000';
  const refusals: Array<[keyof typeof Q, string, string, () => string | null, () => Record<string, unknown>]> = [
    ['messageReceived', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['conversationUpdated', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['conversationUpdated', 'anonymous, one conversation', 'UNAUTHENTICATED', () => null, () => ({ id: conversationId })],
    ['conversationUpdated', 'someone else\'s conversation', 'NOT_FOUND', () => stranger.token, () => ({ id: conversationId })],
    ['conversationUpdated', 'a conversation that does not exist', 'NOT_FOUND', () => client.token, () => ({ id: missing })],
    ['incomingSessionRequests', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['incomingSessionRequests', 'a client (readers only)', 'FORBIDDEN', () => client.token, () => ({})],
    ['incomingSessionRequests', 'an admin (readers only)', 'FORBIDDEN', () => admin.token, () => ({})],
    ['sessionUpdated', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({ id: sessionId })],
    ['sessionUpdated', 'someone else\'s session', 'FORBIDDEN', () => stranger.token, () => ({ id: sessionId })],
    ['sessionUpdated', 'another reader on someone else\'s session', 'FORBIDDEN', () => premiumReader.token, () => ({ id: sessionId })],
    ['sessionUpdated', 'a session that does not exist', 'NOT_FOUND', () => client.token, () => ({ id: missing })],
    ['sessionMessageAdded', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({ id: sessionId })],
    ['sessionMessageAdded', 'someone else\'s session', 'FORBIDDEN', () => stranger.token, () => ({ id: sessionId })],
    ['sessionMessageAdded', 'a session that does not exist', 'NOT_FOUND', () => client.token, () => ({ id: missing })],
    ['favoriteReaderOnline', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['favoriteReaderWentLive', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['walletUpdated', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({})],
    ['streamUpdated', 'anonymous on a private stream', 'NOT_FOUND', () => null, () => ({ id: privateStreamId })],
    ['streamUpdated', 'an uninvited client on a private stream', 'NOT_FOUND', () => stranger.token, () => ({ id: privateStreamId })],
    ['streamUpdated', 'a stream that does not exist', 'NOT_FOUND', () => client.token, () => ({ id: missing })],
    ['streamEvents', 'anonymous', 'UNAUTHENTICATED', () => null, () => ({ id: premiumStreamId })],
    ['streamEvents', 'an uninvited client on a private stream', 'NOT_FOUND', () => stranger.token, () => ({ id: privateStreamId })],
    ['streamEvents', 'a client who has not paid a premium stream', 'FORBIDDEN', () => stranger.token, () => ({ id: premiumStreamId })],
    ['readerStatusChanged', 'more than 200 readers', 'BAD_USER_INPUT', () => null, () => ({ ids: Array.from({ length: 201 }, (_, i) => `r${i}`) })],
  ];

  it.each(refusals)('%s, %s: refused with %s, nothing left listening', async (field, _who, code, token, variables) => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const answer = await firstAnswer(open(token()), Q[field], variables());
    answer.stop();
    expect(answer.kind).not.toBe('open');
    expect(answer.codes).toEqual([code]);
    expect(answer.messages.join(' ')).not.toMatch(/Cannot read properties/);
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    await eventually(() => stats().operations, (n) => n === 0);
  });

  it('still lets in everyone who may subscribe (participants, the invited, the reader, admins, anonymous public feeds)', async () => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const allowed: Array<[string | null, keyof typeof Q, Record<string, unknown>]> = [
      [null, 'readerStatusChanged', { ids: [reader.id] }],
      [null, 'liveStreamsChanged', {}],
      [client.token, 'sessionUpdated', { id: sessionId }],
      [reader.token, 'sessionUpdated', { id: sessionId }],
      [admin.token, 'sessionUpdated', { id: sessionId }],
      [reader.token, 'incomingSessionRequests', {}],
      [client.token, 'messageReceived', {}],
      [client.token, 'conversationUpdated', { id: conversationId }],
      [reader.token, 'conversationUpdated', { id: conversationId }],
      [client.token, 'walletUpdated', {}],
      [client.token, 'favoriteReaderOnline', {}],
      [client.token, 'favoriteReaderWentLive', {}],
      [client.token, 'streamUpdated', { id: privateStreamId }],
      [null, 'streamUpdated', { id: premiumStreamId }],
    ];
    const answers = await Promise.all(allowed.map(([token, field, variables]) => firstAnswer(open(token), Q[field], variables, 1500)));
    expect(answers.map((a) => a.kind)).toEqual(allowed.map(() => 'open'));
    expect(fed.pubsub.listenerCount()).toBe(allowed.length);
    answers.forEach((a) => a.stop());
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
  });

  it('liveStreamsChanged shows an anonymous subscriber public streams only', async () => {
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
    const ws = open(null);
    const events: Array<{ id: string; status: string }> = [];
    const stop = ws.client.subscribe<{ liveStreamsChanged: { id: string; status: string } }>(
      { query: Q.liveStreamsChanged },
      { next: (r) => r.data && events.push(r.data.liveStreamsChanged), error: () => {}, complete: () => {} },
    );
    await eventually(() => fed.pubsub.listenerCount(), (n) => n === 1);
    const end = (id: string, owner: TestUser) => gql('mutation($id: ID!) { endLiveStream(streamId: $id) { id } }', { id }, owner.token);
    await end(privateStreamId, reader);
    await end(premiumStreamId, premiumReader);
    await eventually(() => events.length, (n) => n >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(events).toEqual([{ id: premiumStreamId, status: 'ENDED' }]);
    stop();
  });
});

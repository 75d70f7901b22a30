import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityService } from '../../gateway/identity.js';
import { rawSocketOf } from '../../gateway/private-apis.js';
import { AcceptSessionDocument, JoinSessionDocument, RequestSessionDocument, SendSessionMessageDocument, SessionUpdatedDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { MULTIPLEX_AGENT } from '../../shared/server/subgraph.js';
import { SHARE_EXTENSION } from '../../shared/graphql/shared-subscriptions.js';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { startGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { sessionMessagesTopic, type ChatMessageEvent } from '../../subgraphs/readings/services/events.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// Shared subscription fields (shared/graphql/shared-subscriptions.ts): every subscriber is authorized as itself
// by a probe, then ONE upstream stream serves all of them and each event is rendered once — unless completing it
// reads the viewer, in which case each subscriber gets its own completion.

interface Added {
  sessionMessageAdded: { seq: number; content: string; sender: { id: string; displayName: string | null; email?: string | null } };
}
const Shared = parse(`subscription Shared($sessionId: ID!) { sessionMessageAdded(sessionId: $sessionId) { seq content sender { id displayName } } }`) as TypedDocumentNode<Added, { sessionId: string }>;
// User.email is visible to the user and admins only: completing it reads the viewer.
const Private = parse(`subscription Private($sessionId: ID!) { sessionMessageAdded(sessionId: $sessionId) { seq sender { id email } } }`) as TypedDocumentNode<Added, { sessionId: string }>;

let fed: TestFederation;
let seed: Seed;
const sockets: WsClient[] = [];
const ws = (token: string) => {
  const s = connect(fed.gateway.wsUrl, token);
  sockets.push(s);
  return s;
};
const stats = () => fed.gateway.subscriptions.stats();

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

async function runningSession() {
  const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
  const client = await seed.client().withCredit(5000).create();
  const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
  await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
  await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
  await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
  return { reader, client, id };
}

describe('shared subscriptions through the gateway', () => {
  it('serves every allowed subscriber of a session chat from one upstream stream and refuses outsiders', async () => {
    const { reader, client, id } = await runningSession();
    const admin = await seed.admin().create();
    const stranger = await seed.client().create();
    const listeners = fed.runtime.pubsub.listenerCount();
    const before = stats();

    const subs = [client, reader, admin].map((u) => subscribe(ws(u.token), Shared, { sessionId: id }));
    const outsider = subscribe(ws(stranger.token), Shared, { sessionId: id });
    await expect(outsider.done).resolves.toBeUndefined();
    expect(outsider.events[0]!.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    await eventually(stats, (s) => s.sharedSubscribers === before.sharedSubscribers + 3);
    // One stream upstream, one listener on the bus, for three subscribers.
    expect(stats().sharedStreams).toBe(before.sharedStreams + 1);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === listeners + 1);

    const sent = await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'The Star, upright.' } }, client.token);
    expect(sent.errors).toBeUndefined();
    for (const s of subs) {
      const e = await s.next();
      expect(e.errors).toBeUndefined();
      expect(e.data!.sessionMessageAdded).toEqual({ seq: 1, content: 'The Star, upright.', sender: { id: client.id, displayName: expect.any(String) } });
    }
    expect(subs[0]!.events[0]!.data!.sessionMessageAdded.sender.displayName).toBeTruthy();
    expect(outsider.events).toHaveLength(1);

    // Leaving one by one: the stream stays until the last subscriber leaves, then nothing is left upstream.
    subs[0]!.stop();
    await eventually(stats, (s) => s.sharedSubscribers === before.sharedSubscribers + 2);
    await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'Second' } }, reader.token);
    expect((await subs[1]!.next()).data!.sessionMessageAdded.seq).toBe(2);
    expect((await subs[2]!.next()).data!.sessionMessageAdded.seq).toBe(2);
    expect(subs[0]!.events).toHaveLength(1);
    subs[1]!.stop();
    subs[2]!.stop();
    await eventually(stats, (s) => s.sharedStreams === before.sharedStreams && s.sharedSubscribers === before.sharedSubscribers);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === listeners);
    await eventually(() => stats().operations, (n) => n === before.operations);
  });

  it('gives each subscription on one stream only the fields it selected, under its own operation id', async () => {
    const { reader, client, id } = await runningSession();
    const Slim = parse(`subscription Slim($sessionId: ID!) { sessionMessageAdded(sessionId: $sessionId) { seq } }`) as TypedDocumentNode<Added, { sessionId: string }>;
    const Aliased = parse(`subscription Aliased($sessionId: ID!) { m: sessionMessageAdded(sessionId: $sessionId) { n: seq who: sender { displayName } } }`) as TypedDocumentNode<Record<string, unknown>, { sessionId: string }>;
    const before = stats();
    // Three selections on one connection (frames for several operations on one socket) and one on another.
    const socket = ws(client.token);
    const full = subscribe(socket, Shared, { sessionId: id });
    const slim = subscribe(socket, Slim, { sessionId: id });
    const aliased = subscribe(socket, Aliased, { sessionId: id });
    const other = subscribe(ws(reader.token), Slim, { sessionId: id });
    await eventually(stats, (s) => s.sharedSubscribers === before.sharedSubscribers + 4);
    // One shared stream per distinct selection, each event rendered once per selection.
    expect(stats().sharedStreams).toBe(before.sharedStreams + 3);
    await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'Three of Cups' } }, client.token);
    expect((await full.next()).data).toEqual({ sessionMessageAdded: { seq: 1, content: 'Three of Cups', sender: { id: client.id, displayName: expect.any(String) } } });
    expect((await slim.next()).data).toEqual({ sessionMessageAdded: { seq: 1 } });
    expect((await aliased.next()).data).toEqual({ m: { n: 1, who: { displayName: expect.any(String) } } });
    expect((await other.next()).data).toEqual({ sessionMessageAdded: { seq: 1 } });
    for (const s of [full, slim, aliased, other]) {
      expect(s.events).toHaveLength(1);
      s.stop();
    }
    await eventually(stats, (s) => s.sharedStreams === before.sharedStreams);
  });

  it('completes per subscriber when the selection reads the viewer, so nobody sees what only another may see', async () => {
    const { reader, client, id } = await runningSession();
    const cs = subscribe(ws(client.token), Private, { sessionId: id });
    const rs = subscribe(ws(reader.token), Private, { sessionId: id });
    await eventually(() => stats().sharedSubscribers, (n) => n >= 2);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);
    await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'mine' } }, client.token);
    const mine = await cs.next();
    const theirs = await rs.next();
    // The client sees its own email; the reader does not (null with a FORBIDDEN error), on the same event.
    expect(mine.data!.sessionMessageAdded.sender).toEqual({ id: client.id, email: expect.stringContaining('@') });
    expect(mine.errors).toBeUndefined();
    expect(theirs.data!.sessionMessageAdded.sender.email).toBeNull();
    expect(theirs.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    cs.stop();
    rs.stop();
  });

  it('keeps fields that are not shared on one upstream operation per subscriber', async () => {
    const { reader, client, id } = await runningSession();
    const before = stats();
    const a = subscribe(ws(client.token), SessionUpdatedDocument, { sessionId: id });
    const b = subscribe(ws(reader.token), SessionUpdatedDocument, { sessionId: id });
    await eventually(() => stats().upstreamOperations.readings ?? 0, (n) => n === (before.upstreamOperations.readings ?? 0) + 2);
    expect(stats().sharedStreams).toBe(before.sharedStreams);
    a.stop();
    b.stop();
    await eventually(() => stats().upstreamOperations.readings ?? 0, (n) => n === (before.upstreamOperations.readings ?? 0));
  });

  it('lets only the gateway open a shared stream on a subgraph', async () => {
    // Identities a client can get the gateway to sign for it (its own viewer, or anonymous with any user agent,
    // always with its IP) asking a subgraph for the shared stream, which skips per-viewer checks.
    const stranger = await seed.client().create();
    const { id } = await runningSession();
    const signer = new IdentityService(fed.runtime.config.jwtSecret, fed.runtime.config.gatewaySecret);
    for (const identity of [
      await signer.forward({ id: stranger.id, role: 'CLIENT' }, null, null),
      await signer.forward(null, '203.0.113.7', MULTIPLEX_AGENT),
    ]) {
      const socket = new WebSocket(fed.subgraphs.readings.wsUrl, 'graphql-transport-ws');
      const messages: Array<{ type: string; payload?: unknown }> = [];
      await new Promise((r) => socket.once('open', r));
      socket.on('message', (d) => messages.push(JSON.parse(String(d))));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { [VIEWER_HEADER]: identity } }));
      await eventually(() => messages.length, (n) => n >= 1);
      expect(messages[0]!.type).toBe('connection_ack');
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription($s: ID!) { sessionMessageAdded(sessionId: $s) { seq } }', variables: { s: id }, extensions: { [SHARE_EXTENSION]: 'stream' } },
        }),
      );
      await eventually(() => messages.length, (n) => n >= 2);
      expect(messages[1]).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'FORBIDDEN' } }] });
      socket.close();
      await new Promise((r) => socket.once('close', r));
    }
  });

  it('closes a socket when its token expires and releases its place in the shared stream', async () => {
    const { client, id } = await runningSession();
    const listeners = fed.runtime.pubsub.listenerCount();
    const before = stats().sharedSubscribers;
    const shortLived = await createAccessToken({ id: client.id, role: 'CLIENT' }, fed.runtime.config.jwtSecret, 2);
    const socket = ws(shortLived);
    subscribe(socket, Shared, { sessionId: id });
    await eventually(stats, (s) => s.sharedSubscribers === before + 1);
    await expect(socket.closed).resolves.toEqual({ code: 4401, reason: 'Unauthorized: the access token has expired. Reconnect with a new one.' });
    await eventually(stats, (s) => s.sharedSubscribers === before);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === listeners);
  });

  it('ends the subscription of a client that stops reading, with CLIENT_TOO_SLOW, and keeps serving the others', async () => {
    const { reader, client, id } = await runningSession();
    // A gateway that allows 2 events' worth of bytes waiting in a client's socket.
    const strict = await startGateway({
      supergraphSdl: await readCommittedSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(fed.subgraphs).map(([k, v]) => [k, v.url])) as never,
      jwtSecret: fed.runtime.config.jwtSecret,
      gatewaySecret: fed.runtime.config.gatewaySecret,
      subscriptionLimits: { maxQueuedEvents: 2 },
    });
    try {
      const strictStats = () => strict.subscriptions.stats();
      const healthy = connect(strict.wsUrl, reader.token);
      sockets.push(healthy);
      const kept = subscribe(healthy, Shared, { sessionId: id });
      // The slow one: a raw graphql-transport-ws client whose TCP socket stops reading after subscribing.
      const slow = new WebSocket(strict.wsUrl, 'graphql-transport-ws');
      const got: Array<{ type: string; payload?: { errors?: Array<{ extensions?: { code?: string; reason?: string } }> } }> = [];
      slow.on('message', (d) => got.push(JSON.parse(String(d))));
      await new Promise((r) => slow.once('open', r));
      slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${client.token}` } }));
      await eventually(() => got.length, (n) => n === 1);
      slow.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query: 'subscription($s: ID!) { sessionMessageAdded(sessionId: $s) { seq content sender { id displayName } } }', variables: { s: id } } }));
      await eventually(strictStats, (s) => s.sharedSubscribers === 2);
      await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);
      rawSocketOf(slow)!.pause();

      // Large events straight on the bus, until the slow client's socket buffers are full and the gateway gives up.
      const content = 'x'.repeat(200_000);
      let seq = 0;
      while (strictStats().sharedSubscribers === 2 && seq < 400) {
        seq += 1;
        const event: ChatMessageEvent = { id: `big-${seq}`, sessionId: id, senderId: client.id, seq, content, messageType: 'TEXT', clientKey: null, createdAt: new Date().toISOString() };
        await fed.runtime.pubsub.publish(sessionMessagesTopic(id), event);
        if (seq % 10 === 0) await new Promise((r) => setTimeout(r, 50));
      }
      await eventually(strictStats, (s) => s.sharedSubscribers === 1);
      // The healthy subscriber got every event, in order, and still gets the next one.
      await eventually(() => kept.events.length, (n) => n === seq, 20_000);
      expect(kept.events.map((e) => e.data!.sessionMessageAdded.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
      await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'still here' } }, reader.token);
      await eventually(() => kept.events.at(-1)?.data?.sessionMessageAdded.content, (c) => c === 'still here', 10_000);

      // Reading again, the slow client finds the end of its subscription with the reason, then `complete`.
      rawSocketOf(slow)!.resume();
      await eventually(() => got.at(-1)?.type, (t) => t === 'complete', 20_000);
      const final = got.filter((m) => m.type === 'next').at(-1)!;
      expect(final.payload!.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'CLIENT_TOO_SLOW' });
      expect(got.filter((m) => m.type === 'next').length).toBeLessThan(seq + 1);
      slow.close();
      kept.stop();
    } finally {
      await strict.close();
    }
  });
});

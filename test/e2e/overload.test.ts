import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityCreateVirtualGiftDocument,
  CommunityLiveStreamsChangedDocument,
  CommunityScheduleLiveStreamDocument,
  CommunitySendGiftDocument,
  CommunityStartLiveStreamDocument,
} from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';
import { poolOf } from '../../shared/db/client.js';
import { streamTopics, type StreamChangedEvent } from '../../subgraphs/community/services/streams.js';
import { CLEAN } from '../../subgraphs/payments/testing/fixtures.js';
import { community, key } from './community-fixtures.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';

// The subgraphs' database pool exhausted for real (every connection held, a short wait limit): a paid mutation is
// refused SERVICE_UNAVAILABLE through the gateway with Retry-After, writes nothing, and succeeds once when retried
// with its idempotency key; a subscription whose event cannot be read gets the same code, not INTERNAL.

const POOL = 2;
let fed: TestFederation;
let seed: Seed;
let c: ReturnType<typeof community>;
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation({ poolSize: POOL, connectionTimeoutMillis: 300 });
  seed = createSeed(fed);
  c = community(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

/** Holds every connection of the subgraphs' pool (this file's assertions read through fed.db.sql, a pool of its own). */
async function exhaustPool(): Promise<() => void> {
  const held: pg.PoolClient[] = [];
  for (let i = 0; i < POOL; i++) held.push(await poolOf(fed.db.prisma)!.connect());
  return () => held.forEach((h) => h.release());
}

/** POST through the gateway, with the response's status and Retry-After. */
async function post<R>(document: Parameters<typeof print>[0], variables: unknown, token: string) {
  const res = await fetch(fed.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as ExecutionResult<R>;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), data: body.data, errors: body.errors as GraphQLFormattedError[] | undefined };
}

async function liveStreamOf(reader: TestUser) {
  const input = { title: 'Overload tarot', category: 'tarot', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), visibility: 'PUBLIC' as const };
  const s = (await fed.run(CommunityScheduleLiveStreamDocument, { input }, reader.token)).data!.scheduleLiveStream;
  expect((await fed.run(CommunityStartLiveStreamDocument, { streamId: s.id }, reader.token)).data!.startLiveStream.status).toBe('LIVE');
  return s;
}

const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', retryAfterSeconds: 1 };

describe('the database pool exhausted', () => {
  it('refuses sendGift with SERVICE_UNAVAILABLE and Retry-After, writing nothing; the retry with its key charges once', async () => {
    const admin = await seed.admin().create();
    const reader = await seed.reader().create();
    const fan = await seed.client().create();
    await seed.credit(fan, 2_000);
    const stream = await liveStreamOf(reader);
    const gift = (await fed.run(CommunityCreateVirtualGiftDocument, { input: { name: `Rose ${key()}`, priceCents: 500, imageUrl: 'https://cdn.example.com/r.png' } }, admin.token))
      .data!.createVirtualGift;
    const input = { idempotencyKey: key(), virtualGiftId: gift.id, readerId: reader.id, streamId: stream.id, message: null };
    const rows = async () =>
      (await fed.db.sql<{ gifts: string; entries: string }>(`SELECT (SELECT count(*) FROM gifts) AS gifts, (SELECT count(*) FROM ledger_entries) AS entries`))[0];
    const before = await rows();
    // The fan's sign-in state is known to the gateway (it caches it); an unknown user's is looked up in accounts.
    expect((await postGraphQL(fed.url, { query: '{ __typename }' }, fan.token)).errors).toBeUndefined();
    const stranger = await seed.client().create();

    const release = await exhaustPool();
    let refused: Awaited<ReturnType<typeof post>>;
    let unchecked: Awaited<ReturnType<typeof post>>;
    try {
      refused = await post(CommunitySendGiftDocument, { input }, fan.token);
      unchecked = await post(CommunitySendGiftDocument, { input: { ...input, idempotencyKey: key() } }, stranger.token);
    } finally {
      release();
    }
    // Refused before anything ran: the stranger's sign-in could not be checked (503, Retry-After).
    expect(unchecked.errors).toMatchObject([{ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'AUTH_UNAVAILABLE', retryAfterSeconds: 1 } }]);
    expect(unchecked.status).toBe(503);
    expect(unchecked.retryAfter).toBe('1');
    // Refused by community, whose pool had no connection for it in time.
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]).toMatchObject({ path: ['sendGift'], extensions: UNAVAILABLE });
    expect(JSON.stringify(refused.errors)).not.toMatch(/timeout exceeded|prisma|postgres|stacktrace/i);
    expect(refused.retryAfter).toBe('1');
    expect(refused.status).toBe(200);
    // Nothing written: no gift, no ledger leg, the wallet untouched.
    expect(await rows()).toEqual(before);
    expect(await c.balance(fan)).toBe(2_000);

    const retried = await post<{ sendGift: { replayed: boolean; gift: { id: string } } }>(CommunitySendGiftDocument, { input }, fan.token);
    expect(retried.errors).toBeUndefined();
    expect(retried.retryAfter).toBeNull();
    expect(retried.data!.sendGift.replayed).toBe(false);
    const again = await fed.run(CommunitySendGiftDocument, { input }, fan.token);
    expect(again.data!.sendGift).toMatchObject({ replayed: true, gift: { id: retried.data!.sendGift.gift.id } });
    expect(await c.balance(fan)).toBe(1_500);
    expect(await c.ledgerInvariants()).toEqual(CLEAN);
  });

  it('answers a subscriber whose event cannot be read, or whose stream filter fails, with SERVICE_UNAVAILABLE', async () => {
    const viewer = await seed.client().create();
    const reader = await seed.reader().create();
    const ws = connect(fed.gateway.wsUrl, viewer.token);
    sockets.push(ws);
    const changes = subscribe(ws, CommunityLiveStreamsChangedDocument, {});
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);
    const changed = (visibility: StreamChangedEvent['visibility']): StreamChangedEvent => ({ streamId: 'no-such-stream', readerId: reader.id, status: 'LIVE', visibility });

    const release = await exhaustPool();
    try {
      // A public stream's event: resolving it reads the stream (a field error of the event).
      await fed.pubsub.publish(streamTopics.changed, changed('PUBLIC'));
      const event = await changes.next(10_000);
      expect(event.data ?? null).toBeNull();
      expect(event.errors).toMatchObject([{ path: ['liveStreamsChanged'], extensions: UNAVAILABLE }]);
      // A private one: the filter asks whether the viewer is invited, and the source stream itself fails (the
      // subscription ends with the error; the client subscribes again).
      await fed.pubsub.publish(streamTopics.changed, changed('PRIVATE'));
      const ended = await changes.next(10_000);
      expect(ended.errors).toMatchObject([{ extensions: UNAVAILABLE }]);
      await changes.done;
    } finally {
      release();
    }
  });
});

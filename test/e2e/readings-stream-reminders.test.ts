import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityScheduleLiveStreamDocument,
  CommunityStartLiveStreamDocument,
  FavoriteReaderDocument,
  FavoriteReaderWentLiveDocument,
  type FavoriteReaderWentLiveSubscription,
  type ScheduleLiveStreamInput,
} from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type Subscription, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// favoriteReaderWentLive: readings (favourites) reminds followers when community (streams) starts a stream.

let fed: TestFederation;
let seed: Seed;
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

function watch(user: TestUser) {
  const ws = connect(fed.gateway.wsUrl, user.token);
  sockets.push(ws);
  return subscribe(ws, FavoriteReaderWentLiveDocument, {});
}

async function follow(user: TestUser, reader: TestUser, notifyOnline: boolean) {
  const r = await fed.run(FavoriteReaderDocument, { readerId: reader.id, notifyOnline }, user.token);
  expect(r.errors).toBeUndefined();
}

async function goLive(reader: TestUser, input: Partial<ScheduleLiveStreamInput> = {}) {
  const s = await fed.run(
    CommunityScheduleLiveStreamDocument,
    { input: { title: `Live with ${reader.displayName}`, category: 'tarot', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), visibility: 'PUBLIC', ...input } },
    reader.token,
  );
  expect(s.errors).toBeUndefined();
  const id = s.data!.scheduleLiveStream.id;
  expect((await fed.run(CommunityStartLiveStreamDocument, { streamId: id }, reader.token)).data!.startLiveStream.status).toBe('LIVE');
  return id;
}

type Event = FavoriteReaderWentLiveSubscription['favoriteReaderWentLive'];
const received = (sub: Subscription<FavoriteReaderWentLiveSubscription>): Event[] => sub.events.map((e) => e.data!.favoriteReaderWentLive);

/**
 * Proves a subscriber got nothing before `barrier`: it then starts a stream every watcher is meant to get, and
 * once each has it, no watcher holds anything else.
 */
async function nothingBefore(barrierReader: TestUser, subs: Array<Subscription<FavoriteReaderWentLiveSubscription>>) {
  const barrier = await goLive(barrierReader);
  for (const sub of subs) await eventually(() => received(sub).length, (n) => n >= 1);
  await new Promise((r) => setTimeout(r, 150));
  for (const sub of subs) expect(received(sub).map((e) => e.streamId)).toEqual([barrier]);
}

const settled = () => eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
const listening = (n: number) => eventually(() => fed.pubsub.listenerCount(), (v) => v === n);

describe('favoriteReaderWentLive (through the gateway, graphql-ws)', () => {
  it('reaches followers with notifications on, with the stream from community; not others', async () => {
    const reader = await seed.reader().create();
    const barrierReader = await seed.reader().create();
    const [follower, quiet, stranger] = [await seed.client().create(), await seed.client().create(), await seed.client().create()];
    await follow(follower, reader, true);
    await follow(quiet, reader, false); // a favourite without notifications
    for (const u of [follower, quiet, stranger]) await follow(u, barrierReader, true);

    await settled();
    const subs = [watch(follower), watch(quiet), watch(stranger)];
    await listening(3);
    const streamId = await goLive(reader, { title: 'Full moon runes' });

    const e = (await subs[0]!.next()).data!.favoriteReaderWentLive;
    expect(e).toMatchObject({
      streamId,
      title: 'Full moon runes',
      reader: { id: reader.id, displayName: reader.displayName },
      stream: { id: streamId, status: 'LIVE', visibility: 'PUBLIC', viewerHasAccess: true },
    });
    expect(Date.parse(e.startedAt)).toBeGreaterThan(Date.now() - 60_000);

    await nothingBefore(barrierReader, subs.slice(1));
    expect(received(subs[0]!).map((x) => x.streamId)).toHaveLength(2); // the follower also follows the barrier reader
    subs.forEach((s) => s.stop());
    await settled();
  });

  it('a private stream reaches only invited followers (and admins who follow)', async () => {
    const reader = await seed.reader().create();
    const barrierReader = await seed.reader().create();
    const [invited, uninvited, admin] = [await seed.client().create(), await seed.client().create(), await seed.admin().create()];
    for (const u of [invited, uninvited, admin]) await follow(u, reader, true);
    await follow(uninvited, barrierReader, true);

    await settled();
    const [subInvited, subUninvited, subAdmin] = [watch(invited), watch(uninvited), watch(admin)];
    await listening(3);
    const streamId = await goLive(reader, { visibility: 'PRIVATE', invitedUserIds: [invited.id] });

    expect((await subInvited.next()).data!.favoriteReaderWentLive).toMatchObject({
      streamId,
      reader: { id: reader.id },
      stream: { id: streamId, visibility: 'PRIVATE', viewerHasAccess: true },
    });
    expect((await subAdmin.next()).data!.favoriteReaderWentLive).toMatchObject({ streamId, stream: { id: streamId } });
    await nothingBefore(barrierReader, [subUninvited]);
    [subInvited, subUninvited, subAdmin].forEach((s) => s.stop());
    await settled();
  });

  it('is refused to anonymous connections', async () => {
    const anon = connect(fed.gateway.wsUrl);
    sockets.push(anon);
    const refused = await new Promise<unknown>((resolve, reject) => {
      let last: unknown;
      anon.client.subscribe({ query: print(FavoriteReaderWentLiveDocument) }, { next: (v) => (last = v), error: reject, complete: () => resolve(last) });
    });
    expect(refused).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

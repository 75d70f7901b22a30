import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { createPubSub, type PubSub } from '../../shared/pubsub.js';
import type { RunningServer } from '../../shared/server/subgraph.js';
import { startAccounts } from '../../subgraphs/accounts/server.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Actor, type Seed, type TestUser } from '../helpers/seed.js';

// accounts keeps whole answers of the public reader directory (shared/server/response-cache.ts). Two accounts
// instances over one database and one Redis pub/sub: the federation's (which the gateway uses) and a second one
// asked directly. A change made through the API on one instance must reach the other's cache at once; a change
// behind the API's back (SQL) shows that answers really are cached.

const redisUrl = process.env.TEST_REDIS_URL;
const PAGE = 'query Directory { readers(first: 50, sort: NEWEST) { edges { node { id displayName status isVerified averageRating rates { sessionType ratePerMinuteCents } } } } }';

let fed: TestFederation;
let seed: Seed;
let second: RunningServer;
let secondBus: PubSub;
let admin: Actor;
let reader: TestUser;
let anonymous: string;

type Node = { id: string; displayName: string; status: string; isVerified: boolean; rates: Array<{ sessionType: string; ratePerMinuteCents: number }> };

async function page(url: string, header = anonymous) {
  const res = await postGraphQL<{ readers: { edges: Array<{ node: Node }> } }>(url, { query: PAGE }, null, { [VIEWER_HEADER]: header });
  expect(res.errors).toBeUndefined();
  return res.data!.readers.edges.map((e) => e.node);
}
const mine = async (url: string) => (await page(url)).find((n) => n.id === reader.id)!;

beforeAll(async () => {
  fed = await startTestFederation({ redisUrl, config: { readerDirectoryCacheSeconds: 600 } });
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
  reader = await seed.reader().online().withRates({ CHAT: 300 }).create();
  // The second instance: its own connection to Redis (as another process has), the same database and secrets.
  secondBus = createPubSub({ redisUrl, prefix: `${fed.db.schema}:` });
  second = await startAccounts({ ...fed.runtime, pubsub: secondBus });
  anonymous = await signForwardedIdentity({ viewer: null, ip: '127.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
}, 180_000);

afterAll(async () => {
  await second?.close();
  await secondBus?.close();
  await fed?.stop();
});

/** Changes the reader's row behind the API's back: no cache hears of it. */
const renameBySql = (name: string) => fed.db.prisma.reader.update({ where: { userId: reader.id }, data: { displayName: name } });

/** Waits until the other instance has heard the announcement (pub/sub crosses Redis: no fixed delay). */
async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the change never showed');
}

describe.runIf(!!redisUrl)('reader directory cache across two accounts instances', () => {
  it('answers from the cache, and a presence change through the API empties it in both instances', async () => {
    const accountsUrl = fed.subgraphs.accounts.url;
    expect((await mine(accountsUrl)).status).toBe('ONLINE');
    expect((await mine(second.url)).status).toBe('ONLINE');
    // Behind the API's back: both keep answering the cached page.
    await renameBySql('Renamed Quietly');
    expect((await mine(accountsUrl)).displayName).not.toBe('Renamed Quietly');
    expect((await mine(second.url)).displayName).not.toBe('Renamed Quietly');

    // The reader goes AWAY through the gateway (handled by the federation's instance, announced after commit).
    const set = await postGraphQL<{ setReaderStatus: { status: string } }>(fed.url, { query: 'mutation { setReaderStatus(status: AWAY) { status } }' }, reader.token);
    expect(set.errors).toBeUndefined();
    expect((await mine(accountsUrl)).status).toBe('AWAY');
    await eventually(async () => (await mine(second.url)).status === 'AWAY');
    // The fresh answer carries the quiet rename too: the whole cache was emptied, not one field.
    expect((await mine(second.url)).displayName).toBe('Renamed Quietly');
    // And the public page through the gateway says the same.
    const viaGateway = await postGraphQL<{ readers: { edges: Array<{ node: Node }> } }>(fed.url, { query: PAGE }, admin.token);
    expect(viaGateway.data!.readers.edges.find((e) => e.node.id === reader.id)!.node.status).toBe('AWAY');
  });

  it('a verification by an admin (profile change) on one instance reaches the other', async () => {
    expect((await mine(second.url)).isVerified).toBe(false);
    const res = await postGraphQL<{ verifyReader: unknown }>(
      fed.url,
      { query: 'mutation($id: ID!) { verifyReader(input: { readerId: $id, verified: true }) { __typename } }', variables: { id: reader.id } },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    await eventually(async () => (await mine(second.url)).isVerified);
    expect((await mine(fed.subgraphs.accounts.url)).isVerified).toBe(true);
  });

  it('never keeps an answer that depends on the viewer: an INVISIBLE reader is OFFLINE to others, INVISIBLE to herself', async () => {
    const set = await postGraphQL(fed.url, { query: 'mutation { setReaderStatus(status: INVISIBLE) { status } }' }, reader.token);
    expect(set.errors).toBeUndefined();
    const herself = await signForwardedIdentity({ viewer: { id: reader.id, role: 'READER' }, ip: '127.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
    await eventually(async () => (await page(second.url, herself)).find((n) => n.id === reader.id)!.status === 'INVISIBLE');
    for (let i = 0; i < 3; i++) {
      expect((await page(second.url, herself)).find((n) => n.id === reader.id)!.status).toBe('INVISIBLE');
      expect((await mine(second.url)).status).toBe('OFFLINE');
      expect((await page(second.url, herself)).find((n) => n.id === reader.id)!.status).toBe('INVISIBLE');
    }
  });
  it('keeps `_entities` answers of Reader references only, emptied by the same announcements', async () => {
    const ENTITIES = 'query Refs($r: [_Any!]!) { _entities(representations: $r) { ... on Reader { id displayName } ... on User { id displayName } } }';
    const refs = async (r: object[]) => {
      const res = await postGraphQL<{ _entities: Array<{ id: string; displayName: string }> }>(second.url, { query: ENTITIES, variables: { r } }, null, { [VIEWER_HEADER]: anonymous });
      expect(res.errors).toBeUndefined();
      return res.data!._entities.map((e) => e.displayName);
    };
    const asReader = { __typename: 'Reader', id: reader.id };
    const asUser = { __typename: 'User', id: reader.id };
    const [before] = await refs([asReader]);
    await renameBySql('Referenced Quietly');
    // The Reader reference is answered from the cache; a User reference (another type: not kept) and a list mixing
    // both types (not kept either) are read again.
    expect(await refs([asReader])).toEqual([before]);
    expect(await refs([asUser])).toEqual(['Referenced Quietly']);
    expect(await refs([asReader, asUser])).toEqual(['Referenced Quietly', 'Referenced Quietly']);
    expect(await refs([asReader])).toEqual([before]);
    // A presence change through the gateway, handled by the other instance, empties this one's cache too.
    const set = await postGraphQL(fed.url, { query: 'mutation { setReaderStatus(status: ONLINE) { status } }' }, reader.token);
    expect(set.errors).toBeUndefined();
    await eventually(async () => (await refs([asReader]))[0] === 'Referenced Quietly');
  });
});

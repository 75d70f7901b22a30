import { randomBytes } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument, WalletUpdatedDocument } from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph, type SubgraphName } from '../../gateway/supergraph.js';
import type { ProtectionOptions } from '../../gateway/protection.js';
import { readManifest, sha256, type TrustedDocumentsMode } from '../../gateway/trusted-documents.js';
import { connect, eventually, type WsClient } from './subscriptions-fixtures.js';

// Trusted documents in each mode (off, report, enforce) through real clients over HTTP and graphql-ws, and automatic
// persisted queries (register, then hit; shared by two gateways through Redis).
const redisUrl = process.env.TEST_REDIS_URL;
let fed: TestFederation;
let seed: Seed;
const gateways: RunningGateway[] = [];
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  for (const g of gateways) await g.close();
  await fed?.stop();
});

/** Another gateway in front of the same subgraphs, with its own trusted-documents options. */
async function gatewayWith(protection: ProtectionOptions): Promise<RunningGateway> {
  const subgraphUrls = Object.fromEntries(Object.entries(fed.subgraphs).map(([name, s]) => [name, s.url])) as Record<SubgraphName, string>;
  const g = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    subgraphUrls,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    pubsub: fed.pubsub,
    protection: { redisUrl: null, ...protection },
  });
  gateways.push(g);
  return g;
}
const mode = (m: TrustedDocumentsMode, more: ProtectionOptions['trustedDocuments'] = { mode: m }) => gatewayWith({ trustedDocuments: { ...more, mode: m } });

/** The id codegen gave a first-party document ("sha256:<hex>"). */
const idOf = (doc: object) => (doc as unknown as { __meta__: { hash: string } }).__meta__.hash;
const hexOf = (doc: object) => idOf(doc).replace(/^sha256:/, '');
/** A first-party document's text exactly as the manifest has it (codegen's normalised print). */
const manifestText = (doc: object) => readManifest()[hexOf(doc)]!;

const UNKNOWN_QUERY = 'query NotAnAppQuery { me { id role } }';
const BIO = (bio: string) => `mutation Outsider { updateClientProfile(input: { bio: "${bio}" }) { clientProfile { bio } } }`;
const storedBio = async (userId: string) => (await fed.db.prisma.client.findUnique({ where: { userId } }))?.bio ?? null;

/** Opens a graphql-ws socket and runs one subscribe message; collects the events or the error. */
function socketSubscribe(ws: WsClient, payload: Record<string, unknown>) {
  const events: unknown[] = [];
  let error: unknown = null;
  const stop = ws.client.subscribe(payload as never, {
    next: (e) => void events.push(e),
    error: (e) => void (error = e),
    complete: () => {},
  });
  return { events, stop, error: () => error };
}

describe('trusted documents: off (the default outside production)', () => {
  it('runs any text, and first-party documents by id, without counting anything', async () => {
    const client = await seed.client().create();
    const g = fed.gateway;
    expect(g.protection.documents.mode).toBe('off');
    const byText = await postGraphQL<{ me: { id: string } }>(g.url, { query: UNKNOWN_QUERY }, client.token);
    expect(byText.data?.me.id).toBe(client.id);
    const byId = await postGraphQL<{ me: { id: string } }>(g.url, { documentId: idOf(MeDocument) }, client.token);
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.me.id).toBe(client.id);
    expect(g.protection.documents.stats().unknown).toBe(0);
    // An id that is no first-party document cannot be run: the client must send the text.
    const missing = await postGraphQL(g.url, { documentId: `sha256:${sha256('query { nope }')}` }, client.token);
    expect(errorCode(missing)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('trusted documents: report', () => {
  it('runs unknown documents and counts them; first-party ones are counted as trusted', async () => {
    const g = await mode('report');
    const client = await seed.client().create();
    const before = g.protection.documents.stats();
    const res = await postGraphQL<{ me: { id: string } }>(g.url, { query: UNKNOWN_QUERY }, client.token);
    expect(res.data?.me.id).toBe(client.id);
    expect((await postGraphQL(g.url, { query: UNKNOWN_QUERY }, client.token)).errors).toBeUndefined();
    expect((await postGraphQL(g.url, { documentId: idOf(MeDocument) }, client.token)).errors).toBeUndefined();
    // The manifest's exact text counts as trusted too.
    expect((await postGraphQL(g.url, { query: manifestText(MeDocument) }, client.token)).errors).toBeUndefined();
    const after = g.protection.documents.stats();
    expect(after.unknown - before.unknown).toBe(2);
    expect(after.refused).toBe(0);
    expect(after.trusted - before.trusted).toBeGreaterThanOrEqual(1);
  });

  it('counts an unknown subscription over graphql-ws and still runs it', async () => {
    const g = await mode('report');
    const client = await seed.client().create();
    const ws = connect(g.wsUrl, client.token);
    sockets.push(ws);
    const before = g.protection.documents.stats().unknown;
    const sub = socketSubscribe(ws, { query: 'subscription Outsider { walletUpdated { balanceCents } }' });
    await eventually(() => g.subscriptions.stats().operations, (n) => n === 1);
    await seed.credit(client, 700);
    await eventually(() => sub.events.length, (n) => n === 1);
    expect(sub.events[0]).toEqual({ data: { walletUpdated: { balanceCents: 700 } } });
    expect(g.protection.documents.stats().unknown - before).toBe(1);
    sub.stop();
  });
});

describe('trusted documents: enforce', () => {
  it('runs first-party documents sent by id (documentId or extensions.persistedQuery) or by their exact text over HTTP', async () => {
    const g = await mode('enforce');
    const client = await seed.client().create();
    for (const body of [
      { documentId: idOf(MeDocument) },
      { extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(MeDocument) } } },
      { query: manifestText(MeDocument) },
    ]) {
      const res = await postGraphQL<{ me: { id: string } }>(g.url, body, client.token);
      expect(res.errors, JSON.stringify(body)).toBeUndefined();
      expect(res.data?.me.id).toBe(client.id);
    }
    // Text that differs from the manifest's (here: printed another way) is another document.
    expect(errorCode(await postGraphQL(g.url, { query: print(MeDocument) }, client.token))).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    // GET with the id (a CDN-cacheable form): Apollo's CSRF guard wants a preflight header.
    const get = await fetch(`${g.url}?documentId=${encodeURIComponent(idOf(MeDocument))}`, {
      headers: { authorization: `Bearer ${client.token}`, 'apollo-require-preflight': '1' },
    });
    expect(((await get.json()) as { data: { me: { id: string } } }).data.me.id).toBe(client.id);
  });

  it('refuses any other document with PERSISTED_QUERY_NOT_ALLOWED and changes nothing (text, APQ registration, GET)', async () => {
    const g = await mode('enforce');
    const client = await seed.client().create();
    const mutation = BIO('written by an outsider');
    const refusals = [
      await postGraphQL(g.url, { query: mutation }, client.token),
      await postGraphQL(g.url, { query: mutation, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(mutation) } } }, client.token),
      await postGraphQL(g.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(mutation) } } }, client.token),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(res.errors![0]!.extensions!.documentId).toBe(sha256(mutation));
    }
    const get = await fetch(`${g.url}?query=${encodeURIComponent(UNKNOWN_QUERY)}`, { headers: { authorization: `Bearer ${client.token}`, 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(await storedBio(client.id)).toBeNull();
    expect(g.protection.documents.stats().refused).toBe(4);
    // An id with a text that is not its document is refused before anything else.
    const forged = await postGraphQL(g.url, { documentId: idOf(MeDocument), query: mutation }, client.token);
    expect(errorCode(forged)).toBe('BAD_USER_INPUT');
    expect(forged.errors![0]!.extensions!.reason).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(await storedBio(client.id)).toBeNull();
  });

  it('refuses introspection unless partner introspection is allowed', async () => {
    const introspection = { query: '{ __schema { queryType { name } } }' };
    const strict = await mode('enforce');
    expect(errorCode(await postGraphQL(strict.url, introspection))).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const partners = await mode('enforce', { mode: 'enforce', allowIntrospection: true });
    const res = await postGraphQL<{ __schema: { queryType: { name: string } } }>(partners.url, introspection);
    expect(res.data?.__schema.queryType.name).toBe('Query');
    // Only introspection: a data field next to __schema is still refused.
    expect(errorCode(await postGraphQL(partners.url, { query: '{ __schema { queryType { name } } me { id } }' }))).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('runs a first-party subscription sent by id over graphql-ws and refuses an unknown one', async () => {
    const g = await mode('enforce');
    const client = await seed.client().create();
    const ws = connect(g.wsUrl, client.token);
    sockets.push(ws);
    // graphql-ws requires a `query` string: a first-party app sends "" with the id.
    const byId = socketSubscribe(ws, { query: '', documentId: idOf(WalletUpdatedDocument) });
    const byApq = socketSubscribe(ws, { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(WalletUpdatedDocument) } } });
    const outsider = socketSubscribe(ws, { query: 'subscription Outsider { walletUpdated { balanceCents } }' });
    await eventually(() => g.subscriptions.stats().operations, (n) => n === 2);
    await eventually(() => outsider.error(), (e) => e !== null);
    expect((outsider.error() as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    await seed.credit(client, 1_200);
    await eventually(() => byId.events.length + byApq.events.length, (n) => n === 2);
    for (const sub of [byId, byApq]) {
      expect((sub.events[0] as { data: { walletUpdated: { balanceCents: number; cause: string } } }).data.walletUpdated.balanceCents).toBe(1_200);
      sub.stop();
    }
    // A mutation sent over the socket as text is refused too, and changes nothing.
    const mutation = socketSubscribe(ws, { query: BIO('over the socket') });
    await eventually(() => mutation.error(), (e) => e !== null);
    expect((mutation.error() as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(await storedBio(client.id)).toBeNull();
  });
});

describe('automatic persisted queries', () => {
  const apq = (query: string | undefined, hash: string) => ({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown hash, registers the text sent with it, then runs it by hash', async () => {
    const g = await mode('report');
    const client = await seed.client().create();
    const query = `query Partner${randomBytes(4).toString('hex')} { me { id } }`;
    const hash = sha256(query);
    const miss = await postGraphQL(g.url, apq(undefined, hash), client.token);
    expect(miss.status).toBe(200);
    expect(errorCode(miss)).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Apollo's and urql's links retry with the text on exactly this message.
    expect(miss.errors![0]!.message).toBe('PersistedQueryNotFound');
    const registered = await postGraphQL<{ me: { id: string } }>(g.url, apq(query, hash), client.token);
    expect(registered.data?.me.id).toBe(client.id);
    const hit = await postGraphQL<{ me: { id: string } }>(g.url, apq(undefined, hash), client.token);
    expect(hit.errors).toBeUndefined();
    expect(hit.data?.me.id).toBe(client.id);
    const stats = g.protection.documents.stats();
    expect([stats.apqMisses, stats.apqRegistered, stats.apqHits]).toEqual([1, 1, 1]);
  });

  it('refuses a text that is not its hash, an unsupported version and a malformed hash, registering nothing', async () => {
    const g = await mode('off');
    const query = '{ __typename }';
    const wrong = sha256('{ somethingElse }');
    const mismatch = await postGraphQL(g.url, apq(query, wrong));
    expect([mismatch.status, errorCode(mismatch), mismatch.errors![0]!.extensions!.reason]).toEqual([400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_HASH_MISMATCH']);
    expect(errorCode(await postGraphQL(g.url, apq(undefined, wrong)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const version = await postGraphQL(g.url, { query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } });
    expect(version.errors![0]!.extensions!.reason).toBe('PERSISTED_QUERY_VERSION');
    const malformed = await postGraphQL(g.url, apq(undefined, 'not-a-hash'));
    expect(malformed.errors![0]!.extensions!.reason).toBe('PERSISTED_QUERY_INVALID');
  });

  it.runIf(!!redisUrl)('shares registered documents between gateways through Redis', async () => {
    const redisPrefix = `test-apq-${randomBytes(4).toString('hex')}:`;
    const a = await gatewayWith({ trustedDocuments: { mode: 'off' }, redisUrl: redisUrl!, redisPrefix });
    const b = await gatewayWith({ trustedDocuments: { mode: 'off' }, redisUrl: redisUrl!, redisPrefix });
    const query = `query Shared${randomBytes(4).toString('hex')} { __typename }`;
    const hash = sha256(query);
    expect(errorCode(await postGraphQL(b.url, apq(undefined, hash)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postGraphQL(a.url, apq(query, hash))).data).toEqual({ __typename: 'Query' });
    expect((await postGraphQL(b.url, apq(undefined, hash))).data).toEqual({ __typename: 'Query' });
  });
});

import fc from 'fast-check';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { VIEWER_INDEPENDENT_HEADER } from '../../shared/server/subgraph.js';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { createDedupeFetcher, DEDUPE_VIEWER_HEADER, isQuery } from '../../gateway/dedupe-fetch.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { createMoney } from '../../subgraphs/payments/services/money.js';
import { seedDemoData } from '../../prisma/seed.js';
import { MeDocument, ReaderNamesDocument, UserEmailDocument } from '../generated/graphql.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';

let fed: TestFederation;
/** A second gateway over the same subgraphs whose subgraph calls are slowed so identical queries overlap. */
let slow: RunningGateway;
const tokens: Record<'alice' | 'bob' | 'admin', string> = { alice: '', bob: '', admin: '' };
const ids: Record<'alice' | 'bob', string> = { alice: '', bob: '' };

const delayed = (ms: number): typeof fetch => async (input, init) => {
  await new Promise((r) => setTimeout(r, ms));
  return fetch(input, init);
};

beforeAll(async () => {
  fed = await startTestFederation();
  await seedDemoData(fed.db.prisma, createMoney(fed.db.prisma, fed.pubsub));
  for (const name of ['alice', 'bob'] as const) {
    ({ token: tokens[name], id: ids[name] } = await createSeed(fed).client().named(name).withEmail(`${name}@example.com`).registered().create());
  }
  // An admin enrolled in 2FA (the demo admin is no admin until it enrols).
  tokens.admin = (await createSeed(fed).admin().create()).token;
  slow = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(fed.subgraphs).map(([n, s]) => [n, s.url])) as never,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    dev: false,
    subgraphFetch: delayed(120),
  });
});
afterAll(async () => {
  await slow?.close();
  await fed?.stop();
});

async function signed(viewer: { id: string; role: 'CLIENT' | 'ADMIN' | 'READER' } | null) {
  return signForwardedIdentity({ viewer, ip: '10.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
}

describe('subgraphs tell the gateway when a response does not depend on the viewer', () => {
  it('marks a public directory page viewer-independent, but not me, email or a rejected request', async () => {
    const identity = await signed({ id: ids.alice, role: 'CLIENT' });
    const post = (query: string, variables?: unknown) =>
      fetch(fed.subgraphs.accounts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIEWER_HEADER]: identity },
        body: JSON.stringify({ query, variables }),
      });
    const readers = await post('{ readers(first: 3) { edges { node { id displayName headline } } } }');
    expect(readers.status).toBe(200);
    expect(readers.headers.get(VIEWER_INDEPENDENT_HEADER)).toBe('1');
    const me = await post('{ me { id } }');
    expect(me.headers.get(VIEWER_INDEPENDENT_HEADER)).toBeNull();
    const email = await post('query($id: ID!) { user(id: $id) { email } }', { id: ids.bob });
    expect(email.headers.get(VIEWER_INDEPENDENT_HEADER)).toBeNull();
    const invalid = await post('{ readers(first: 3) { nope } }');
    expect(invalid.headers.get(VIEWER_INDEPENDENT_HEADER)).toBeNull();
  });
});

describe('the de-duplicating fetcher', () => {
  it('recognises the bodies the gateway data source sends for reads, and never mutations', () => {
    expect(isQuery(JSON.stringify({ query: '{readers(first:3){edges{node{id}}}}', variables: {} }))).toBe(true);
    expect(isQuery(JSON.stringify({ query: 'query Readers__accounts__0($first:Int){readers(first:$first){edges{cursor}}}', variables: { first: 3 }, operationName: 'Readers__accounts__0' }))).toBe(true);
    expect(isQuery(JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{email}}}', variables: {} }))).toBe(true);
    expect(isQuery(JSON.stringify({ query: 'mutation Register__accounts__0($input:RegisterInput!){register(input:$input){accessToken}}' }))).toBe(false);
    expect(isQuery(JSON.stringify({ query: 'subscription{readerStatusChanged{id}}' }))).toBe(false);
    expect(isQuery(JSON.stringify({ variables: {}, query: '{me{id}}' }))).toBe(false);
  });

  it('merges N identical reads of one viewer into one execution and one subgraph request', async () => {
    const before = { ...slow.fetcher!.stats };
    const ops = { ...slow.operations! };
    const results = await Promise.all(Array.from({ length: 6 }, () => postGraphQL(slow.url, { query: print(ReaderNamesDocument), variables: { first: 5 } }, tokens.alice)));
    const after = slow.fetcher!.stats;
    expect(after.sent - before.sent).toBe(1);
    expect(slow.operations!.executed - ops.executed).toBe(1);
    expect(slow.operations!.mergedSameViewer - ops.mergedSameViewer).toBe(5);
    expect(results.every((r) => JSON.stringify(r.data) === JSON.stringify(results[0]!.data))).toBe(true);
    expect((results[0]!.data as { readers: { edges: unknown[] } }).readers.edges.length).toBe(5);
  });

  it('merges a viewer-independent read across different viewers', async () => {
    const before = { ...slow.fetcher!.stats };
    const viewers = [null, tokens.alice, tokens.bob, tokens.admin];
    const ops = { ...slow.operations! };
    const results = await Promise.all(viewers.map((t) => postGraphQL(slow.url, { query: print(ReaderNamesDocument), variables: { first: 4 } }, t)));
    const after = slow.fetcher!.stats;
    expect(after.sent - before.sent).toBe(1);
    expect(slow.operations!.executed - ops.executed).toBe(1);
    expect(slow.operations!.mergedOtherViewer - ops.mergedOtherViewer).toBe(3);
    for (const r of results) expect(r.data).toEqual(results[0]!.data);
  });

  it('never shares a viewer-dependent response (email of alice, asked by alice, bob, an admin and anonymous)', async () => {
    const before = { ...slow.fetcher!.stats };
    const askers = [tokens.alice, tokens.bob, tokens.admin, null, tokens.bob, tokens.alice];
    const ops = { ...slow.operations! };
    const results = await Promise.all(askers.map((t) => postGraphQL(slow.url, { query: print(UserEmailDocument), variables: { id: ids.alice } }, t)));
    const after = slow.fetcher!.stats;
    // Same viewer twice (alice, bob): merged at the operation level; other viewers never reuse a result.
    expect(slow.operations!.mergedOtherViewer - ops.mergedOtherViewer).toBe(0);
    expect(slow.operations!.executed - ops.executed).toBe(4);
    const emails = results.map((r) => (r.data as { user: { email: string | null } | null } | null)?.user?.email ?? null);
    expect(emails).toEqual(['alice@example.com', null, 'alice@example.com', null, null, 'alice@example.com']);
    // Four distinct viewers: four requests at least; every cross-viewer wait was refused, never reused.
    expect(after.sent - before.sent).toBeGreaterThanOrEqual(4);
    expect(after.mergedOtherViewer - before.mergedOtherViewer).toBe(0);
    // Refused after waiting, or (once the first answer taught it that this request is viewer-dependent) not waited for.
    expect(after.refused - before.refused + after.notWaited - before.notWaited).toBeGreaterThanOrEqual(1);
  });

  it('never shares `me` across viewers although its subgraph body is byte-identical', async () => {
    const askers = [tokens.alice, tokens.bob, null, tokens.admin];
    const results = await Promise.all(askers.map((t) => postGraphQL(slow.url, { query: print(MeDocument) }, t)));
    expect(results.map((r) => (r.data as { me: { id: string } | null }).me?.id ?? null)).toEqual([ids.alice, ids.bob, null, expect.any(String)]);
    expect((results[3]!.data as { me: { role: string } }).me.role).toBe('ADMIN');
  });

  it('once `me` was answered viewer-dependent, other viewers execute it at once instead of queueing behind each other', async () => {
    await postGraphQL(slow.url, { query: print(MeDocument) }, tokens.alice);
    const ops = { ...slow.operations! };
    const before = { ...slow.fetcher!.stats };
    const askers = [tokens.alice, tokens.bob, null, tokens.admin, tokens.bob];
    const results = await Promise.all(askers.map((t) => postGraphQL(slow.url, { query: print(MeDocument) }, t)));
    expect(results.map((r) => (r.data as { me: { id: string } | null }).me?.id ?? null)).toEqual([ids.alice, ids.bob, null, expect.any(String), ids.bob]);
    // Four viewers, four executions started together (bob's second request still merges with his first).
    expect(slow.operations!.notWaited - ops.notWaited).toBe(3);
    expect(slow.operations!.refused - ops.refused).toBe(0);
    expect(slow.operations!.mergedSameViewer - ops.mergedSameViewer).toBe(1);
    expect(slow.operations!.mergedOtherViewer - ops.mergedOtherViewer).toBe(0);
    const after = slow.fetcher!.stats;
    expect(after.sent - before.sent).toBe(4);
    expect(after.mergedOtherViewer - before.mergedOtherViewer).toBe(0);
    expect(after.refused - before.refused).toBe(0);
  });

  it('gives every viewer exactly what it gets without merging, for any concurrent mix (property)', async () => {
    const queries = [
      { query: print(UserEmailDocument), variables: { id: ids.alice } },
      { query: print(UserEmailDocument), variables: { id: ids.bob } },
      { query: print(MeDocument), variables: {} },
      { query: print(ReaderNamesDocument), variables: { first: 3 } },
    ];
    const viewers = [null, tokens.alice, tokens.bob, tokens.admin];
    // Ground truth: each (query, viewer) alone through the regular gateway.
    const truth = new Map<string, unknown>();
    for (let q = 0; q < queries.length; q++) {
      for (let v = 0; v < viewers.length; v++) truth.set(`${q}/${v}`, (await postGraphQL(fed.url, queries[q], viewers[v])).data);
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(queries.length - 1), fc.nat(viewers.length - 1)), { minLength: 2, maxLength: 10 }), async (mix) => {
        const got = await Promise.all(mix.map(([q, v]) => postGraphQL(slow.url, queries[q], viewers[v])));
        mix.forEach(([q, v], i) => expect(got[i]!.data).toEqual(truth.get(`${q}/${v}`)));
      }),
      { numRuns: 12 },
    );
  });

  it('strips its internal header before the request leaves, and does not merge without it', async () => {
    const seen: Array<string | null> = [];
    const base: typeof fetch = async (input, init) => {
      seen.push(new Headers(init?.headers).get(DEDUPE_VIEWER_HEADER));
      await new Promise((r) => setTimeout(r, 30));
      return new Response('{"data":{}}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const fetcher = createDedupeFetcher(base) as unknown as (url: string, init: RequestInit) => Promise<Response>;
    const body = JSON.stringify({ query: '{me{id}}', variables: {} });
    await Promise.all([
      fetcher('http://x/graphql', { method: 'POST', body, headers: { [DEDUPE_VIEWER_HEADER]: 'a' } }),
      fetcher('http://x/graphql', { method: 'POST', body, headers: { [DEDUPE_VIEWER_HEADER]: 'a' } }),
      fetcher('http://x/graphql', { method: 'POST', body, headers: {} }),
      fetcher('http://x/graphql', { method: 'POST', body, headers: {} }),
    ]);
    // One merged request for viewer a, two unmerged ones without a key; none carries the header.
    expect(seen).toEqual([null, null, null]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { readCommittedSupergraph } from '../../gateway/supergraph.js';
import { createMoney } from '../../subgraphs/payments/services/money.js';
import { seedDemoData } from '../../prisma/seed.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed } from '../helpers/seed.js';

// The pass-through (gateway/passthrough.ts) answers a query planned as one root fetch with the subgraph's own
// bytes. Every operation here is sent to the federation's gateway (pass-through on) and to a second gateway over
// the same subgraphs with it off: the answers must be the same bytes, status and headers, whether or not the
// operation passed through; the counters say which path answered.

let fed: TestFederation;
/** The same federation's subgraphs behind a gateway without the pass-through: the normal path. */
let normal: RunningGateway;
let client = '';

beforeAll(async () => {
  fed = await startTestFederation();
  await seedDemoData(fed.db.prisma, createMoney(fed.db.prisma, fed.pubsub));
  client = (await createSeed(fed).client().named('pat').create()).token;
  normal = await startGateway({
    supergraphSdl: await readCommittedSupergraph(),
    validateSupergraph: false,
    subgraphUrls: Object.fromEntries(Object.entries(fed.subgraphs).map(([n, s]) => [n, s.url])) as never,
    jwtSecret: fed.runtime.config.jwtSecret,
    gatewaySecret: fed.runtime.config.gatewaySecret,
    dev: false,
    passThrough: false,
  });
});
afterAll(async () => {
  await normal?.close();
  await fed?.stop();
});

interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | null>;
}

async function post(url: string, body: object, token: string | null, extra: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    body: JSON.stringify(body),
  });
  const headers = Object.fromEntries(['content-type', 'cache-control', 'retry-after'].map((h) => [h, res.headers.get(h)]));
  return { status: res.status, text: await res.text(), headers };
}

const stats = () => ({ ...fed.gateway.passThrough! });

/**
 * Sends `body` twice through the pass-through gateway (the first request of an operation resolves its plan and
 * has it judged; the second may pass through) and once through the normal one; all three answers must match.
 */
async function compare(body: object, token: string | null = null, headers: Record<string, string> = {}) {
  const before = stats();
  const sentBefore = fed.gateway.fetcher!.stats.sent;
  const first = await post(fed.url, body, token, headers);
  const mid = stats();
  const sentMid = fed.gateway.fetcher!.stats.sent;
  const second = await post(fed.url, body, token, headers);
  const after = stats();
  const reference = await post(normal.url, body, token, headers);
  expect(first).toEqual(reference);
  expect(second).toEqual(reference);
  return {
    answer: JSON.parse(reference.text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] },
    text: reference.text,
    /** The second request answered with the subgraph's bytes. */
    passed: after.passed - mid.passed === 1,
    /** The second request went through the normal path with the answer the pass-through had received. */
    handedOver: after.handedOver - mid.handedOver === 1,
    judged: mid.decided - before.decided,
    eligible: mid.eligible - before.eligible,
    fetchesFirst: sentMid - sentBefore,
    fetchesSecond: fed.gateway.fetcher!.stats.sent - sentMid,
  };
}

const PAGE = 'edges { cursor node { id displayName headline status specialties averageRating lowestRateCents rates { sessionType ratePerMinuteCents } } } pageInfo { hasNextPage endCursor }';

describe('the pass-through answers exactly what the normal path answers', () => {
  it('passes the readers page through as the subgraph sent it, with one fetch, once judged', async () => {
    const r = await compare({ query: `query Readers { readers(first: 5) { ${PAGE} } }` });
    expect(r.answer.errors).toBeUndefined();
    expect((r.answer.data!.readers as { edges: unknown[] }).edges).toHaveLength(5);
    expect(r.judged).toBe(1);
    expect(r.eligible).toBe(1);
    expect(r.passed).toBe(true);
    expect(r.fetchesSecond).toBe(1);
  });

  it('passes aliases, fragments (named and inline), variables and @skip/@include through unchanged', async () => {
    const aliases = await compare({ query: '{ top: readers(first: 2) { edges { node { name: displayName id } } } more: readers(first: 1, sort: PRICE_LOW) { pageInfo { hasNextPage } } }' });
    expect(aliases.passed).toBe(true);
    expect(Object.keys(aliases.answer.data!)).toEqual(['top', 'more']);

    const fragments = await compare({
      query: 'query F { readers(first: 3) { edges { node { ...Card ... on Reader { headline } } } } } fragment Card on Reader { id displayName rates { ...Rate } } fragment Rate on ReaderRate { ratePerMinuteCents }',
    });
    expect(fragments.answer.errors).toBeUndefined();
    expect(fragments.passed).toBe(true);

    const query = 'query V($n: Int!, $sort: ReaderSort = RATING, $skip: Boolean!, $with: Boolean!) { readers(first: $n, sort: $sort) { edges { node { id headline @skip(if: $skip) bio @include(if: $with) } } } }';
    for (const variables of [
      { n: 2, skip: true, with: false },
      { n: 3, skip: false, with: true, sort: 'PRICE_HIGH' },
    ]) {
      const r = await compare({ query, variables });
      expect(r.answer.errors).toBeUndefined();
      expect(r.passed).toBe(true);
      const node = (r.answer.data!.readers as { edges: { node: Record<string, unknown> }[] }).edges[0]!.node;
      expect('headline' in node).toBe(!variables.skip);
      expect('bio' in node).toBe(variables.with);
    }
  });

  it('answers the viewer their own data through the pass-through', async () => {
    const r = await compare({ query: '{ me { id displayName role } }' }, client);
    expect(r.answer.errors).toBeUndefined();
    expect(r.answer.data!.me).not.toBeNull();
    expect(r.passed).toBe(true);
  });

  it('hands errors to the normal path with the answer already received: same codes and messages, one fetch', async () => {
    // Refused by the subgraph (not an admin / not signed in): the normal path formats the error.
    for (const token of [client, null]) {
      const r = await compare({ query: '{ systemSettings { key } }' }, token);
      expect(r.answer.errors?.[0]?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(r.passed).toBe(false);
      expect(r.handedOver).toBe(true);
      expect(r.fetchesSecond).toBe(1);
    }
    // A variable the subgraph's scalar refuses after the gateway accepted it (HTTP 400 at the subgraph).
    const notFound = await compare({ query: 'query R($id: ID!) { reader(id: $id) { id displayName } }', variables: { id: 'no-such-reader' } });
    expect(notFound.passed || notFound.handedOver).toBe(true);
  });

  it('answers variable errors with the gateway own error, before any fetch', async () => {
    const r = await compare({ query: 'query N($n: Int!) { readers(first: $n) { edges { cursor } } }', variables: { n: 'many' } });
    expect(r.answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.passed).toBe(false);
    expect(r.handedOver).toBe(false);
    expect(r.fetchesSecond).toBe(0);
  });

  it('does not pass through an operation that spans two subgraphs, introspection, or one the planner changed', async () => {
    const two = await compare({ query: `{ readers(first: 2) { ${PAGE} } forumCategories { edges { node { id slug name } } } }` });
    expect(two.answer.errors).toBeUndefined();
    expect(two.eligible).toBe(0);
    expect(two.passed).toBe(false);
    expect(two.fetchesSecond).toBe(2);

    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Reader") { name kind } readers(first: 1) { edges { cursor } } }',
      '{ __typename readers(first: 1) { edges { cursor } } }',
      // The planner asks for __typename first: the subgraph's answer would have its keys in another order.
      '{ me { id __typename } }',
    ]) {
      const r = await compare({ query }, client);
      expect(r.answer.errors).toBeUndefined();
      expect(r.eligible).toBe(0);
      expect(r.passed).toBe(false);
    }
  });

  it('leaves a request for the query plan (outside production) to the normal path', async () => {
    const r = await compare({ query: '{ readers(first: 1) { edges { cursor } } }' }, null, { 'apollo-query-plan-experimental': '1' });
    expect(JSON.parse(r.text).extensions?.__queryPlanExperimental).toBeDefined();
    expect(r.passed).toBe(false);
  });

  it('does not pass through a mutation', async () => {
    // Refused (a client is no reader): the same error three times, nothing changed.
    const r = await compare({ query: 'mutation { setReaderStatus(status: ONLINE) { id } }' }, client);
    expect(r.answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.eligible).toBe(0);
    expect(r.passed).toBe(false);
  });
});

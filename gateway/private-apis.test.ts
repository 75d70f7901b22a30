import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { RemoteGraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createDedupeFetcher, DEDUPE_VIEWER_HEADER } from './dedupe-fetch.js';
import { EVENT_SOURCE, executePlan, isQueryBody, rawSocketOf, subgraphRequestBody, subscriptionEventPlan } from './private-apis.js';

// Every adapter of gateway/private-apis.ts against the installed packages. A failure here means an upgrade removed or
// changed what the gateway relies on: the message names the package and its version; adapt private-apis.ts.

const require = createRequire(import.meta.url);
/** The installed version of `name` (its package.json, found above its entry point). */
function installed(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return `${name}@${pkg.version}`;
    } catch {
      // No package.json at this level: keep walking up.
    }
    const up = path.dirname(dir);
    if (up === dir) return `${name}@unknown`;
    dir = up;
  }
}
const changed = (pkg: string, what: string) => `${installed(pkg)}: ${what} — the gateway relies on it; adapt gateway/private-apis.ts`;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('ws: the TCP socket under a WebSocket (rawSocketOf)', () => {
  it('is the connected net.Socket, which corks several sends into one write and can be paused', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    cleanups.push(() => new Promise<void>((r) => (client.terminate(), wss.close(() => r()))));
    const server = await accepted;
    await new Promise((r) => (client.readyState === WebSocket.OPEN ? r(null) : client.once('open', r)));

    const raw = rawSocketOf(server);
    expect(raw, changed('ws', 'WebSocket#_socket (the TCP socket) is gone')).toBeDefined();
    for (const method of ['cork', 'uncork', 'pause', 'resume'] as const) {
      expect(typeof raw?.[method], changed('ws', `WebSocket#_socket.${method}() is gone`)).toBe('function');
    }
    const got: string[] = [];
    const both = new Promise<void>((r) => client.on('message', (d) => got.push(String(d)) === 2 && r()));
    raw!.cork();
    server.send('one');
    server.send('two');
    raw!.uncork();
    await both;
    expect(got, changed('ws', 'messages sent while WebSocket#_socket is corked no longer arrive in order')).toEqual(['one', 'two']);
  });
});

describe('@apollo/gateway and @apollo/query-planner: running a subscription event plan (subscriptionEventPlan, executePlan)', () => {
  const events = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Query { tick: Tick }
    type Subscription { ticked(room: ID!): Tick }
    type Tick { id: ID! user: User }
    type User @key(fields: "id", resolvable: false) { id: ID! }
  `);
  const users = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Query { user(id: ID!): User }
    type User @key(fields: "id") { id: ID! name: String }
  `);

  it('plans a subscription as { primary, rest } and completes an event through the rest with a partial request context', async () => {
    const composed = composeServices([
      { name: 'events', typeDefs: events, url: 'http://events/graphql' },
      { name: 'users', typeDefs: users, url: 'http://users/graphql' },
    ]);
    expect(composed.errors, 'test supergraph').toBeUndefined();
    const supergraph = Supergraph.build(composed.supergraphSdl!);
    const fedApiSchema = supergraph.apiSchema();
    const schemas = { apiSchema: fedApiSchema.toGraphQLJSSchema(), supergraphSchema: supergraph.schema.toGraphQLJSSchema(), fedApiSchema };
    const query = 'subscription T($room: ID!) { ticked(room: $room) { id user { name } } }';
    const document = parse(query);
    const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(fedApiSchema, document, { operationName: 'T' }));

    const event = subscriptionEventPlan(plan);
    expect(event, changed('@apollo/query-planner', "a subscription's plan is no longer a Subscription node { primary, rest }")).not.toBeNull();
    expect(event!.primary.serviceName).toBe('events');
    expect(event!.primary.operation).toMatch(/^subscription/);
    expect(event!.primary.variableUsages).toEqual(['room']);

    const calls: Array<{ request: { query?: string; variables?: Record<string, unknown> }; context: unknown }> = [];
    const services: ServiceMap = Object.create(null);
    services[EVENT_SOURCE] = { process: async () => ({ data: { ticked: { __typename: 'Tick', id: 't1', user: { __typename: 'User', id: 'u1' } } } }) } as never;
    services.users = {
      process: async (options: { request: { query?: string; variables?: Record<string, unknown> }; context: unknown }) => {
        calls.push(options);
        return { data: { _entities: [{ __typename: 'User', name: 'Ann' }] } };
      },
    } as never;
    const context = { viewer: null, identity: 'signed', dedupeKey: 'k' };
    const result = await executePlan(event!.eventPlan, services, { query, operationName: 'T', variables: { room: 'r1' }, document, context }, schemas);

    expect(result.errors, changed('@apollo/gateway', 'executeQueryPlan no longer runs with the request context executePlan builds')).toBeUndefined();
    expect(result.data).toEqual({ ticked: { id: 't1', user: { name: 'Ann' } } });
    expect(calls, changed('@apollo/gateway', 'executeQueryPlan no longer sends the rest of the plan to the data sources')).toHaveLength(1);
    expect(calls[0]!.request.query).toMatch(/_entities/);
    expect(calls[0]!.request.variables?.representations).toEqual([{ __typename: 'User', id: 'u1' }]);
    expect(calls[0]!.context, changed('@apollo/gateway', "a data source no longer gets the request's context (socket-data-source.ts reads its identity)")).toBe(context);
  });
});

describe('@apollo/gateway: the body of a root fetch (subgraphRequestBody, passthrough.ts)', () => {
  it('is byte for byte what executeQueryPlan has RemoteGraphQLDataSource send', async () => {
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type Query { page(first: Int, after: String, sort: Sort = NEW): [Item!]! }
      enum Sort { NEW OLD }
      type Item @key(fields: "id") { id: ID! name: String }
    `);
    const composed = composeServices([{ name: 'items', typeDefs, url: 'http://items/graphql' }]);
    expect(composed.errors, 'test supergraph').toBeUndefined();
    const supergraph = Supergraph.build(composed.supergraphSdl!);
    const fedApiSchema = supergraph.apiSchema();
    const schemas = { apiSchema: fedApiSchema.toGraphQLJSSchema(), supergraphSchema: supergraph.schema.toGraphQLJSSchema(), fedApiSchema };
    const query = 'query P($n: Int, $after: String, $sort: Sort) { page(first: $n, after: $after, sort: $sort) { id name } }';
    const document = parse(query);
    const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(fedApiSchema, document, { operationName: 'P' }));
    expect(plan.node?.kind).toBe('Fetch');
    const bodies: string[] = [];
    const services: ServiceMap = Object.create(null);
    services.items = new RemoteGraphQLDataSource({
      url: 'http://items/graphql',
      fetcher: (async (_url: string, init: { body: string }) => {
        bodies.push(init.body);
        return new Response('{"data":{"page":[]}}', { status: 200, headers: { 'content-type': 'application/json' } });
      }) as never,
    });
    // One variable given, one explicitly undefined, one absent, plus one the operation does not define.
    const variables = { n: 2, after: undefined, extra: 'x' };
    const result = await executePlan(plan, services, { query, operationName: 'P', variables, document, context: {} }, schemas);
    expect(result.errors).toBeUndefined();
    expect(bodies, changed('@apollo/gateway', 'a root fetch no longer sends one request')).toHaveLength(1);
    expect(subgraphRequestBody(plan.node as never, variables), changed('@apollo/gateway', 'the body of a root fetch changed')).toBe(bodies[0]);
  });
});

describe("@apollo/gateway: the body RemoteGraphQLDataSource sends (isQueryBody, dedupe-fetch.ts)", () => {
  it('is a query first, so the de-duplicating fetcher merges identical reads and never a mutation', async () => {
    const bodies: string[] = [];
    const base = (async (_url: string, init: { body: string }) => {
      bodies.push(init.body);
      await new Promise((r) => setTimeout(r, 30));
      return new Response(JSON.stringify({ data: { me: null } }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const fetcher = createDedupeFetcher(base);
    class Source extends RemoteGraphQLDataSource {
      override willSendRequest({ request }: { request: { http?: { headers: { set(name: string, value: string): void } } } }) {
        request.http?.headers.set(DEDUPE_VIEWER_HEADER, 'viewer-1');
      }
    }
    const source = new Source({ url: 'http://accounts/graphql', fetcher: fetcher as never });
    const send = (query: string) =>
      source.process({ kind: 'loading schema', request: { query, variables: {} }, context: {} } as never);

    await Promise.all([send('query Me__accounts__0{me{id}}'), send('query Me__accounts__0{me{id}}')]);
    expect(bodies, changed('@apollo/gateway', 'RemoteGraphQLDataSource no longer sends {"query":…} first (identical reads are not merged)')).toHaveLength(1);
    expect(isQueryBody(bodies[0]!)).toBe(true);

    await Promise.all([send('mutation Out__accounts__0{logout}'), send('mutation Out__accounts__0{logout}')]);
    expect(bodies).toHaveLength(3);
    expect(isQueryBody(bodies[1]!)).toBe(false);
  });
});

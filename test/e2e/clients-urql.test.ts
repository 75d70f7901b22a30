// urql 6 (@urql/core) against the gateway of a test federation: its default GET for queries meets the CSRF
// prevention (refused, nothing runs), the setups docs/clients.md gives work for a query, a mutation and a
// subscription over graphql-ws, and graphcache with clients/urql-keys.ts stores every type without warning.
import { cacheExchange, Client, fetchExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { cacheExchange as graphcache } from '@urql/exchange-graphcache';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../clients/urql-keys.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { bearer, cast, ME, READER_STATUS, SET_BIO, storedBio, triggerReaderStatus, type Cast, type MeData, type ReaderStatusData, type SetBioData } from './clients-fixtures.js';

let fed: TestFederation;
let people: Cast;
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  people = await cast(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

interface Seen {
  method: string;
  status: number;
}

/** A fetch that records what urql sent and what came back. */
function recordingFetch(seen: Seen[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    seen.push({ method: init?.method ?? 'GET', status: res.status });
    return res;
  };
}

/** docs/clients.md, "urql 6": graphql-ws for subscriptions. */
function subscriptions(token: string): Exchange {
  const ws = createClient({ url: fed.gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: token } });
  sockets.push(ws);
  return subscriptionExchange({
    forwardSubscription: (request) => ({
      subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
    }),
  });
}

describe("urql's default GET for queries", () => {
  it('is refused by the CSRF prevention with a message that says what to send, and runs nothing', async () => {
    const seen: Seen[] = [];
    const client = new Client({
      url: fed.url,
      exchanges: [fetchExchange],
      fetch: recordingFetch(seen),
      fetchOptions: { headers: { authorization: bearer(people.client) } },
    });
    const res = await client.query<MeData>(ME, {}).toPromise();
    expect(seen).toEqual([{ method: 'GET', status: 400 }]);
    expect(res.data).toBeUndefined();
    expect(res.error?.message).toMatch(/Cross-Site Request Forgery.*apollo-require-preflight/s);
  });
});

describe('urql 6 set up as docs/clients.md says', () => {
  it('preferGetMethod: false: a query, a mutation (POST) and a subscription over graphql-ws', async () => {
    const seen: Seen[] = [];
    const token = bearer(people.client);
    const client = new Client({
      url: fed.url,
      preferGetMethod: false,
      fetchOptions: { headers: { authorization: token } },
      exchanges: [cacheExchange, fetchExchange, subscriptions(token)],
      fetch: recordingFetch(seen),
    });

    const me = await client.query<MeData>(ME, {}).toPromise();
    expect(me.error).toBeUndefined();
    expect(me.data?.me).toMatchObject({ id: people.client.id, email: people.client.email });

    const set = await client.mutation<SetBioData>(SET_BIO, { bio: 'urql was here.' }).toPromise();
    expect(set.error).toBeUndefined();
    expect(set.data?.updateClientProfile.clientProfile.bio).toBe('urql was here.');
    expect(await storedBio(fed, people.client)).toBe('urql was here.');
    expect(seen).toEqual([
      { method: 'POST', status: 200 },
      { method: 'POST', status: 200 },
    ]);

    const events: ReaderStatusData[] = [];
    const sub = client.subscription<ReaderStatusData>(READER_STATUS, { readerIds: [people.reader.id] }).subscribe((r) => r.data && events.push(r.data));
    await triggerReaderStatus(fed, people.reader, 'ONLINE');
    await vi.waitFor(() => expect(events).toEqual([{ readerStatusChanged: { id: people.reader.id, status: 'ONLINE' } }]));
    sub.unsubscribe();
  });

  it('or GET kept for queries with an apollo-require-preflight header; mutations still go as POST', async () => {
    const seen: Seen[] = [];
    const client = new Client({
      url: fed.url,
      fetchOptions: { headers: { authorization: bearer(people.client), 'apollo-require-preflight': 'true' } },
      exchanges: [fetchExchange],
      fetch: recordingFetch(seen),
    });
    const me = await client.query<MeData>(ME, {}).toPromise();
    expect(me.error).toBeUndefined();
    expect(me.data?.me.id).toBe(people.client.id);
    const set = await client.mutation<SetBioData>(SET_BIO, { bio: 'still POST' }).toPromise();
    expect(set.error).toBeUndefined();
    expect(seen).toEqual([
      { method: 'GET', status: 200 },
      { method: 'POST', status: 200 },
    ]);
  });
});

// Graphcache warns once per message per process, so the configured cache runs first (a warning it caused could
// not be hidden by the unconfigured control having printed it before).
describe('urql graphcache with clients/urql-keys.ts', () => {
  const READERS = /* GraphQL */ `
    query Readers {
      readers(first: 5) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            displayName
          }
        }
      }
    }
  `;

  const READER = /* GraphQL */ `
    query Reader($id: ID!) {
      reader(id: $id) {
        id
        displayName
        rates {
          sessionType
          ratePerMinuteCents
        }
      }
    }
  `;

  async function runOperations(options: Parameters<typeof graphcache>[0], messages: string[]) {
    const token = bearer(people.client);
    const client = new Client({
      url: fed.url,
      preferGetMethod: false,
      fetchOptions: { headers: { authorization: token } },
      exchanges: [graphcache({ ...options, logger: (_severity, message) => messages.push(message) }), fetchExchange, subscriptions(token)],
    });
    const me = await client.query<MeData>(ME, {}).toPromise();
    expect(me.error).toBeUndefined();
    const readers = await client.query(READERS, {}).toPromise();
    expect(readers.error).toBeUndefined();
    const reader = await client.query(READER, { id: people.reader.id }).toPromise();
    expect(reader.error).toBeUndefined();
    expect(reader.data.reader.rates.length).toBeGreaterThan(0);
    const set = await client.mutation<SetBioData>(SET_BIO, { bio: 'cached' }).toPromise();
    expect(set.error).toBeUndefined();
    // The mutation's embedded clientProfile and the query's are one value in graphcache's eyes: read it back.
    return (await client.query<MeData>(ME, {}, { requestPolicy: 'cache-only' }).toPromise()).data;
  }

  it('stores users, profiles, payloads and connections without an "Invalid key" warning', async () => {
    const messages: string[] = [];
    const cached = await runOperations({ keys }, messages);
    expect(messages.filter((m) => /Invalid key/.test(m))).toEqual([]);
    expect(cached?.me.id).toBe(people.client.id);
  });

  it('(control) without the keys, graphcache warns about Client and ReaderRate', async () => {
    const messages: string[] = [];
    await runOperations({}, messages);
    const invalid = messages.filter((m) => /Invalid key/.test(m)).join('\n');
    expect(invalid).toMatch(/`Client`/);
    expect(invalid).toMatch(/`ReaderRate`/);
  });
});

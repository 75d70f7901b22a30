// graphql-request and plain fetch, set up as docs/clients.md says, against the gateway of a test federation (a
// query, a mutation, a subscription with graphql-ws's own client), and the CSRF prevention they meet: a request
// a browser could send cross-site without a preflight never runs, and a mutation over GET never runs.
import { createClient, type Client as WsClient } from 'graphql-ws';
import { ClientError, GraphQLClient } from 'graphql-request';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { eventually } from './subscriptions-fixtures.js';
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

function wsClient(token: string): WsClient {
  const ws = createClient({ url: fed.gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: token } });
  sockets.push(ws);
  return ws;
}

/** Subscribes with graphql-ws's async iterator, triggers the reader's change and returns the first event. */
async function firstReaderStatusEvent(token: string, status: 'ONLINE' | 'AWAY') {
  const events = wsClient(token).iterate<ReaderStatusData>({ query: READER_STATUS, variables: { readerIds: [people.reader.id] } });
  const first = events.next();
  await triggerReaderStatus(fed, people.reader, status);
  const event = await first;
  await events.return?.();
  // Gone upstream too, so the next test's wait for a live listener cannot be met by this one.
  await eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);
  return event.value;
}

describe('graphql-request 7 with its defaults', () => {
  it('runs a query and a mutation (POST, JSON), and a subscription with graphql-ws', async () => {
    const token = bearer(people.client);
    const client = new GraphQLClient(fed.url, { headers: { authorization: token } });
    const me = await client.request<MeData>(ME);
    expect(me.me).toMatchObject({ id: people.client.id, email: people.client.email });
    const set = await client.request<SetBioData>(SET_BIO, { bio: 'graphql-request was here.' });
    expect(set.updateClientProfile.clientProfile.bio).toBe('graphql-request was here.');
    expect(await storedBio(fed, people.client)).toBe('graphql-request was here.');
    expect(await firstReaderStatusEvent(token, 'ONLINE')).toEqual({ data: { readerStatusChanged: { id: people.reader.id, status: 'ONLINE' } } });
  });

  it("with method: 'GET', queries need the apollo-require-preflight header (refused without it)", async () => {
    const plain = new GraphQLClient(fed.url, { method: 'GET', headers: { authorization: bearer(people.client) } });
    const refused = await plain.request<MeData>(ME).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).response.status).toBe(400);
    expect(JSON.stringify((refused as ClientError).response.errors)).toMatch(/Cross-Site Request Forgery/);

    const withHeader = new GraphQLClient(fed.url, {
      method: 'GET',
      headers: { authorization: bearer(people.client), 'apollo-require-preflight': 'true' },
    });
    expect((await withHeader.request<MeData>(ME)).me.id).toBe(people.client.id);
  });
});

describe('plain fetch', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(fed.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(people.client), ...headers },
      body: JSON.stringify(body),
    });

  it('POSTs JSON for a query and a mutation; graphql-ws carries the subscription', async () => {
    const me = await post({ query: ME });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: MeData }).data.me.id).toBe(people.client.id);
    const set = await post({ query: SET_BIO, variables: { bio: 'fetch was here.' } });
    expect(((await set.json()) as { data: SetBioData }).data.updateClientProfile.clientProfile.bio).toBe('fetch was here.');
    expect(await storedBio(fed, people.client)).toBe('fetch was here.');
    expect(await firstReaderStatusEvent(bearer(people.client), 'AWAY')).toEqual({ data: { readerStatusChanged: { id: people.reader.id, status: 'AWAY' } } });
  });
});

describe('CSRF prevention stays on', () => {
  const getUrl = (query: string, variables: unknown) => `${fed.url}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
  const before = 'unchanged by forged requests';

  beforeAll(async () => {
    await fed.db.prisma.client.update({ where: { userId: people.client.id }, data: { bio: before } });
  });

  it('never runs a mutation sent as GET, even with a preflight header', async () => {
    const variants: Array<[Record<string, string>, number]> = [
      [{}, 400],
      [{ 'apollo-require-preflight': 'true' }, 405],
      [{ 'content-type': 'application/json' }, 405],
    ];
    for (const [headers, status] of variants) {
      const res = await fetch(getUrl(SET_BIO, { bio: 'via GET' }), { headers: { authorization: bearer(people.client), ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      const body = (await res.json()) as { data?: unknown; errors: Array<{ message: string }> };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.message).toMatch(/Cross-Site Request Forgery|GET requests only support query operations/);
    }
    expect(await storedBio(fed, people.client)).toBe(before);
  });

  it('runs a GET query only when a header a page cannot send without a preflight comes with it', async () => {
    const query = getUrl(ME, {});
    const refused = await fetch(query, { headers: { authorization: bearer(people.client), accept: 'application/json' } });
    expect(refused.status).toBe(400);
    const accepted: Record<string, string>[] = [{ 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Me' }, { 'content-type': 'application/json' }];
    for (const headers of accepted) {
      const res = await fetch(query, { headers: { authorization: bearer(people.client), ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(((await res.json()) as { data: MeData }).data.me.id).toBe(people.client.id);
    }
  });

  it('refuses the requests a page on another site can send without a preflight (form or text bodies)', async () => {
    const body = JSON.stringify({ query: SET_BIO, variables: { bio: 'via a form' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(fed.url, { method: 'POST', headers: { 'content-type': type, authorization: bearer(people.client) }, body });
      expect(res.status, type).toBe(400);
      expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    }
    expect(await storedBio(fed, people.client)).toBe(before);
  });
});

// Apollo Client 4, set up exactly as docs/clients.md says, against the gateway of a test federation: a query,
// a mutation, a subscription over graphql-ws, and the shipped typePolicies (clients/apollo-type-policies.ts)
// keeping its development build quiet about cache data loss.
import { format } from 'node:util';
import type * as ApolloModule from '@apollo/client';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { possibleTypes, typePolicies } from '../../clients/apollo-type-policies.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { bearer, cast, ME, READER_STATUS, SET_BIO, storedBio, triggerReaderStatus, type Cast, type MeData, type ReaderStatusData, type SetBioData } from './clients-fixtures.js';

// Apollo Client prints its development warnings only in its development build: Node picks it with
// `--conditions=development`; its default build reads globalThis.__DEV__ when first loaded. Set it before any
// @apollo/client module loads (hence the dynamic imports), and load the messages the warnings are printed with.
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
let apollo: typeof ApolloModule;
let GraphQLWsLink: typeof import('@apollo/client/link/subscriptions').GraphQLWsLink;
let getMainDefinition: typeof import('@apollo/client/utilities').getMainDefinition;

let fed: TestFederation;
let people: Cast;
const sockets: WsClient[] = [];

beforeAll(async () => {
  apollo = await import('@apollo/client');
  ({ GraphQLWsLink } = await import('@apollo/client/link/subscriptions'));
  ({ getMainDefinition } = await import('@apollo/client/utilities'));
  const dev = await import('@apollo/client/dev');
  dev.loadDevMessages();
  dev.loadErrorMessages();
  fed = await startTestFederation();
  people = await cast(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

/** docs/clients.md, "Apollo Client 4". */
function makeClient(token: string, cache: ApolloModule.InMemoryCache) {
  const { ApolloClient, ApolloLink, HttpLink } = apollo;
  const ws = createClient({ url: fed.gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: token } });
  sockets.push(ws);
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: fed.url, headers: { authorization: token } }),
  );
  return new ApolloClient({ link, cache });
}

const configuredCache = () => new apollo.InMemoryCache({ typePolicies, possibleTypes });

describe('Apollo Client 4 with its defaults against the gateway', () => {
  it('runs a query, a mutation and a subscription', async () => {
    const client = makeClient(bearer(people.client), configuredCache());
    const { gql } = apollo;

    const me = await client.query<MeData>({ query: gql(ME) });
    expect(me.error).toBeUndefined();
    expect(me.data?.me).toMatchObject({ id: people.client.id, email: people.client.email });

    const set = await client.mutate<SetBioData>({ mutation: gql(SET_BIO), variables: { bio: 'Apollo was here.' } });
    expect(set.error).toBeUndefined();
    expect(set.data?.updateClientProfile.clientProfile.bio).toBe('Apollo was here.');
    expect(await storedBio(fed, people.client)).toBe('Apollo was here.');

    const events: ReaderStatusData[] = [];
    const sub = client.subscribe<ReaderStatusData>({ query: gql(READER_STATUS), variables: { readerIds: [people.reader.id] } }).subscribe({
      next: (r) => r.data && events.push(r.data),
    });
    await triggerReaderStatus(fed, people.reader, 'ONLINE');
    await vi.waitFor(() => expect(events).toEqual([{ readerStatusChanged: { __typename: 'Reader', id: people.reader.id, status: 'ONLINE' } }]));
    sub.unsubscribe();
    client.stop();
  });
});

// The order matters: Apollo warns once per Type.field per process, so the configured cache runs first (a
// warning it caused could not be hidden by the unconfigured control having printed it before).
describe('Apollo Client 4 cache with clients/apollo-type-policies.ts', () => {
  const USER_PRIVATE = /* GraphQL */ `
    query UserPrivate($id: ID!) {
      user(id: $id) {
        id
        clientProfile {
          firstName
          bio
        }
      }
    }
  `;
  const PROFILE = /* GraphQL */ `
    query Profile {
      me {
        id
        email
        clientProfile {
          firstName
          lastName
          bio
          timezone
          preferredCategories
        }
      }
    }
  `;
  const READERS_COUNT = /* GraphQL */ `
    query ReadersCount {
      readers(first: 5) {
        totalCount
      }
    }
  `;
  const READERS_PAGE = /* GraphQL */ `
    query ReadersPage {
      readers(first: 5) {
        edges {
          node {
            id
            displayName
          }
        }
      }
    }
  `;

  /** The operations that made Apollo warn: two views of the same User's clientProfile, two of one connection. */
  async function runWarningOperations(cache: ApolloModule.InMemoryCache) {
    const { gql } = apollo;
    const client = makeClient(bearer(people.client), cache);
    const first = await client.query({ query: gql(PROFILE) });
    const second = await client.query({ query: gql(USER_PRIVATE), variables: { id: people.client.id } });
    await client.query({ query: gql(READERS_COUNT) });
    await client.query({ query: gql(READERS_PAGE) });
    client.stop();
    return { first, second, cache };
  }

  // Apollo passes printf-style arguments ("replacing the %s field of a %s object") to console.warn.
  const cacheWarnings = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.map((args) => format(...args)).filter((m) => /Cache data may be lost/.test(m));

  it('keeps every field both queries asked for and prints no cache warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const { cache } = await runWarningOperations(configuredCache());
      expect(cacheWarnings(warn)).toEqual([]);
      // merge: true kept the fields only the first query selected (replacing would have dropped them).
      const cached = cache.readQuery<{ me: { clientProfile: Record<string, unknown> } }>({ query: apollo.gql(PROFILE) });
      expect(cached?.me.clientProfile).toMatchObject({ firstName: expect.any(String), timezone: 'UTC' });
    } finally {
      warn.mockRestore();
    }
  });

  it('(control) without them, the same operations make Apollo warn about clientProfile and readers', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await runWarningOperations(new apollo.InMemoryCache());
      const warnings = cacheWarnings(warn);
      expect(warnings.some((m) => m.includes('replacing the clientProfile field of a User object'))).toBe(true);
      expect(warnings.some((m) => m.includes('replacing the readers field of a Query object'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});

// The partner scenario every client test runs with its real library (docs/clients.md): a query, a mutation and
// a subscription through the gateway, each checked against the database or a real event.
import { expect } from 'vitest';
import { SubsSetReaderStatusDocument } from '../generated/graphql.js';
import type { TestFederation } from '../helpers/federation.js';
import { createSeed, type TestUser } from '../helpers/seed.js';
import { eventually } from './subscriptions-fixtures.js';

export const ME = /* GraphQL */ `
  query Me {
    me {
      id
      email
      clientProfile {
        firstName
        bio
      }
    }
  }
`;

export const SET_BIO = /* GraphQL */ `
  mutation SetBio($bio: String) {
    updateClientProfile(input: { bio: $bio }) {
      user {
        id
      }
      clientProfile {
        firstName
        bio
      }
    }
  }
`;

export const READER_STATUS = /* GraphQL */ `
  subscription ReaderStatus($readerIds: [ID!]) {
    readerStatusChanged(readerIds: $readerIds) {
      id
      status
    }
  }
`;

export interface MeData {
  me: { id: string; email: string; clientProfile: { firstName: string | null; bio: string | null } | null };
}
export interface SetBioData {
  updateClientProfile: { user: { id: string }; clientProfile: { firstName: string | null; bio: string | null } };
}
export interface ReaderStatusData {
  readerStatusChanged: { id: string; status: string };
}

export interface Cast {
  client: TestUser;
  reader: TestUser;
}

export async function cast(fed: TestFederation): Promise<Cast> {
  const seed = createSeed(fed);
  // An offline reader offering chat (the subscription sees them go ONLINE).
  const [client, reader] = await Promise.all([seed.client().create(), seed.reader().withRates({ CHAT: 200 }).create()]);
  return { client, reader };
}

export const bearer = (user: TestUser) => `Bearer ${user.token}`;

/** The stored bio, read past the API. */
export async function storedBio(fed: TestFederation, user: TestUser): Promise<string | null> {
  const row = await fed.db.prisma.client.findUniqueOrThrow({ where: { userId: user.id } });
  return row.bio;
}

/**
 * Waits until the subscription is live upstream (a pub/sub listener exists), then has the reader change status
 * through the gateway: the subscriber must receive that change.
 */
export async function triggerReaderStatus(fed: TestFederation, reader: TestUser, status: 'ONLINE' | 'AWAY', listeners = 1): Promise<void> {
  await eventually(() => fed.pubsub.listenerCount(), (n) => n >= listeners);
  const res = await fed.run(SubsSetReaderStatusDocument, { status }, reader.token);
  expect(res.errors).toBeUndefined();
}

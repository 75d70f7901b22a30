import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Context } from '../../shared/context.js';
import { forbidden, notFound, unauthenticated } from '../../shared/errors.js';
import type { PubSub } from '../../shared/pubsub.js';
import type { ServiceRuntime } from '../../shared/runtime.js';
import { startSubgraph, type RunningServer } from '../../shared/server/subgraph.js';
import { SCHEMA_DIR } from '../../gateway/supergraph.js';

/**
 * A small test subgraph ("pulse") that owns one subscription whose payload references entities owned by
 * accounts (Reader, User). It stands in for readings' session subscriptions so the gateway's subscription
 * machinery (planning, multiplexed upstream, cross-subgraph `_entities` per event, per-viewer signed identity)
 * can be tested and benchmarked on its own. Sessions are registered in memory: sessionId → participants.
 */
export const PULSE_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  "Test-only reads."
  type Query {
    "Always true."
    pulseHealth: Boolean!
  }

  "Test-only writes."
  type Mutation {
    "Publishes the next pulse of a session (participants and admins only); answers when it has been published."
    pulseSession("The session." sessionId: ID!): PulseReceipt!
  }

  "Test-only live events."
  type Subscription {
    "Pulses of one session (participants and admins only)."
    sessionPulse("The session." sessionId: ID!): SessionPulse!
  }

  "What pulseSession did."
  type PulseReceipt {
    "Sequence number published."
    seq: Int!
    "Epoch milliseconds when it was published (after the commit)."
    publishedAt: Float!
  }

  "One pulse of a session."
  type SessionPulse {
    "The session."
    sessionId: ID!
    "Sequence number."
    seq: Int!
    "Epoch milliseconds when it was published."
    publishedAt: Float!
    "How the subscriber takes part: READER, CLIENT or ADMIN (resolved per subscriber, from its own identity)."
    viewerRole: String!
    "The session's reader (owned by accounts)."
    reader: Reader!
    "The session's client (owned by accounts)."
    client: User!
  }

  "A reader (owned by accounts)."
  type Reader @key(fields: "id", resolvable: false) {
    "The reader's user id."
    id: ID!
  }

  "A user (owned by accounts)."
  type User @key(fields: "id", resolvable: false) {
    "User id."
    id: ID!
  }
`;

export interface PulseSession {
  readerId: string;
  clientId: string;
}

interface PulseEvent {
  sessionId: string;
  seq: number;
  publishedAt: number;
  readerId: string;
  clientId: string;
}

const topic = (sessionId: string) => `pulse:${sessionId}`;

export function pulseSchema(sessions: Map<string, PulseSession>, counters = new Map<string, number>()) {
  const participant = (ctx: Context, sessionId: string) => {
    const s = sessions.get(sessionId);
    if (!s) throw notFound('Session');
    const v = ctx.viewer;
    if (!v) throw unauthenticated('You must be signed in to do this.');
    if (v.role !== 'ADMIN' && v.id !== s.readerId && v.id !== s.clientId) throw forbidden('Only the session\'s participants can do this.');
    return s;
  };
  return buildSubgraphSchema({
    typeDefs: parse(PULSE_SDL),
    resolvers: {
      Query: { pulseHealth: () => true },
      Mutation: {
        pulseSession: async (_: unknown, { sessionId }: { sessionId: string }, ctx: Context) => {
          const s = participant(ctx, sessionId);
          const seq = (counters.get(sessionId) ?? 0) + 1;
          counters.set(sessionId, seq);
          const publishedAt = Date.now();
          await ctx.pubsub.publish(topic(sessionId), { sessionId, seq, publishedAt, ...s } satisfies PulseEvent);
          return { seq, publishedAt };
        },
      },
      Subscription: {
        sessionPulse: {
          // The pub/sub iterator itself: its return() unsubscribes at once.
          subscribe: (_: unknown, { sessionId }: { sessionId: string }, ctx: Context) => {
            participant(ctx, sessionId);
            return ctx.pubsub.subscribe(topic(sessionId));
          },
          resolve: (e: PulseEvent) => e,
        },
      },
      SessionPulse: {
        viewerRole: (e: PulseEvent, _: unknown, ctx: Context) => (ctx.viewer?.id === e.readerId ? 'READER' : ctx.viewer?.id === e.clientId ? 'CLIENT' : (ctx.viewer?.role ?? 'NONE')),
        reader: (e: PulseEvent) => ({ __typename: 'Reader', id: e.readerId }),
        client: (e: PulseEvent) => ({ __typename: 'User', id: e.clientId }),
      },
    } as never,
  });
}

export async function startPulseSubgraph(
  rt: ServiceRuntime & { pubsub: PubSub },
  sessions: Map<string, PulseSession>,
  listen: { port?: number } = {},
  /** Last sequence number per session (shared so a caller can read it). */
  counters = new Map<string, number>(),
): Promise<RunningServer> {
  return startSubgraph(
    { name: 'pulse', schema: pulseSchema(sessions, counters), prisma: rt.prisma, pubsub: rt.pubsub, gatewaySecret: rt.config.gatewaySecret },
    listen,
  );
}

/**
 * The supergraph of accounts (as printed in schema/accounts.graphql) and pulse. Community's SDL is composed in too,
 * at an address nothing listens on, because accounts extends community's types (a leaderboard entry's sender); no
 * operation of the pulse tests is planned through it.
 */
export async function pulseSupergraph(urls: { accounts: string; pulse: string }): Promise<string> {
  const accounts = await readFile(path.join(SCHEMA_DIR, 'accounts.graphql'), 'utf8');
  const community = await readFile(path.join(SCHEMA_DIR, 'community.graphql'), 'utf8');
  const result = composeServices([
    { name: 'accounts', url: urls.accounts, typeDefs: parse(accounts) },
    { name: 'community', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(community) },
    { name: 'pulse', url: urls.pulse, typeDefs: parse(PULSE_SDL) },
  ]);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl!;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { startCommunity } from '../../subgraphs/community/server.js';
import { composeRuntime } from '../../scripts/compose.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { statementLoggingPrisma } from '../helpers/statement-log.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// The home screen's conversations page (bench/gateway-workloads.ts VIEWER_MIX): the page and every row's unread
// count come from ONE statement (a filtered relation count), and each count is the asking viewer's own. A second
// community server runs over the same schema with a Prisma client that logs every statement.

let fed: TestFederation;
let seed: Seed;
let logged: PrismaClient;
let community: Awaited<ReturnType<typeof startCommunity>>;
let statements: string[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  ({ prisma: logged, statements } = statementLoggingPrisma(fed));
  community = await startCommunity(composeRuntime({ config: fed.runtime.config, prisma: logged, pubsub: fed.pubsub }));
}, 120_000);
afterAll(async () => {
  await community?.close();
  await logged?.$disconnect();
  await fed?.stop();
});

const PAGE = '{ conversations(first: 10) { edges { node { id lastMessageAt unreadCount otherParticipant { id } } } } }';
type Page = { conversations: { edges: Array<{ node: { id: string; unreadCount: number; otherParticipant: { id: string } } }> } };

async function asViewer(id: string, role: 'CLIENT' | 'READER') {
  const header = await signForwardedIdentity({ viewer: { id, role }, ip: '127.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
  statements.length = 0;
  const res = await postGraphQL<Page>(community.url, { query: PAGE }, null, { [VIEWER_HEADER]: header });
  expect(res.errors).toBeUndefined();
  return { edges: res.data!.conversations.edges, sql: statements.filter((s) => !/graphile_worker|_private_|jobs/.test(s)) };
}

describe('SQL per request stays bounded (community)', () => {
  it('a page of conversations with unread counts is one statement, and each viewer counts only what was sent to them', async () => {
    const client = await seed.client().create();
    const readers = await Promise.all(Array.from({ length: 4 }, () => seed.reader().create()));
    const now = Date.now();
    for (const [i, reader] of readers.entries()) {
      const [userAId, userBId] = client.id < reader.id ? [client.id, reader.id] : [reader.id, client.id];
      const conv = await fed.db.prisma.conversation.create({ data: { userAId, userBId, lastMessageAt: new Date(now - i * 1000) } });
      // Reader i sent i + 1 messages to the client (the first one read) and the client sent one back, unread.
      await fed.db.prisma.message.createMany({
        data: [
          ...Array.from({ length: i + 1 }, (_, k) => ({ conversationId: conv.id, senderId: reader.id, receiverId: client.id, content: `r${k}`, isRead: k === 0 })),
          { conversationId: conv.id, senderId: client.id, receiverId: reader.id, content: 'thanks' },
        ],
      });
    }

    const mine = await asViewer(client.id, 'CLIENT');
    expect(mine.edges.map((e) => [e.node.otherParticipant.id, e.node.unreadCount])).toEqual(readers.map((r, i) => [r.id, i]));
    expect(mine.sql).toHaveLength(1);

    // The other side of the first conversation: its own count (the client's reply), not the client's.
    const theirs = await asViewer(readers[0]!.id, 'READER');
    expect(theirs.edges.map((e) => [e.node.otherParticipant.id, e.node.unreadCount])).toEqual([[client.id, 1]]);
    expect(theirs.sql).toHaveLength(1);
  });
});

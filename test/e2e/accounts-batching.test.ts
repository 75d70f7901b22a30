import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import type { RunningServer } from '../../shared/server/subgraph.js';
import { startAccounts } from '../../subgraphs/accounts/server.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { statementLoggingPrisma } from '../helpers/statement-log.js';
import { createSeed, type Actor, type Seed } from '../helpers/seed.js';

// The SQL a request costs must not grow with the number of rows: a page of 20 readers, and 20 Reader entities
// asked for by another subgraph (the gateway's _entities call), each take a small fixed number of queries.
// A second accounts server runs over the same schema with a Prisma client that logs every statement.

let fed: TestFederation;
let seed: Seed;
let admin: Actor;
let accounts: RunningServer;
let logged: PrismaClient;
let statements: string[] = [];
const readerIds: string[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().loggedIn().create();
  for (let i = 0; i < 20; i += 1) {
    const reader = await seed
      .reader()
      .named(`Reader${i}`)
      .invitedBy(admin)
      .withProfile({ specialties: ['tarot'], sessionTypes: ['CHAT', 'CALL'], rates: [
        { sessionType: 'CHAT', ratePerMinuteCents: 200 + i },
        { sessionType: 'CALL', ratePerMinuteCents: 400 + i },
      ] })
      .create();
    readerIds.push(reader.id);
  }
  ({ prisma: logged, statements } = statementLoggingPrisma(fed));
  accounts = await startAccounts({ ...fed.runtime, prisma: logged });
}, 180_000);
afterAll(async () => {
  await accounts?.close();
  await logged?.$disconnect();
  await fed?.stop();
});

async function countStatements(query: string, variables: Record<string, unknown>, viewer: { id: string; role: 'ADMIN' | 'CLIENT'; twoFactor?: boolean } | null = null, url = accounts.url) {
  const header = await signForwardedIdentity({ viewer, ip: '127.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
  statements.length = 0;
  const res = await postGraphQL<Record<string, unknown>>(url, { query, variables }, null, { [VIEWER_HEADER]: header });
  expect(res.errors).toBeUndefined();
  if (process.env.SHOW_SQL) console.log(statements.join('\n---\n'));
  return { res, count: statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(s.trim())).length };
}

describe('SQL per request stays bounded', () => {
  it('a page of 20 readers with rates, user and display names costs a fixed handful of queries', async () => {
    const query = `query($first: Int) { readers(first: $first, filter: { specialty: "tarot" }) {
      totalCount edges { node { id displayName lowestRateCents rates { sessionType ratePerMinuteCents } user { id displayName avatarUrl } } } } }`;
    const small = await countStatements(query, { first: 2 });
    const big = await countStatements(query, { first: 20 });
    const edges = (big.res.data!.readers as { edges: unknown[] }).edges;
    expect(edges).toHaveLength(20);
    // One query per table touched (readers, rates, users, the three profiles for display names) plus the count.
    expect(big.count).toBe(small.count);
    expect(big.count).toBeLessThanOrEqual(7);
  });

  it('20 Reader and 20 User entities from _entities (what the gateway sends) are batched', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Reader { id displayName status rates { ratePerMinuteCents } user { id displayName } }
      ... on User { id role displayName avatarUrl email } } }`;
    const reps = (ids: string[]) => [
      ...ids.map((id) => ({ __typename: 'Reader', id })),
      ...ids.map((id) => ({ __typename: 'User', id })),
    ];
    const small = await countStatements(query, { r: reps(readerIds.slice(0, 2)) }, { id: admin.id, role: 'ADMIN', twoFactor: true });
    const big = await countStatements(query, { r: reps(readerIds) }, { id: admin.id, role: 'ADMIN', twoFactor: true });
    const entities = big.res.data!._entities as Array<{ id: string; displayName: string; email?: string }>;
    expect(entities).toHaveLength(40);
    expect(entities.every((e) => e && e.displayName)).toBe(true);
    expect(entities.slice(20).every((e) => e.email?.endsWith('@example.com'))).toBe(true);
    // Constant in the number of entities (measured 12: the loaders plus one query per relation and selection).
    expect(big.count).toBe(small.count);
    expect(big.count).toBeLessThanOrEqual(12);
  });
});

describe('SQL of what the viewer-dependent mix asks of accounts (bench:gateway workload 2)', () => {
  it('me, then 10 Reader and 10 User entities: a fixed handful of statements', async () => {
    const client = await seed.client().create();
    const viewer = { id: client.id, role: 'CLIENT' as const };
    const me = await countStatements('query BenchViewer__accounts__0{me{id displayName email role}}', {}, viewer);
    expect((me.res.data!.me as { id: string }).id).toBe(client.id);
    const readers = await countStatements(
      'query BenchViewer__accounts__2($representations:[_Any!]!){_entities(representations:$representations){...on Reader{id displayName avatarUrl}}}',
      { representations: readerIds.slice(0, 10).map((id) => ({ __typename: 'Reader', id })) },
      viewer,
    );
    const users = await countStatements(
      'query BenchViewer__accounts__4($representations:[_Any!]!){_entities(representations:$representations){...on User{id displayName}}}',
      { representations: readerIds.slice(0, 10).map((id) => ({ __typename: 'User', id })) },
      viewer,
    );
    const names = (users.res.data!._entities as Array<{ displayName: string }>).map((u) => u.displayName);
    expect(names.map((n, i) => n.startsWith(`Reader${i} `))).toEqual(readerIds.slice(0, 10).map(() => true));
    // One statement each (4 + 1 + 5 before relation joins: each of the three profiles behind displayName was a
    // statement of its own; then 1 + 1 + 2 while the User entities were loaded, then their names once more).
    expect(me.count).toBe(1);
    expect(readers.count).toBe(1);
    expect(users.count).toBe(1);
  });

  it('the same Reader entities for another viewer, with the directory cache on (as in production): none the second time', async () => {
    const cached = await startAccounts({ ...fed.runtime, prisma: logged, config: { ...fed.runtime.config, readerDirectoryCacheSeconds: 600 } });
    try {
      const query = 'query BenchViewer__accounts__2($representations:[_Any!]!){_entities(representations:$representations){...on Reader{id displayName avatarUrl}}}';
      const variables = { representations: readerIds.slice(0, 10).map((id) => ({ __typename: 'Reader', id })) };
      const [a, b] = [await seed.client().create(), await seed.client().create()];
      const first = await countStatements(query, variables, { id: a.id, role: 'CLIENT' }, cached.url);
      const second = await countStatements(query, variables, { id: b.id, role: 'CLIENT' }, cached.url);
      expect(first.count).toBe(1);
      expect(second.count).toBe(0);
      expect(second.res.data).toEqual(first.res.data);
      // User entities are never kept (a client's name changes without an announcement on the directory's topics).
      const users = { representations: readerIds.slice(0, 10).map((id) => ({ __typename: 'User', id })) };
      const userQuery = 'query BenchViewer__accounts__4($representations:[_Any!]!){_entities(representations:$representations){...on User{id displayName}}}';
      await countStatements(userQuery, users, { id: a.id, role: 'CLIENT' }, cached.url);
      expect((await countStatements(userQuery, users, { id: b.id, role: 'CLIENT' }, cached.url)).count).toBe(1);
    } finally {
      await cached.close();
    }
  });
});

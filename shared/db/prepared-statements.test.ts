import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { createPrisma, type PrismaClient } from './client.js';

// createPrisma names Prisma's statements (shared/db/client.ts): a text that runs again is prepared on the connection
// and then only bound and executed. Checked in PostgreSQL's own view of the session's prepared statements, through a
// pool of one connection so every statement shares the session.

describe('Prisma statements are prepared once per connection', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let unprepared: PrismaClient;
  const prepared = async (client: PrismaClient) =>
    (await client.$queryRaw<{ statement: string }[]>`SELECT statement FROM pg_prepared_statements WHERE position('prisma_' in name) > 0`).map((r) => r.statement);
  const gift = (client: PrismaClient, name: string) => client.virtualGift.findFirst({ where: { name }, select: { id: true, name: true } });

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 1 });
    await db.prisma.virtualGift.create({ data: { name: 'Rose', priceCents: 100, imageUrl: 'https://cdn.example.com/r.png' } });
    prisma = createPrisma(db.url, { schema: db.schema, max: 1 });
    unprepared = createPrisma(db.url, { schema: db.schema, max: 1, preparedStatements: false });
  });
  afterAll(async () => {
    await Promise.all([prisma?.$disconnect(), unprepared?.$disconnect()]);
    await db?.drop();
  });

  it('a statement is prepared the second time it runs and reused after, with other values', async () => {
    expect((await gift(prisma, 'Rose'))?.name).toBe('Rose');
    expect((await prepared(prisma)).filter((s) => s.includes('virtual_gifts'))).toEqual([]);
    expect((await gift(prisma, 'Rose'))?.name).toBe('Rose');
    const after = (await prepared(prisma)).filter((s) => s.includes('virtual_gifts'));
    expect(after).toHaveLength(1);
    // The same statement answers other values (parameters, not text), and no second one is prepared for them.
    expect(await gift(prisma, 'Lily')).toBeNull();
    expect((await gift(prisma, 'Rose'))?.name).toBe('Rose');
    expect((await prepared(prisma)).filter((s) => s.includes('virtual_gifts'))).toEqual(after);
  });

  it('preparedStatements: false prepares nothing', async () => {
    // Embedded PGlite is one session for every connection: the other client's statements show there too.
    const before = await prepared(unprepared);
    for (let i = 0; i < 3; i++) expect((await gift(unprepared, 'Rose'))?.name).toBe('Rose');
    expect(await prepared(unprepared)).toEqual(before);
  });
});

import net from 'node:net';
import { locatedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { toFormattedError } from '../errors.js';
import { createPrisma, poolOf, type PrismaClient } from './client.js';
import { overloadReason } from './overload.js';

// Each database overload shape, produced for real on PostgreSQL through Prisma's pg adapter (no mocks), and what a
// client is answered for it: SERVICE_UNAVAILABLE with a reason and retryAfterSeconds, no SQL or Prisma text. Where
// the failure comes inside a transaction, the write before it is rolled back: nothing was changed.

/** The answer a subgraph gives for `error` thrown by a resolver (graphql-js locates it, Apollo formats it). */
function answer(error: unknown) {
  const located = locatedError(error, undefined, ['sendGift']);
  return toFormattedError({ ...located.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, located, false);
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

function expectUnavailable(error: unknown, reason: string) {
  const formatted = answer(error);
  expect(formatted).toEqual({
    message: 'The service is too busy to do this right now. Try again in a moment.',
    path: ['sendGift'],
    extensions: { code: 'SERVICE_UNAVAILABLE', reason, retryAfterSeconds: 1 },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(!!process.env.TEST_DATABASE_URL)('database overload answers SERVICE_UNAVAILABLE', () => {
  let db: TestDatabase;
  const clients: PrismaClient[] = [];
  /** A client of this file's schema with its own pool; `settings` become the sessions' GUCs (statement_timeout…). */
  const clientOf = (options: { max?: number; connectionTimeoutMillis?: number; settings?: string; url?: string } = {}) => {
    const url = new URL(options.url ?? db.url);
    if (options.settings) url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} ${options.settings}`);
    const prisma = createPrisma(url.toString(), { schema: db.schema, max: options.max ?? 2, connectionTimeoutMillis: options.connectionTimeoutMillis });
    clients.push(prisma);
    return prisma;
  };
  const giftNamed = (name: string) => db.prisma.virtualGift.count({ where: { name } });
  const newGift = (name: string) => ({ data: { name, priceCents: 100, imageUrl: 'https://cdn.example.com/g.png' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.virtualGift.create({ data: { id: 'locked', name: 'Locked', priceCents: 100, imageUrl: 'https://cdn.example.com/l.png' } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await db?.drop();
  });

  it('no pooled connection in time: a query, a transaction past the pool wait or past its maxWait (DATABASE_BUSY)', async () => {
    const prisma = clientOf({ max: 1, connectionTimeoutMillis: 200 });
    const slowPool = clientOf({ max: 1, connectionTimeoutMillis: 30_000 });
    const held = [await poolOf(prisma)!.connect(), await poolOf(slowPool)!.connect()];
    try {
      const query = await failure(() => prisma.virtualGift.findMany());
      expect(query).toMatchObject({ message: 'timeout exceeded when trying to connect' });
      expectUnavailable(query, 'DATABASE_BUSY');
      const inTransaction = await failure(() => prisma.$transaction((tx) => tx.virtualGift.create(newGift('pool-wait')), { maxWait: 5_000 }));
      expectUnavailable(inTransaction, 'DATABASE_BUSY');
      // Prisma's maxWait (2 s by default) before the pool's own limit: P2028.
      const maxWait = await failure(() => slowPool.$transaction((tx) => tx.virtualGift.create(newGift('max-wait')), { maxWait: 100 }));
      expect(maxWait).toMatchObject({ code: 'P2028' });
      expectUnavailable(maxWait, 'DATABASE_BUSY');
    } finally {
      for (const c of held) c.release();
    }
    expect(await giftNamed('pool-wait')).toBe(0);
    expect(await giftNamed('max-wait')).toBe(0);
    // The connections given back, both clients work again (the late waiter of the abandoned transaction released its turn).
    expect(await slowPool.virtualGift.count()).toBe(1);
    expect(poolOf(slowPool)!.waitingCount).toBe(0);
  });

  it('an interactive transaction past its timeout is rolled back (DATABASE_TIMEOUT)', async () => {
    const error = await failure(() =>
      db.prisma.$transaction(
        async (tx) => {
          await tx.virtualGift.create(newGift('expired'));
          await sleep(400);
          await tx.virtualGift.count();
        },
        { timeout: 150 },
      ),
    );
    expect(error).toMatchObject({ code: 'P2028' });
    expectUnavailable(error, 'DATABASE_TIMEOUT');
    expect(await giftNamed('expired')).toBe(0);
  });

  it('statement_timeout and lock_timeout cancel the statement and roll its transaction back (DATABASE_TIMEOUT)', async () => {
    const locker = clientOf({ max: 1 });
    let unlock!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = locker.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT 1 FROM virtual_gifts WHERE id = 'locked' FOR UPDATE`;
        locked();
        await new Promise<void>((r) => (unlock = r));
      },
      { timeout: 30_000 },
    );
    await isLocked;
    try {
      for (const settings of ['-c statement_timeout=200', '-c lock_timeout=200']) {
        const prisma = clientOf({ settings });
        const alone = await failure(() => prisma.virtualGift.update({ where: { id: 'locked' }, data: { sortOrder: 1 } }));
        expectUnavailable(alone, 'DATABASE_TIMEOUT');
        const name = `after-${settings.slice(3, 7)}`;
        const inTransaction = await failure(() =>
          prisma.$transaction(async (tx) => {
            await tx.virtualGift.create(newGift(name));
            await tx.virtualGift.update({ where: { id: 'locked' }, data: { sortOrder: 1 } });
          }),
        );
        expectUnavailable(inTransaction, 'DATABASE_TIMEOUT');
        expect(await giftNamed(name)).toBe(0);
      }
    } finally {
      unlock();
      await holding;
    }
    expect((await db.prisma.virtualGift.findUniqueOrThrow({ where: { id: 'locked' } })).sortOrder).toBe(0);
  });

  it('PostgreSQL refusing connections: too many (53300, here a role limit) and unreachable (DATABASE_BUSY, DATABASE_UNAVAILABLE)', async () => {
    // "sorry, too many clients already" (max_connections) has the same SQLSTATE, 53300; a role's limit reproduces it
    // without exhausting a server other work shares.
    const role = `overload_${db.schema}`;
    await db.sql(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`);
    try {
      const url = new URL(db.url);
      url.username = role;
      const limited = clientOf({ url: url.toString() });
      expectUnavailable(await failure(() => limited.virtualGift.findMany()), 'DATABASE_BUSY');
      expectUnavailable(await failure(() => limited.$transaction((tx) => tx.virtualGift.create(newGift('limited')))), 'DATABASE_BUSY');
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
      await db.sql(`DROP ROLE ${role}`);
    }
    const closed = clientOf({ url: 'postgresql://postgres@127.0.0.1:9/none' });
    expectUnavailable(await failure(() => closed.virtualGift.findMany()), 'DATABASE_UNAVAILABLE');
    expectUnavailable(await failure(() => closed.$transaction((tx) => tx.virtualGift.findMany())), 'DATABASE_UNAVAILABLE');
  });

  it('a new connection that is not set up in time (a server that accepts and says nothing) is DATABASE_BUSY', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const prisma = clientOf({ url: `postgresql://postgres@127.0.0.1:${port}/none`, connectionTimeoutMillis: 200 });
      const error = await failure(() => prisma.virtualGift.findMany());
      expect(error).toMatchObject({ message: 'Connection terminated due to connection timeout' });
      expectUnavailable(error, 'DATABASE_BUSY');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('other database errors stay INTERNAL, without their text', async () => {
    const missing = await failure(() => db.prisma.$queryRawUnsafe('SELECT * FROM no_such_table'));
    expect(overloadReason(missing)).toBeNull();
    expect(answer(missing)).toEqual({ message: 'Internal server error.', path: ['sendGift'], extensions: { code: 'INTERNAL' } });
    expect(overloadReason(new Error('timeout exceeded when trying to connect to the media server'))).toBeNull();
    // An error relayed as JSON (a subgraph's answer at the gateway) keeps the code its subgraph gave it.
    expect(overloadReason({ message: 'timeout exceeded when trying to connect' })).toBeNull();
  });
});

// The gateway benchmark's data: a scratch schema of DATABASE_URL / TEST_DATABASE_URL with every migration, the
// demo data, verified readers up to a page of 20 (and then some), and BENCH_CLIENTS logged-in clients (default
// 200), each with a wallet, 10 past sessions with readers and 10 conversations with readers (one message each), so
// that every viewer-dependent field of the mix answers a full page of its own rows.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { seedDemoData } from '../prisma/seed.js';
import { createPubSub } from '../shared/pubsub.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { ensureUserAccounts } from '../subgraphs/payments/services/ledger.js';

export interface BenchData {
  /** DATABASE_URL for the services, with the scratch schema as search_path. */
  url: string;
  /** The logged-in clients, in round-robin order. */
  clients: string[];
  /** Per client (same order): the readers of its 10 sessions, who are also its 10 conversation partners. */
  partners: string[][];
}

const PAGE = 10;

async function migrate(base: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    // Recorded as `prisma migrate deploy` records them: each service refuses to start with a migration pending.
    await admin.query(`CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,
      finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    for (const d of dirs) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');
      await admin.query(sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
      await admin.query('INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)', [
        randomUUID(), createHash('sha256').update(sql).digest('hex'), d,
      ]);
    }
  } finally {
    await admin.end();
  }
}

export async function prepareDatabase(base: string, schema: string, clientCount: number, pageSize = 20): Promise<BenchData> {
  await migrate(base, schema);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const url = u.toString();
  const prisma = createPrisma(url, { schema, max: 2 });
  try {
    const pubsub = createPubSub();
    await seedDemoData(prisma, createMoney(prisma, pubsub));
    await pubsub.close();
    // The demo has six readers: add verified readers until a page of `pageSize` is full, and four more (a page has a next one).
    const have = await prisma.reader.count();
    for (let i = have; i < pageSize + 4; i++) {
      await prisma.user.create({
        data: {
          email: `bench-reader-${i}@soulseer.dev`, passwordHash: 'x', role: 'READER', status: 'ACTIVE', emailVerifiedAt: new Date(),
          readerProfile: {
            create: {
              firstName: `Reader${i}`, lastName: 'Bench', displayName: `Reader${i} Bench`, headline: `Guidance #${i}`,
              bio: 'Tarot and astrology readings with a calm, practical touch.', specialties: ['tarot', 'astrology'],
              experience: 3 + (i % 10), languages: ['en'], sessionTypes: ['CHAT', 'CALL'], status: i % 3 ? 'ONLINE' : 'OFFLINE',
              isVerified: true, lowestRateCents: 150 + i * 10, certifications: [],
              rates: { create: [{ sessionType: 'CHAT', ratePerMinuteCents: 150 + i * 10 }, { sessionType: 'CALL', ratePerMinuteCents: 250 + i * 10 }] },
            },
          },
        },
      });
    }
    const readers = (await prisma.reader.findMany({ select: { userId: true }, orderBy: { userId: 'asc' } })).map((r) => r.userId);
    const clients = await seedClients(prisma, readers, clientCount);
    return { url, clients, partners: clients.map((_, c) => Array.from({ length: PAGE }, (_, k) => readers[(c + k) % readers.length]!)) };
  } finally {
    await prisma.$disconnect();
  }
}

/** The logged-in clients of the viewer-dependent workloads, written set-based. */
async function seedClients(prisma: ReturnType<typeof createPrisma>, readers: string[], count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `bench-client-${String(i).padStart(4, '0')}`);
  await prisma.user.createMany({
    data: ids.map((id) => ({ id, email: `${id}@bench.soulseer.dev`, passwordHash: 'x', role: 'CLIENT' as const, status: 'ACTIVE' as const })),
  });
  await prisma.client.createMany({ data: ids.map((id, i) => ({ userId: id, firstName: `Client${i}` })) });
  // Wallets exist up front: the first `wallet` read would otherwise write them during the measurement.
  await ensureUserAccounts(prisma, { wallets: ids });
  const day = 86_400_000;
  const now = Date.now();
  await prisma.session.createMany({
    data: ids.flatMap((clientId, c) =>
      Array.from({ length: PAGE }, (_, k) => {
        const started = new Date(now - (k + 1) * day - c * 60_000);
        const minutes = 5 + ((c + k) % 20);
        return {
          clientId,
          readerId: readers[(c + k) % readers.length]!,
          type: (k % 3 ? 'CHAT' : 'CALL') as 'CHAT' | 'CALL',
          status: 'COMPLETED' as const,
          rateCents: 199,
          requestedAt: started,
          acceptedAt: started,
          startedAt: started,
          endedAt: new Date(started.getTime() + minutes * 60_000),
          billedMinutes: minutes,
          duration: minutes * 60,
          connectedSeconds: minutes * 60,
          totalCostCents: minutes * 199,
          endReason: 'ENDED_BY_CLIENT',
        };
      }),
    ),
  });
  // One conversation with each of PAGE readers (the pair stored in the product's order: smaller id first).
  const conversations = ids.flatMap((clientId, c) =>
    Array.from({ length: PAGE }, (_, k) => {
      const readerId = readers[(c + k) % readers.length]!;
      const [userAId, userBId] = clientId < readerId ? [clientId, readerId] : [readerId, clientId];
      return { id: `bench-conv-${c}-${k}`, userAId, userBId, readerId, clientId, lastMessageAt: new Date(now - k * 3_600_000 - c * 1000) };
    }),
  );
  await prisma.conversation.createMany({ data: conversations.map(({ id, userAId, userBId, lastMessageAt }) => ({ id, userAId, userBId, lastMessageAt })) });
  await prisma.message.createMany({
    data: conversations.map((cv) => ({
      conversationId: cv.id, senderId: cv.readerId, receiverId: cv.clientId, content: 'Thank you for the reading, see you soon.', createdAt: cv.lastMessageAt,
    })),
  });
  return ids;
}

export async function dropDatabase(base: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
  } finally {
    await admin.end();
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { applyMigrations, createMigration } from '../shared/db/migrations.js';
import { createPrisma } from '../shared/db/client.js';
import { createPubSub } from '../shared/pubsub.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { reconcile } from '../subgraphs/payments/services/reports.js';
import { seedDemoData, demoSeedFingerprint, DEMO_CREDIT_CENTS, DEMO_LOGINS, DEMO_SEED_KEY, FORUM_CATEGORIES } from '../prisma/seed.js';

// `npm run db:migrate` runs Prisma's schema engine (WebAssembly) against a database. This test runs it on a
// fresh database of its own, the way a deployment would, and checks the folder stays in sync with the schema.
const base = inject('databaseUrl');
const dbName = `mig_${randomBytes(5).toString('hex')}`;
let url: string;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  url = u.toString();
});
afterAll(async () => {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
});

describe('migrations through the WebAssembly schema engine', () => {
  it('applies every migration once, records them as prisma migrate deploy does, and is idempotent', async () => {
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const rows = (await c.query('SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name')).rows;
      expect(rows.map((r) => r.migration_name)).toEqual(first);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      // The hand-written constraints are there: an unbalanced ledger transaction cannot commit.
      const trigger = await c.query(
        `SELECT 1 FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid WHERE t.tgname = 'ledger_entries_balanced' AND r.relnamespace = current_schema()::regnamespace`,
      );
      expect(trigger.rowCount).toBe(1);
    } finally {
      await c.end();
    }
  });

  it('finds no difference between the schema files and the last migration (a forgotten migration fails here)', async () => {
    expect(await createMigration('should_not_be_written', url)).toBeNull();
  });

  it('seeds demo data idempotently: demo clients get promotional credit once, no demo reader stays BUSY', async () => {
    const prisma = createPrisma(url, { max: 2 });
    const pubsub = createPubSub();
    const money = createMoney(prisma, pubsub);
    try {
      expect(await seedDemoData(prisma, money)).toBe('seeded');
      const counts = async () => [await prisma.user.count(), await prisma.forumCategory.count(), await prisma.readerRate.count()];
      const once = await counts();
      // A reader left BUSY with no session running (a process stopped mid-session) is free after the next start.
      const sage = await prisma.user.findUniqueOrThrow({ where: { email: 'sage@soulseer.dev' } });
      await prisma.reader.update({ where: { userId: sage.id }, data: { status: 'BUSY' } });
      // Another seed (an older fingerprint): seeded again, idempotently.
      await prisma.systemSetting.update({ where: { key: DEMO_SEED_KEY }, data: { value: 'an-older-seed' } });
      expect(await seedDemoData(prisma, money)).toBe('seeded');
      expect(await counts()).toEqual(once);
      expect(once[0]).toBe(1 + DEMO_LOGINS.readers.length + DEMO_LOGINS.clients.length);
      expect(once[1]).toBe(FORUM_CATEGORIES.length);
      expect(await prisma.reader.count({ where: { status: 'BUSY' } })).toBe(0);
      for (const email of DEMO_LOGINS.clients) {
        const client = await prisma.user.findUniqueOrThrow({ where: { email } });
        expect(await money.balanceOf(client.id)).toBe(DEMO_CREDIT_CENTS);
      }
      // Credited through the ledger as adjustments (one per client, however often the seed runs): reconciliation is clean.
      expect(await prisma.transaction.count({ where: { type: 'ADJUSTMENT' } })).toBe(DEMO_LOGINS.clients.length);
      const report = await reconcile(prisma);
      expect(report.checks.filter((c) => c.differences > 0)).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await pubsub.close();
      await prisma.$disconnect();
    }
  });

  it('a warm start skips a seed already applied: data kept as users left it, stuck readers freed, a changed seed re-applied', async () => {
    const prisma = createPrisma(url, { max: 2 });
    const pubsub = createPubSub();
    const money = createMoney(prisma, pubsub);
    try {
      await seedDemoData(prisma, money);
      const marker = await prisma.systemSetting.findUniqueOrThrow({ where: { key: DEMO_SEED_KEY } });
      expect(marker.value).toBe(demoSeedFingerprint());
      // What users did since is kept: a gift an admin removed stays removed, an edited category keeps its name.
      await prisma.virtualGift.delete({ where: { name: 'Rose' } });
      await prisma.forumCategory.update({ where: { slug: 'general' }, data: { name: 'Lobby' } });
      const [sage, orion, client] = await Promise.all(
        ['sage@soulseer.dev', 'orion@soulseer.dev', DEMO_LOGINS.clients[0]!].map((email) => prisma.user.findUniqueOrThrow({ where: { email } })),
      );
      // sage is BUSY with nothing under way (a process stopped mid-session); orion is BUSY in a real session.
      await prisma.reader.updateMany({ where: { userId: { in: [sage!.id, orion!.id] } }, data: { status: 'BUSY' } });
      const session = await prisma.session.create({ data: { clientId: client!.id, readerId: orion!.id, type: 'CHAT', status: 'IN_PROGRESS', rateCents: 199 } });
      const users = await prisma.user.count();

      expect(await seedDemoData(prisma, money)).toBe('current');
      expect(await prisma.virtualGift.count({ where: { name: 'Rose' } })).toBe(0);
      expect((await prisma.forumCategory.findUniqueOrThrow({ where: { slug: 'general' } })).name).toBe('Lobby');
      expect(await prisma.user.count()).toBe(users);
      expect((await prisma.reader.findUniqueOrThrow({ where: { userId: sage!.id } })).status).toBe('ONLINE');
      // A reader in a session is not freed behind the meter's back.
      expect((await prisma.reader.findUniqueOrThrow({ where: { userId: orion!.id } })).status).toBe('BUSY');
      await prisma.session.update({ where: { id: session.id }, data: { status: 'COMPLETED', endedAt: new Date() } });

      // The seed changed (the recorded fingerprint is another one): applied again, missing demo rows are back, the
      // credit is not given twice, and the new fingerprint is recorded.
      await prisma.systemSetting.update({ where: { key: DEMO_SEED_KEY }, data: { value: 'an-older-seed' } });
      expect(await seedDemoData(prisma, money)).toBe('seeded');
      expect(await prisma.virtualGift.count({ where: { name: 'Rose' } })).toBe(1);
      expect((await prisma.reader.findUniqueOrThrow({ where: { userId: orion!.id } })).status).toBe('ONLINE');
      expect(await prisma.transaction.count({ where: { type: 'ADJUSTMENT' } })).toBe(DEMO_LOGINS.clients.length);
      expect((await prisma.systemSetting.findUniqueOrThrow({ where: { key: DEMO_SEED_KEY } })).value).toBe(demoSeedFingerprint());
    } finally {
      await pubsub.close();
      await prisma.$disconnect();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../shared/db/generated/client.js';
import { signForwardedIdentity, VIEWER_HEADER } from '../../shared/auth/tokens.js';
import { startReadings } from '../../subgraphs/readings/server.js';
import { composeRuntime } from '../../scripts/compose.js';
import { postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { statementLoggingPrisma } from '../helpers/statement-log.js';
import { createSeed, type Seed } from '../helpers/seed.js';

// Session.meter in a list: the running sessions' wallet balances come from one query and the low-balance
// setting from one, however many sessions the page holds (sibling resolvers' findUnique calls are batched into
// one statement by Prisma; this guards that they stay findUnique-shaped). A second readings server runs over the
// same schema with a Prisma client (and money port) that logs every statement.

let fed: TestFederation;
let seed: Seed;
let logged: PrismaClient;
let readings: Awaited<ReturnType<typeof startReadings>>;
let statements: string[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  ({ prisma: logged, statements } = statementLoggingPrisma(fed));
  readings = await startReadings(composeRuntime({ config: fed.runtime.config, prisma: logged, pubsub: fed.pubsub }));
}, 120_000);
afterAll(async () => {
  await readings?.close();
  await logged?.$disconnect();
  await fed?.stop();
});

describe('SQL per request stays bounded (readings)', () => {
  it('a page of 10 running sessions with their meters reads balances and the setting once each', async () => {
    const client = await seed.client().withCredit(12_345).create();
    for (let i = 0; i < 10; i++) {
      const reader = await seed.reader().online().withRates({ CHAT: 200 + i }).create();
      await fed.db.prisma.session.create({
        data: { clientId: client.id, readerId: reader.id, type: 'CHAT', status: 'IN_PROGRESS', rateCents: 200 + i, startedAt: new Date(), resumedAt: new Date(), clientConnected: true, readerConnected: true,
          // Minute 1 counts as paid, so the federation's billing sweep has nothing due while the test reads the meters.
          billedMinutes: 1 },
      });
    }
    const header = await signForwardedIdentity({ viewer: { id: client.id, role: 'CLIENT' }, ip: '127.0.0.1', userAgent: 'test' }, fed.runtime.config.gatewaySecret);
    statements.length = 0;
    const res = await postGraphQL<{ mySessions: { edges: Array<{ node: { meter: { balanceCents: number | null; lowBalance: boolean } } }> } }>(
      readings.url,
      { query: '{ mySessions(first: 20) { edges { node { id meter { balanceCents lowBalance costCents } } } } }' },
      null,
      { [VIEWER_HEADER]: header },
    );
    expect(res.errors).toBeUndefined();
    const meters = res.data!.mySessions.edges.map((e) => e.node.meter);
    expect(meters).toHaveLength(10);
    expect(meters.every((m) => m.balanceCents === 12_345 && m.lowBalance === false)).toBe(true);
    const balanceReads = statements.filter((s) => /ledger_accounts/.test(s));
    const settingReads = statements.filter((s) => /system_settings/.test(s));
    expect(balanceReads).toHaveLength(1);
    expect(settingReads).toHaveLength(1);
  });
});

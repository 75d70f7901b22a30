import { afterAll, beforeAll, expect } from 'vitest';
import { ReconciliationReportDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { fakeStripeConfig, startFakeStripe, type FakeStripe } from '../fakes/stripe.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';
import { CLEAN, checkLedger } from '../../subgraphs/payments/testing/fixtures.js';

export interface StripeFederation {
  fed: TestFederation;
  stripe: FakeStripe;
  seed: Seed;
  admin: TestUser;
  /** POSTs a webhook delivery to the gateway's /webhooks/stripe. */
  deliver(d: { body: string; signature?: string | null }): Promise<Response>;
  /** A wallet's cached balance, in cents. */
  balance(userId: string): Promise<number>;
}

/**
 * The whole federation with payments pointed at the local Stripe fake, for one test file: started before its
 * tests; after them, the reconciliation report must show no difference and the ledger must be clean.
 */
export function useStripeFederation(): StripeFederation {
  const s = {} as StripeFederation;
  s.deliver = (d) => s.seed.deliverStripe(d);
  s.balance = async (userId) => {
    const [row] = await s.fed.db.sql<{ b: string }>(`SELECT balance_cents AS b FROM ledger_accounts WHERE id = $1`, [`wallet:${userId}`]);
    return Number(row?.b ?? 0);
  };
  beforeAll(async () => {
    s.stripe = await startFakeStripe();
    s.fed = await startTestFederation({ config: { stripe: fakeStripeConfig(s.stripe) } });
    s.seed = createSeed(s.fed);
    s.admin = await s.seed.admin().create();
  });
  afterAll(async () => {
    if (s.fed) {
      const report = await s.fed.run(ReconciliationReportDocument, {}, s.admin.token);
      expect(report.data?.reconciliationReport.checks.filter((c) => c.differences > 0)).toEqual([]);
      expect(await checkLedger(s.fed.db.sql)).toEqual(CLEAN);
    }
    await s.fed?.stop();
    await s.stripe?.close();
  });
  return s;
}

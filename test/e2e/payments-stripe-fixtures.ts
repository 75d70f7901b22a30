import { afterAll, beforeAll, expect } from 'vitest';
import { AdjustBalanceDocument, ReconciliationReportDocument } from '../generated/graphql.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { fakeStripeConfig, startFakeStripe, type FakeStripe } from '../fakes/stripe.js';
import { createAccessToken } from '../../shared/auth/tokens.js';
import { CLEAN, checkLedger, createUser } from '../../subgraphs/payments/testing/fixtures.js';

export interface StripeFederation {
  fed: TestFederation;
  stripe: FakeStripe;
  admin: { id: string; token: string };
  /** A signed-in user of that role. */
  login(role: 'CLIENT' | 'READER' | 'ADMIN'): Promise<{ id: string; token: string }>;
  /** POSTs a webhook delivery to the gateway's /webhooks/stripe. */
  deliver(d: { body: string; signature?: string | null }): Promise<Response>;
  /** A wallet's cached balance, in cents. */
  balance(userId: string): Promise<number>;
  /** Credits a reader's earnings by an admin adjustment. */
  earn(readerId: string, cents: number): Promise<void>;
}

/**
 * The whole federation with payments pointed at the local Stripe fake, for one test file: started before its
 * tests; after them, the reconciliation report must show no difference and the ledger must be clean.
 */
export function useStripeFederation(): StripeFederation {
  const s = {} as StripeFederation;
  s.login = async (role) => {
    const id = await createUser(s.fed.db.prisma, role);
    return { id, token: await createAccessToken({ id, role }, s.fed.runtime.config.jwtSecret, 900) };
  };
  s.deliver = (d) =>
    fetch(s.fed.url.replace(/\/graphql$/, '/webhooks/stripe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(d.signature ? { 'stripe-signature': d.signature } : {}) },
      body: d.body,
    });
  s.balance = async (userId) => {
    const [row] = await s.fed.db.sql<{ b: string }>(`SELECT balance_cents AS b FROM ledger_accounts WHERE id = $1`, [`wallet:${userId}`]);
    return Number(row?.b ?? 0);
  };
  s.earn = async (readerId, cents) => {
    const res = await s.fed.run(
      AdjustBalanceDocument,
      { input: { userId: readerId, amountCents: cents, account: 'EARNINGS', reason: 'test earnings', idempotencyKey: `earn-${readerId}-${cents}-${Math.random()}` } },
      s.admin.token,
    );
    expect(res.errors).toBeUndefined();
  };
  beforeAll(async () => {
    s.stripe = await startFakeStripe();
    s.fed = await startTestFederation({ config: { stripe: fakeStripeConfig(s.stripe) } });
    s.admin = await s.login('ADMIN');
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

import { randomBytes } from 'node:crypto';
import type { PaymentsMoney } from '../../subgraphs/payments/services/money.js';
import type { TestFederation } from '../helpers/federation.js';
import type { TestUser } from '../helpers/seed.js';
import { checkLedger } from '../../subgraphs/payments/testing/fixtures.js';

// What the community end-to-end tests read back (their users and money come from the seed API,
// test/helpers/seed.ts): balances, earnings, purchases, and the ledger checks for afterwards.

export function community(fed: TestFederation) {
  const money = fed.runtime.money as PaymentsMoney;
  return {
    balance: (user: TestUser) => money.balanceOf(user.id),
    earnings: async (user: TestUser) => {
      const row = await fed.db.prisma.ledgerAccount.findUnique({ where: { id: `earnings:${user.id}` } });
      return Number(row?.balanceCents ?? 0n);
    },
    transactionsOf: (user: TestUser) => fed.db.prisma.transaction.findMany({ where: { userId: user.id, type: { in: ['PURCHASE', 'GIFT_PURCHASE'] } } }),
    /** Every ledger invariant (payments' own check): balanced, balances = entries, none negative, splits exact. */
    ledgerInvariants: () => checkLedger(fed.db.sql),
  };
}

export const key = () => `key-${randomBytes(8).toString('hex')}`;

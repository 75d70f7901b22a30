import { randomBytes } from 'node:crypto';
import type { PaymentsMoney } from '../../subgraphs/payments/services/money.js';
import type { TestFederation } from '../helpers/federation.js';
import { checkLedger } from '../../subgraphs/payments/testing/fixtures.js';
import { createUser, type TestUser } from './subscriptions-fixtures.js';

// Seed API for the community end-to-end tests: users straight in the database with signed tokens, wallets
// credited through payments' own adjustment path (as an admin would), and ledger checks for afterwards.

export function community(fed: TestFederation) {
  const money = fed.runtime.money as PaymentsMoney;
  return {
    user: (role: 'CLIENT' | 'READER' | 'ADMIN' = 'CLIENT') => createUser(fed.db.prisma, fed.runtime.config.jwtSecret, role),
    async fund(user: TestUser, cents: number) {
      await money.adjustBalance(
        { userId: user.id, amountCents: cents, account: 'WALLET', reason: 'test credit', idempotencyKey: `fund:${randomBytes(8).toString('hex')}` },
        { viewer: null, ip: null, userAgent: null },
      );
    },
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

import type { Prisma } from '../../../shared/db/generated/client.js';
import type { PersonalDataPort } from '../../../shared/ports.js';
import { earningsAccountId, walletAccountId } from './ledger.js';

type Tx = Prisma.TransactionClient;

async function balances(db: Tx, userId: string): Promise<{ walletCents: number; earningsCents: number }> {
  const accounts = await db.ledgerAccount.findMany({ where: { id: { in: [walletAccountId(userId), earningsAccountId(userId)] } }, select: { id: true, balanceCents: true } });
  const of = (code: string) => Number(accounts.find((a) => a.id === code)?.balanceCents ?? 0n);
  return { walletCents: of(walletAccountId(userId)), earningsCents: of(earningsAccountId(userId)) };
}

/**
 * Payments' personal data of a user (shared/ports.ts PersonalDataPort): their transactions (as payer or as the reader
 * paid), balances, orders. Deletion removes nothing here: the ledger and transactions are kept (they carry ids only,
 * and the books must balance); only the saved card and auto-reload are dropped. A user who still holds money (wallet
 * credit or unpaid reader earnings) cannot be deleted until it is refunded or paid out.
 */
export const paymentsPersonalData: PersonalDataPort = {
  section: 'payments',
  async exportUserData(db: Tx, userId: string) {
    const transactions = await db.transaction.findMany({ where: { OR: [{ userId }, { readerId: userId }] }, orderBy: { createdAt: 'asc' } });
    const orders = await db.order.findMany({ where: { clientId: userId }, orderBy: { createdAt: 'asc' }, include: { orderItems: true } });
    return {
      balances: await balances(db, userId),
      transactions: transactions.map((t) => ({
        id: t.id,
        type: t.type,
        status: t.status,
        amountCents: t.amountCents,
        currency: t.currency,
        readerEarningsCents: t.userId === userId ? null : t.readerEarningsCents,
        sessionId: t.sessionId,
        orderId: t.orderId,
        description: t.description,
        createdAt: t.createdAt,
      })),
      orders: orders.map((o) => ({
        id: o.id,
        status: o.status,
        totalAmountCents: o.totalAmountCents,
        shippingAddress: o.shippingAddress,
        createdAt: o.createdAt,
        items: o.orderItems.map((i) => ({ productId: i.productId, quantity: i.quantity, priceCents: i.priceCents })),
      })),
    };
  },
  async deletionBlocker(tx, userId) {
    const { walletCents, earningsCents } = await balances(tx, userId);
    if (earningsCents > 0) return { reason: 'UNPAID_EARNINGS', message: 'This reader has earnings not paid out yet: request a payout first.' };
    if (walletCents > 0) return { reason: 'WALLET_BALANCE', message: 'The wallet still holds credit: spend it or ask for a refund first.' };
    return null;
  },
  async eraseUserData(tx, userId) {
    await tx.wallet.updateMany({ where: { userId }, data: { defaultPaymentMethodId: null, autoReloadEnabled: false } });
  },
};

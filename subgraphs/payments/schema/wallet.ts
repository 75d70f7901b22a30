import { builder } from '../builder.js';

interface WalletView {
  userId: string;
  balanceCents: bigint;
  currency: string;
}

export const WalletRef = builder.objectRef<WalletView>('Wallet').implement({
  description: 'A client\'s prepaid balance.',
  fields: (t) => ({
    balanceCents: t.int({ description: 'Balance in cents.', resolve: (w) => Number(w.balanceCents) }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
  }),
});

builder.queryField('wallet', (t) =>
  t.field({
    type: WalletRef,
    authScopes: { authenticated: true },
    description: 'The viewer\'s wallet (a zero balance before the first top-up).',
    resolve: async (_root, _args, ctx) => {
      const wallet = await ctx.prisma.wallet.findUnique({ where: { userId: ctx.viewer!.id }, include: { account: true } });
      return { userId: ctx.viewer!.id, balanceCents: wallet?.account.balanceCents ?? 0n, currency: wallet?.currency ?? 'USD' };
    },
  }),
);

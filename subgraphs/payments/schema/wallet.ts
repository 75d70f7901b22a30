import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { filterIterator } from '../../../shared/pubsub.js';
import { getIntSetting } from '../../../shared/settings.js';
import type { Wallet } from '../../../shared/db/generated/client.js';
import { canAdjustBalances, canUseWallet, moneyOwnerFor } from '../authz.js';
import { builder } from '../builder.js';
import { adjustBalance } from '../services/adjustments.js';
import { ensureUserAccounts } from '../services/ledger.js';
import { walletTopic, type WalletEvent } from '../services/money.js';
import { TOP_UP_PRESETS_CENTS, MAX_TOP_UP_CENTS, cardPaymentsEnabled, createTopUp, setAutoReload } from '../services/topups.js';
import { TransactionTypeEnum, TransactionObject } from './transaction.js';

export const AutoReloadObject = builder.objectRef<Wallet>('AutoReload').implement({
  description: 'Charge the saved card when the balance falls under a threshold (at most once per crossing).',
  fields: (t) => ({
    enabled: t.exposeBoolean('autoReloadEnabled', { description: 'True when the saved card is charged automatically as the balance falls under thresholdCents.' }),
    thresholdCents: t.exposeInt('autoReloadThresholdCents', { nullable: true, description: 'Reload when the balance falls under this, in cents.' }),
    amountCents: t.exposeInt('autoReloadAmountCents', { nullable: true, description: 'How much each reload adds, in cents.' }),
    armed: t.exposeBoolean('autoReloadArmed', { description: 'False after a reload fired, until the balance is back over the threshold.' }),
  }),
});

export const WalletObject = builder.prismaObject('Wallet', {
  description: 'A prepaid balance in cents. Credited only by verified Stripe payments, refunds and admin adjustments.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the wallet (one per client); only its owner and admins can read it.' }),
    userId: t.exposeID('userId', { description: 'The owner\'s user id.' }),
    balanceCents: t.field({
      type: 'Int',
      description: 'Balance in cents (the sum of its ledger entries).',
      select: { account: { select: { balanceCents: true } } },
      resolve: (w) => Number(w.account.balanceCents),
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    autoReload: t.field({ type: AutoReloadObject, description: 'Auto-reload settings.', resolve: (w) => w as Wallet }),
    hasSavedCard: t.boolean({ description: 'A card was saved by a previous top-up (needed for auto-reload).', resolve: (w) => !!w.defaultPaymentMethodId }),
  }),
});

const TopUpOptionsObject = builder.objectRef<Record<string, never>>('TopUpOptions').implement({
  description: 'What a top-up may be.',
  fields: (t) => ({
    minimumCents: t.int({ description: 'Smallest top-up, in cents.', resolve: (_r, _a, ctx) => getIntSetting(ctx.prisma, 'min_topup_cents') }),
    maximumCents: t.int({ description: 'Largest top-up, in cents.', resolve: () => MAX_TOP_UP_CENTS }),
    presetsCents: t.intList({ description: 'Suggested amounts, in cents.', resolve: () => [...TOP_UP_PRESETS_CENTS] }),
    cardPaymentsEnabled: t.boolean({ description: 'False when Stripe is not configured (createTopUp answers PAYMENTS_NOT_CONFIGURED).', resolve: (_r, _a, ctx) => cardPaymentsEnabled(ctx) }),
  }),
});

const TopUpStatusEnum = builder.enumType('TopUpStatus', {
  description: 'Where a card top-up is.',
  values: {
    PENDING: { description: 'Waiting for the card payment.' },
    SUCCEEDED: { description: 'Paid; the wallet was credited.' },
    FAILED: { description: 'The payment failed; nothing was credited.' },
    CANCELED: { description: 'The payment was canceled; nothing was credited.' },
  },
});

export const TopUpObject = builder.prismaObject('TopUp', {
  description: 'A wallet top-up through a Stripe PaymentIntent. The wallet is credited only by its verified webhook.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the top-up; the client who started it and admins can read it.' }),
    amountCents: t.exposeInt('amountCents', { description: 'Cents charged to the card and credited to the wallet once Stripe confirms (limits in topUpOptions).' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    status: t.expose('status', { type: TopUpStatusEnum, description: 'Payment status.' }),
    paymentIntentId: t.exposeString('stripePaymentIntentId', { description: 'The Stripe PaymentIntent id.' }),
    isAutoReload: t.exposeBoolean('isAutoReload', { description: 'Started by auto-reload rather than by the client.' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why it failed, if it did.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was started.' }),
  }),
});

const CreateTopUpPayload = builder.objectRef<{ topUpId: string; clientSecret: string }>('CreateTopUpPayload').implement({
  description: 'A started top-up: confirm it on the client with Stripe.js and the client secret.',
  fields: (t) => ({
    topUp: t.prismaField({
      type: 'TopUp',
      description: 'The pending top-up.',
      resolve: (query, p, _a, ctx) => ctx.prisma.topUp.findUniqueOrThrow({ ...query, where: { id: p.topUpId } }),
    }),
    clientSecret: t.exposeString('clientSecret', { description: 'The PaymentIntent client secret for Stripe.js.' }),
  }),
});

const CreateTopUpInput = builder.inputType('CreateTopUpInput', {
  description: 'A card top-up.',
  fields: (t) => ({
    amountCents: t.int({ required: true, description: 'Amount in cents: at least $5 (setting), at most $1,000.' }),
    idempotencyKey: t.string({ description: 'Repeating a key returns the same top-up instead of starting another (8–200 characters).' }),
  }),
});

const SetAutoReloadInput = builder.inputType('SetAutoReloadInput', {
  description: 'Auto-reload settings.',
  fields: (t) => ({
    enabled: t.boolean({ required: true, description: 'Turn auto-reload on or off.' }),
    thresholdCents: t.int({ description: 'Reload when the balance falls under this (required to enable).' }),
    amountCents: t.int({ description: 'Amount of each reload, like a top-up (required to enable).' }),
  }),
});

const AdjustAccountEnum = builder.enumType('AdjustableAccount', {
  description: 'Which of a user\'s balances an adjustment changes.',
  values: { WALLET: { description: 'The client wallet.' }, EARNINGS: { description: 'The reader\'s earnings.' } },
});

const AdjustBalanceInput = builder.inputType('AdjustBalanceInput', {
  description: 'A manual credit or debit by an admin.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Whose balance.' }),
    amountCents: t.int({ required: true, description: 'Signed amount in cents: positive credits, negative debits (never below zero).' }),
    account: t.field({ type: AdjustAccountEnum, defaultValue: 'WALLET', description: 'Wallet (default) or reader earnings.' }),
    reason: t.string({ required: true, description: 'Why (3–500 characters); kept in the ledger and the audit log.' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first result and moves nothing (8–200 characters).' }),
  }),
});

const AdjustBalancePayload = builder.objectRef<{ transactionId: string; balanceCents: number; replayed: boolean }>('AdjustBalancePayload').implement({
  description: 'The result of an adjustment.',
  fields: (t) => ({
    transaction: t.prismaField({
      type: 'Transaction',
      description: 'The ADJUSTMENT transaction.',
      resolve: (query, p, _a, ctx) => ctx.prisma.transaction.findUniqueOrThrow({ ...query, where: { id: p.transactionId } }),
    }),
    balanceCents: t.exposeInt('balanceCents', { description: 'The adjusted balance after it, in cents.' }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the key had been used: nothing moved now.' }),
  }),
});

const WalletUpdateObject = builder.objectRef<WalletEvent>('WalletUpdate').implement({
  description: 'A change of the viewer\'s wallet: credit, charge, refund, adjustment, or low balance.',
  fields: (t) => ({
    balanceCents: t.exposeInt('balanceCents', { description: 'Balance after the change, in cents.' }),
    cause: t.field({ type: TransactionTypeEnum, nullable: true, description: 'What changed it (null: a refresh).', resolve: (e) => e.cause }),
    lowBalance: t.exposeBoolean('lowBalance', { description: 'Less than 2 minutes of the running session\'s rate remain: top up to continue.' }),
    transaction: t.prismaField({
      type: 'Transaction',
      nullable: true,
      description: 'The transaction behind the change, when there is one.',
      resolve: (query, e, _a, ctx) => (e.transactionId ? ctx.prisma.transaction.findUnique({ ...query, where: { id: e.transactionId } }) : null),
    }),
  }),
});

/** The user's wallet, created (with its ledger account) on first read only: a read writes nothing afterwards. */
async function walletOf(ctx: Context, userId: string, query: object) {
  const existing = await ctx.prisma.wallet.findUnique({ ...query, where: { userId } });
  if (existing) return existing;
  await ensureUserAccounts(ctx.prisma, { wallets: [userId] });
  return ctx.prisma.wallet.findUniqueOrThrow({ ...query, where: { userId } });
}

builder.queryFields((t) => ({
  wallet: t.prismaField({
    type: 'Wallet',
    authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
    description: 'The viewer\'s wallet (admins: anyone\'s with userId). A zero balance before the first top-up.',
    args: { userId: t.arg.id({ description: 'Admins only: another user.' }) },
    resolve: async (query, _root, args, ctx) => walletOf(ctx, moneyOwnerFor(ctx.viewer, args.userId ? String(args.userId) : null), query),
  }),
  topUpOptions: t.field({
    type: TopUpOptionsObject,
    description: 'Minimum, maximum and preset top-up amounts.',
    resolve: () => ({}),
  }),
  topUps: t.prismaConnection(
    {
      type: 'TopUp',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
      description: 'The viewer\'s card top-ups, newest first.',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.topUp.findMany({ ...query, where: { userId: requireViewer(ctx).id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    { description: 'A page of top-ups.' },
    { description: 'A top-up in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  createTopUp: t.field({
    type: CreateTopUpPayload,
    authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
    description: 'Starts a card top-up (Stripe PaymentIntent). The wallet is credited when Stripe confirms the payment.',
    args: { input: t.arg({ type: CreateTopUpInput, required: true, description: 'Amount and idempotency key.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { topUp, clientSecret } = await createTopUp(ctx, { amountCents: input.amountCents, idempotencyKey: input.idempotencyKey });
      return { topUpId: topUp.id, clientSecret };
    },
  }),
  setAutoReload: t.prismaField({
    type: 'Wallet',
    authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
    description: 'Turns auto-reload on (threshold and amount; needs a card saved by a top-up) or off.',
    args: { input: t.arg({ type: SetAutoReloadInput, required: true, description: 'On with a threshold and an amount in cents, or off.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const wallet = await setAutoReload(ctx, input);
      return ctx.prisma.wallet.findUniqueOrThrow({ ...query, where: { userId: wallet.userId } });
    },
  }),
  adjustBalance: t.field({
    type: AdjustBalancePayload,
    authScopes: (_root, _args, ctx) => canAdjustBalances(ctx.viewer),
    description: 'Admins: credits or debits a balance by hand with a reason and an idempotency key (audited).',
    args: { input: t.arg({ type: AdjustBalanceInput, required: true, description: 'Whose balance, signed amount in cents, reason and idempotency key.' }) },
    resolve: (_root, { input }, ctx) =>
      adjustBalance(ctx, { userId: String(input.userId), amountCents: input.amountCents, account: input.account ?? 'WALLET', reason: input.reason, idempotencyKey: input.idempotencyKey }),
  }),
}));

builder.subscriptionField('walletUpdated', (t) =>
  t.field({
    type: WalletUpdateObject,
    authScopes: (_root, _args, ctx) => canUseWallet(ctx.viewer),
    description: 'Changes of the viewer\'s wallet: top-up credited, charge taken, refund, adjustment, low balance.',
    subscribe: (_root, _args, ctx) => {
      const userId = requireViewer(ctx).id;
      return filterIterator(ctx.pubsub.subscribe<WalletEvent>(walletTopic(userId)), (e) => e.userId === userId);
    },
    resolve: (event) => event as WalletEvent,
  }),
);

export { TransactionObject };

import { canAuditLedger, canRefund } from '../authz.js';
import { builder } from '../builder.js';
import { refundSession } from '../services/refunds.js';
import { reconciliationReport, type ReconciliationCheck, type ReconciliationReport } from '../services/reports.js';

const RefundSessionInput = builder.inputType('RefundSessionInput', {
  description: 'A refund of a reading session.',
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'Id of the reading session whose charges are refunded to the client\'s wallet.' }),
    amountCents: t.int({ description: 'Amount in cents (default: everything not refunded yet). Never more than was charged.' }),
    reason: t.string({ required: true, description: 'Why (3–500 characters); kept in the ledger and the audit log.' }),
    idempotencyKey: t.string({ required: true, description: 'Repeating a key returns the first refund (8–200 characters).' }),
  }),
});

const CheckObject = builder.objectRef<ReconciliationCheck>('ReconciliationCheck').implement({
  description: 'One comparison of the reconciliation.',
  fields: (t) => ({
    check: t.exposeString('check', { description: 'Stable name.' }),
    description: t.exposeString('description', { description: 'What it compares.' }),
    differences: t.exposeInt('differences', { description: 'Rows that disagree (0 is right).' }),
    sample: t.exposeStringList('sample', { description: 'Up to 10 ids of rows that disagree.' }),
  }),
});

const TotalsObject = builder.objectRef<ReconciliationReport['totals']>('LedgerTotals').implement({
  description: 'Sum of balances per kind of ledger account, in cents (all kinds together sum to zero).',
  fields: (t) => ({
    walletsCents: t.exposeInt('walletsCents', { description: 'Client wallets.' }),
    earningsCents: t.exposeInt('earningsCents', { description: 'Reader earnings not paid out.' }),
    platformRevenueCents: t.exposeInt('platformRevenueCents', { description: 'The platform\'s share (30% by default) of sessions, paid replies and gifts, net of refunds.' }),
    stripeClearingCents: t.exposeInt('stripeClearingCents', { description: 'Stripe clearing (negative: money received by card).' }),
    payoutsClearingCents: t.exposeInt('payoutsClearingCents', { description: 'Paid out to readers.' }),
    refundsCents: t.exposeInt('refundsCents', { description: 'Refund losses the platform absorbed.' }),
    adjustmentsCents: t.exposeInt('adjustmentsCents', { description: 'Manual adjustments (negative: credit granted).' }),
  }),
});

const ReportObject = builder.objectRef<ReconciliationReport>('ReconciliationReport').implement({
  description: 'Ledger, balances, top-ups, payouts and Stripe events compared.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'True when no check found a difference.' }),
    generatedAt: t.expose('generatedAt', { type: 'DateTime', description: 'When it ran.' }),
    checks: t.field({ type: [CheckObject], description: 'Every check.', resolve: (r) => r.checks }),
    totals: t.field({ type: TotalsObject, description: 'Balances per account kind.', resolve: (r) => r.totals }),
  }),
});

builder.queryField('reconciliationReport', (t) =>
  t.field({
    type: ReportObject,
    authScopes: (_root, _args, ctx) => canAuditLedger(ctx.viewer),
    description: 'Admins with LEDGER_AUDIT (finance, super-admins): compares the ledger, cached balances, top-ups, payouts and recorded Stripe events.',
    resolve: (_root, _args, ctx) => reconciliationReport(ctx),
  }),
);

builder.mutationField('refundSession', (t) =>
  t.prismaField({
    type: 'Transaction',
    authScopes: (_root, _args, ctx) => canRefund(ctx.viewer),
    description: 'Admins with REFUNDS: refunds a session in full or in part to the client\'s wallet, reversing the reader\'s and platform\'s shares. A SUPPORT admin may refund at most support_refund_limit_cents at once (FORBIDDEN, reason ADMIN_LIMIT).',
    args: { input: t.arg({ type: RefundSessionInput, required: true, description: 'Session, amount in cents (default: all not yet refunded), reason and idempotency key.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tx = await refundSession(ctx, { sessionId: String(input.sessionId), amountCents: input.amountCents, reason: input.reason, idempotencyKey: input.idempotencyKey });
      return ctx.prisma.transaction.findUniqueOrThrow({ ...query, where: { id: tx.id } });
    },
  }),
);

import { builder } from '../builder.js';
import { badInput } from '../../../shared/errors.js';
import { analyticsKey, analyticsRange, parseAnalyticsKey } from '../../../shared/analytics-range.js';
import * as analytics from '../services/analytics.js';

const RevenueDayObject = builder.objectRef<analytics.RevenueDay>('RevenueDay').implement({
  description: 'What clients paid on one UTC day, by source, in cents.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The UTC day, YYYY-MM-DD.' }),
    minutesCents: t.exposeInt('minutesCents', { description: 'Reading minutes charged.' }),
    giftsCents: t.exposeInt('giftsCents', { description: 'Virtual gifts bought.' }),
    paidRepliesCents: t.exposeInt('paidRepliesCents', { description: 'Paid replies unlocked.' }),
    streamEntryCents: t.exposeInt('streamEntryCents', { description: 'Premium live stream entries.' }),
    shopCents: t.exposeInt('shopCents', { description: 'Marketplace orders paid from the wallet (0 until the shop posts sales).' }),
    refundsCents: t.exposeInt('refundsCents', { description: 'Refunded to clients that day (not subtracted from the sources).' }),
    totalCents: t.exposeInt('totalCents', { description: 'Every source together, before refunds.' }),
    platformCents: t.exposeInt('platformCents', { description: 'The platform\'s share of that day\'s revenue, net of refunded shares.' }),
  }),
});

const PayoutsDueObject = builder.objectRef<Awaited<ReturnType<typeof analytics.payoutsDue>>>('PayoutsDue').implement({
  description: 'Reader earnings not paid out yet (now, whatever the range).',
  fields: (t) => ({
    readers: t.exposeInt('readers', { description: 'Readers at or over the payout threshold.' }),
    dueCents: t.exposeInt('dueCents', { description: 'Earnings of those readers: what a payout run would pay now.' }),
    unpaidCents: t.exposeInt('unpaidCents', { description: 'Every reader\'s unpaid earnings, under the threshold included.' }),
    thresholdCents: t.exposeInt('thresholdCents', { description: 'The payout_threshold_cents setting used.' }),
  }),
});

const TopReaderObject = builder.objectRef<analytics.TopReader>('TopReaderRevenue').implement({
  description: 'One reader\'s sales in the range.',
  fields: (t) => ({
    readerId: t.exposeID('readerId', { description: 'The reader\'s user id.' }),
    grossCents: t.exposeInt('grossCents', { description: 'What clients paid the reader (minutes, gifts, paid replies, stream entries).' }),
    earningsCents: t.exposeInt('earningsCents', { description: 'The reader\'s share of it.' }),
  }),
});

const NewClientsObject = builder.objectRef<{ count: number; purchased: number }>('NewClients').implement({
  description: 'Clients who signed up in the range and their conversion to paying.',
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Clients who signed up in the range.' }),
    purchased: t.exposeInt('purchased', { description: 'Of them, those who paid anything (a top-up or a spend) by the end of the range.' }),
    conversionRate: t.float({ description: 'purchased / count (0 when nobody signed up).', resolve: (c) => (c.count ? c.purchased / c.count : 0) }),
  }),
});

/** The dashboard over one date range; payments owns the key, readings and community add their figures. */
export const AdminAnalyticsRef = builder.objectRef<{ id: string }>('AdminAnalytics').implement({
  description: 'The admin dashboard over one date range (at most 366 days); each figure from the service that owns its data. Admins only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The range, as `<from>/<to>` (ISO 8601).' }),
    from: t.field({ type: 'DateTime', description: 'Start of the range (inclusive).', resolve: (a) => parseAnalyticsKey(a.id).from }),
    to: t.field({ type: 'DateTime', description: 'End of the range (exclusive).', resolve: (a) => parseAnalyticsKey(a.id).to }),
    revenueByDay: t.field({
      type: [RevenueDayObject],
      authScopes: { admin: true },
      description: 'Revenue per UTC day by source (days without revenue are left out).',
      resolve: (a, _args, ctx) => analytics.revenueByDay(ctx, parseAnalyticsKey(a.id)),
    }),
    payoutsDue: t.field({
      type: PayoutsDueObject,
      authScopes: { admin: true },
      description: 'Reader earnings waiting for a payout, now.',
      resolve: (_a, _args, ctx) => analytics.payoutsDue(ctx),
    }),
    topReaders: t.field({
      type: [TopReaderObject],
      authScopes: { admin: true },
      description: 'Readers by sales in the range, best first.',
      args: { limit: t.arg.int({ defaultValue: 10, description: 'How many (1 to 50).' }) },
      resolve: (a, args, ctx) => {
        const limit = args.limit ?? 10;
        if (limit < 1 || limit > 50) throw badInput('limit must be between 1 and 50.', 'limit');
        return analytics.topReaders(ctx, parseAnalyticsKey(a.id), limit);
      },
    }),
    newClients: t.field({
      type: NewClientsObject,
      authScopes: { admin: true },
      description: 'Sign-ups of clients in the range and their first-purchase conversion.',
      resolve: (a, _args, ctx) => analytics.newClients(ctx, parseAnalyticsKey(a.id)),
    }),
  }),
});
builder.asEntity(AdminAnalyticsRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref) => ({ id: analyticsKey(parseAnalyticsKey(ref.id)) }),
});

builder.queryField('adminAnalytics', (t) =>
  t.field({
    type: AdminAnalyticsRef,
    authScopes: { admin: true },
    description: 'Admins: the dashboard over [from, to) (at most 366 days; BAD_USER_INPUT otherwise).',
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the range (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End of the range (exclusive), after from.' }),
    },
    resolve: (_root, args, ctx) => ({ id: analyticsKey(analyticsRange(args.from, args.to)) }),
  }),
);

import { builder } from '../builder.js';
import { badInput } from '../../../shared/errors.js';
import { parseAnalyticsKey } from '../../../shared/analytics-range.js';
import * as analytics from '../services/analytics.js';

const ReaderMinutesObject = builder.objectRef<analytics.ReaderMinutes>('ReaderMinutes').implement({
  description: 'A reader\'s billed minutes in the range.',
  fields: (t) => ({
    readerId: t.exposeID('readerId', { description: 'The reader\'s user id.' }),
    minutes: t.exposeInt('minutes', { description: 'Minutes billed in sessions started in the range.' }),
    sessions: t.exposeInt('sessions', { description: 'Sessions started in the range.' }),
  }),
});

/** Readings' figures of the admin dashboard (payments owns the AdminAnalytics key). */
const AdminAnalytics = builder.objectRef<{ id: string }>('AdminAnalytics').implement({
  description: 'The admin dashboard over one date range (at most 366 days); each figure from the service that owns its data. Admins only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The range, as `<from>/<to>` (ISO 8601).' }),
    activeSessionsNow: t.int({
      authScopes: { admin: true },
      description: 'Reading sessions in progress now, whatever the range.',
      resolve: (_a, _args, ctx) => analytics.activeSessionsNow(ctx),
    }),
    minutesPerReader: t.field({
      type: [ReaderMinutesObject],
      authScopes: { admin: true },
      description: 'Readers by minutes billed in sessions started in the range, most first.',
      args: { limit: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }) },
      resolve: (a, args, ctx) => {
        const limit = args.limit ?? 20;
        if (limit < 1 || limit > 100) throw badInput('limit must be between 1 and 100.', 'limit');
        return analytics.minutesPerReader(ctx, parseAnalyticsKey(a.id), limit);
      },
    }),
  }),
});
builder.asEntity(AdminAnalytics, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref) => ({ id: ref.id }),
});

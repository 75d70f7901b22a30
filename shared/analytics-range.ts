import { badInput } from './errors.js';

/** Longest range the admin dashboard answers for, in days (a year, leap day included). */
export const MAX_ANALYTICS_DAYS = 366;

export interface AnalyticsRange {
  from: Date;
  to: Date;
}

/** Checks a dashboard range: `to` after `from`, at most MAX_ANALYTICS_DAYS long (BAD_USER_INPUT otherwise). */
export function analyticsRange(from: Date, to: Date): AnalyticsRange {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw badInput('from must be a date-time.', 'from');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw badInput('to must be a date-time.', 'to');
  if (to.getTime() <= from.getTime()) throw badInput('to must be after from.', 'to');
  if (to.getTime() - from.getTime() > MAX_ANALYTICS_DAYS * 86_400_000) throw badInput(`The range is at most ${MAX_ANALYTICS_DAYS} days.`, 'to');
  return { from, to };
}

/** The AdminAnalytics entity's key: `<from ISO>/<to ISO>`. */
export const analyticsKey = (r: AnalyticsRange): string => `${r.from.toISOString()}/${r.to.toISOString()}`;

/** Parses (and re-checks) an AdminAnalytics key from another subgraph. */
export function parseAnalyticsKey(id: string): AnalyticsRange {
  const [a, b, extra] = String(id).split('/');
  if (!a || !b || extra !== undefined) throw badInput('Not an analytics range.', 'id');
  return analyticsRange(new Date(a), new Date(b));
}

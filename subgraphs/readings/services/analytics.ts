import type { Context } from '../../../shared/context.js';
import type { AnalyticsRange } from '../../../shared/analytics-range.js';

export interface ReaderMinutes {
  readerId: string;
  minutes: number;
  sessions: number;
}

/** Readers by minutes billed in sessions created in the range, most first (set-based; index sessions (created_at)). */
export async function minutesPerReader(ctx: Pick<Context, 'prisma'>, r: AnalyticsRange, limit: number): Promise<ReaderMinutes[]> {
  const rows = await ctx.prisma.$queryRaw<Array<{ reader_id: string; minutes: bigint; sessions: bigint }>>`
    SELECT reader_id, COALESCE(sum(billed_minutes), 0)::bigint AS minutes, count(*)::bigint AS sessions
      FROM sessions WHERE created_at >= ${r.from} AND created_at < ${r.to} AND billed_minutes > 0
     GROUP BY reader_id ORDER BY minutes DESC, reader_id LIMIT ${limit}`;
  return rows.map((x) => ({ readerId: x.reader_id, minutes: Number(x.minutes), sessions: Number(x.sessions) }));
}

/** Reading sessions in progress now. */
export const activeSessionsNow = (ctx: Pick<Context, 'prisma'>): Promise<number> => ctx.prisma.session.count({ where: { status: 'IN_PROGRESS' } });

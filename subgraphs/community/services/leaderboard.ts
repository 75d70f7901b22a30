import type { Context } from '../../../shared/context.js';
import { notFound } from '../../../shared/errors.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { canSee, requireWatchAccess } from './streams.js';

export interface LeaderboardEntry {
  /** The leaderboard and the rank (never the giver's id). */
  id: string;
  rank: number;
  /** Inaccessible in the public API: accounts turns it into a name only when the giver allows it. */
  senderId: string;
  totalCents: number;
  giftCount: number;
}

/**
 * Top givers, by total given (ties: who gave first). Only what was public to the leaderboard's audience counts:
 * - a reader's all-time leaderboard (anyone may read it): gifts sent in PUBLIC streams only; never gifts sent in
 *   private sessions, private streams or premium streams (their audiences were invitees or payers);
 * - a stream's leaderboard: that stream's gifts, shown to whoever may watch it. A public stream's to anyone; a
 *   premium or private one's only to its reader, admins and viewers with access (payers, invitees), who saw
 *   those gifts live. Anyone else gets NOT_FOUND for a private stream (as for the stream itself) and FORBIDDEN
 *   (ENTRY_NOT_PAID, or UNAUTHENTICATED when signed out) for a premium one.
 * Givers are named by accounts (GiftLeaderboardEntry.sender/displayName) only if they allow it.
 */
export async function leaderboard(ctx: Context, of: { streamId: string } | { readerId: string }, first: number): Promise<LeaderboardEntry[]> {
  let where: Prisma.GiftWhereInput;
  let scope: string;
  if ('streamId' in of) {
    const s = await ctx.prisma.liveStream.findUnique({ where: { id: of.streamId } });
    if (!s || !(await canSee(ctx.prisma, ctx.viewer, s))) throw notFound('Stream');
    // Premium: payers (and the reader, admins) only; refuses the signed-out (UNAUTHENTICATED) and non-payers
    // (FORBIDDEN, ENTRY_NOT_PAID). Private: canSee above already admitted only the reader, admins and invitees.
    if (s.visibility !== 'PUBLIC') await requireWatchAccess(ctx, s, { pay: false });
    where = { streamId: s.id };
    scope = `stream:${s.id}`;
  } else {
    where = { receiverId: of.readerId, stream: { visibility: 'PUBLIC' } };
    scope = `reader:${of.readerId}`;
  }
  const rows = await ctx.prisma.gift.groupBy({
    by: ['senderId'],
    where,
    _sum: { priceCents: true },
    _count: { _all: true },
    _min: { createdAt: true },
    orderBy: [{ _sum: { priceCents: 'desc' } }, { _min: { createdAt: 'asc' } }],
    take: first,
  });
  return rows.map((r, i) => ({
    id: `${scope}:${i + 1}`,
    rank: i + 1,
    senderId: r.senderId,
    totalCents: r._sum.priceCents ?? 0,
    giftCount: r._count._all,
  }));
}

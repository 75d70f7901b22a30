import type { Review } from '../../../shared/db/generated/client.js';
import type { Context } from '../../../shared/context.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput, conflict, notFound } from '../../../shared/errors.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { getIntSetting } from '../../../shared/settings.js';
import { assertCanReplyToReview, assertCanReview } from '../authz.js';
import { accountsOf, readingsDeps } from '../deps.js';
import { READER_PROFILE_TOPIC, type ReaderProfileEvent } from '../../../shared/ports.js';

export const COMMENT_MAX_LENGTH = 2000;

/**
 * The client of a COMPLETED session with at least one paid minute reviews it once, within the review window;
 * the reader's rating aggregates move in the same transaction.
 */
export async function createReview(ctx: Context, input: { sessionId: string; rating: number; comment: string | null }): Promise<Review> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw badInput('A rating is 1 to 5 stars.', { field: 'rating' });
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > COMMENT_MAX_LENGTH) {
    throw badInput(`A comment may have at most ${COMMENT_MAX_LENGTH} characters.`, { field: 'comment' });
  }
  try {
    const created = await ctx.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM sessions WHERE id = ${input.sessionId} FOR UPDATE`;
      if (!rows.length) throw notFound('Session', { sessionId: input.sessionId });
      const s = await tx.session.findUniqueOrThrow({ where: { id: input.sessionId }, include: { review: { select: { id: true } } } });
      assertCanReview(viewer, s);
      if (s.review) throw conflict('You have already reviewed this session.', { reviewId: s.review.id });
      if (s.status !== 'COMPLETED') throw conflict('Only a completed session can be reviewed.', { status: s.status });
      if (s.billedMinutes < 1) throw conflict('Only a session with at least one paid minute can be reviewed.');
      const days = await getIntSetting(tx, 'review_window_days');
      if (!s.endedAt || Date.now() - s.endedAt.getTime() > days * 86_400_000) {
        throw conflict(`Reviews are accepted within ${days} days of the session.`);
      }
      const review = await tx.review.create({
        data: { sessionId: s.id, clientId: s.clientId, readerId: s.readerId, rating: input.rating, comment },
      });
      await accountsOf(ctx).addReaderRating(tx, s.readerId, input.rating);
      await readingsDeps(ctx).notifications?.notify(tx, {
        userId: s.readerId,
        kind: 'REVIEW_RECEIVED',
        title: `New ${input.rating}-star review`,
        body: comment ? `“${comment.slice(0, 300)}”` : 'A client rated a reading with you.',
        data: { reviewId: review.id, sessionId: s.id },
        dedupeKey: `review:${review.id}`,
      });
      return review;
    });
    // After commit: the reader's average rating (and directory order) changed.
    await ctx.pubsub.publish(READER_PROFILE_TOPIC, { readerId: created.readerId } satisfies ReaderProfileEvent);
    return created;
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('You have already reviewed this session.');
    throw e;
  }
}

export async function replyToReview(ctx: Context, input: { reviewId: string; reply: string }): Promise<Review> {
  const viewer = requireViewer(ctx);
  const { reviewId, reply } = input;
  const prisma = ctx.prisma;
  const text = reply.trim();
  if (!text || text.length > COMMENT_MAX_LENGTH) {
    throw badInput(`A reply has 1 to ${COMMENT_MAX_LENGTH} characters.`, { field: 'reply' });
  }
  const review = await prisma.review.findUnique({ where: { id: reviewId } });
  if (!review) throw notFound('Review', { reviewId });
  assertCanReplyToReview(viewer, review);
  // Once: the conditional update decides between two concurrent replies.
  const updated = await prisma.review.updateMany({ where: { id: reviewId, readerReply: null }, data: { readerReply: text, repliedAt: new Date() } });
  if (!updated.count) throw conflict('You have already replied to this review.');
  return prisma.review.findUniqueOrThrow({ where: { id: reviewId } });
}

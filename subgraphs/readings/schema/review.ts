import { builder } from '../builder.js';
import { ReaderRef, UserRef } from './refs.js';
import { createReview, replyToReview, COMMENT_MAX_LENGTH } from '../services/reviews.js';

builder.prismaObject('Review', {
  description: 'A client\'s rating of a completed session, with the reader\'s optional reply.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id of the review; the reader passes it to replyToReview.' }),
    sessionId: t.exposeID('sessionId', { description: 'Id of the completed session the client rated (one review per session).' }),
    rating: t.exposeInt('rating', { description: '1 to 5 stars.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'The client\'s comment.' }),
    readerReply: t.exposeString('readerReply', { nullable: true, description: 'The reader\'s reply (once).' }),
    repliedAt: t.expose('repliedAt', { type: 'DateTime', nullable: true, description: 'When the reader replied.' }),
    client: t.field({ type: UserRef, description: 'Who wrote it.', resolve: (r) => ({ id: r.clientId }) }),
    reader: t.field({ type: ReaderRef, description: 'The reader who gave the session; only this reader may reply.', resolve: (r) => ({ id: r.readerId }) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written.' }),
  }),
});

builder.prismaObjectField('Session', 'review', (t) =>
  t.relation('review', { nullable: true, description: 'The client\'s review, once written.' }),
);

const CreateReviewInput = builder.inputType('CreateReviewInput', {
  description: 'A review of a completed session.',
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'A completed session of yours with at least one paid minute, ended within 30 days.' }),
    rating: t.int({ required: true, description: '1 to 5 stars.' }),
    comment: t.string({ description: `Optional comment, at most ${COMMENT_MAX_LENGTH} characters.` }),
  }),
});

builder.mutationField('createReview', (t) =>
  t.prismaField({
    type: 'Review',
    authScopes: { authenticated: true },
    description: 'Reviews a session once; the reader\'s average rating updates with it.',
    args: { input: t.arg({ type: CreateReviewInput, required: true, description: 'Session, stars and comment.' }) },
    resolve: (_q, _root, { input }, ctx) =>
      createReview(ctx, { sessionId: String(input.sessionId), rating: input.rating, comment: input.comment ?? null }),
  }),
);

builder.mutationField('replyToReview', (t) =>
  t.prismaField({
    type: 'Review',
    authScopes: { reader: true },
    description: 'The reviewed reader replies once.',
    args: {
      reviewId: t.arg.id({ required: true, description: 'Id of a review of one of the viewer\'s sessions that has no reply yet.' }),
      reply: t.arg.string({ required: true, description: `The reply, 1 to ${COMMENT_MAX_LENGTH} characters.` }),
    },
    resolve: (_q, _root, args, ctx) => replyToReview(ctx, { reviewId: String(args.reviewId), reply: args.reply }),
  }),
);

builder.queryField('readerReviews', (t) =>
  t.prismaConnection({
    type: 'Review',
    cursor: 'id',
    defaultSize: 20,
    maxSize: 50,
    description: 'A reader\'s reviews, newest first.',
    args: { readerId: t.arg.id({ required: true, description: 'The reader (user id).' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.review.findMany({ ...query, where: { readerId: String(args.readerId) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

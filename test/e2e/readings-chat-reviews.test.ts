import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  CreateReviewDocument,
  EndSessionDocument,
  JoinSessionDocument,
  ReaderReviewsDocument,
  ReplyToReviewDocument,
  RequestSessionDocument,
  SendSessionMessageDocument,
  SessionMessageAddedDocument,
  SessionTranscriptDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
const sockets: WsClient[] = [];
beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

async function runningSession(start = true) {
  const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
  const client = await seed.client().withCredit(5000).create();
  const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
  await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
  if (start) {
    await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
    await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
  }
  return { reader, client, id };
}

const send = (sessionId: string, content: string, token: string, clientKey?: string) =>
  fed.run(SendSessionMessageDocument, { input: { sessionId, content, clientKey } }, token);

describe('session chat', () => {
  it('orders messages, pushes them to the other side, dedupes retries and keeps the transcript private', async () => {
    const { reader, client, id } = await runningSession();
    const ws = connect(fed.gateway.wsUrl, reader.token);
    sockets.push(ws);
    const added = subscribe(ws, SessionMessageAddedDocument, { sessionId: id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);

    const m1 = await send(id, '  Hello, what do the cards say?  ', client.token, 'k-1');
    expect(m1.data!.sendSessionMessage).toMatchObject({ seq: 1, content: 'Hello, what do the cards say?', sender: { id: client.id } });
    expect((await added.next()).data!.sessionMessageAdded).toMatchObject({ seq: 1, sender: { id: client.id } });
    // The same clientKey again: the first message, nothing new.
    const retry = await send(id, 'Hello, what do the cards say?', client.token, 'k-1');
    expect(retry.data!.sendSessionMessage.id).toBe(m1.data!.sendSessionMessage.id);
    // Concurrent senders still get gap-free, unique positions.
    const burst = await Promise.all([
      ...[1, 2, 3].map((i) => send(id, `reader ${i}`, reader.token)),
      ...[1, 2, 3].map((i) => send(id, `client ${i}`, client.token)),
    ]);
    expect(burst.every((r) => !r.errors)).toBe(true);
    expect(burst.map((r) => r.data!.sendSessionMessage.seq).sort()).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await fed.db.prisma.chatMessage.count({ where: { sessionId: id } })).toBe(7);

    expect(errorCode(await send(id, 'x'.repeat(2001), client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await send(id, '   ', client.token))).toBe('BAD_USER_INPUT');
    const stranger = await seed.client().create();
    expect(errorCode(await send(id, 'hi', stranger.token))).toBe('FORBIDDEN');
    expect(await fed.db.prisma.chatMessage.count({ where: { sessionId: id } })).toBe(7);

    await fed.run(EndSessionDocument, { sessionId: id }, reader.token);
    expect(errorCode(await send(id, 'after the end', client.token))).toBe('CONFLICT');

    const transcript = await fed.run(SessionTranscriptDocument, { id, first: 50 }, client.token);
    expect(transcript.data!.session.messages.edges.map((e) => e.node.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const admin = await seed.admin().create();
    expect((await fed.run(SessionTranscriptDocument, { id, first: 50 }, admin.token)).data!.session.messages.edges).toHaveLength(7);
    expect(errorCode(await fed.run(SessionTranscriptDocument, { id, first: 50 }, stranger.token))).toBe('FORBIDDEN');
    added.stop();
  });

  it('refuses messages before the session is accepted', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    expect(errorCode(await send(id, 'too early', client.token))).toBe('CONFLICT');
  });
});

describe('reviews', () => {
  it('lets the client review a completed, paid session once and updates the reader rating in the same transaction', async () => {
    const { reader, client, id } = await runningSession();
    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 5 } }, client.token))).toBe('CONFLICT');
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);

    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 6 } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 0 } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 5 } }, reader.token))).toBe('FORBIDDEN');

    const first = await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 4, comment: 'Insightful.' } }, client.token);
    expect(first.data!.createReview).toMatchObject({ rating: 4, comment: 'Insightful.', sessionId: id });
    const twice = await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 1 } }, client.token);
    expect(errorCode(twice)).toBe('CONFLICT');
    let r = await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } });
    expect(r).toMatchObject({ ratingCount: 1, ratingSum: 4, averageRating: 4, totalSessions: 1 });

    // A second session with the same reader, rated 5: average 4.5.
    const client2 = await seed.client().withCredit(5000).create();
    const id2 = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client2.token)).data!.requestSession.id;
    await fed.run(AcceptSessionDocument, { sessionId: id2 }, reader.token);
    await fed.run(JoinSessionDocument, { sessionId: id2 }, client2.token);
    await fed.run(JoinSessionDocument, { sessionId: id2 }, reader.token);
    await fed.run(EndSessionDocument, { sessionId: id2 }, reader.token);
    await fed.run(CreateReviewDocument, { input: { sessionId: id2, rating: 5 } }, client2.token);
    r = await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } });
    expect(r).toMatchObject({ ratingCount: 2, ratingSum: 9, averageRating: 4.5, totalSessions: 2 });

    const reviewId = first.data!.createReview.id;
    const other = await seed.reader().online().withRates({ CHAT: 200 }).create();
    expect(errorCode(await fed.run(ReplyToReviewDocument, { reviewId, reply: 'Thanks!' }, other.token))).toBe('FORBIDDEN');
    const reply = await fed.run(ReplyToReviewDocument, { reviewId, reply: 'Thank you!' }, reader.token);
    expect(reply.data!.replyToReview.readerReply).toBe('Thank you!');
    expect(errorCode(await fed.run(ReplyToReviewDocument, { reviewId, reply: 'Again' }, reader.token))).toBe('CONFLICT');
    const list = await fed.run(ReaderReviewsDocument, { readerId: reader.id });
    expect(list.data!.readerReviews.edges.map((e) => e.node.rating)).toEqual([5, 4]);
  });

  it('refuses a review without a paid minute and after 30 days', async () => {
    const { reader, client, id } = await runningSession(false);
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: id, rating: 5 } }, client.token))).toBe('CONFLICT');

    const s2 = await runningSession();
    await fed.run(EndSessionDocument, { sessionId: s2.id }, s2.client.token);
    await fed.db.sql(`UPDATE sessions SET ended_at = now() - interval '31 days' WHERE id = $1`, [s2.id]);
    expect(errorCode(await fed.run(CreateReviewDocument, { input: { sessionId: s2.id, rating: 5 } }, s2.client.token))).toBe('CONFLICT');
    expect(await fed.db.prisma.review.count({ where: { readerId: { in: [reader.id, s2.reader.id] } } })).toBe(0);
    const r = await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: s2.reader.id } });
    expect(r.ratingCount).toBe(0);
  });
});

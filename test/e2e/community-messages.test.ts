import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityBlockUserDocument,
  CommunityConversationMessagesDocument,
  CommunityConversationsDocument,
  CommunityConversationUpdatedDocument,
  CommunityMarkConversationReadDocument,
  CommunityMessageReceivedDocument,
  CommunitySendMessageDocument,
  CommunityUnblockUserDocument,
  CommunityUnlockPaidReplyDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { CLEAN } from '../../subgraphs/payments/testing/fixtures.js';
import { community } from './community-fixtures.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let c: ReturnType<typeof community>;
const sockets: WsClient[] = [];

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  c = community(fed);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await fed?.stop();
});

/** Waits until every subscription of earlier tests is gone, so counting new listeners is meaningful. */
const settled = () => eventually(() => fed.pubsub.listenerCount(), (n) => n === 0);

const open = (token: string) => {
  const ws = connect(fed.gateway.wsUrl, token);
  sockets.push(ws);
  return ws;
};

describe('direct messages', () => {
  it('delivers a client\'s free message live, counts it unread, and sends read receipts', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await settled();
    const readerWs = open(reader.token);
    const clientWs = open(client.token);
    const received = subscribe(readerWs, CommunityMessageReceivedDocument, {});
    const receipts = subscribe(clientWs, CommunityConversationUpdatedDocument, {});
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 2);

    const sent = await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'Hello <b>Luna</b>' } }, client.token);
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendMessage).toMatchObject({ content: 'Hello <b>Luna</b>', isPaid: false, isRead: false });

    const live = await received.next();
    expect(live.data!.messageReceived).toMatchObject({ id: sent.data!.sendMessage.id, content: 'Hello <b>Luna</b>', sender: { id: client.id } });
    expect((await receipts.next()).data!.conversationUpdated.kind).toBe('NEW_MESSAGE');

    const list = await fed.run(CommunityConversationsDocument, {}, reader.token);
    expect(list.data!.conversations.edges).toHaveLength(1);
    expect(list.data!.conversations.edges[0]!.node).toMatchObject({ unreadCount: 1, otherParticipant: { id: client.id } });

    const conversationId = sent.data!.sendMessage.conversationId;
    const read = await fed.run(CommunityMarkConversationReadDocument, { conversationId }, reader.token);
    expect(read.data!.markConversationRead.unreadCount).toBe(0);
    const receipt = await receipts.next();
    expect(receipt.data!.conversationUpdated).toMatchObject({ kind: 'READ', readBy: { id: reader.id }, conversation: { id: conversationId } });
    expect(receipt.data!.conversationUpdated.readAt).toBeTruthy();

    const messages = await fed.run(CommunityConversationMessagesDocument, { id: conversationId }, client.token);
    expect(messages.data!.conversation.messages.edges[0]!.node).toMatchObject({ isRead: true });
    expect(messages.data!.conversation.messages.edges[0]!.node.readAt).toBeTruthy();

    const stranger = await seed.client().create();
    expect(errorCode(await fed.run(CommunityConversationMessagesDocument, { id: conversationId }, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(CommunityMarkConversationReadDocument, { conversationId }, stranger.token))).toBe('NOT_FOUND');
    received.stop();
    receipts.stop();
  });

  it('lists conversations newest first', async () => {
    const client = await seed.client().create();
    const [r1, r2, r3] = [await seed.reader().create(), await seed.reader().create(), await seed.reader().create()];
    for (const r of [r1, r2, r3]) await fed.run(CommunitySendMessageDocument, { input: { recipientId: r.id, content: 'hi' } }, client.token);
    await fed.run(CommunitySendMessageDocument, { input: { recipientId: r1.id, content: 'again' } }, client.token);
    const list = await fed.run(CommunityConversationsDocument, { first: 2 }, client.token);
    expect(list.data!.conversations.edges.map((e) => e.node.otherParticipant.id)).toEqual([r1.id, r3.id]);
    expect(list.data!.conversations.pageInfo.hasNextPage).toBe(true);
  });

  it('hides a paid reply from the client in every field and event until paid; charges once with the split', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    const first = await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'Will he call?' } }, client.token);
    const conversationId = first.data!.sendMessage.conversationId;
    await settled();
    const clientWs = open(client.token);
    const inbox = subscribe(clientWs, CommunityMessageReceivedDocument, {});
    const updates = subscribe(clientWs, CommunityConversationUpdatedDocument, { conversationId });
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 2);

    const secret = 'Yes, on Tuesday.';
    const paid = await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: secret, priceCents: 300 } }, reader.token);
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.sendMessage).toMatchObject({ content: secret, isPaid: true, priceCents: 300, isLocked: false }); // the reader sees their own text
    const messageId = paid.data!.sendMessage.id;

    const live = await inbox.next();
    expect(live.data!.messageReceived).toMatchObject({ id: messageId, content: null, isLocked: true, isPaid: true, priceCents: 300 });
    const update = await updates.next();
    expect(update.data!.conversationUpdated.conversation.lastMessage).toEqual({ id: messageId, content: null });
    const listed = await fed.run(CommunityConversationsDocument, {}, client.token);
    expect(listed.data!.conversations.edges[0]!.node.lastMessage).toMatchObject({ id: messageId, content: null, isLocked: true });
    const thread = await fed.run(CommunityConversationMessagesDocument, { id: conversationId }, client.token);
    expect(thread.data!.conversation.messages.edges[0]!.node).toMatchObject({ id: messageId, content: null, isLocked: true });
    expect(JSON.stringify([live, update, listed, thread])).not.toContain(secret);

    // No funds: nothing moves, still locked.
    const broke = await fed.run(CommunityUnlockPaidReplyDocument, { messageId }, client.token);
    expect(errorCode(broke)).toBe('INSUFFICIENT_FUNDS');
    expect(await c.transactionsOf(client)).toHaveLength(0);
    expect((await fed.db.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).unlockedAt).toBeNull();

    // Only the receiver opens it.
    expect(errorCode(await fed.run(CommunityUnlockPaidReplyDocument, { messageId }, reader.token))).toBe('FORBIDDEN');

    await seed.credit(client, 1_000);
    const results = await Promise.all(Array.from({ length: 5 }, () => fed.run(CommunityUnlockPaidReplyDocument, { messageId }, client.token)));
    for (const r of results) expect(r.data!.unlockPaidReply).toMatchObject({ content: secret, isLocked: false });
    expect(await c.balance(client)).toBe(700);
    expect(await c.earnings(reader)).toBe(210);
    const txs = await c.transactionsOf(client);
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ amountCents: 300, readerEarningsCents: 210, platformRevenueCents: 90, readerId: reader.id });
    expect((await fed.db.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).unlockTransactionId).toBe(txs[0]!.id);

    const again = await fed.run(CommunityUnlockPaidReplyDocument, { messageId }, client.token);
    expect(again.data!.unlockPaidReply.content).toBe(secret);
    expect(await c.balance(client)).toBe(700);
    expect(await c.ledgerInvariants()).toEqual(CLEAN);
    inbox.stop();
    updates.stop();
  });

  it('enforces who may message whom and who may set a price', async () => {
    const client = await seed.client().create();
    const client2 = await seed.client().create();
    const reader = await seed.reader().create();
    const before = await fed.db.prisma.message.count();
    const first = await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: 'Want a reading?' } }, reader.token);
    expect(errorCode(first)).toBe('FORBIDDEN');
    expect(first.errors![0]!.extensions!.reason).toBe('READER_FIRST_CONTACT');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: client2.id, content: 'hey' } }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'pay me', priceCents: 500 } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: '   ' } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'x'.repeat(5_001) } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: 'me' } }, client.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: 'nobody', content: 'hi' } }, client.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hi' } }))).toBe('UNAUTHENTICATED');
    await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hi' } }, client.token);
    const tooCheap = await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: 'x', priceCents: 50 } }, reader.token);
    expect(errorCode(tooCheap)).toBe('BAD_USER_INPUT');
    expect(await fed.db.prisma.message.count()).toBe(before + 1);
  });

  it('stops a blocked user from messaging', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hi' } }, client.token);
    expect((await fed.run(CommunityBlockUserDocument, { userId: client.id }, reader.token)).data!.blockUser).toBe(true);
    expect((await fed.run(CommunityBlockUserDocument, { userId: client.id }, reader.token)).data!.blockUser).toBe(true);
    const before = await fed.db.prisma.message.count();
    const blocked = await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'please answer' } }, client.token);
    expect(errorCode(blocked)).toBe('FORBIDDEN');
    expect(blocked.errors![0]!.extensions!.reason).toBe('BLOCKED');
    const blocker = await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: 'x' } }, reader.token);
    expect(blocker.errors![0]!.extensions!.reason).toBe('YOU_BLOCKED');
    expect(await fed.db.prisma.message.count()).toBe(before);
    await fed.run(CommunityUnblockUserDocument, { userId: client.id }, reader.token);
    expect((await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'thanks' } }, client.token)).errors).toBeUndefined();
  });

  it('rate-limits floods per user (RATE_LIMITED, nothing written)', async () => {
    const client = await seed.client().create();
    const reader = await seed.reader().create();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: `spam ${i}` } }, client.token)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(20);
    expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(5);
    expect(await fed.db.prisma.message.count({ where: { senderId: client.id } })).toBe(20);
    // Another user is not affected.
    const other = await seed.client().create();
    expect((await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'hello' } }, other.token)).errors).toBeUndefined();
  });
});

import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunityCreateVirtualGiftDocument,
  CommunityDeactivateVirtualGiftDocument,
  CommunityEndLiveStreamDocument,
  CommunityGiftLeaderboardDocument,
  CommunityJoinLiveStreamDocument,
  CommunityLeaveLiveStreamDocument,
  CommunityLiveStreamDocument,
  CommunityLiveStreamsChangedDocument,
  CommunityLiveStreamsDocument,
  CommunityLiveStreamTokenDocument,
  CommunityReaderGiftTotalsDocument,
  CommunityScheduleLiveStreamDocument,
  CommunitySendGiftDocument,
  CommunitySendStreamMessageDocument,
  CommunityStartLiveStreamDocument,
  CommunityStreamEventsDocument,
  CommunityStreamUpdatedDocument,
  CommunityUpdateVirtualGiftDocument,
  CommunityVirtualGiftsDocument,
  type ScheduleLiveStreamInput,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { CLEAN } from '../../subgraphs/payments/testing/fixtures.js';
import { streamTopics } from '../../subgraphs/community/services/streams.js';
import type { StreamStartingEvent } from '../../shared/stream-events.js';
import { community, key } from './community-fixtures.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

let fed: TestFederation;
let seed: Seed;
let c: ReturnType<typeof community>;
let admin: TestUser;
const sockets: WsClient[] = [];
const soon = () => new Date(Date.now() + 3600_000).toISOString();

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  c = community(fed);
  admin = await seed.admin().create();
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

async function liveStream(reader: TestUser, input: Partial<ScheduleLiveStreamInput> = {}) {
  const s = await fed.run(
    CommunityScheduleLiveStreamDocument,
    { input: { title: 'Full moon tarot', category: 'tarot', scheduledAt: soon(), visibility: 'PUBLIC', ...input } },
    reader.token,
  );
  expect(s.errors).toBeUndefined();
  const started = await fed.run(CommunityStartLiveStreamDocument, { streamId: s.data!.scheduleLiveStream.id }, reader.token);
  expect(started.data!.startLiveStream.status).toBe('LIVE');
  return s.data!.scheduleLiveStream;
}

async function giftOf(priceCents: number, name = `Gift ${key()}`) {
  const res = await fed.run(CommunityCreateVirtualGiftDocument, { input: { name, priceCents, imageUrl: 'https://cdn.example.com/g.png' } }, admin.token);
  expect(res.errors).toBeUndefined();
  return res.data!.createVirtualGift;
}

describe('live streams', () => {
  it('schedules with validation (readers only) and starts with events for the listing and for followers', async () => {
    const reader = await seed.reader().create();
    const client = await seed.client().create();
    const base = { title: 'Runes live', category: 'runes', scheduledAt: soon(), visibility: 'PUBLIC' as const };
    expect(errorCode(await fed.run(CommunityScheduleLiveStreamDocument, { input: base }, client.token))).toBe('FORBIDDEN');
    const bad: Array<Partial<ScheduleLiveStreamInput>> = [
      { visibility: 'PREMIUM' },
      { visibility: 'PUBLIC', entryPriceCents: 500 },
      { visibility: 'PREMIUM', entryPriceCents: 50 },
      { visibility: 'PUBLIC', invitedUserIds: [client.id] },
      { scheduledAt: new Date(Date.now() - 86400_000).toISOString() },
      { title: 'x' },
    ];
    for (const b of bad) expect(errorCode(await fed.run(CommunityScheduleLiveStreamDocument, { input: { ...base, ...b } }, reader.token))).toBe('BAD_USER_INPUT');
    expect(await fed.db.prisma.liveStream.count({ where: { readerId: reader.id } })).toBe(0);

    await settled();
    const changes = subscribe(open(client.token), CommunityLiveStreamsChangedDocument, {});
    const starting = fed.pubsub.subscribe<StreamStartingEvent>(streamTopics.starting);
    const reminderNext = starting.next(); // the in-memory engine listens from the first pull
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 2);
    const s = await fed.run(CommunityScheduleLiveStreamDocument, { input: base }, reader.token);
    const id = s.data!.scheduleLiveStream.id;
    expect((await changes.next()).data!.liveStreamsChanged).toMatchObject({ id, status: 'SCHEDULED' });
    const scheduled = await fed.run(CommunityLiveStreamsDocument, { filter: 'SCHEDULED', readerId: reader.id });
    expect(scheduled.data!.liveStreams.edges.map((e) => e.node.id)).toEqual([id]);

    const other = await seed.reader().create();
    expect(errorCode(await fed.run(CommunityStartLiveStreamDocument, { streamId: id }, other.token))).toBe('FORBIDDEN');
    await fed.run(CommunityStartLiveStreamDocument, { streamId: id }, reader.token);
    expect((await changes.next()).data!.liveStreamsChanged).toMatchObject({ id, status: 'LIVE' });
    const reminder = await reminderNext;
    expect(reminder.value).toMatchObject({ streamId: id, readerId: reader.id, title: 'Runes live' });
    await starting.return!();

    const second = await fed.run(CommunityScheduleLiveStreamDocument, { input: base }, reader.token);
    const twoLive = await fed.run(CommunityStartLiveStreamDocument, { streamId: second.data!.scheduleLiveStream.id }, reader.token);
    expect(errorCode(twoLive)).toBe('CONFLICT');
    const live = await fed.run(CommunityLiveStreamsDocument, { filter: 'LIVE', readerId: reader.id });
    expect(live.data!.liveStreams.edges.map((e) => e.node.id)).toEqual([id]);
    changes.stop();
  });

  it('gives the reader a publish token and viewers subscribe-only tokens', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const s = await liveStream(reader);
    const verifier = new TokenVerifier(fed.runtime.config.livekit.apiKey, fed.runtime.config.livekit.apiSecret);

    const host = (await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, reader.token)).data!.liveStreamToken;
    expect(host).toMatchObject({ canPublish: true, roomName: s.roomName, identity: reader.id, paidCents: 0 });
    const hostClaims = await verifier.verify(host.token);
    expect(hostClaims.video).toMatchObject({ room: s.roomName, roomJoin: true, canPublish: true, canSubscribe: true });

    const watch = (await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, viewer.token)).data!.liveStreamToken;
    expect(watch).toMatchObject({ canPublish: false, identity: viewer.id });
    const claims = await verifier.verify(watch.token);
    expect(claims.sub).toBe(viewer.id);
    expect(claims.video).toMatchObject({ room: s.roomName, roomJoin: true, canPublish: false, canSubscribe: true, canPublishData: false });

    expect(errorCode(await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }))).toBe('UNAUTHENTICATED');
    const scheduled = await fed.run(CommunityScheduleLiveStreamDocument, { input: { title: 'Later on', category: 'x', scheduledAt: soon(), visibility: 'PUBLIC' } }, reader.token);
    expect(errorCode(await fed.run(CommunityLiveStreamTokenDocument, { streamId: scheduled.data!.scheduleLiveStream.id }, viewer.token))).toBe('CONFLICT');
  });

  it('admits only invitees to a private stream', async () => {
    const reader = await seed.reader().create();
    const invited = await seed.client().create();
    const outsider = await seed.client().create();
    const s = await liveStream(reader, { visibility: 'PRIVATE', invitedUserIds: [invited.id] });
    expect(s.invitedUsers?.edges).toEqual([{ node: { id: invited.id } }]);

    const denied = await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, outsider.token);
    expect(errorCode(denied)).toBe('NOT_FOUND'); // a private stream does not exist for outsiders
    expect(errorCode(await fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, outsider.token))).toBe('NOT_FOUND');
    expect((await fed.run(CommunityLiveStreamDocument, { id: s.id }, outsider.token)).data!.liveStream).toBeNull();
    const listing = await fed.run(CommunityLiveStreamsDocument, { readerId: reader.id }, outsider.token);
    expect(listing.data!.liveStreams.edges).toHaveLength(0);
    const events = subscribe(open(outsider.token), CommunityStreamEventsDocument, { streamId: s.id });
    const refused = await events.done.then(
      () => events.events[0]?.errors?.[0]?.extensions?.code,
      (e: unknown) => (Array.isArray(e) ? (e[0] as { extensions?: { code?: string } })?.extensions?.code : 'SOCKET_ERROR'),
    );
    expect(refused).toBe('NOT_FOUND');
    expect(events.events.every((e) => !e.data)).toBe(true);
    expect(await fed.db.prisma.streamViewer.count({ where: { streamId: s.id } })).toBe(0);

    const ok = await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, invited.token);
    expect(ok.data!.liveStreamToken.canPublish).toBe(false);
    expect((await fed.run(CommunityLiveStreamsDocument, { readerId: reader.id }, invited.token)).data!.liveStreams.edges).toHaveLength(1);
  });

  it('charges premium entry once from the wallet, and refuses without funds', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const s = await liveStream(reader, { visibility: 'PREMIUM', entryPriceCents: 400 });

    const broke = await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, viewer.token);
    expect(errorCode(broke)).toBe('INSUFFICIENT_FUNDS');
    expect(await fed.db.prisma.streamAccess.count({ where: { streamId: s.id } })).toBe(0);
    expect(errorCode(await fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, viewer.token))).toBe('FORBIDDEN');

    await seed.credit(viewer, 1_000);
    const paid = await Promise.all(Array.from({ length: 3 }, () => fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, viewer.token)));
    expect(paid.map((p) => p.data!.liveStreamToken.paidCents).sort()).toEqual([0, 0, 400]);
    expect(await c.balance(viewer)).toBe(600);
    expect(await c.earnings(reader)).toBe(280);
    const again = await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, viewer.token);
    expect(again.data!.liveStreamToken.paidCents).toBe(0);
    expect(await c.balance(viewer)).toBe(600);
    expect((await fed.run(CommunityLiveStreamDocument, { id: s.id }, viewer.token)).data!.liveStream!.viewerHasAccess).toBe(true);
  });

  it('keeps viewer counts live from joins and leaves, and ends with the recording URL', async () => {
    const reader = await seed.reader().create();
    const [a, b] = [await seed.client().create(), await seed.client().create()];
    const s = await liveStream(reader);
    await settled();
    const updates = subscribe(open(a.token), CommunityStreamUpdatedDocument, { streamId: s.id });
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);

    expect((await fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, a.token)).data!.joinLiveStream.viewerCount).toBe(1);
    expect((await updates.next()).data!.streamUpdated.viewerCount).toBe(1);
    await fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, a.token);
    await Promise.all([b, a].map((u) => fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, u.token)));
    expect((await fed.run(CommunityLiveStreamDocument, { id: s.id })).data!.liveStream).toMatchObject({ viewerCount: 2, maxViewers: 2 });
    const left = await fed.run(CommunityLeaveLiveStreamDocument, { streamId: s.id }, a.token);
    expect(left.data!.leaveLiveStream).toMatchObject({ viewerCount: 1, maxViewers: 2 });

    expect(errorCode(await fed.run(CommunityEndLiveStreamDocument, { streamId: s.id }, b.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunityEndLiveStreamDocument, { streamId: s.id, recordingUrl: 'javascript:alert(1)' }, reader.token))).toBe('BAD_USER_INPUT');
    const ended = await fed.run(CommunityEndLiveStreamDocument, { streamId: s.id, recordingUrl: 'https://cdn.example.com/rec.mp4' }, reader.token);
    expect(ended.data!.endLiveStream).toMatchObject({ status: 'ENDED', viewerCount: 0, maxViewers: 2, recordingUrl: 'https://cdn.example.com/rec.mp4' });
    await eventually(() => updates.events.at(-1)?.data?.streamUpdated.status, (st) => st === 'ENDED');
    expect(errorCode(await fed.run(CommunityJoinLiveStreamDocument, { streamId: s.id }, a.token))).toBe('CONFLICT');
    updates.stop();
  });

  it('carries stream chat to viewers and limits floods', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const s = await liveStream(reader);
    await settled();
    const events = subscribe(open(reader.token), CommunityStreamEventsDocument, { streamId: s.id });
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);
    const sent = await fed.run(CommunitySendStreamMessageDocument, { streamId: s.id, message: 'Hi <i>all</i>' }, viewer.token);
    expect(sent.errors).toBeUndefined();
    const e = (await events.next()).data!.streamEvents;
    expect(e).toMatchObject({ __typename: 'StreamChatEvent', text: 'Hi <i>all</i>', sender: { id: viewer.id, displayName: `${viewer.displayName.replace(' display', '')} C.` } });
    const flood = [];
    for (let i = 0; i < 10; i++) flood.push(await fed.run(CommunitySendStreamMessageDocument, { streamId: s.id, message: `m${i}` }, viewer.token));
    expect(flood.slice(0, 9).every((r) => !r.errors)).toBe(true);
    expect(errorCode(flood[9]!)).toBe('RATE_LIMITED');
    events.stop();
  });
});

describe('virtual gifts', () => {
  it('lets only admins manage the catalogue', async () => {
    const client = await seed.client().create();
    const input = { name: 'Moonstone', priceCents: 250, imageUrl: 'https://cdn.example.com/m.png' };
    expect(errorCode(await fed.run(CommunityCreateVirtualGiftDocument, { input }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(CommunityCreateVirtualGiftDocument, { input: { ...input, priceCents: 0 } }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(CommunityCreateVirtualGiftDocument, { input: { ...input, imageUrl: 'javascript:x' } }, admin.token))).toBe('BAD_USER_INPUT');
    const g = (await fed.run(CommunityCreateVirtualGiftDocument, { input }, admin.token)).data!.createVirtualGift;
    expect(errorCode(await fed.run(CommunityCreateVirtualGiftDocument, { input }, admin.token))).toBe('CONFLICT');
    expect((await fed.run(CommunityUpdateVirtualGiftDocument, { input: { id: g.id, priceCents: 300 } }, admin.token)).data!.updateVirtualGift.priceCents).toBe(300);
    expect((await fed.run(CommunityDeactivateVirtualGiftDocument, { id: g.id }, admin.token)).data!.deactivateVirtualGift.isActive).toBe(false);
    expect((await fed.run(CommunityVirtualGiftsDocument, {})).data!.virtualGifts.edges.some((e) => e.node.id === g.id)).toBe(false);
    expect((await fed.run(CommunityVirtualGiftsDocument, { includeInactive: true }, admin.token)).data!.virtualGifts.edges.some((e) => e.node.id === g.id)).toBe(true);
    const audit = await fed.db.prisma.auditLog.findMany({ where: { entityType: 'virtual_gift', entityId: g.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['gifts:create', 'gifts:update', 'gifts:deactivate']);
  });

  it('sends a gift during a stream exactly once per key, to everyone watching, with the split and a leaderboard', async () => {
    const reader = await seed.reader().create();
    const [fan, fan2] = [await seed.client().create(), await seed.client().create()];
    const watcher = await seed.client().create();
    const s = await liveStream(reader);
    const rose = await giftOf(500);
    await seed.credit(fan, 2_000);
    await seed.credit(fan2, 2_000);
    await settled();
    const watching = subscribe(open(watcher.token), CommunityStreamEventsDocument, { streamId: s.id });
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 1);

    const input = { idempotencyKey: key(), virtualGiftId: rose.id, readerId: reader.id, streamId: s.id, message: 'For you ✨' };
    const sends = await Promise.all(Array.from({ length: 4 }, () => fed.run(CommunitySendGiftDocument, { input }, fan.token)));
    for (const r of sends) expect(r.errors).toBeUndefined();
    const ids = new Set(sends.map((r) => r.data!.sendGift.gift.id));
    expect(ids.size).toBe(1);
    expect(sends.filter((r) => !r.data!.sendGift.replayed)).toHaveLength(1);
    expect(await c.balance(fan)).toBe(1_500);
    expect(await c.earnings(reader)).toBe(350);
    const txs = await c.transactionsOf(fan);
    expect(txs).toMatchObject([{ type: 'GIFT_PURCHASE', amountCents: 500, readerEarningsCents: 350, platformRevenueCents: 150, giftId: [...ids][0] }]);

    const event = (await watching.next()).data!.streamEvents;
    expect(event).toMatchObject({
      __typename: 'StreamGiftEvent',
      id: [...ids][0],
      message: 'For you ✨',
      gift: { id: rose.id, priceCents: 500 },
      sender: { id: fan.id, displayName: `${fan.displayName.replace(' display', '')} C.` },
    });

    await fed.run(CommunitySendGiftDocument, { input: { ...input, idempotencyKey: key(), message: null } }, fan2.token);
    await fed.run(CommunitySendGiftDocument, { input: { ...input, idempotencyKey: key(), message: null } }, fan2.token);
    const board = await fed.run(CommunityGiftLeaderboardDocument, { streamId: s.id });
    // Givers are anonymous unless they allow their name (test/e2e/privacy-leaderboard.test.ts).
    expect(board.data!.giftLeaderboard).toEqual([
      { id: `stream:${s.id}:1`, rank: 1, displayName: 'Anonymous', sender: null, totalCents: 1_000, giftCount: 2 },
      { id: `stream:${s.id}:2`, rank: 2, displayName: 'Anonymous', sender: null, totalCents: 500, giftCount: 1 },
    ]);
    const byReader = await fed.run(CommunityGiftLeaderboardDocument, { readerId: reader.id, first: 1 });
    expect(byReader.data!.giftLeaderboard).toMatchObject([{ rank: 1, sender: null, totalCents: 1_000, giftCount: 2 }]);
    expect(errorCode(await fed.run(CommunityGiftLeaderboardDocument, {}))).toBe('BAD_USER_INPUT');
    await eventually(() => watching.events.length, (n) => n === 3);
    expect(await c.ledgerInvariants()).toEqual(CLEAN);
    watching.stop();
  });

  it('refuses gifts to non-readers, outside a live stream, without funds, or past the caps, and changes nothing', async () => {
    const reader = await seed.reader().create();
    const fan = await seed.client().create();
    const notReader = await seed.client().create();
    const s = await liveStream(reader);
    const cheap = await giftOf(300);
    const pricey = await giftOf(5_000);
    const send = (extra: Record<string, unknown>, who = fan) =>
      fed.run(CommunitySendGiftDocument, { input: { idempotencyKey: key(), virtualGiftId: cheap.id, readerId: reader.id, streamId: s.id, ...extra } }, who.token);

    expect(errorCode(await send({}))).toBe('INSUFFICIENT_FUNDS');
    expect(await fed.db.prisma.gift.count({ where: { senderId: fan.id } })).toBe(0);
    await seed.credit(fan, 10_000);

    const toClient = await send({ readerId: notReader.id });
    expect(errorCode(toClient)).toBe('BAD_USER_INPUT');
    expect(toClient.errors![0]!.extensions!.reason).toBe('NOT_A_READER');
    expect(errorCode(await send({}, reader))).toBe('FORBIDDEN'); // readers do not send gifts
    expect(errorCode(await send({ streamId: null }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await send({ message: 'x'.repeat(281) }))).toBe('BAD_USER_INPUT');
    const otherReader = await seed.reader().create();
    expect(errorCode(await send({ readerId: otherReader.id }))).toBe('BAD_USER_INPUT');

    await fed.db.prisma.systemSetting.create({ data: { key: 'gift_max_cents', value: '1000' } });
    await fed.db.prisma.systemSetting.create({ data: { key: 'gift_daily_cap_cents', value: '700' } });
    try {
      const tooBig = await send({ virtualGiftId: pricey.id });
      expect(errorCode(tooBig)).toBe('BAD_USER_INPUT');
      expect(tooBig.errors![0]!.extensions).toMatchObject({ reason: 'GIFT_MAX_EXCEEDED', limitCents: 1000 });
      expect((await send({})).errors).toBeUndefined();
      expect((await send({})).errors).toBeUndefined();
      const capped = await send({});
      expect(errorCode(capped)).toBe('RATE_LIMITED');
      expect(capped.errors![0]!.extensions).toMatchObject({ reason: 'GIFT_DAILY_CAP', limitCents: 700, spentCents: 600 });
      expect(await fed.db.prisma.gift.count({ where: { senderId: fan.id } })).toBe(2);
      expect(await c.balance(fan)).toBe(9_400);
    } finally {
      await fed.db.prisma.systemSetting.deleteMany({ where: { key: { in: ['gift_max_cents', 'gift_daily_cap_cents'] } } });
    }

    await fed.run(CommunityEndLiveStreamDocument, { streamId: s.id }, reader.token);
    expect(errorCode(await send({}))).toBe('CONFLICT');
    await fed.run(CommunityDeactivateVirtualGiftDocument, { id: cheap.id }, admin.token);
    expect(await fed.db.prisma.gift.count({ where: { senderId: fan.id } })).toBe(2);
    expect(await c.ledgerInvariants()).toEqual(CLEAN);
  });

  it('holds the daily cap under concurrent gifts', async () => {
    const reader = await seed.reader().create();
    const fan = await seed.client().create();
    const s = await liveStream(reader);
    const g = await giftOf(300);
    await seed.credit(fan, 10_000);
    await fed.db.prisma.systemSetting.create({ data: { key: 'gift_daily_cap_cents', value: '1000' } });
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          fed.run(CommunitySendGiftDocument, { input: { idempotencyKey: key(), virtualGiftId: g.id, readerId: reader.id, streamId: s.id } }, fan.token),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(3);
      expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(5);
      expect(await fed.db.prisma.gift.count({ where: { senderId: fan.id } })).toBe(3);
      expect(await c.balance(fan)).toBe(9_100);
    } finally {
      await fed.db.prisma.systemSetting.deleteMany({ where: { key: 'gift_daily_cap_cents' } });
    }
  });

  it('sends a gift during a running session to that session\'s reader', async () => {
    const reader = await seed.reader().create();
    const fan = await seed.client().create();
    const stranger = await seed.client().create();
    await seed.credit(fan, 1_000);
    const session = await fed.db.prisma.session.create({ data: { clientId: fan.id, readerId: reader.id, type: 'CHAT', status: 'IN_PROGRESS', rateCents: 199 } });
    const gift = await giftOf(200);
    const input = { idempotencyKey: key(), virtualGiftId: gift.id, readerId: reader.id, sessionId: session.id };
    const ok = await fed.run(CommunitySendGiftDocument, { input }, fan.token);
    expect(ok.data!.sendGift.gift).toMatchObject({ sessionId: session.id, streamId: null, priceCents: 200, reader: { id: reader.id } });
    expect(errorCode(await fed.run(CommunitySendGiftDocument, { input: { ...input, idempotencyKey: key() } }, stranger.token))).toBe('NOT_FOUND');
    await fed.db.prisma.session.update({ where: { id: session.id }, data: { status: 'COMPLETED' } });
    expect(errorCode(await fed.run(CommunitySendGiftDocument, { input: { ...input, idempotencyKey: key() } }, fan.token))).toBe('CONFLICT');
    expect(await c.balance(fan)).toBe(800);

    // The reader's gift totals (on the Reader entity, through the gateway): the reader and admins only.
    const s = await liveStream(reader);
    await fed.run(CommunitySendGiftDocument, { input: { idempotencyKey: key(), virtualGiftId: gift.id, readerId: reader.id, streamId: s.id } }, fan.token);
    const totals = { giftCount: 2, totalCents: 400, streamCents: 200, sessionCents: 200 };
    expect((await fed.run(CommunityReaderGiftTotalsDocument, { id: reader.id }, reader.token)).data!.reader!.giftTotals).toEqual(totals);
    expect((await fed.run(CommunityReaderGiftTotalsDocument, { id: reader.id }, admin.token)).data!.reader!.giftTotals).toEqual(totals);
    expect((await fed.run(CommunityReaderGiftTotalsDocument, { id: reader.id }, fan.token)).data!.reader!.giftTotals).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenVerifier } from 'livekit-server-sdk';
import {
  CommunityCreateVirtualGiftDocument,
  CommunityEndLiveStreamDocument,
  CommunityGiftLeaderboardDocument,
  CommunityLiveStreamTokenDocument,
  CommunityScheduleLiveStreamDocument,
  CommunitySendGiftDocument,
  CommunityStartLiveStreamDocument,
  MyProfileDocument,
  UpdateClientProfileDocument,
  type ScheduleLiveStreamInput,
} from '../generated/graphql.js';
import { errorCode, postGraphQL, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { key } from './community-fixtures.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// Privacy of aggregates and of recordings, through the gateway: what an anonymous visitor, another client, a
// payer, an invitee, the reader and an admin each get.

let fed: TestFederation;
let seed: Seed;
let admin: TestUser;

beforeAll(async () => {
  fed = await startTestFederation();
  seed = createSeed(fed);
  admin = await seed.admin().create();
});
afterAll(async () => {
  await fed?.stop();
});

const soon = () => new Date(Date.now() + 3600_000).toISOString();

async function liveStream(reader: TestUser, input: Partial<ScheduleLiveStreamInput> = {}) {
  const s = await fed.run(
    CommunityScheduleLiveStreamDocument,
    { input: { title: 'Moon circle', category: 'tarot', scheduledAt: soon(), visibility: 'PUBLIC', ...input } },
    reader.token,
  );
  expect(s.errors).toBeUndefined();
  const started = await fed.run(CommunityStartLiveStreamDocument, { streamId: s.data!.scheduleLiveStream.id }, reader.token);
  expect(started.errors).toBeUndefined();
  return s.data!.scheduleLiveStream;
}

async function giftOf(priceCents: number) {
  const res = await fed.run(CommunityCreateVirtualGiftDocument, { input: { name: `Gift ${key()}`, priceCents, imageUrl: 'https://cdn.example.com/g.png' } }, admin.token);
  expect(res.errors).toBeUndefined();
  return res.data!.createVirtualGift;
}

async function send(from: TestUser, readerId: string, giftId: string, where: { streamId?: string; sessionId?: string }) {
  const res = await fed.run(CommunitySendGiftDocument, { input: { idempotencyKey: key(), virtualGiftId: giftId, readerId, ...where } }, from.token);
  expect(res.errors).toBeUndefined();
}

const showName = (who: TestUser, on: boolean | null) => fed.run(UpdateClientProfileDocument, { input: { showNameInLeaderboards: on } }, who.token);
const board = (vars: { streamId?: string; readerId?: string }, token?: string) => fed.run(CommunityGiftLeaderboardDocument, vars, token);

describe('gift leaderboards show only what was public', () => {
  it('counts public-stream gifts only and names a giver only with their consent, never leaking an anonymous id', async () => {
    const reader = await seed.reader().create();
    const [named, shy, sessionFan, invitee, payer] = await Promise.all([1, 2, 3, 4, 5].map(() => seed.client().create()));
    for (const fan of [named, shy, sessionFan, invitee, payer]) await seed.credit(fan, 20_000);
    const [small, mid, big] = [await giftOf(500), await giftOf(1_000), await giftOf(3_000)];

    // The client's own setting: off by default, visible to them only; null is refused and changes nothing.
    expect((await fed.run(MyProfileDocument, {}, named.token)).data!.me!.clientProfile!.showNameInLeaderboards).toBe(false);
    expect((await showName(named, true)).data!.updateClientProfile.clientProfile.showNameInLeaderboards).toBe(true);
    expect(errorCode(await showName(named, null))).toBe('BAD_USER_INPUT');
    expect((await fed.run(MyProfileDocument, {}, named.token)).data!.me!.clientProfile!.showNameInLeaderboards).toBe(true);
    const byAdmin = await postGraphQL<{ user: { clientProfile: unknown } }>(
      fed.url,
      { query: 'query($id: ID!) { user(id: $id) { clientProfile { showNameInLeaderboards } } }', variables: { id: named.id } },
      admin.token,
    );
    expect(errorCode(byAdmin)).toBe('FORBIDDEN');
    expect(JSON.stringify(byAdmin.data)).not.toContain('true');

    const pub = await liveStream(reader);
    await send(named, reader.id, small.id, { streamId: pub.id });
    await send(shy, reader.id, mid.id, { streamId: pub.id });

    // A private session's gift, a private stream's and a premium stream's: none of them public.
    const session = await fed.db.prisma.session.create({
      data: { clientId: sessionFan.id, readerId: reader.id, type: 'CHAT', status: 'ACCEPTED', rateCents: 200, acceptedAt: new Date() },
    });
    await send(sessionFan, reader.id, big.id, { sessionId: session.id });
    await fed.run(CommunityEndLiveStreamDocument, { streamId: pub.id }, reader.token); // one live stream at a time
    const priv = await liveStream(reader, { visibility: 'PRIVATE', invitedUserIds: [invitee.id] });
    await send(invitee, reader.id, big.id, { streamId: priv.id });
    await send(invitee, reader.id, big.id, { streamId: priv.id });
    await fed.run(CommunityEndLiveStreamDocument, { streamId: priv.id }, reader.token);
    const premium = await liveStream(reader, { visibility: 'PREMIUM', entryPriceCents: 100 });
    expect((await fed.run(CommunityLiveStreamTokenDocument, { streamId: premium.id }, payer.token)).errors).toBeUndefined();
    await send(payer, reader.id, big.id, { streamId: premium.id });

    // The reader's all-time leaderboard, as anyone sees it: the public stream's two givers only.
    const everyone = await board({ readerId: reader.id });
    expect(everyone.errors).toBeUndefined();
    expect(everyone.data!.giftLeaderboard).toEqual([
      { id: `reader:${reader.id}:1`, rank: 1, displayName: 'Anonymous', sender: null, totalCents: 1_000, giftCount: 1 },
      { id: `reader:${reader.id}:2`, rank: 2, displayName: named.displayName.replace(' display', ' C.'), sender: { id: named.id, displayName: named.displayName.replace(' display', ' C.') }, totalCents: 500, giftCount: 1 },
    ]);
    const raw = JSON.stringify(everyone);
    for (const hidden of [shy, sessionFan, invitee, payer]) expect(raw).not.toContain(hidden.id);
    // Signed in changes nothing, even for the anonymous giver themself or the reader.
    expect((await board({ readerId: reader.id }, shy.token)).data).toEqual(everyone.data);
    expect((await board({ readerId: reader.id }, reader.token)).data).toEqual(everyone.data);

    // The giver's id is not in the public API at all.
    const probe = await postGraphQL(fed.url, { query: `{ giftLeaderboard(readerId: "${reader.id}") { senderId } }` });
    expect(errorCode(probe)).toBe('GRAPHQL_VALIDATION_FAILED');

    // Withdrawing consent makes the entry anonymous again at once.
    await showName(named, false);
    expect((await board({ readerId: reader.id })).data!.giftLeaderboard.map((e) => [e.displayName, e.sender])).toEqual([
      ['Anonymous', null],
      ['Anonymous', null],
    ]);
  });

  it('shows a private or premium stream\'s leaderboard only to those who may watch it', async () => {
    const reader = await seed.reader().create();
    const [invitee, outsider, payer] = [await seed.client().create(), await seed.client().create(), await seed.client().create()];
    for (const fan of [invitee, payer]) await seed.credit(fan, 5_000);
    const gift = await giftOf(700);

    const priv = await liveStream(reader, { visibility: 'PRIVATE', invitedUserIds: [invitee.id] });
    await send(invitee, reader.id, gift.id, { streamId: priv.id });
    expect(errorCode(await board({ streamId: priv.id }))).toBe('NOT_FOUND');
    expect(errorCode(await board({ streamId: priv.id }, outsider.token))).toBe('NOT_FOUND');
    for (const allowed of [invitee, reader, admin]) {
      expect((await board({ streamId: priv.id }, allowed.token)).data!.giftLeaderboard).toMatchObject([{ rank: 1, totalCents: 700, sender: null }]);
    }
    await fed.run(CommunityEndLiveStreamDocument, { streamId: priv.id }, reader.token);

    const premium = await liveStream(reader, { visibility: 'PREMIUM', entryPriceCents: 200 });
    await fed.run(CommunityLiveStreamTokenDocument, { streamId: premium.id }, payer.token);
    await send(payer, reader.id, gift.id, { streamId: premium.id });
    expect(errorCode(await board({ streamId: premium.id }))).toBe('UNAUTHENTICATED');
    const unpaid = await board({ streamId: premium.id }, outsider.token);
    expect(errorCode(unpaid)).toBe('FORBIDDEN');
    expect(unpaid.errors![0]!.extensions!.reason).toBe('ENTRY_NOT_PAID');
    for (const allowed of [payer, reader, admin]) {
      expect((await board({ streamId: premium.id }, allowed.token)).data!.giftLeaderboard).toMatchObject([{ rank: 1, totalCents: 700 }]);
    }
  });
});

describe('recording URLs', () => {
  const recording = (streamId: string, token?: string) =>
    postGraphQL<{ liveStream: { recordingUrl: string | null; viewerHasAccess: boolean } | null }>(
      fed.url,
      { query: 'query($id: ID!) { liveStream(id: $id) { recordingUrl viewerHasAccess } }', variables: { id: streamId } },
      token,
    );

  it('go only to viewers who may watch the stream', async () => {
    const reader = await seed.reader().create();
    const [payer, other, invitee] = [await seed.client().create(), await seed.client().create(), await seed.client().create()];
    await seed.credit(payer, 5_000);
    const url = 'https://cdn.example.com/premium.mp4';

    const premium = await liveStream(reader, { visibility: 'PREMIUM', entryPriceCents: 300 });
    await fed.run(CommunityLiveStreamTokenDocument, { streamId: premium.id }, payer.token);
    expect((await fed.run(CommunityEndLiveStreamDocument, { streamId: premium.id, recordingUrl: url }, reader.token)).data!.endLiveStream.recordingUrl).toBe(url);
    expect((await recording(premium.id)).data!.liveStream).toEqual({ recordingUrl: null, viewerHasAccess: false });
    expect((await recording(premium.id, other.token)).data!.liveStream).toEqual({ recordingUrl: null, viewerHasAccess: false });
    for (const allowed of [payer, reader, admin]) {
      expect((await recording(premium.id, allowed.token)).data!.liveStream).toEqual({ recordingUrl: url, viewerHasAccess: true });
    }

    const priv = await liveStream(reader, { visibility: 'PRIVATE', invitedUserIds: [invitee.id] });
    await fed.run(CommunityEndLiveStreamDocument, { streamId: priv.id, recordingUrl: url }, reader.token);
    expect((await recording(priv.id)).data!.liveStream).toBeNull();
    expect((await recording(priv.id, other.token)).data!.liveStream).toBeNull();
    expect((await recording(priv.id, invitee.token)).data!.liveStream!.recordingUrl).toBe(url);

    // A public stream's recording: any signed-in user (as watching it), not an anonymous visitor.
    const pub = await liveStream(reader);
    await fed.run(CommunityEndLiveStreamDocument, { streamId: pub.id, recordingUrl: url }, reader.token);
    expect((await recording(pub.id)).data!.liveStream!.recordingUrl).toBeNull();
    expect((await recording(pub.id, other.token)).data!.liveStream!.recordingUrl).toBe(url);
  });
});

describe('stream viewers', () => {
  it('join the LiveKit room hidden, so no viewer sees who else watches (the reader is visible)', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const s = await liveStream(reader);
    const verifier = new TokenVerifier(fed.runtime.config.livekit.apiKey, fed.runtime.config.livekit.apiSecret);
    const grantOf = async (who: TestUser) => {
      const res = await fed.run(CommunityLiveStreamTokenDocument, { streamId: s.id }, who.token);
      expect(res.errors).toBeUndefined();
      return (await verifier.verify(res.data!.liveStreamToken.token)).video!;
    };
    expect(await grantOf(viewer)).toMatchObject({ hidden: true, canPublish: false, canSubscribe: true });
    expect(await grantOf(admin)).toMatchObject({ hidden: true, canPublish: false });
    expect(await grantOf(reader)).toMatchObject({ hidden: false, canPublish: true });
  });
});

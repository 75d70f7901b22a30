import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  CommunityLiveStreamDocument,
  CommunityScheduleLiveStreamDocument,
  CommunityStartLiveStreamDocument,
  RequestSessionDocument,
} from '../generated/graphql.js';
import { randomSecret } from '../../shared/config.js';
import { startTestFederation, type TestFederation } from '../helpers/federation.js';
import { liveKitEvent, signLiveKitWebhook } from '../fakes/livekit.js';
import { createSeed, type Seed, type TestUser } from '../helpers/seed.js';

// LiveKit webhooks for stream rooms: the gateway forwards each delivery to readings (session rooms) and
// community (stream rooms); each verifies the signature and applies only its own rooms, once per event id.

const apiKey = 'APIstreamkey';
const apiSecret = randomSecret();
let fed: TestFederation;
let seed: Seed;

beforeAll(async () => {
  fed = await startTestFederation({ config: { livekit: { url: null, apiKey, apiSecret } } });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
});

interface Answer {
  status: number;
  json: { ok?: boolean; outcome?: string; error?: string; targets?: Record<string, { status: number; outcome?: string }> };
}

async function post(body: string, authorization?: string): Promise<Answer> {
  const res = await fetch(fed.url.replace(/\/graphql$/, '/webhooks/livekit'), {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
    body,
  });
  return { status: res.status, json: (await res.json()) as Answer['json'] };
}
const sign = (body: string) => signLiveKitWebhook(body, apiKey, apiSecret);
const signed = async (body: string) => post(body, await sign(body));

async function liveStream(reader: TestUser) {
  const s = await fed.run(
    CommunityScheduleLiveStreamDocument,
    { input: { title: 'Webhook tarot', category: 'tarot', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), visibility: 'PUBLIC' } },
    reader.token,
  );
  expect(s.errors).toBeUndefined();
  const id = s.data!.scheduleLiveStream.id;
  expect((await fed.run(CommunityStartLiveStreamDocument, { streamId: id }, reader.token)).data!.startLiveStream.status).toBe('LIVE');
  return { id, room: s.data!.scheduleLiveStream.roomName };
}

async function counts(streamId: string, token: string) {
  const r = await fed.run(CommunityLiveStreamDocument, { id: streamId }, token);
  expect(r.errors).toBeUndefined();
  const s = r.data!.liveStream!;
  return { status: s.status, viewerCount: s.viewerCount, maxViewers: s.maxViewers, recordingUrl: s.recordingUrl };
}

const recorded = async () => Number((await fed.db.sql<{ n: string }>('SELECT count(*) AS n FROM stream_webhook_events'))[0]!.n);

describe('LiveKit webhooks for stream rooms (through the gateway)', () => {
  it('moves viewerCount / maxViewers on participant_joined / participant_left; replays and forgeries change nothing', async () => {
    const reader = await seed.reader().create();
    const [v1, v2] = [await seed.client().create(), await seed.client().create()];
    const { id, room } = await liveStream(reader);

    // Unsigned, wrongly signed and altered deliveries: 401 from the gateway, nothing recorded or counted.
    const join1 = liveKitEvent('participant_joined', room, v1.id);
    expect((await post(join1)).status).toBe(401);
    expect((await post(join1, await signLiveKitWebhook(join1, apiKey, 'another-secret-that-is-long-enough-0123456789'))).status).toBe(401);
    const header1 = await sign(join1);
    const forged = await post(join1.replace(v1.id, v2.id), header1);
    expect(forged.status).toBe(401);
    expect(forged.json.targets).toMatchObject({ readings: { status: 401 }, community: { status: 401 } });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 0, maxViewers: 0 });
    expect(await recorded()).toBe(0);

    const first = await post(join1, header1);
    expect(first).toMatchObject({ status: 200, json: { ok: true, outcome: 'applied', targets: { readings: { status: 200, outcome: 'ignored' }, community: { status: 200, outcome: 'applied' } } } });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 1, maxViewers: 1 });
    expect((await signed(liveKitEvent('participant_joined', room, v2.id))).json.outcome).toBe('applied');
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 2, maxViewers: 2 });

    // The reader (host) and participants that are not users (egress, agents) are not viewers.
    expect((await signed(liveKitEvent('participant_joined', room, reader.id))).json.outcome).toBe('ignored');
    expect((await signed(liveKitEvent('participant_joined', room, 'EG_recorder'))).json.outcome).toBe('ignored');
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 2, maxViewers: 2 });

    const leave1 = liveKitEvent('participant_left', room, v1.id);
    expect((await signed(leave1)).json.targets!.community).toEqual({ status: 200, outcome: 'applied' });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 1, maxViewers: 2 });

    // Replays (LiveKit retries the same delivery) answer 200 and change nothing twice.
    const replayJoin = await post(join1, header1);
    expect(replayJoin).toMatchObject({ status: 200, json: { outcome: 'duplicate', targets: { community: { outcome: 'duplicate' } } } });
    expect((await signed(leave1)).json.outcome).toBe('duplicate');
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 1, maxViewers: 2 });
    const viewers = await fed.db.prisma.streamViewer.findMany({ where: { streamId: id } });
    expect(Object.fromEntries(viewers.map((v) => [v.userId, v.leftAt === null ? 'watching' : 'left']))).toEqual({ [v1.id]: 'left', [v2.id]: 'watching' });

    // The room finished: nobody is watching any more; the stream stays live until its reader ends it.
    expect((await signed(liveKitEvent('room_finished', room))).json.targets!.community!.outcome).toBe('applied');
    expect(await counts(id, reader.token)).toMatchObject({ status: 'LIVE', viewerCount: 0, maxViewers: 2 });
    expect(await recorded()).toBe(6);
  });

  it('stores the recording URL from egress_ended', async () => {
    const reader = await seed.reader().create();
    const { id, room } = await liveStream(reader);
    const body = JSON.stringify({
      id: `EV_egress_${id}`,
      event: 'egress_ended',
      egressInfo: { egressId: 'EG_1', roomName: room, fileResults: [{ filename: 'a.mp4', location: 'https://cdn.example.com/rec/a.mp4' }] },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    expect((await signed(body)).json.targets!.community).toEqual({ status: 200, outcome: 'applied' });
    expect((await counts(id, reader.token)).recordingUrl).toBe('https://cdn.example.com/rec/a.mp4');
  });

  it('session-room webhooks still reach readings, and community ignores them without recording them', async () => {
    const reader = await seed.reader().online().withRates({ CALL: 300 }).create();
    const client = await seed.client().withCredit(5000).create();
    const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CALL' } }, client.token);
    const sessionId = req.data!.requestSession.id;
    const room = req.data!.requestSession.roomName;
    await fed.run(AcceptSessionDocument, { sessionId }, reader.token);
    const before = await recorded();

    const join = await signed(liveKitEvent('participant_joined', room, client.id));
    expect(join).toMatchObject({ status: 200, json: { outcome: 'applied', targets: { readings: { outcome: 'applied' }, community: { outcome: 'ignored' } } } });
    expect((await fed.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).clientConnected).toBe(true);
    expect(await recorded()).toBe(before);
  });

  it('answers 502 until every subgraph has applied a delivery, so LiveKit retries; the retry applies it once', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const { id, room } = await liveStream(reader);
    const body = liveKitEvent('participant_joined', room, viewer.id);
    const header = await sign(body);

    // Community's write fails (its table refuses inserts for now): the gateway does not answer 200.
    await fed.db.sql(`CREATE FUNCTION refuse_webhook() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await fed.db.sql(`CREATE TRIGGER refuse_webhook BEFORE INSERT ON stream_webhook_events FOR EACH ROW EXECUTE FUNCTION refuse_webhook()`);
    try {
      const failed = await post(body, header);
      expect(failed.status).toBe(502);
      expect(failed.json.targets).toMatchObject({ readings: { status: 200, outcome: 'ignored' }, community: { status: 500 } });
      expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 0, maxViewers: 0 });
    } finally {
      await fed.db.sql('DROP TRIGGER refuse_webhook ON stream_webhook_events');
      await fed.db.sql('DROP FUNCTION refuse_webhook()');
    }

    // LiveKit's retry of the same delivery: readings has it already, community applies it now.
    const retried = await post(body, header);
    expect(retried).toMatchObject({ status: 200, json: { outcome: 'applied', targets: { readings: { outcome: 'duplicate' }, community: { outcome: 'applied' } } } });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 1, maxViewers: 1 });
    expect((await post(body, header)).json.outcome).toBe('duplicate');
  });

  it('ignores a participant_joined older than the participant_left already applied: the viewer is not counted again', async () => {
    const reader = await seed.reader().create();
    const viewer = await seed.client().create();
    const { id, room } = await liveStream(reader);
    const t0 = Math.floor(Date.now() / 1000);
    expect((await signed(liveKitEvent('participant_joined', room, viewer.id, undefined, { createdAt: t0 }))).json.outcome).toBe('applied');
    expect((await signed(liveKitEvent('participant_left', room, viewer.id, undefined, { createdAt: t0 + 10 }))).json.outcome).toBe('applied');
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 0, maxViewers: 1 });

    // LiveKit's late retry of an older join (another delivery id), and one from the leave's own second.
    const late = await signed(liveKitEvent('participant_joined', room, viewer.id, undefined, { createdAt: t0 + 5 }));
    expect(late).toMatchObject({ status: 200, json: { outcome: 'ignored', targets: { community: { status: 200, outcome: 'stale' } } } });
    const sameSecond = await signed(liveKitEvent('participant_joined', room, viewer.id, undefined, { createdAt: t0 + 10 }));
    expect(sameSecond.json.targets!.community).toEqual({ status: 200, outcome: 'stale' });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 0, maxViewers: 1 });
    expect((await fed.db.prisma.streamViewer.findFirstOrThrow({ where: { streamId: id, userId: viewer.id } })).leftAt).not.toBeNull();

    // A newer connection of the same viewer counts again.
    const back = await signed(liveKitEvent('participant_joined', room, viewer.id, undefined, { createdAt: t0 + 20, sid: `PA_${viewer.id}_2` }));
    expect(back.json.targets!.community).toEqual({ status: 200, outcome: 'applied' });
    expect(await counts(id, reader.token)).toMatchObject({ viewerCount: 1, maxViewers: 1 });
  });
});

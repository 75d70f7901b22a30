import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  EndSessionDocument,
  JoinSessionDocument,
  LeaveSessionDocument,
  RequestSessionDocument,
  SendSessionMessageDocument,
  SessionTokenDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { randomSecret } from '../../shared/config.js';
import { liveKitEvent, signLiveKitWebhook, startFakeLiveKit, type FakeLiveKit } from '../fakes/livekit.js';
import { ledgerMinutes } from './readings-fixtures.js';
import { eventually } from './subscriptions-fixtures.js';
import { TokenVerifier } from 'livekit-server-sdk';
import { createSeed, type Seed } from '../helpers/seed.js';

const apiKey = 'APItestkey';
const apiSecret = randomSecret();
let fed: TestFederation;
let seed: Seed;
let lk: FakeLiveKit;

beforeAll(async () => {
  lk = await startFakeLiveKit();
  fed = await startTestFederation({ config: { livekit: { url: lk.url, apiKey, apiSecret } } });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  await lk?.close();
});

const webhookUrl = () => fed.url.replace(/\/graphql$/, '/webhooks/livekit');

async function post(body: string, authorization?: string) {
  const res = await fetch(webhookUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
    body,
  });
  return { status: res.status, json: (await res.json()) as { outcome?: string } };
}

async function signed(body: string) {
  return post(body, await signLiveKitWebhook(body, apiKey, apiSecret));
}

const session = (id: string) => fed.db.prisma.session.findUniqueOrThrow({ where: { id } });

async function acceptedSession() {
  const reader = await seed.reader().online().withRates({ CALL: 300 }).create();
  const client = await seed.client().withCredit(5000).create();
  const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CALL' } }, client.token);
  const id = req.data!.requestSession.id;
  const room = req.data!.requestSession.roomName;
  await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
  return { reader, client, id, room };
}

describe('LiveKit rooms and webhooks (through the gateway)', () => {
  it('opens the room on accept and mints tokens for the configured server', async () => {
    const { client, id, room } = await acceptedSession();
    await eventually(() => lk.calls.filter((c) => c.method === 'CreateRoom' && c.body.name === room).length, (n) => n === 1);
    expect(lk.calls.find((c) => c.method === 'CreateRoom')!.authorization).toMatch(/^Bearer /);
    // Before billing starts the token joins and subscribes only (publishing is granted in the room when it starts).
    const tok = await fed.run(SessionTokenDocument, { sessionId: id }, client.token);
    expect(tok.data!.sessionToken).toMatchObject({ url: lk.url, room, canPublishAudio: false, canPublishVideo: false, canPublishData: false });
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(tok.data!.sessionToken.token);
    expect(claims.video).toMatchObject({ roomJoin: true, room, canSubscribe: true, canPublish: false, canPublishData: false });
  });

  it('drives joins, leaves and room end from signed events; forged or replayed ones change nothing', async () => {
    const { client, reader, id, room } = await acceptedSession();

    // Unsigned, wrongly signed and altered deliveries are refused before anything is read.
    const join = liveKitEvent('participant_joined', room, client.id);
    expect((await post(join)).status).toBe(401);
    expect((await post(join, await signLiveKitWebhook(join, apiKey, 'another-secret-that-is-long-enough-0123456789'))).status).toBe(401);
    const header = await signLiveKitWebhook(join, apiKey, apiSecret);
    const altered = join.replace(client.id, reader.id);
    expect((await post(altered, header)).status).toBe(401);
    expect(await session(id)).toMatchObject({ clientConnected: false, readerConnected: false, status: 'ACCEPTED' });
    expect(await fed.db.prisma.processedWebhook.count()).toBe(0);

    expect((await post(join, header)).json.outcome).toBe('applied');
    expect((await session(id)).clientConnected).toBe(true);
    expect((await signed(liveKitEvent('participant_joined', room, reader.id))).json.outcome).toBe('applied');
    let s = await session(id);
    expect(s).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 1 });

    // A stranger's identity in the room is ignored.
    expect((await signed(liveKitEvent('participant_joined', room, 'someone-else'))).json.outcome).toBe('ignored');

    const leave = liveKitEvent('participant_left', room, client.id);
    expect((await signed(leave)).json.outcome).toBe('applied');
    s = await session(id);
    expect(s.clientConnected).toBe(false);
    expect(s.graceStartedAt).not.toBeNull();
    // Rejoining is a new connection (LiveKit gives it a new participant sid), even within the same second.
    expect((await signed(liveKitEvent('participant_joined', room, client.id, undefined, { sid: `PA_${client.id}_2` }))).json.outcome).toBe('applied');
    expect((await session(id)).graceStartedAt).toBeNull();
    // Replaying the old leave changes nothing.
    const replay = await signed(leave);
    expect(replay.status).toBe(200);
    expect(replay.json.outcome).toBe('duplicate');
    expect(await session(id)).toMatchObject({ clientConnected: true, graceStartedAt: null });

    const before = lk.calls.length;
    expect((await signed(liveKitEvent('room_finished', room))).json.outcome).toBe('applied');
    s = await session(id);
    expect(s).toMatchObject({ status: 'COMPLETED', endReason: 'ROOM_FINISHED', billedMinutes: 1 });
    expect(await ledgerMinutes(fed, id)).toEqual([1]);
    const closing = lk.calls.slice(before).map((c) => `${c.method}:${String(c.body.identity ?? c.body.room)}`).sort();
    expect(closing).toEqual([`DeleteRoom:${room}`, `RemoveParticipant:${client.id}`, `RemoveParticipant:${reader.id}`].sort());
    expect(await fed.db.prisma.processedWebhook.count({ where: { source: 'livekit' } })).toBe(6);
  });

  it('closes the room when a participant ends the session', async () => {
    const { reader, id, room } = await acceptedSession();
    const before = lk.calls.length;
    await fed.run(EndSessionDocument, { sessionId: id }, reader.token);
    expect((await session(id)).status).toBe('CANCELLED');
    expect(lk.calls.slice(before).some((c) => c.method === 'DeleteRoom' && c.body.room === room)).toBe(true);
  });

  it('refuses the participants\' own join and leave reports: only LiveKit\'s webhooks move presence', async () => {
    const { client, reader, id, room } = await acceptedSession();
    for (const user of [client, reader]) {
      const res = await fed.run(JoinSessionDocument, { sessionId: id }, user.token);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0]!.extensions).toMatchObject({ reason: 'PRESENCE_FROM_MEDIA_SERVER' });
    }
    expect(await session(id)).toMatchObject({ status: 'ACCEPTED', clientConnected: false, readerConnected: false });
    await signed(liveKitEvent('participant_joined', room, client.id));
    await signed(liveKitEvent('participant_joined', room, reader.id));
    expect(await session(id)).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 1 });
    // The client, still in the room, cannot pause the meter by saying it left.
    const left = await fed.run(LeaveSessionDocument, { sessionId: id }, client.token);
    expect(errorCode(left)).toBe('FORBIDDEN');
    expect(left.errors![0]!.extensions).toMatchObject({ reason: 'PRESENCE_FROM_MEDIA_SERVER' });
    const s = await session(id);
    expect(s).toMatchObject({ clientConnected: true, graceStartedAt: null });
    expect(s.resumedAt).not.toBeNull();
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
  });

  it('ignores a participant_joined older than the participant_left already applied (billing stays paused)', async () => {
    const { client, reader, id, room } = await acceptedSession();
    const t0 = Math.floor(Date.now() / 1000);
    await signed(liveKitEvent('participant_joined', room, client.id, undefined, { createdAt: t0 }));
    await signed(liveKitEvent('participant_joined', room, reader.id, undefined, { createdAt: t0 }));
    expect((await signed(liveKitEvent('participant_left', room, client.id, undefined, { createdAt: t0 + 10 }))).json.outcome).toBe('applied');
    expect(await session(id)).toMatchObject({ clientConnected: false, resumedAt: null });

    // LiveKit retried an older join (its own delivery id) after the leave: it must not reconnect the client.
    const late = await signed(liveKitEvent('participant_joined', room, client.id, undefined, { createdAt: t0 + 5 }));
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ outcome: 'ignored', targets: { readings: { outcome: 'stale' } } });
    // Even within the leave's second, the same connection cannot come back.
    const sameSecond = await signed(liveKitEvent('participant_joined', room, client.id, undefined, { createdAt: t0 + 10 }));
    expect(sameSecond.json).toMatchObject({ targets: { readings: { outcome: 'stale' } } });
    let s = await session(id);
    expect(s).toMatchObject({ status: 'IN_PROGRESS', clientConnected: false, resumedAt: null, billedMinutes: 1 });
    expect(s.graceStartedAt).not.toBeNull();
    const chat = await fed.run(SendSessionMessageDocument, { input: { sessionId: id, content: 'paused' } }, reader.token);
    expect(errorCode(chat)).toBe('CONFLICT');

    // A newer join (a new connection) resumes billing.
    const rejoin = await signed(liveKitEvent('participant_joined', room, client.id, undefined, { createdAt: t0 + 20, sid: `PA_${client.id}_2` }));
    expect(rejoin.json.outcome).toBe('applied');
    s = await session(id);
    expect(s).toMatchObject({ clientConnected: true, graceStartedAt: null });
    expect(s.resumedAt).not.toBeNull();
    const order = await fed.db.sql<{ event_at: string; event: string }>(`SELECT event_at::text, event FROM livekit_participant_events WHERE room = $1 AND identity = $2`, [room, client.id]);
    expect(order).toEqual([{ event_at: String(t0 + 20), event: 'participant_joined' }]);
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
  });

  it('lets participants publish only while the session bills: granted when it starts or resumes, withdrawn on pause', async () => {
    const { client, reader, id, room } = await acceptedSession();
    const permissions = () =>
      lk.calls
        .filter((c) => c.method === 'UpdateParticipant' && c.body.room === room)
        .map((c) => `${String(c.body.identity)}:${(c.body.permission as { canPublish?: boolean }).canPublish ? 'publish' : 'none'}`);
    await signed(liveKitEvent('participant_joined', room, client.id));
    expect(permissions()).toEqual([]);
    await signed(liveKitEvent('participant_joined', room, reader.id));
    await eventually(permissions, (p) => p.length === 2);
    expect(permissions().sort()).toEqual([`${client.id}:publish`, `${reader.id}:publish`].sort());
    const call = lk.calls.find((c) => c.method === 'UpdateParticipant' && c.body.room === room)!;
    expect(call.body.permission).toMatchObject({ canSubscribe: true, canPublish: true, canPublishSources: ['MICROPHONE'] });
    // A token asked for now (a reconnect) publishes the session type's media.
    const tok = await fed.run(SessionTokenDocument, { sessionId: id }, reader.token);
    expect(tok.data!.sessionToken).toMatchObject({ canPublishAudio: true, canPublishVideo: false, canPublishData: false });

    await signed(liveKitEvent('participant_left', room, client.id));
    await eventually(permissions, (p) => p.length === 4);
    expect(permissions().slice(2).sort()).toEqual([`${client.id}:none`, `${reader.id}:none`].sort());
    expect((await fed.run(SessionTokenDocument, { sessionId: id }, reader.token)).data!.sessionToken.canPublishAudio).toBe(false);
    await signed(liveKitEvent('participant_joined', room, client.id, undefined, { sid: `PA_${client.id}_2` }));
    await eventually(permissions, (p) => p.length === 6);
    expect(permissions().slice(4).sort()).toEqual([`${client.id}:publish`, `${reader.id}:publish`].sort());
    await fed.run(EndSessionDocument, { sessionId: id }, client.token);
  });
});

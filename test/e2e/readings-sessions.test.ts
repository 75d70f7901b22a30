import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  CancelSessionDocument,
  DeclineSessionDocument,
  EndSessionDocument,
  IncomingSessionRequestsDocument,
  JoinSessionDocument,
  LeaveSessionDocument,
  MySessionsDocument,
  RequestSessionDocument,
  SessionDocument,
  SessionTokenDocument,
  SessionUpdatedDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { balanceOf, ledgerMinutes, pendingJobs, startRunningSession, timeTravel } from './readings-fixtures.js';
import { TokenVerifier } from 'livekit-server-sdk';
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

const readerStatus = async (id: string) => (await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: id } })).status;
const session = (id: string) => fed.db.prisma.session.findUniqueOrThrow({ where: { id } });

describe('a live session from request to review-ready', () => {
  it('runs request → accept → both join → billed per minute → end, pushing events with accounts fields', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 250, VIDEO: 400 }).create();
    const client = await seed.client().withCredit(5000).create();
    const readerWs = connect(fed.gateway.wsUrl, reader.token);
    const clientWs = connect(fed.gateway.wsUrl, client.token);
    sockets.push(readerWs, clientWs);
    const incoming = subscribe(readerWs, IncomingSessionRequestsDocument);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);

    const req = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    expect(req.errors).toBeUndefined();
    const s = req.data!.requestSession;
    expect(s).toMatchObject({ status: 'REQUESTED', ratePerMinuteCents: 250, reader: { id: reader.id, displayName: reader.displayName } });
    expect(await readerStatus(reader.id)).toBe('BUSY');
    const pushed = await incoming.next();
    expect(pushed.data!.incomingSessionRequests).toMatchObject({ id: s.id, type: 'CHAT', ratePerMinuteCents: 250, client: { id: client.id } });
    expect(await pendingJobs(fed, s.id)).toEqual([`session:${s.id}:expire`]);

    // A retried request returns the same session.
    const again = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    expect(again.data!.requestSession.id).toBe(s.id);

    const updates = subscribe(clientWs, SessionUpdatedDocument, { sessionId: s.id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 2);

    const accepted = await fed.run(AcceptSessionDocument, { sessionId: s.id }, reader.token);
    expect(accepted.data!.acceptSession.status).toBe('ACCEPTED');
    expect((await updates.next()).data!.sessionUpdated).toMatchObject({ kind: 'ACCEPTED', status: 'ACCEPTED' });
    // Retried accept: same session, no second event.
    expect((await fed.run(AcceptSessionDocument, { sessionId: s.id }, reader.token)).data!.acceptSession.status).toBe('ACCEPTED');
    expect(await pendingJobs(fed, s.id)).toEqual([`session:${s.id}:no-show`]);

    const tok = await fed.run(SessionTokenDocument, { sessionId: s.id }, client.token);
    expect(tok.data!.sessionToken).toMatchObject({ room: s.roomName, identity: client.id, canPublishData: true, canPublishAudio: false, canPublishVideo: false });
    const claims = await new TokenVerifier(fed.runtime.config.livekit.apiKey, fed.runtime.config.livekit.apiSecret).verify(tok.data!.sessionToken.token);
    expect(claims.sub).toBe(client.id);
    expect(claims.video).toMatchObject({ roomJoin: true, room: s.roomName, canPublish: false, canPublishData: true });
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);

    await fed.run(JoinSessionDocument, { sessionId: s.id }, client.token);
    expect((await updates.next()).data!.sessionUpdated).toMatchObject({ kind: 'JOINED', participantId: client.id, status: 'ACCEPTED' });
    const joined = await fed.run(JoinSessionDocument, { sessionId: s.id }, reader.token);
    expect(joined.data!.joinSession).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 1, totalCostCents: 250 });
    const started = (await updates.next()).data!.sessionUpdated;
    expect(started).toMatchObject({
      kind: 'STARTED',
      status: 'IN_PROGRESS',
      meter: { billedMinutes: 1, costCents: 250, balanceCents: 4750, lowBalance: false },
      session: { id: s.id, reader: { id: reader.id, displayName: reader.displayName } },
    });
    expect(await balanceOf(fed, client.id)).toBe(4750);

    // One minute later the tick charges minute 2 at its start.
    await timeTravel(fed, s.id, 60);
    const tick = (await updates.next(8000)).data!.sessionUpdated;
    expect(tick).toMatchObject({ kind: 'MINUTE_CHARGED', meter: { billedMinutes: 2, costCents: 500, balanceCents: 4500 } });
    expect(tick.meter.elapsedSeconds).toBeGreaterThanOrEqual(60);

    const ended = await fed.run(EndSessionDocument, { sessionId: s.id }, client.token);
    expect(ended.data!.endSession).toMatchObject({ status: 'COMPLETED', endReason: 'ENDED_BY_CLIENT', billedMinutes: 2, totalCostCents: 500 });
    expect(ended.data!.endSession.durationSeconds).toBeGreaterThanOrEqual(60);
    const end = (await updates.next()).data!.sessionUpdated;
    expect(end).toMatchObject({ kind: 'ENDED', status: 'COMPLETED', endReason: 'ENDED_BY_CLIENT' });
    expect(await ledgerMinutes(fed, s.id)).toEqual([1, 2]);
    expect(await balanceOf(fed, client.id)).toBe(4500);
    expect(await readerStatus(reader.id)).toBe('ONLINE');
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).totalSessions).toBe(1);
    expect(await pendingJobs(fed, s.id)).toEqual([]);

    // Ending again changes nothing; tokens are refused once it ended.
    expect((await fed.run(EndSessionDocument, { sessionId: s.id }, reader.token)).data!.endSession.endReason).toBe('ENDED_BY_CLIENT');
    expect(errorCode(await fed.run(SessionTokenDocument, { sessionId: s.id }, client.token))).toBe('CONFLICT');
    const mine = await fed.run(MySessionsDocument, { first: 5, status: ['COMPLETED'] }, reader.token);
    expect(mine.data!.mySessions.edges.map((e) => e.node.id)).toEqual([s.id]);
    incoming.stop();
    updates.stop();
  });

  it('grants least privilege per session type', async () => {
    const reader = await seed.reader().online().withRates({ CALL: 300, VIDEO: 500 }).create();
    const client = await seed.client().withCredit(5000).create();
    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'VIDEO' } }, client.token)).data!.requestSession.id;
    await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
    const tok = (await fed.run(SessionTokenDocument, { sessionId: id }, reader.token)).data!.sessionToken;
    expect(tok).toMatchObject({ identity: reader.id, canPublishAudio: true, canPublishVideo: true, canPublishData: false });
    const claims = await new TokenVerifier(fed.runtime.config.livekit.apiKey, fed.runtime.config.livekit.apiSecret).verify(tok.token);
    expect(claims.video).toMatchObject({ canPublish: true, canPublishData: false, canPublishSources: ['microphone', 'camera'] });
    await fed.run(EndSessionDocument, { sessionId: id }, reader.token);
    expect((await session(id)).status).toBe('CANCELLED');
  });
});

describe('refusals change nothing', () => {
  it('refuses strangers, wrong parties, busy readers, unoffered types and thin wallets', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const stranger = await seed.client().withCredit(2000).create();
    const poor = await seed.client().withCredit(300).create();

    const unoffered = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'VIDEO' } }, client.token);
    expect(errorCode(unoffered)).toBe('BAD_USER_INPUT');
    const thin = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, poor.token);
    expect(errorCode(thin)).toBe('INSUFFICIENT_FUNDS');
    expect(thin.errors![0]!.extensions).toMatchObject({ balanceCents: 300, requiredCents: 500 });
    expect(await fed.db.prisma.session.count({ where: { readerId: reader.id } })).toBe(0);
    expect(await readerStatus(reader.id)).toBe('ONLINE');

    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    const busy = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, stranger.token);
    expect(errorCode(busy)).toBe('CONFLICT');

    expect(errorCode(await fed.run(SessionDocument, { id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, client.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(JoinSessionDocument, { sessionId: id }, client.token))).toBe('CONFLICT');
    expect(errorCode(await fed.run(SessionTokenDocument, { sessionId: id }, client.token))).toBe('CONFLICT');
    expect(errorCode(await fed.run(SessionTokenDocument, { sessionId: id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(SessionDocument, { id: 'nope' }, client.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(CancelSessionDocument, { sessionId: id }, reader.token))).toBe('FORBIDDEN');
    expect((await session(id)).status).toBe('REQUESTED');

    // A stranger cannot watch the session.
    const ws = connect(fed.gateway.wsUrl, stranger.token);
    sockets.push(ws);
    const sub = subscribe(ws, SessionUpdatedDocument, { sessionId: id });
    const first = await Promise.race([sub.next(3000), sub.done.then(() => null, (e: unknown) => e)]);
    const err = first && 'errors' in (first as object) ? (first as { errors: Array<{ extensions?: { code?: string } }> }).errors : (first as Array<{ extensions?: { code?: string } }>);
    expect(JSON.stringify(err)).toContain('FORBIDDEN');

    const declined = await fed.run(DeclineSessionDocument, { sessionId: id }, reader.token);
    expect(declined.data!.declineSession).toMatchObject({ status: 'DECLINED', endReason: 'DECLINED_BY_READER' });
    expect(await readerStatus(reader.id)).toBe('ONLINE');
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token))).toBe('CONFLICT');
    expect(await pendingJobs(fed, id)).toEqual([]);
  });

  it('lets only one of two racing clients hold a reader (the database decides)', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const clients = await Promise.all([1, 2, 3, 4].map(() => seed.client().withCredit(2000).create()));
    const results = await Promise.all(clients.map((c) => fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, c.token)));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(3);
    expect(await fed.db.prisma.session.count({ where: { readerId: reader.id } })).toBe(1);
  });

  it('answers PAYMENTS_NOT_CONFIGURED without a money port', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const money = fed.runtime.money;
    fed.runtime.money = undefined;
    try {
      const res = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
      expect(errorCode(res)).toBe('PAYMENTS_NOT_CONFIGURED');
    } finally {
      fed.runtime.money = money;
    }
    expect(await fed.db.prisma.session.count({ where: { readerId: reader.id } })).toBe(0);
  });
});

describe('durable timers', () => {
  it('expires an unanswered request after 60 s and frees the reader', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    await timeTravel(fed, id, 61);
    const s = await eventually(() => session(id), (x) => x.status === 'EXPIRED', 8000);
    expect(s.endReason).toBe('REQUEST_EXPIRED');
    expect(await readerStatus(reader.id)).toBe('ONLINE');
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token))).toBe('CONFLICT');
  });

  it('marks an accepted session nobody joined as NO_SHOW', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
    await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
    await timeTravel(fed, id, 121);
    const s = await eventually(() => session(id), (x) => x.status === 'NO_SHOW', 8000);
    expect(s.billedMinutes).toBe(0);
    expect(await ledgerMinutes(fed, id)).toEqual([]);
    expect(await readerStatus(reader.id)).toBe('ONLINE');
  });

  it('pauses billing during a disconnect, resumes on reconnect, ends after the grace period', async () => {
    const { client, reader, id } = await startRunningSession(fed, 200, 5000);
    await timeTravel(fed, id, 30);
    const left = await fed.run(LeaveSessionDocument, { sessionId: id }, client.token);
    expect(left.data!.leaveSession).toMatchObject({ status: 'IN_PROGRESS', clientConnected: false, billedMinutes: 1 });
    expect(await pendingJobs(fed, id)).toEqual([`session:${id}:grace`]);
    // 100 s disconnected: no minute is charged.
    await timeTravel(fed, id, 100);
    await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
    let s = await session(id);
    expect(s.billedMinutes).toBe(1);
    expect(s.connectedSeconds).toBeGreaterThanOrEqual(30);
    expect(s.connectedSeconds).toBeLessThan(40);
    // Minute 2 starts after 60 connected seconds: ~30 s after the reconnect.
    await timeTravel(fed, id, 31);
    s = await eventually(() => session(id), (x) => x.billedMinutes === 2, 8000);
    // The reader drops; nobody comes back within 2 minutes.
    await fed.run(LeaveSessionDocument, { sessionId: id }, reader.token);
    await timeTravel(fed, id, 121);
    s = await eventually(() => session(id), (x) => x.status === 'DISCONNECTED', 8000);
    expect(s).toMatchObject({ endReason: 'DISCONNECTED_GRACE_EXPIRED', billedMinutes: 2, totalCostCents: 400 });
    expect(s.duration).toBeGreaterThanOrEqual(61);
    expect(s.duration).toBeLessThan(75);
    expect(await ledgerMinutes(fed, id)).toEqual([1, 2]);
    expect(await readerStatus(reader.id)).toBe('ONLINE');
  });

  it('warns on low balance and ends the session at once when the next minute cannot be paid', async () => {
    // $5.00 at $2.00/min: minutes 1 and 2 are paid, $1.00 left cannot pay minute 3.
    const { client, id } = await startRunningSession(fed, 200, 500);
    const ws = connect(fed.gateway.wsUrl, client.token);
    sockets.push(ws);
    const updates = subscribe(ws, SessionUpdatedDocument, { sessionId: id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);
    await timeTravel(fed, id, 60);
    const warn = (await updates.next(8000)).data!.sessionUpdated;
    expect(warn).toMatchObject({ kind: 'MINUTE_CHARGED', lowBalanceWarning: true, meter: { billedMinutes: 2, balanceCents: 100 } });
    await timeTravel(fed, id, 60);
    const end = (await updates.next(8000)).data!.sessionUpdated;
    expect(end).toMatchObject({ kind: 'ENDED', status: 'COMPLETED', endReason: 'INSUFFICIENT_FUNDS' });
    const s = await session(id);
    expect(s).toMatchObject({ billedMinutes: 2, totalCostCents: 400 });
    expect(await balanceOf(fed, client.id)).toBe(100);
    expect(await ledgerMinutes(fed, id)).toEqual([1, 2]);
    updates.stop();
  });

});

describe('who may watch a session', () => {
  it('lets an admin subscribe to any session and see its events', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const admin = await seed.admin().create();
    const id = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    const ws = connect(fed.gateway.wsUrl, admin.token);
    sockets.push(ws);
    const before = fed.runtime.pubsub.listenerCount();
    const sub = subscribe(ws, SessionUpdatedDocument, { sessionId: id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n > before);
    await fed.run(CancelSessionDocument, { sessionId: id }, client.token);
    expect((await sub.next()).data!.sessionUpdated).toMatchObject({ kind: 'ENDED', status: 'CANCELLED', endReason: 'CANCELLED_BY_CLIENT' });
    sub.stop();
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n === before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  BookSessionDocument,
  DeclineSessionDocument,
  JoinSessionDocument,
  CancelSessionDocument,
  ConfirmBookingDocument,
  FavoriteReaderDocument,
  FavoriteReaderOnlineDocument,
  MyFavoritesDocument,
  ReaderAvailabilityDocument,
  SessionUpdatedDocument,
  SetAvailabilityDocument,
  SubsSetReaderStatusDocument,
  UnfavoriteReaderDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import { pendingJobs, timeTravel } from './readings-fixtures.js';
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

/** YYYY-MM-DD, `days` from today (UTC). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('availability and scheduled readings', () => {
  it('books inside the reader\'s slots in the reader\'s timezone, confirms, and reminds before the start', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200, CALL: 300 }).create();
    const client = await seed.client().withCredit(5000).create();
    const other = await seed.client().withCredit(5000).create();
    const date = dayFromNow(3);

    const bad = await fed.run(
      SetAvailabilityDocument,
      { input: { timezone: 'Mars/Olympus', weekly: [], dates: [] } },
      reader.token,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const inverted = await fed.run(
      SetAvailabilityDocument,
      { input: { timezone: 'Asia/Tokyo', weekly: [{ dayOfWeek: 1, startTime: '17:00', endTime: '09:00' }], dates: [] } },
      reader.token,
    );
    expect(errorCode(inverted)).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(SetAvailabilityDocument, { input: { timezone: 'UTC', weekly: [], dates: [] } }, client.token))).toBe('FORBIDDEN');

    // Every weekday 09:00–12:00 Tokyo time, plus an evening on one date.
    const set = await fed.run(
      SetAvailabilityDocument,
      {
        input: {
          timezone: 'Asia/Tokyo',
          weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ dayOfWeek: d, startTime: '09:00', endTime: '12:00' })),
          dates: [{ date, startTime: '19:00', endTime: '21:00' }],
        },
      },
      reader.token,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAvailability).toHaveLength(8);
    const listed = await fed.run(ReaderAvailabilityDocument, { readerId: reader.id });
    expect(listed.data!.readerAvailability.find((a) => !a.recurring)).toMatchObject({ date, startTime: '19:00', timezone: 'Asia/Tokyo' });

    // 10:00 in Tokyo is 01:00 UTC the same day; 13:00 Tokyo (04:00 UTC) is outside; 20:00 on the one-off date is inside.
    const outside = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T04:00:00.000Z` } }, client.token);
    expect(errorCode(outside)).toBe('BAD_USER_INPUT');
    const unoffered = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'VIDEO', startsAt: `${date}T01:00:00.000Z` } }, client.token);
    expect(errorCode(unoffered)).toBe('BAD_USER_INPUT');
    const evening = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CALL', startsAt: `${date}T11:00:00.000Z` } }, client.token);
    expect(evening.data!.bookSession).toMatchObject({ status: 'SCHEDULED', ratePerMinuteCents: 300 });

    const booked = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T01:00:00.000Z` } }, client.token);
    expect(booked.errors).toBeUndefined();
    const s = booked.data!.bookSession;
    expect(s).toMatchObject({ status: 'SCHEDULED', scheduledAt: `${date}T01:00:00.000Z`, confirmedAt: null });
    const taken = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T01:00:00.000Z` } }, other.token);
    expect(errorCode(taken)).toBe('CONFLICT');
    // The client's retry (its answer lost) gets the same booking back, not a second one; another type is a conflict.
    const retried = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T01:00:00.000Z` } }, client.token);
    expect(retried.data!.bookSession).toMatchObject({ id: s.id, status: 'SCHEDULED' });
    expect(errorCode(await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CALL', startsAt: `${date}T01:00:00.000Z` } }, client.token))).toBe('CONFLICT');
    expect(await fed.db.prisma.session.count({ where: { readerId: reader.id, clientId: client.id, status: 'SCHEDULED' } })).toBe(2);
    // A booking does not make the reader busy now.
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('ONLINE');

    expect(errorCode(await fed.run(ConfirmBookingDocument, { sessionId: s.id }, (await seed.reader().online().withRates({ CHAT: 200 }).create()).token))).toBe('FORBIDDEN');
    const ws = connect(fed.gateway.wsUrl, client.token);
    sockets.push(ws);
    const updates = subscribe(ws, SessionUpdatedDocument, { sessionId: s.id });
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);
    const confirmed = await fed.run(ConfirmBookingDocument, { sessionId: s.id }, reader.token);
    expect(confirmed.data!.confirmBooking.confirmedAt).not.toBeNull();
    expect((await updates.next()).data!.sessionUpdated).toMatchObject({ kind: 'CONFIRMED', status: 'SCHEDULED' });
    // Two reminders: 24 hours and 15 minutes before (docs/notifications.md).
    expect(await pendingJobs(fed, s.id)).toEqual([`session:${s.id}:reminder`, `session:${s.id}:reminder-24h`]);
    const [job] = await fed.db.sql<{ run_at: Date }>(`SELECT run_at FROM test_jobs._private_jobs WHERE key = $1`, [`${fed.runtime.jobs!.prefix}session:${s.id}:reminder`]);
    expect(new Date(`${date}T01:00:00.000Z`).getTime() - job!.run_at.getTime()).toBe(15 * 60_000);

    // The reminder fires (once) when its time comes.
    await timeTravel(fed, s.id, 4 * 86_400);
    expect((await updates.next(8000)).data!.sessionUpdated).toMatchObject({ kind: 'REMINDER', status: 'SCHEDULED' });
    await eventually(() => pendingJobs(fed, s.id), (j) => j.length === 0);

    const cancelled = await fed.run(CancelSessionDocument, { sessionId: evening.data!.bookSession.id }, client.token);
    expect(cancelled.data!.cancelSession.status).toBe('CANCELLED');
    updates.stop();
  });
});

describe('starting a booking', () => {
  it('lets the reader open a confirmed booking near its time as a live session, holding the reader', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const date = dayFromNow(2);
    await fed.run(
      SetAvailabilityDocument,
      { input: { timezone: 'UTC', weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ dayOfWeek: d, startTime: '00:00', endTime: '23:59' })), dates: [] } },
      reader.token,
    );
    const id = (await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T10:00:00.000Z` } }, client.token)).data!.bookSession.id;
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token))).toBe('CONFLICT'); // not confirmed
    await fed.run(ConfirmBookingDocument, { sessionId: id }, reader.token);
    expect(errorCode(await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token))).toBe('CONFLICT'); // two days early
    expect((await fed.db.prisma.session.findUniqueOrThrow({ where: { id } })).status).toBe('SCHEDULED');

    // The time has come (5 minutes before the start).
    await fed.db.sql(`UPDATE sessions SET scheduled_at = now() + interval '5 minutes' WHERE id = $1`, [id]);
    const accepted = await fed.run(AcceptSessionDocument, { sessionId: id }, reader.token);
    expect(accepted.data!.acceptSession.status).toBe('ACCEPTED');
    expect((await fed.db.prisma.reader.findUniqueOrThrow({ where: { userId: reader.id } })).status).toBe('BUSY');
    expect(await pendingJobs(fed, id)).toEqual([`session:${id}:no-show`]);
    await fed.run(JoinSessionDocument, { sessionId: id }, client.token);
    const started = await fed.run(JoinSessionDocument, { sessionId: id }, reader.token);
    expect(started.data!.joinSession).toMatchObject({ status: 'IN_PROGRESS', billedMinutes: 1 });

    // The reader may decline a booking; its reminders go with it.
    const later = (await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T15:00:00.000Z` } }, client.token)).data!.bookSession.id;
    await fed.run(ConfirmBookingDocument, { sessionId: later }, reader.token);
    expect(await pendingJobs(fed, later)).toEqual([`session:${later}:reminder`, `session:${later}:reminder-24h`]);
    expect(errorCode(await fed.run(DeclineSessionDocument, { sessionId: later }, client.token))).toBe('FORBIDDEN');
    const declined = await fed.run(DeclineSessionDocument, { sessionId: later }, reader.token);
    expect(declined.data!.declineSession).toMatchObject({ status: 'DECLINED', endReason: 'DECLINED_BY_READER' });
    expect(await pendingJobs(fed, later)).toEqual([]);
  });
});

describe('favourites', () => {
  it('adds, updates and removes favourites, and notifies when a favourite with notifyOnline comes online', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const quiet = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().create();
    expect(errorCode(await fed.run(FavoriteReaderDocument, { readerId: 'missing' }, client.token))).toBe('NOT_FOUND');
    expect((await fed.run(FavoriteReaderDocument, { readerId: reader.id }, client.token)).data!.favoriteReader.notifyOnline).toBe(false);
    expect((await fed.run(FavoriteReaderDocument, { readerId: reader.id, notifyOnline: true }, client.token)).data!.favoriteReader.notifyOnline).toBe(true);
    await fed.run(FavoriteReaderDocument, { readerId: quiet.id }, client.token);
    const mine = await fed.run(MyFavoritesDocument, {}, client.token);
    expect(mine.data!.myFavorites.edges.map((e) => e.node.reader.id).sort()).toEqual([reader.id, quiet.id].sort());
    expect(await fed.db.prisma.favorite.count({ where: { clientId: client.id } })).toBe(2);

    await fed.run(SubsSetReaderStatusDocument, { status: 'OFFLINE' }, reader.token);
    await fed.run(SubsSetReaderStatusDocument, { status: 'OFFLINE' }, quiet.token);
    const ws = connect(fed.gateway.wsUrl, client.token);
    sockets.push(ws);
    const online = subscribe(ws, FavoriteReaderOnlineDocument);
    await eventually(() => fed.runtime.pubsub.listenerCount(), (n) => n >= 1);
    await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, quiet.token);
    await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, reader.token);
    const first = await online.next();
    expect(first.data!.favoriteReaderOnline).toMatchObject({ id: reader.id, displayName: reader.displayName, status: 'ONLINE' });
    await new Promise((r) => setTimeout(r, 200));
    expect(online.events).toHaveLength(1);
    online.stop();

    expect((await fed.run(UnfavoriteReaderDocument, { readerId: reader.id }, client.token)).data!.unfavoriteReader).toBe(true);
    expect((await fed.run(UnfavoriteReaderDocument, { readerId: reader.id }, client.token)).data!.unfavoriteReader).toBe(false);
  });
});

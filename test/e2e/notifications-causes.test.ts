import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptSessionDocument,
  BookSessionDocument,
  CancelSessionDocument,
  ChangeEmailDocument,
  ChangePasswordDocument,
  CommunityCreateForumPostDocument,
  CommunityFlagContentDocument,
  CommunityResolveFlagDocument,
  ConfirmEmailChangeDocument,
  CreateReviewDocument,
  EndSessionDocument,
  JoinSessionDocument,
  RequestSessionDocument,
  CommunitySendMessageDocument,
  ConfirmBookingDocument,
  CommunityScheduleLiveStreamDocument,
  CommunityStartLiveStreamDocument,
  FavoriteReaderDocument,
  SubsSetReaderStatusDocument,
  LoginDocument,
  NotificationsDocument,
  SetAvailabilityDocument,
} from '../generated/graphql.js';
import { print } from 'graphql';
import { postGraphQL, startTestFederation, testConfig, type TestFederation } from '../helpers/federation.js';
import { createSeed, login, PASSWORD, uniqueEmail, type Seed } from '../helpers/seed.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { eventually } from './subscriptions-fixtures.js';
import { jobsSchema, timeTravel } from './readings-fixtures.js';

let fed: TestFederation;
let seed: Seed;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  fed = await startTestFederation({ config: { mail: { ...testConfig().mail, smtpUrl: smtp.url } } });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  await smtp?.close();
});

const inbox = async (token: string) => (await fed.run(NotificationsDocument, { first: 50 }, token)).data!.notifications.edges.map((e) => e.node);
const kinds = async (token: string) => (await inbox(token)).map((n) => n.kind);

describe('notifications at their causes', () => {
  it('booking requested, confirmed, reminded 24 h and 15 min before, and cancelled', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const avail = await fed.run(SetAvailabilityDocument, { input: { timezone: 'UTC', weekly: [], dates: [{ date, startTime: '10:00', endTime: '12:00' }] } }, reader.token);
    expect(avail.errors).toBeUndefined();
    const booked = await fed.run(BookSessionDocument, { input: { readerId: reader.id, type: 'CHAT', startsAt: `${date}T10:00:00.000Z` } }, client.token);
    expect(booked.errors).toBeUndefined();
    const sessionId = booked.data!.bookSession.id;
    const requested = (await inbox(reader.token))[0]!;
    expect(requested).toMatchObject({ kind: 'BOOKING_REQUESTED', data: { sessionId } });
    expect(requested.body).toContain(`${date} 10:00 UTC`);

    expect((await fed.run(ConfirmBookingDocument, { sessionId }, reader.token)).errors).toBeUndefined();
    expect(await kinds(client.token)).toEqual(['BOOKING_CONFIRMED']);
    // The booking confirmation reaches the client by email too.
    const mail = await smtp.waitFor((m) => m.to.includes(client.email) && m.subject.startsWith('Booking confirmed'));
    expect(mail.text).toContain(sessionId);

    // Both reminders come due (the jobs are moved to now); each notifies both sides once.
    const prefix = fed.runtime.jobs!.prefix;
    await fed.db.sql(`UPDATE "${jobsSchema(fed)}"._private_jobs SET run_at = now() WHERE key = $1`, [`${prefix}session:${sessionId}:reminder-24h`]);
    await eventually(() => kinds(client.token), (k) => k.includes('BOOKING_REMINDER'), 20_000);
    await fed.db.sql(`UPDATE "${jobsSchema(fed)}"._private_jobs SET run_at = now() WHERE key = $1`, [`${prefix}session:${sessionId}:reminder`]);
    // Both fire three days ahead here, so both read "24 hours" and the second is the same notice (dedupe key).
    await eventually(() => fed.db.sql(`SELECT 1 FROM "${jobsSchema(fed)}"._private_jobs WHERE key LIKE $1`, [`${prefix}session:${sessionId}:%`]), (r) => r.length === 0, 20_000);
    expect((await kinds(client.token)).filter((k) => k === 'BOOKING_REMINDER')).toHaveLength(1);
    expect((await kinds(reader.token)).filter((k) => k === 'BOOKING_REMINDER')).toHaveLength(1);

    expect((await fed.run(CancelSessionDocument, { sessionId }, client.token)).errors).toBeUndefined();
    const cancelled = (await inbox(reader.token))[0]!;
    expect(cancelled).toMatchObject({ kind: 'BOOKING_CANCELLED', data: { sessionId } });
    expect(await kinds(client.token)).not.toContain('BOOKING_CANCELLED');
  });

  it('a sign-in from a new device and a password change notify the account, by email too', async () => {
    const user = await seed.client().registered().create();
    const before = (await kinds(user.token)).filter((k) => k === 'SECURITY_NEW_LOGIN').length;
    const again = await login(fed, user.email);
    // The same device (this test's IP and agent) signing in again is not news.
    expect((await kinds(again.token)).filter((k) => k === 'SECURITY_NEW_LOGIN').length).toBe(before);
    // Another browser is.
    const other = await postGraphQL(fed.url, { query: print(LoginDocument), variables: { input: { email: user.email, password: PASSWORD } } }, null, { 'user-agent': 'NewPhone/1.0' });
    expect(other.errors).toBeUndefined();
    const fresh = (await inbox(again.token)).find((n) => n.kind === 'SECURITY_NEW_LOGIN')!;
    expect(fresh.body).toContain('NewPhone/1.0');
    await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.startsWith('New sign-in'));

    const changed = await fed.run(ChangePasswordDocument, { input: { currentPassword: PASSWORD, newPassword: 'another-horse-43' } }, again.token);
    expect(changed.errors).toBeUndefined();
    const token = changed.data!.changePassword.accessToken;
    expect((await inbox(token))[0]).toMatchObject({ kind: 'SECURITY_PASSWORD_CHANGED', title: 'Your password was changed' });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.startsWith('Your password was changed'));
    expect(mail.text).not.toContain('unsubscribe');
  });

  it('a reader\'s paid reply notifies the client', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    expect((await fed.run(CommunitySendMessageDocument, { input: { recipientId: reader.id, content: 'A question' } }, client.token)).errors).toBeUndefined();
    const reply = await fed.run(CommunitySendMessageDocument, { input: { recipientId: client.id, content: 'The answer', priceCents: 300 } }, reader.token);
    expect(reply.errors).toBeUndefined();
    const n = (await inbox(client.token)).find((x) => x.kind === 'PAID_REPLY_RECEIVED')!;
    expect(n).toMatchObject({ data: { messageId: reply.data!.sendMessage.id } });
    expect(n.body).toContain('$3.00');
    // The locked content is not in the notice.
    expect(JSON.stringify(n)).not.toContain('The answer');
  });

  it('a reader flapping online notifies followers in-app each time but emails each follower once per window', async () => {
    const reader = await seed.reader().withRates({ CHAT: 200 }).create();
    const fan = await seed.client().create();
    const quiet = await seed.client().create();
    expect((await fed.run(FavoriteReaderDocument, { readerId: reader.id, notifyOnline: true }, fan.token)).errors).toBeUndefined();
    expect((await fed.run(FavoriteReaderDocument, { readerId: reader.id, notifyOnline: false }, quiet.token)).errors).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      expect((await fed.run(SubsSetReaderStatusDocument, { status: 'ONLINE' }, reader.token)).errors).toBeUndefined();
      expect((await fed.run(SubsSetReaderStatusDocument, { status: 'OFFLINE' }, reader.token)).errors).toBeUndefined();
    }
    const online = (await inbox(fan.token)).filter((n) => n.kind === 'FAVORITE_READER_ONLINE');
    expect(online).toHaveLength(4);
    expect(online[0]!.data).toEqual({ readerId: reader.id });
    expect(await kinds(quiet.token)).toEqual([]);
    const emails = await fed.db.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'EMAIL'`,
      [fan.id],
    );
    expect(emails[0]!.n).toBe(1);
    await smtp.waitFor((m) => m.to.includes(fan.email) && m.subject.startsWith('Your favourite reader is online'));
    await eventually(() => fed.db.sql(`SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.status = 'PENDING'`, [fan.id]), (r) => r.length === 0, 20_000);
    expect(smtp.messages.filter((m) => m.to.includes(fan.email))).toHaveLength(1);
  });

  it('a favourite reader going live notifies those who favourited them', async () => {
    const reader = await seed.reader().withRates({ CHAT: 200 }).create();
    const fan = await seed.client().create();
    const stranger = await seed.client().create();
    expect((await fed.run(FavoriteReaderDocument, { readerId: reader.id }, fan.token)).errors).toBeUndefined();
    const scheduled = await fed.run(CommunityScheduleLiveStreamDocument, { input: { title: 'Full moon tarot', category: 'tarot', visibility: 'PUBLIC', scheduledAt: new Date(Date.now() + 3600_000).toISOString() } }, reader.token);
    expect(scheduled.errors).toBeUndefined();
    const streamId = scheduled.data!.scheduleLiveStream.id;
    expect((await fed.run(CommunityStartLiveStreamDocument, { streamId }, reader.token)).errors).toBeUndefined();
    const live = (await inbox(fan.token)).find((n) => n.kind === 'FAVORITE_READER_LIVE')!;
    expect(live).toMatchObject({ body: 'Full moon tarot', data: { streamId, readerId: reader.id } });
    expect(await kinds(stranger.token)).toEqual([]);
  });

  it('a request that expires unanswered tells the reader it was missed and the client it was not answered', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const requested = await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token);
    expect(requested.errors).toBeUndefined();
    const sessionId = requested.data!.requestSession.id;
    expect(await kinds(reader.token)).not.toContain('SESSION_REQUEST_MISSED');
    await timeTravel(fed, sessionId, 61);
    const missed = await eventually(() => inbox(reader.token), (n) => n.some((x) => x.kind === 'SESSION_REQUEST_MISSED'), 20_000);
    expect(missed.find((x) => x.kind === 'SESSION_REQUEST_MISSED')).toMatchObject({ data: { sessionId } });
    expect((await inbox(client.token)).filter((x) => x.kind === 'SESSION_REQUEST_MISSED')).toMatchObject([{ body: expect.stringContaining('nothing was charged'), data: { sessionId } }]);
    await smtp.waitFor((m) => m.to.includes(reader.email) && m.subject.length > 0 && m.text.includes(sessionId));
  });

  it('an answered request is never reported missed', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(2000).create();
    const sessionId = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    expect((await fed.run(AcceptSessionDocument, { sessionId }, reader.token)).errors).toBeUndefined();
    // Accepting removed the request's expiry job (a stale run would find the session no longer REQUESTED anyway).
    const prefix = fed.runtime.jobs!.prefix;
    await timeTravel(fed, sessionId, 61);
    await eventually(() => fed.db.sql(`SELECT 1 FROM "${jobsSchema(fed)}"._private_jobs WHERE key = $1`, [`${prefix}session:${sessionId}:expire`]), (r) => r.length === 0, 20_000);
    expect((await fed.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).status).not.toBe('EXPIRED');
    expect(await kinds(reader.token)).not.toContain('SESSION_REQUEST_MISSED');
    expect(await kinds(client.token)).not.toContain('SESSION_REQUEST_MISSED');
  });

  it('a review tells the reader, and nobody else', async () => {
    const reader = await seed.reader().online().withRates({ CHAT: 200 }).create();
    const client = await seed.client().withCredit(5000).create();
    const sessionId = (await fed.run(RequestSessionDocument, { input: { readerId: reader.id, type: 'CHAT' } }, client.token)).data!.requestSession.id;
    await fed.run(AcceptSessionDocument, { sessionId }, reader.token);
    await fed.run(JoinSessionDocument, { sessionId }, client.token);
    await fed.run(JoinSessionDocument, { sessionId }, reader.token);
    await fed.run(EndSessionDocument, { sessionId }, client.token);
    const review = await fed.run(CreateReviewDocument, { input: { sessionId, rating: 5, comment: 'Spot on <b>really</b>' } }, client.token);
    expect(review.errors).toBeUndefined();
    const n = (await inbox(reader.token)).find((x) => x.kind === 'REVIEW_RECEIVED')!;
    expect(n).toBeDefined();
    expect(JSON.stringify(n.data)).toContain(review.data!.createReview.id);
    expect(await kinds(client.token)).not.toContain('REVIEW_RECEIVED');
  });

  it('resolving a flag tells every reporter of that content, not its author', async () => {
    const admin = await seed.admin().create();
    const author = await seed.client().create();
    const reporters = [await seed.client().create(), await seed.reader().create()];
    const created = await fed.run(CommunityCreateForumPostDocument, { input: { categoryId: 'forum-general', title: 'Buy my crystals', content: 'Cheap' } }, author.token);
    expect(created.errors).toBeUndefined();
    const postId = created.data!.createForumPost.id;
    const flags = [];
    for (const r of reporters) {
      const f = await fed.run(CommunityFlagContentDocument, { input: { postId, reason: 'spam' } }, r.token);
      expect(f.errors).toBeUndefined();
      flags.push(f.data!.flagContent.id);
    }
    expect(await kinds(reporters[0]!.token)).not.toContain('FLAG_RESOLVED');
    const resolved = await fed.run(CommunityResolveFlagDocument, { flagId: flags[0]!, resolution: 'REMOVE', note: 'spam' }, admin.token);
    expect(resolved.errors).toBeUndefined();
    for (const r of reporters) expect((await inbox(r.token)).filter((x) => x.kind === 'FLAG_RESOLVED')).toHaveLength(1);
    expect(await kinds(author.token)).not.toContain('FLAG_RESOLVED');
  });

  it('a confirmed change of email notifies the account (SECURITY_EMAIL_CHANGED), a pending one does not', async () => {
    const user = await seed.client().registered().create();
    const newEmail = uniqueEmail('moved');
    expect((await fed.run(ChangeEmailDocument, { input: { newEmail, password: PASSWORD } }, user.token)).errors).toBeUndefined();
    const confirm = await smtp.waitFor((m) => m.to.includes(newEmail) && /Confirm your new email/.test(m.subject));
    expect(await kinds(user.token)).not.toContain('SECURITY_EMAIL_CHANGED');
    const token = linkIn(confirm.text, 'confirm-email-change').searchParams.get('token')!;
    expect((await fed.run(ConfirmEmailChangeDocument, { token })).errors).toBeUndefined();
    const n = (await inbox(user.token)).filter((x) => x.kind === 'SECURITY_EMAIL_CHANGED');
    expect(n).toMatchObject([{ title: 'Your email address was changed' }]);
  });
});

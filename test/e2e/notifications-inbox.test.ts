import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationPreferencesDocument,
  NotificationsDocument,
  UpdateNotificationPreferencesDocument,
} from '../generated/graphql.js';
import { errorCode, startTestFederation, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { connect, eventually, subscribe, type WsClient } from './subscriptions-fixtures.js';
import type { NotifyInput } from '../../shared/ports.js';

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

/** What a cause in any subgraph does: notify inside its own transaction. */
const notify = (input: NotifyInput) => fed.db.prisma.$transaction((tx) => fed.runtime.notifications!.notify(tx, input));
const note = (userId: string, title: string, extra: Partial<NotifyInput> = {}): NotifyInput => ({
  userId,
  kind: 'REVIEW_RECEIVED',
  title,
  body: `${title} body`,
  data: { reviewId: 'r1' },
  ...extra,
});
const deliveries = (notificationId: string) =>
  fed.db.sql<{ channel: string; status: string; attempts: number }>(
    `SELECT channel, status, attempts FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
    [notificationId],
  );

describe('notification inbox', () => {
  it('lists the viewer\'s notifications newest first with an unread count, pages, and filters unread', async () => {
    const user = await seed.client().create();
    const other = await seed.client().create();
    for (const t of ['first', 'second', 'third']) await notify(note(user.id, t));
    await notify(note(other.id, 'not yours'));

    const page = await fed.run(NotificationsDocument, { first: 2 }, user.token);
    expect(page.errors).toBeUndefined();
    const n = page.data!.notifications;
    expect(n.unreadCount).toBe(3);
    expect(n.edges.map((e) => e.node.title)).toEqual(['third', 'second']);
    expect(n.edges[0]!.node).toMatchObject({ kind: 'REVIEW_RECEIVED', body: 'third body', data: { reviewId: 'r1' }, read: false, readAt: null });
    expect(n.pageInfo.hasNextPage).toBe(true);
    const rest = await fed.run(NotificationsDocument, { first: 2, after: n.pageInfo.endCursor }, user.token);
    expect(rest.data!.notifications.edges.map((e) => e.node.title)).toEqual(['first']);

    // Marking read: by id (another user's id is ignored, not revealed), then all.
    const theirs = (await fed.run(NotificationsDocument, {}, other.token)).data!.notifications.edges[0]!.node.id;
    const marked = await fed.run(MarkNotificationsReadDocument, { input: { ids: [n.edges[0]!.node.id, theirs] } }, user.token);
    expect(marked.data!.markNotificationsRead).toEqual({ updated: 1, unreadCount: 2 });
    expect((await fed.run(NotificationsDocument, {}, other.token)).data!.notifications.unreadCount).toBe(1);
    const unread = await fed.run(NotificationsDocument, { unreadOnly: true }, user.token);
    expect(unread.data!.notifications.edges.map((e) => e.node.title)).toEqual(['second', 'first']);
    const all = await fed.run(MarkNotificationsReadDocument, { input: { all: true } }, user.token);
    expect(all.data!.markNotificationsRead).toEqual({ updated: 2, unreadCount: 0 });
    const again = await fed.run(MarkNotificationsReadDocument, { input: { all: true } }, user.token);
    expect(again.data!.markNotificationsRead.updated).toBe(0);
  });

  it('refuses anonymous readers and malformed marks without changing anything', async () => {
    expect(errorCode(await fed.run(NotificationsDocument, {}, null))).toBe('UNAUTHENTICATED');
    const user = await seed.client().create();
    await notify(note(user.id, 'keep unread'));
    expect(errorCode(await fed.run(MarkNotificationsReadDocument, { input: {} }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(MarkNotificationsReadDocument, { input: { all: true, ids: ['x'] } }, user.token))).toBe('BAD_USER_INPUT');
    expect((await fed.run(NotificationsDocument, {}, user.token)).data!.notifications.unreadCount).toBe(1);
  });

  it('writes nothing when the cause rolls back, and a dedupe key notifies once', async () => {
    const user = await seed.client().create();
    await expect(
      fed.db.prisma.$transaction(async (tx) => {
        await fed.runtime.notifications!.notify(tx, note(user.id, 'rolled back'));
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    const key = { dedupeKey: 'review:42' };
    const first = await notify(note(user.id, 'once', key));
    const second = await notify(note(user.id, 'once', key));
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    const rows = await fed.db.sql<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1`, [user.id]);
    expect(rows.map((r) => r.title)).toEqual(['once']);
    // The committed one's deliveries all ran (each job once); the rolled-back one left no delivery to run.
    await eventually(() => deliveries(first!), (d) => d.every((x) => x.status !== 'PENDING'), 15_000);
  });

  it('delivers in-app to the owner\'s notificationAdded only, from fresh data, once per delivery', async () => {
    const user = await seed.client().create();
    const other = await seed.client().create();
    const ws = connect(fed.gateway.wsUrl, user.token);
    const otherWs = connect(fed.gateway.wsUrl, other.token);
    sockets.push(ws, otherWs);
    const mine = subscribe(ws, NotificationAddedDocument, {});
    const theirs = subscribe(otherWs, NotificationAddedDocument, {});
    await eventually(() => fed.pubsub.listenerCount(), (n) => n >= 2);

    const id = await notify(note(user.id, 'live one'));
    const event = await mine.next(15_000);
    expect(event.errors).toBeUndefined();
    expect(event.data!.notificationAdded).toMatchObject({ id, title: 'live one', read: false });
    const inApp = await eventually(() => deliveries(id!), (d) => d.find((x) => x.channel === 'IN_APP')?.status === 'SENT', 15_000);
    expect(inApp.find((x) => x.channel === 'IN_APP')!.attempts).toBe(1);
    expect(theirs.events).toHaveLength(0);
    mine.stop();
    theirs.stop();
  });

  it('refuses notificationAdded to anonymous subscribers', async () => {
    const ws = connect(fed.gateway.wsUrl, null);
    sockets.push(ws);
    const sub = subscribe(ws, NotificationAddedDocument, {});
    const first = await sub.next(10_000);
    expect(first.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('notification preferences', () => {
  it('shows defaults, changes email/push per kind, and sets quiet hours in a time zone', async () => {
    const user = await seed.client().create();
    const before = (await fed.run(NotificationPreferencesDocument, {}, user.token)).data!.notificationPreferences;
    expect(before.timezone).toBe('UTC');
    expect(before.quietHours).toBeNull();
    const entry = (p: typeof before, kind: string, channel: string) => p.entries.find((e) => e.kind === kind && e.channel === channel)!;
    expect(entry(before, 'BOOKING_CONFIRMED', 'EMAIL')).toMatchObject({ enabled: true, editable: true });
    expect(entry(before, 'SECURITY_NEW_LOGIN', 'EMAIL')).toMatchObject({ enabled: true, editable: false });
    expect(entry(before, 'REVIEW_RECEIVED', 'IN_APP')).toMatchObject({ enabled: true, editable: false });

    const res = await fed.run(
      UpdateNotificationPreferencesDocument,
      { input: { changes: [{ kind: 'REVIEW_RECEIVED', channel: 'EMAIL', enabled: false }], timezone: 'Europe/Paris', quietHours: { start: '22:00', end: '07:30' } } },
      user.token,
    );
    expect(res.errors).toBeUndefined();
    const after = res.data!.updateNotificationPreferences;
    expect(entry(after, 'REVIEW_RECEIVED', 'EMAIL').enabled).toBe(false);
    expect(after).toMatchObject({ timezone: 'Europe/Paris', quietHours: { start: '22:00', end: '07:30' } });

    // Email off for that kind: its notification gets no email delivery (in-app and push still).
    const id = await notify(note(user.id, 'no email'));
    expect((await deliveries(id!)).map((d) => d.channel)).toEqual(['IN_APP', 'WEB_PUSH']);

    const cleared = await fed.run(UpdateNotificationPreferencesDocument, { input: { quietHours: { start: null, end: null } } }, user.token);
    expect(cleared.data!.updateNotificationPreferences.quietHours).toBeNull();
  });

  it('refuses bad input with BAD_USER_INPUT and changes nothing', async () => {
    const user = await seed.client().create();
    const bad = [
      { changes: [{ kind: 'REVIEW_RECEIVED' as const, channel: 'IN_APP' as const, enabled: false }] },
      { changes: [{ kind: 'SECURITY_PASSWORD_CHANGED' as const, channel: 'EMAIL' as const, enabled: false }] },
      { timezone: 'Mars/Olympus' },
      { quietHours: { start: '25:00', end: '07:00' } },
      { quietHours: { start: '22:00', end: null } },
      { quietHours: { start: '22:00', end: '22:00' } },
      // One bad part spoils the whole change.
      { changes: [{ kind: 'REVIEW_RECEIVED' as const, channel: 'EMAIL' as const, enabled: false }], timezone: 'Nowhere/Else' },
    ];
    for (const input of bad) expect(errorCode(await fed.run(UpdateNotificationPreferencesDocument, { input }, user.token))).toBe('BAD_USER_INPUT');
    const p = (await fed.run(NotificationPreferencesDocument, {}, user.token)).data!.notificationPreferences;
    expect(p.entries.find((e) => e.kind === 'REVIEW_RECEIVED' && e.channel === 'EMAIL')!.enabled).toBe(true);
    expect(p.timezone).toBe('UTC');
    expect(errorCode(await fed.run(NotificationPreferencesDocument, {}, null))).toBe('UNAUTHENTICATED');
  });

  it('holds email and push until the end of quiet hours; in-app arrives at once', async () => {
    const user = await seed.client().create();
    // Quiet all day but one minute from now in UTC: whatever the time, "now" is inside.
    const now = new Date();
    const m = (now.getUTCHours() * 60 + now.getUTCMinutes() + 2) % 1440;
    const end = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const s = (m + 1) % 1440;
    const start = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    expect((await fed.run(UpdateNotificationPreferencesDocument, { input: { timezone: 'UTC', quietHours: { start, end } } }, user.token)).errors).toBeUndefined();
    const id = await notify(note(user.id, 'at night'));
    const rows = await fed.db.sql<{ channel: string; not_before: Date }>(`SELECT channel, not_before FROM notification_deliveries WHERE notification_id = $1`, [id]);
    const at = (c: string) => rows.find((r) => r.channel === c)!.not_before.getTime();
    expect(at('IN_APP')).toBeLessThanOrEqual(Date.now());
    expect(at('EMAIL')).toBeGreaterThan(Date.now() + 30_000);
    expect(at('WEB_PUSH')).toBe(at('EMAIL'));
    expect((await fed.run(NotificationsDocument, {}, user.token)).data!.notifications.unreadCount).toBe(1);
  });
});

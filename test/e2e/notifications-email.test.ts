import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationPreferencesDocument, UnsubscribeNotificationsDocument as Unsubscribe } from '../generated/graphql.js';
import { errorCode, startTestFederation, testConfig, type TestFederation } from '../helpers/federation.js';
import { createSeed, type Seed } from '../helpers/seed.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { eventually } from './subscriptions-fixtures.js';
import type { NotifyInput } from '../../shared/ports.js';

let fed: TestFederation;
let seed: Seed;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  fed = await startTestFederation({ config: { mail: { ...testConfig().mail, smtpUrl: smtp.url, appUrl: 'https://app.soulseer.test' } } });
  seed = createSeed(fed);
});
afterAll(async () => {
  await fed?.stop();
  await smtp?.close();
});

const notify = (input: NotifyInput) => fed.db.prisma.$transaction((tx) => fed.runtime.notifications!.notify(tx, input));
const channelsOf = async (id: string) =>
  (await fed.db.sql<{ channel: string }>(`SELECT channel FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`, [id])).map((r) => r.channel);

describe('notification email', () => {
  it('sends the kind\'s template in HTML and text with every value escaped, a link into the app and a one-click unsubscribe', async () => {
    const client = await seed.client().create();
    await notify({
      userId: client.id,
      kind: 'BOOKING_CONFIRMED',
      title: 'Tarot with <b>Luna</b>',
      body: 'Friday 18:00 UTC & bring "questions"',
      data: { sessionId: 'sess_123' },
    });
    const mail = await smtp.waitFor((m) => m.to.includes(client.email));
    expect(mail.subject).toBe('Booking confirmed: Tarot with <b>Luna</b>');
    expect(mail.text).toContain('Your reading is confirmed.');
    expect(mail.text).toContain('Friday 18:00 UTC & bring "questions"');
    expect(mail.html).toContain('Tarot with &lt;b&gt;Luna&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Luna</b>');
    expect(mail.html).toContain('&amp; bring &quot;questions&quot;');
    expect(linkIn(mail.text, 'sessions').searchParams.get('id')).toBe('sess_123');
    const unsubscribe = linkIn(mail.text, 'unsubscribe');
    expect(unsubscribe.origin).toBe('https://app.soulseer.test');
    expect(mail.html).toContain(unsubscribe.toString().replace(/&/g, '&amp;'));
    // mailparser files List-* headers under "list".
    expect(JSON.stringify(mail.headers.get('list'))).toContain(JSON.stringify(unsubscribe.toString()).slice(1, -1));

    // The link works without signing in, turns off that kind's email only, and again changes nothing more.
    const token = unsubscribe.searchParams.get('token')!;
    const res = await fed.run(Unsubscribe, { token }, null);
    expect(res.errors).toBeUndefined();
    expect(res.data!.unsubscribeNotifications).toBe('BOOKING_CONFIRMED');
    expect((await fed.run(Unsubscribe, { token }, null)).data!.unsubscribeNotifications).toBe('BOOKING_CONFIRMED');
    const prefs = (await fed.run(NotificationPreferencesDocument, {}, client.token)).data!.notificationPreferences.entries;
    expect(prefs.find((e) => e.kind === 'BOOKING_CONFIRMED' && e.channel === 'EMAIL')!.enabled).toBe(false);
    expect(prefs.find((e) => e.kind === 'BOOKING_CANCELLED' && e.channel === 'EMAIL')!.enabled).toBe(true);
    const next = await notify({ userId: client.id, kind: 'BOOKING_CONFIRMED', title: 'Another', body: 'b' });
    expect(await channelsOf(next!)).toEqual(['IN_APP', 'WEB_PUSH']);
  });

  it('refuses forged or altered unsubscribe tokens and changes nothing', async () => {
    const a = await seed.client().create();
    const b = await seed.client().create();
    await notify({ userId: a.id, kind: 'REVIEW_RECEIVED', title: 'A review', body: 'five stars' });
    const mail = await smtp.waitFor((m) => m.to.includes(a.email));
    const token = linkIn(mail.text, 'unsubscribe').searchParams.get('token')!;
    const [, kind, mac] = token.split('.');
    const forged = [
      `${b.id}.${kind}.${mac}`, // another user with a's signature
      `${a.id}.TOP_UP_RECEIPT.${mac}`, // another kind
      `${a.id}.${kind}.${mac!.slice(0, -2)}AA`,
      `${a.id}.SECURITY_NEW_LOGIN.${mac}`,
      'nonsense',
      'x'.repeat(5000),
    ];
    for (const t of forged) expect(errorCode(await fed.run(Unsubscribe, { token: t }, null))).toBe('BAD_USER_INPUT');
    const rows = await fed.db.sql(`SELECT 1 FROM notification_preferences WHERE user_id IN ($1, $2)`, [a.id, b.id]);
    expect(rows).toHaveLength(0);
  });

  it('sends account security notices with no unsubscribe link, whatever the preferences', async () => {
    const user = await seed.client().create();
    await notify({ userId: user.id, kind: 'SECURITY_PASSWORD_CHANGED', title: 'Password changed', body: 'Just now.' });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Your password was changed: Password changed');
    expect(() => linkIn(mail.text, 'unsubscribe')).toThrow();
    expect(mail.headers.get('list')).toBeUndefined();
    await eventually(() => smtp.messages.filter((m) => m.to.includes(user.email)).length, (n) => n === 1);
  });
});

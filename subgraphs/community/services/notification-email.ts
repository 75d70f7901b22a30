import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Notification } from '../../../shared/db/generated/client.js';
import type { NotificationKind } from '../../../shared/db/generated/enums.js';
import { appLink, defineMail, html, link, type MailConfig, type Mailer, type RenderedMail } from '../../../shared/mail/index.js';
import type { DeliveryChannel } from './notification-delivery.js';
import { NOTIFICATION_KINDS } from './notification-prefs.js';

/**
 * One email template per notification kind (HTML and text, shared/mail's template system: every value escaped). Each
 * says what happened in the kind's own words and links to the place in the app that shows it; the notification's
 * title and body (written by the cause) are its details. Every email carries a one-click unsubscribe link for its
 * kind (`unsubscribeNotifications(token)`, and the List-Unsubscribe header), except account security notices.
 */
interface KindCopy {
  /** Subject prefix. */
  subject: string;
  /** What happened, one sentence. */
  lead: string;
  /** App route the button opens, from the notification's data. */
  route: (data: Record<string, string>) => [string, Record<string, string>];
}

type Route = [string, Record<string, string>];
const byId = (route: string, key: string) => (d: Record<string, string>): Route => [route, d[key] ? { id: d[key] } : {}];
const session = byId('sessions', 'sessionId');
const wallet = (): [string, Record<string, string>] => ['wallet', {}];
const reader = byId('readers', 'readerId');
const security = (): [string, Record<string, string>] => ['account/security', {}];

const COPY: Record<NotificationKind, KindCopy> = {
  BOOKING_REQUESTED: { subject: 'New booking request', lead: 'A client booked a reading with you.', route: session },
  BOOKING_CONFIRMED: { subject: 'Booking confirmed', lead: 'Your reading is confirmed.', route: session },
  BOOKING_CANCELLED: { subject: 'Booking cancelled', lead: 'A booked reading was cancelled.', route: session },
  BOOKING_REMINDER: { subject: 'Reading reminder', lead: 'Your booked reading starts soon.', route: session },
  FAVORITE_READER_ONLINE: { subject: 'Your favourite reader is online', lead: 'A reader you follow just came online.', route: reader },
  FAVORITE_READER_LIVE: { subject: 'Your favourite reader is live', lead: 'A reader you follow started a live stream.', route: byId('streams', 'streamId') },
  SESSION_REQUEST_MISSED: { subject: 'Missed session request', lead: 'A session request expired before it was answered.', route: session },
  LOW_BALANCE: { subject: 'Low balance', lead: 'Your balance is running low.', route: wallet },
  AUTO_RELOAD_RESULT: { subject: 'Automatic top-up', lead: 'We tried to top up your wallet automatically.', route: wallet },
  TOP_UP_RECEIPT: { subject: 'Receipt for your top-up', lead: 'Your top-up was credited to your wallet.', route: wallet },
  PAYOUT_SENT: { subject: 'Payout sent', lead: 'Your earnings are on their way to your bank.', route: () => ['earnings', {}] },
  PAYOUT_FAILED: { subject: 'Payout failed', lead: 'A payout of your earnings did not go through.', route: () => ['earnings', {}] },
  PAID_REPLY_RECEIVED: { subject: 'You received a paid reply', lead: 'A reader answered you with a paid reply.', route: byId('messages', 'conversationId') },
  REVIEW_RECEIVED: { subject: 'New review', lead: 'A client reviewed a reading with you.', route: () => ['reviews', {}] },
  FLAG_RESOLVED: { subject: 'Your report was reviewed', lead: 'A moderator reviewed content you reported.', route: () => ['community', {}] },
  SECURITY_NEW_LOGIN: { subject: 'New sign-in to your account', lead: 'Someone signed in to your account. If it was not you, change your password now.', route: security },
  SECURITY_PASSWORD_CHANGED: { subject: 'Your password was changed', lead: 'The password of your account was changed. If it was not you, reset it now.', route: security },
  SECURITY_EMAIL_CHANGED: { subject: 'Your email was changed', lead: 'The email address of your account was changed. If it was not you, contact support.', route: security },
};

type Vars = { notification: Notification; actionUrl: string };

/** The templates, one per kind (built once; `defineMail` adds the layout and the footer). */
export const NOTIFICATION_MAILS = Object.fromEntries(
  NOTIFICATION_KINDS.map((kind) => {
    const copy = COPY[kind];
    return [
      kind,
      defineMail<Vars>(({ notification: n, actionUrl }) => ({
        subject: `${copy.subject}: ${n.title}`,
        text: `${copy.lead}\n\n${n.title}\n${n.body}\n\nOpen: ${actionUrl}`,
        html: html`<p>${copy.lead}</p><h2 style="font-size: 18px">${n.title}</h2><p>${n.body}</p><p>${link(actionUrl, 'Open SoulSeer')}</p>`,
      })),
    ];
  }),
) as Record<NotificationKind, (vars: Vars, footer?: { text: string; html: ReturnType<typeof html> }) => RenderedMail>;

/** Kinds whose emails cannot be unsubscribed from (account security). */
const NO_UNSUBSCRIBE: ReadonlySet<NotificationKind> = new Set(['SECURITY_NEW_LOGIN', 'SECURITY_PASSWORD_CHANGED', 'SECURITY_EMAIL_CHANGED']);

/**
 * Unsubscribe tokens: `<userId>.<kind>.<mac>`, the MAC an HMAC-SHA256 under a key derived from the JWT secret for
 * this purpose only (never the JWT key itself). They do not expire (a link in an old email still works) and only ever
 * turn one kind's email off for one user, so a replay changes nothing more.
 */
export function unsubscribeTokens(jwtSecret: string) {
  const key = createHmac('sha256', jwtSecret).update('soulseer:notification-unsubscribe:v1').digest();
  const mac = (userId: string, kind: string) => createHmac('sha256', key).update(`${userId}.${kind}`).digest('base64url');
  return {
    sign: (userId: string, kind: NotificationKind) => `${userId}.${kind}.${mac(userId, kind)}`,
    /** The user and kind of a genuine token, or null. */
    verify(token: string): { userId: string; kind: NotificationKind } | null {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [userId, kind, given] = parts as [string, string, string];
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null;
      const want = Buffer.from(mac(userId, kind));
      const got = Buffer.from(given);
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
      return { userId, kind: kind as NotificationKind };
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;

/** The email channel over shared/mail's Mailer (SMTP, or .eml files with no SMTP configured). */
export function emailChannel(mailer: Mailer, config: Pick<MailConfig, 'appUrl'>, tokens: UnsubscribeTokens): DeliveryChannel {
  return {
    async send({ deliveryId, notification, user }) {
      const kind = notification.kind;
      const data = (notification.data ?? {}) as Record<string, string>;
      const [route, query] = COPY[kind].route(data);
      const vars = { notification, actionUrl: appLink(config, route, query) };
      let footer;
      let headers: Record<string, string> | undefined;
      if (!NO_UNSUBSCRIBE.has(kind)) {
        const url = appLink(config, 'unsubscribe', { token: tokens.sign(user.id, kind) });
        footer = { text: `Stop these emails (${COPY[kind].subject.toLowerCase()}): ${url}`, html: html`${link(url, 'Unsubscribe')} from these emails.` };
        headers = { 'List-Unsubscribe': `<${url}>` };
      }
      // One Message-ID per delivery: a retry after a crash between the SMTP server's acceptance and the SENT update
      // sends the same message again, which mail systems that de-duplicate by Message-ID show once.
      const messageId = `<notification-delivery.${deliveryId}@${new URL(config.appUrl).hostname}>`;
      await mailer.send({ to: user.email, ...NOTIFICATION_MAILS[kind](vars, footer), headers, messageId });
      return { status: 'SENT' };
    },
  };
}

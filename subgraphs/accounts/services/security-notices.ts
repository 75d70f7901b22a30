import type { Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { depsOf } from '../../../shared/context.js';
import { requireNotificationsPort } from '../../../shared/ports.js';

export type SecurityEvent = 'NEW_LOGIN' | 'PASSWORD_CHANGED' | 'EMAIL_CHANGED';

const COPY: Record<SecurityEvent, { kind: 'SECURITY_NEW_LOGIN' | 'SECURITY_PASSWORD_CHANGED' | 'SECURITY_EMAIL_CHANGED'; title: string; body: string }> = {
  NEW_LOGIN: { kind: 'SECURITY_NEW_LOGIN', title: 'New sign-in to your account', body: 'Your account was signed in to' },
  PASSWORD_CHANGED: { kind: 'SECURITY_PASSWORD_CHANGED', title: 'Your password was changed', body: 'The password of your account was changed; every other device was signed out' },
  EMAIL_CHANGED: { kind: 'SECURITY_EMAIL_CHANGED', title: 'Your email address was changed', body: 'The email address of your account was changed' },
};

/**
 * An account security notice (docs/notifications.md), stored with its deliveries in the transaction `tx` of the change
 * itself: in-app, email and push, which the user cannot turn off. Says when, and from which IP and browser the
 * request came (as the gateway saw them). For EMAIL_CHANGED the notice goes to the account; a copy to the old address
 * is accounts' own confirmation mail. NEW_LOGIN is sent for a device (IP and user agent) not seen on this account before.
 */
export async function notifySecurityEvent(ctx: Pick<Context, 'deps' | 'ip' | 'userAgent'>, tx: Prisma.TransactionClient, userId: string, event: SecurityEvent): Promise<void> {
  if (event === 'NEW_LOGIN' && ctx.ip) {
    // A sign-in from a device (IP and browser) this account signed in from before is not news.
    const seen = await tx.refreshToken.findFirst({ where: { userId, ipAddress: ctx.ip, userAgent: ctx.userAgent }, select: { id: true } });
    if (seen) return;
  }
  const port = requireNotificationsPort(depsOf(ctx, 'accounts').notifications, 'Notifications are not wired in this process.');
  const c = COPY[event];
  const from = [ctx.ip ? `IP ${ctx.ip}` : null, ctx.userAgent ? `browser "${ctx.userAgent.slice(0, 120)}"` : null].filter(Boolean).join(', ');
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
  await port.notify(tx, { userId, kind: c.kind, title: c.title, body: `${c.body} at ${at} UTC${from ? ` from ${from}` : ''}. If it was not you, reset your password now.` });
}

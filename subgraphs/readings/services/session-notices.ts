import type { Context } from '../../../shared/context.js';
import type { Session } from '../../../shared/db/generated/client.js';
import type { NotifyInput } from '../../../shared/ports.js';
import { readingsDeps } from '../deps.js';
import type { SessionEventKind } from './events.js';
import type { Tx } from './session-store.js';

/**
 * Stored notifications of session events (docs/notifications.md), written through community's NotificationsPort in
 * the transaction of the event itself: a booking requested (to the reader), confirmed (to the client), declined or
 * cancelled (to the other side), its reminders 24 h and 15 min before (to both), a request that expired unanswered
 * (to both). Each has a dedupe key, so a retried timer notifies once.
 */
export async function notifySessionEvent(ctx: Pick<Context, 'deps'>, tx: Tx, s: Session, kind: SessionEventKind, now: Date): Promise<void> {
  // Every composition root wires the port (scripts/compose.ts); a bare harness (the billing bench) has none.
  const port = readingsDeps(ctx).notifications;
  if (!port) return;
  for (const n of await noticesFor(tx, s, kind, now)) await port.notify(tx, n);
}

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'soon');

async function names(tx: Tx, s: Session): Promise<{ reader: string; client: string }> {
  const [reader, client] = await Promise.all([
    tx.reader.findUnique({ where: { userId: s.readerId }, select: { displayName: true } }),
    tx.client.findUnique({ where: { userId: s.clientId }, select: { firstName: true } }),
  ]);
  return { reader: reader?.displayName ?? 'Your reader', client: client?.firstName ?? 'A client' };
}

async function noticesFor(tx: Tx, s: Session, kind: SessionEventKind, now: Date): Promise<NotifyInput[]> {
  const data = { sessionId: s.id };
  const type = s.type.toLowerCase();
  const booking = s.scheduledAt != null;
  switch (kind) {
    case 'SCHEDULED': {
      const n = await names(tx, s);
      return [{ userId: s.readerId, kind: 'BOOKING_REQUESTED', title: `${n.client} booked a ${type} reading`, body: `Requested for ${when(s.scheduledAt)}. Confirm it to hold the time.`, data, dedupeKey: `booking-requested:${s.id}` }];
    }
    case 'CONFIRMED': {
      const n = await names(tx, s);
      return [{ userId: s.clientId, kind: 'BOOKING_CONFIRMED', title: `${n.reader} confirmed your ${type} reading`, body: `It starts at ${when(s.scheduledAt)}.`, data, dedupeKey: `booking-confirmed:${s.id}` }];
    }
    case 'DECLINED':
    case 'ENDED': {
      if (s.status === 'EXPIRED') {
        const n = await names(tx, s);
        return [
          { userId: s.readerId, kind: 'SESSION_REQUEST_MISSED', title: `You missed a ${type} request from ${n.client}`, body: 'The request expired before it was answered.', data, dedupeKey: `missed:${s.id}:reader` },
          { userId: s.clientId, kind: 'SESSION_REQUEST_MISSED', title: `${n.reader} did not answer in time`, body: 'Your request expired; nothing was charged. Try again or choose another reader.', data, dedupeKey: `missed:${s.id}:client` },
        ];
      }
      if (!booking || s.startedAt || (s.status !== 'CANCELLED' && s.status !== 'DECLINED')) return [];
      const n = await names(tx, s);
      const byReader = s.endedById === s.readerId;
      const to = s.endedById ? (byReader ? s.clientId : s.readerId) : null;
      const title = `${byReader ? n.reader : n.client} cancelled the ${type} reading of ${when(s.scheduledAt)}`;
      const recipients = to ? [to] : [s.clientId, s.readerId];
      return recipients.map((userId) => ({ userId, kind: 'BOOKING_CANCELLED' as const, title, body: 'The booking is off; nothing was charged.', data, dedupeKey: `booking-cancelled:${s.id}` }));
    }
    case 'REMINDER': {
      if (!s.scheduledAt) return [];
      const n = await names(tx, s);
      const dayBefore = s.scheduledAt.getTime() - now.getTime() > 3 * 3600_000;
      const lead = dayBefore ? '24h' : '15m';
      const body = `Starts at ${when(s.scheduledAt)}${dayBefore ? ' (in about 24 hours)' : ' (in about 15 minutes)'}.`;
      return [
        { userId: s.clientId, kind: 'BOOKING_REMINDER', title: `Your ${type} reading with ${n.reader}`, body, data, dedupeKey: `reminder:${s.id}:${lead}` },
        { userId: s.readerId, kind: 'BOOKING_REMINDER', title: `Your ${type} reading with ${n.client}`, body, data, dedupeKey: `reminder:${s.id}:${lead}` },
      ];
    }
    default:
      return [];
  }
}

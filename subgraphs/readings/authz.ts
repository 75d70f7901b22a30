import type { Review, Session } from '../../shared/db/generated/client.js';
import type { Viewer } from '../../shared/context.js';
import { hasAdminPermission, isAdmin, isSelfOrAdmin } from '../../shared/authz.js';
import { forbidden } from '../../shared/errors.js';
import type { StreamStartingEvent } from '../../shared/stream-events.js';

/**
 * Readings' authorization: one helper per domain action, used by the schema (authScopes, resolvers) and the
 * services alike. `can…` answers, `assert…` refuses with FORBIDDEN (messages are part of the API: keep them).
 */

export type SessionSide = 'client' | 'reader';
type Parties = Pick<Session, 'clientId' | 'readerId'>;

/** Which side of the session a user is on, or null for anyone else. */
export function sideOf(s: Parties, userId: string): SessionSide | null {
  if (userId === s.clientId) return 'client';
  if (userId === s.readerId) return 'reader';
  return null;
}

/** Seeing a session (its row, transcript, events, meter): its two participants and admins. */
export function canViewSession(viewer: Viewer | null | undefined, s: Parties): boolean {
  return !!viewer && (isAdmin(viewer) || sideOf(s, viewer.id) !== null);
}

export function assertCanViewSession(viewer: Viewer, s: Parties & Pick<Session, 'id'>): void {
  if (!canViewSession(viewer, s)) throw forbidden('You are not a participant of this session.', { sessionId: s.id });
}

/** Acting in a session's room (join, leave, chat, a token): its two participants only. Returns the viewer's side. */
export function assertParticipant(viewer: Pick<Viewer, 'id'>, s: Parties & Pick<Session, 'id'>): SessionSide {
  const side = sideOf(s, viewer.id);
  if (!side) throw forbidden('You are not a participant of this session.', { sessionId: s.id });
  return side;
}

/** Ending a session: either participant, or an admin with SESSIONS_MANAGE who is not one of them (then acting as 'admin'). */
export function assertCanEndSession(viewer: Viewer, s: Parties & Pick<Session, 'id'>): SessionSide | 'admin' {
  return hasAdminPermission(viewer, 'SESSIONS_MANAGE') && !sideOf(s, viewer.id) ? 'admin' : assertParticipant(viewer, s);
}

/** Accepting or declining a request (or starting, declining a booking): the session's reader only. */
export function assertSessionReader(viewer: Pick<Viewer, 'id'>, s: Pick<Session, 'id' | 'readerId'>, action: 'accept' | 'decline'): void {
  if (viewer.id !== s.readerId) throw forbidden(`Only the reader of this session can ${action} it.`, { sessionId: s.id });
}

/** Withdrawing a request or a booking: the session's client only. */
export function assertSessionClient(viewer: Pick<Viewer, 'id'>, s: Pick<Session, 'id' | 'clientId'>): void {
  if (viewer.id !== s.clientId) throw forbidden('Only the client of this session can cancel it.', { sessionId: s.id });
}

/** Confirming a booking: its reader only. */
export function assertBookingReader(viewer: Pick<Viewer, 'id'>, s: Pick<Session, 'readerId'>): void {
  if (s.readerId !== viewer.id) throw forbidden('Only the reader of this booking can confirm it.');
}

/** The client's wallet balance in a session's meter: the client and admins (the reader sees affordable minutes). */
export function canKnowClientBalance(viewer: Viewer | null | undefined, s: Pick<Session, 'clientId'>): boolean {
  return isSelfOrAdmin(viewer, s.clientId);
}

/** Reviewing a session: its client only. */
export function assertCanReview(viewer: Pick<Viewer, 'id'>, s: Pick<Session, 'clientId'>): void {
  if (s.clientId !== viewer.id) throw forbidden('Only the client of a session can review it.');
}

/** Replying to a review: the reviewed reader only. */
export function assertCanReplyToReview(viewer: Pick<Viewer, 'id'>, review: Pick<Review, 'readerId'>): void {
  if (review.readerId !== viewer.id) throw forbidden('Only the reviewed reader can reply.');
}

/**
 * Being told a favourite reader went live: community's visibility rule, as the event carries it (public and
 * premium streams to everyone, a private one to its invitees and admins only).
 */
export function canHearOfStream(viewer: Viewer, e: Pick<StreamStartingEvent, 'visibility' | 'invitedUserIds'>): boolean {
  return e.visibility !== 'PRIVATE' || isAdmin(viewer) || e.invitedUserIds.includes(viewer.id);
}

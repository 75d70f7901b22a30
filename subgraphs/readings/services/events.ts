import type { SessionStatus } from '../../../shared/db/generated/enums.js';
import type { Session } from '../../../shared/db/generated/client.js';

/** Topics (payloads are plain JSON: they cross Redis). */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`;
export const sessionMessagesTopic = (sessionId: string) => `sessionMessages:${sessionId}`;
export const readerRequestsTopic = (readerId: string) => `sessionRequests:${readerId}`;

export const SESSION_EVENT_KINDS = [
  'REQUESTED',
  'ACCEPTED',
  'DECLINED',
  'CANCELLED',
  'EXPIRED',
  'JOINED',
  'LEFT',
  'STARTED',
  'PAUSED',
  'RESUMED',
  'MINUTE_CHARGED',
  'ENDED',
  'SCHEDULED',
  'CONFIRMED',
  'REMINDER',
] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

/** What sessionUpdated pushes: the change and the live meter at that moment. */
export interface SessionEvent {
  sessionId: string;
  kind: SessionEventKind;
  status: SessionStatus;
  /** Connected (billable) seconds so far. */
  elapsedSeconds: number;
  billedMinutes: number;
  costCents: number;
  /** The client's wallet balance after the last charge; null when unknown (payments not wired, or not running). */
  balanceCents: number | null;
  /** Less than `low_balance_minutes` of credit left at this rate. */
  lowBalance: boolean;
  endReason: string | null;
  /** Participant the event is about (joins and leaves). */
  userId: string | null;
  at: string;
  /** The session row as of this event (dates as ISO strings), so subscribers need no query per event. */
  session?: SessionSnapshot;
}

export type SessionSnapshot = { [K in keyof Session]: Session[K] extends Date | null ? string | null : Session[K] };

const SESSION_DATE_FIELDS = ['scheduledAt', 'confirmedAt', 'requestedAt', 'acceptedAt', 'startedAt', 'endedAt', 'graceStartedAt', 'resumedAt', 'createdAt', 'updatedAt'] as const;

export function snapshotSession(s: Session): SessionSnapshot {
  const out: Record<string, unknown> = { ...s };
  for (const f of SESSION_DATE_FIELDS) out[f] = s[f] ? (s[f] as Date).toISOString() : null;
  return out as SessionSnapshot;
}

export function hydrateSession(snap: SessionSnapshot): Session {
  const out: Record<string, unknown> = { ...snap };
  for (const f of SESSION_DATE_FIELDS) out[f] = snap[f] ? new Date(snap[f] as string) : null;
  return out as unknown as Session;
}

export interface SessionRequestEvent {
  sessionId: string;
}

/** A chat message as published (plain JSON). */
export interface ChatMessageEvent {
  id: string;
  sessionId: string;
  senderId: string;
  seq: number;
  content: string;
  messageType: 'TEXT' | 'IMAGE' | 'SYSTEM';
  clientKey: string | null;
  createdAt: string;
}

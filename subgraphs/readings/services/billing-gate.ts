import type { Session } from '../../../shared/db/generated/client.js';
import type { SessionType } from '../../../shared/db/generated/enums.js';
import { conflict, forbidden } from '../../../shared/errors.js';
import type { SessionEvent } from './events.js';

/** extensions.reason of a participant message refused because the session is not being billed. */
export const SESSION_NOT_BILLING = 'SESSION_NOT_BILLING';
/** extensions.reason of joinSession / leaveSession refused because the media server reports presence. */
export const PRESENCE_FROM_MEDIA_SERVER = 'PRESENCE_FROM_MEDIA_SERVER';

/** Whether the session is billing now: in progress with both participants connected (not paused). */
export function isBilling(s: Pick<Session, 'status' | 'resumedAt'>): boolean {
  return s.status === 'IN_PROGRESS' && s.resumedAt !== null;
}

/**
 * Session chat happens only while the session bills: before both joined, while paused and after the end a
 * participant's message is refused (CONFLICT, reason SESSION_NOT_BILLING). System messages are not sent through here.
 */
export function assertBillingForChat(s: Pick<Session, 'id' | 'status' | 'resumedAt'>): void {
  if (isBilling(s)) return;
  const why =
    s.status === 'ACCEPTED'
      ? 'both participants have not joined yet'
      : s.status === 'IN_PROGRESS'
        ? 'the session is paused until both participants are connected'
        : `the session is ${s.status.toLowerCase()}`;
  throw conflict(`Messages can be sent only while the session is in progress and billed: ${why}.`, {
    sessionId: s.id,
    status: s.status,
    reason: SESSION_NOT_BILLING,
  });
}

/** With a media server, joins and leaves come only from its signed webhooks: the participants' own reports are refused. */
export function assertSelfReportedPresence(mediaServer: boolean): void {
  if (!mediaServer) return;
  throw forbidden('Joins and leaves are reported by the media server (LiveKit) here: connect to the room instead.', {
    reason: PRESENCE_FROM_MEDIA_SERVER,
  });
}

/**
 * Media follows billing: when a session starts or resumes billing both participants may publish in its room, and
 * when it pauses they may not (the token a participant joins with publishes nothing until then). Null for events
 * that change nothing (an end closes the room).
 */
export function publishingChange(event: SessionEvent): { room: string; identities: string[]; type: SessionType; publish: boolean } | null {
  const s = event.session;
  if (!s) return null;
  const publish = event.kind === 'STARTED' || event.kind === 'RESUMED' ? true : event.kind === 'PAUSED' ? false : null;
  return publish === null ? null : { room: s.externalId, identities: [s.clientId, s.readerId], type: s.type, publish };
}

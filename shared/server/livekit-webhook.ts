import express from 'express';
import type { WebhookEvent } from 'livekit-server-sdk';
import { errorField, logger } from '../logger.js';
import { webhookOutcome } from '../metrics.js';

/**
 * POST /webhooks/livekit on a subgraph: the raw body, LiveKit's signature checked (`verify`) before anything is
 * read (401 otherwise), an event id required (400), then `apply` — whose outcome ('applied', 'duplicate',
 * 'ignored') is answered with 200. A failure answers 500 without recording the event, so LiveKit's retry (through
 * the gateway) applies it. Readings (session rooms) and community (stream rooms) each mount one.
 */
export function liveKitWebhookRoute(
  service: string,
  verify: (raw: string, authorization: string | undefined) => Promise<WebhookEvent>,
  apply: (event: WebhookEvent & { id: string }) => Promise<string>,
) {
  return (app: express.Express) => {
    app.post('/webhooks/livekit', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let event: WebhookEvent;
      try {
        event = await verify(raw, req.get('authorization') ?? undefined);
      } catch {
        webhookOutcome(service, 'livekit', 'invalid_signature');
        res.status(401).json({ error: 'invalid signature' });
        return;
      }
      if (!event.id) {
        webhookOutcome(service, 'livekit', 'bad_request');
        res.status(400).json({ error: 'event without id' });
        return;
      }
      try {
        const outcome = await apply(event as WebhookEvent & { id: string });
        webhookOutcome(service, 'livekit', outcome);
        res.json({ ok: true, outcome });
      } catch (e) {
        webhookOutcome(service, 'livekit', 'failed');
        logger(service).warn({ ...errorField(e), webhookId: event.id }, 'LiveKit webhook not applied');
        res.status(500).json({ error: 'not applied' });
      }
    });
  };
}

/**
 * Where a participant event sits in that participant's history in one room: LiveKit's own event time
 * (`WebhookEvent.createdAt`, whole seconds) and the connection it is about (`participant.sid`). LiveKit delivers
 * webhooks at least once and not always in order, so each owner stores the last applied mark per (room,
 * participant) and drops older deliveries (isStaleParticipantEvent).
 */
export interface ParticipantEventMark {
  at: bigint;
  event: 'participant_joined' | 'participant_left';
  sid: string;
}

type ParticipantEventLike = { event: string; createdAt?: bigint | number | string | null; participant?: { sid?: string | null } | null };

/**
 * The mark of a participant_joined / participant_left (participant_connection_aborted counts as a leave) event;
 * a missing time counts as the oldest. Null for other events.
 */
export function participantEventMark(e: ParticipantEventLike): ParticipantEventMark | null {
  const event = e.event === 'participant_joined' ? 'participant_joined' : e.event === 'participant_left' || e.event === 'participant_connection_aborted' ? 'participant_left' : null;
  if (!event) return null;
  let at = 0n;
  try {
    at = e.createdAt == null || e.createdAt === '' ? 0n : BigInt(e.createdAt);
  } catch {
    at = 0n;
  }
  return { at, event, sid: e.participant?.sid ?? '' };
}

/**
 * Whether `next` is older than the last applied event `last` of the same participant in the same room. An older
 * time is stale. Within the same second (LiveKit's times are whole seconds), a join of the connection whose leave
 * was applied is a late duplicate (stale), while a join of another connection is a reconnect (applied); a leave of
 * a connection other than the one whose join was applied is the connection that join replaced (stale).
 */
export function isStaleParticipantEvent(last: { eventAt: bigint; event: string; sid: string } | null, next: ParticipantEventMark): boolean {
  if (!last) return false;
  if (next.at !== last.eventAt) return next.at < last.eventAt;
  if (next.event === 'participant_joined' && last.event === 'participant_left') return !next.sid || !last.sid || next.sid === last.sid;
  if (next.event === 'participant_left' && last.event === 'participant_joined') return !!next.sid && !!last.sid && next.sid !== last.sid;
  return false;
}

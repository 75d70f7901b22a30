import type { Prisma } from '../../../shared/db/generated/client.js';
import { isStaleParticipantEvent, type ParticipantEventMark } from '../../../shared/server/livekit-webhook.js';

/**
 * Inside the transaction that applies a LiveKit participant event to a session room: records it as the last
 * applied event of (room, participant) unless it is older than the one recorded (LiveKit retries deliveries and
 * does not keep their order: a participant_joined arriving after its participant_left must not reconnect anyone).
 * Returns false for a stale event, which the caller ignores. The row lock orders concurrent deliveries.
 */
export async function claimParticipantEvent(tx: Prisma.TransactionClient, room: string, identity: string, mark: ParticipantEventMark): Promise<boolean> {
  // A first event of this participant needs a row to lock: -1 is older than any event.
  await tx.$executeRaw`INSERT INTO livekit_participant_events (room, identity, event_at, event, updated_at)
    VALUES (${room}, ${identity}, -1, 'none', now()) ON CONFLICT (room, identity) DO NOTHING`;
  const [last] = await tx.$queryRaw<Array<{ eventAt: bigint; event: string; sid: string }>>`
    SELECT event_at AS "eventAt", event, sid FROM livekit_participant_events WHERE room = ${room} AND identity = ${identity} FOR UPDATE`;
  if (isStaleParticipantEvent(last ?? null, mark)) return false;
  await tx.$executeRaw`UPDATE livekit_participant_events SET event_at = ${mark.at}, event = ${mark.event}, sid = ${mark.sid}, updated_at = now()
    WHERE room = ${room} AND identity = ${identity}`;
  return true;
}

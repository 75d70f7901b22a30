import type { Prisma } from '../../../shared/db/generated/client.js';
import { isStaleParticipantEvent, type ParticipantEventMark } from '../../../shared/server/livekit-webhook.js';

/**
 * Inside the transaction that applies a LiveKit participant event to a stream room: records it as the last
 * applied event of (room, participant) unless it is older than the one recorded (LiveKit retries deliveries and
 * does not keep their order: a participant_joined arriving after its participant_left must not count a viewer
 * again). Returns false for a stale event, which the caller ignores. The row lock orders concurrent deliveries.
 */
export async function claimStreamParticipantEvent(tx: Prisma.TransactionClient, roomName: string, identity: string, mark: ParticipantEventMark): Promise<boolean> {
  // A first event of this participant needs a row to lock: -1 is older than any event.
  await tx.$executeRaw`INSERT INTO stream_participant_events (room_name, identity, event_at, event, updated_at)
    VALUES (${roomName}, ${identity}, -1, 'none', now()) ON CONFLICT (room_name, identity) DO NOTHING`;
  const [last] = await tx.$queryRaw<Array<{ eventAt: bigint; event: string; sid: string }>>`
    SELECT event_at AS "eventAt", event, sid FROM stream_participant_events WHERE room_name = ${roomName} AND identity = ${identity} FOR UPDATE`;
  if (isStaleParticipantEvent(last ?? null, mark)) return false;
  await tx.$executeRaw`UPDATE stream_participant_events SET event_at = ${mark.at}, event = ${mark.event}, sid = ${mark.sid}, updated_at = now()
    WHERE room_name = ${roomName} AND identity = ${identity}`;
  return true;
}

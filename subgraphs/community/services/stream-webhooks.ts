import type { PrismaClient } from '../../../shared/db/generated/client.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { transact } from '../../../shared/after-commit.js';
import { participantEventMark } from '../../../shared/server/livekit-webhook.js';
import { userExists } from './foreign-reads.js';
import { recordViewerIn, recount } from './stream-viewers.js';
import { claimStreamParticipantEvent } from './stream-webhook-order.js';
import { streamTopics } from './stream-topics.js';

/** The parts of a verified LiveKit WebhookEvent that stream rooms use. */
export interface LiveKitStreamEvent {
  /** LiveKit's event id: a delivery is applied once per id. */
  id: string;
  event: string;
  /** LiveKit's event time (seconds): a participant's events are applied in this order, older ones ignored. */
  createdAt?: bigint | number | string;
  room?: { name?: string };
  participant?: { identity?: string; sid?: string };
  egressInfo?: { roomName?: string; fileResults?: Array<{ location?: string }> };
}

type LiveKitStreamOutcome = 'applied' | 'duplicate' | 'ignored' | 'stale';

/**
 * Applies a verified LiveKit webhook to a stream room (room name = live_streams.stream_id), once per event id:
 * the id is recorded in stream_webhook_events in the same transaction as its effect. Rooms that are not
 * streams (readings' session rooms) are 'ignored' and not recorded. Effects:
 * - participant_joined / participant_left (and participant_connection_aborted, as a leave): a viewer (not the
 *   reader, and only a registered user: egress or agent participants are not viewers) opens or closes its
 *   stream_viewers row; viewer_count and max_viewers are recomputed under the stream's row lock; an event older
 *   (by LiveKit's createdAt) than the last one applied for that viewer in that room is 'stale' and changes nothing;
 * - room_finished: everyone left, so open viewer rows are closed and viewer_count is 0 (the stream itself stays
 *   LIVE until its reader ends it: the reader may reconnect and LiveKit opens a new room of the same name);
 * - egress_ended with a file location: the stream's recording URL.
 */
export async function applyLiveKitStreamEvent(prisma: PrismaClient, pubsub: PubSub, event: LiveKitStreamEvent): Promise<LiveKitStreamOutcome> {
  const roomName = event.room?.name || event.egressInfo?.roomName;
  if (!roomName) return 'ignored';
  const stream = await prisma.liveStream.findUnique({ where: { streamId: roomName }, select: { id: true, readerId: true } });
  if (!stream) return 'ignored'; // not a stream room (a session room, say)
  const identity = event.participant?.identity;
  const presence = { participant_joined: true, participant_left: false, participant_connection_aborted: false }[event.event];
  const isViewer = presence !== undefined && !!identity && identity !== stream.readerId && (await userExists(prisma, identity));
  const location = event.event === 'egress_ended' ? event.egressInfo?.fileResults?.find((f) => f.location)?.location : undefined;

  return transact({ prisma, pubsub }, { service: 'community' }, async (tx, after) => {
    // After commit, viewers of the stream see its new count or recording.
    const changed = () => after.publish(streamTopics.updated(stream.id), { streamId: stream.id });
    const inserted = await tx.$executeRaw`INSERT INTO stream_webhook_events (id, event, room_name) VALUES (${event.id}, ${event.event}, ${roomName}) ON CONFLICT (id) DO NOTHING`;
    if (!inserted) return 'duplicate';
    if (isViewer) {
      const mark = participantEventMark(event);
      if (mark && !(await claimStreamParticipantEvent(tx, roomName, identity!, mark))) return 'stale';
      const r = await recordViewerIn(tx, stream.id, identity!, presence!);
      if (r?.changed) changed();
      return r ? 'applied' : 'ignored';
    }
    if (event.event === 'room_finished') {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM live_streams WHERE id = ${stream.id} FOR UPDATE`;
      if (!rows.length) return 'ignored';
      await tx.streamViewer.updateMany({ where: { streamId: stream.id, leftAt: null }, data: { leftAt: new Date() } });
      if ((await recount(tx, stream.id)).changed) changed();
      return 'applied';
    }
    if (location) {
      await tx.liveStream.update({ where: { id: stream.id }, data: { recordingUrl: location } });
      changed();
      return 'applied';
    }
    return 'ignored';
  });
}

import type { Context } from '../../../shared/context.js';
import { transact } from '../../../shared/after-commit.js';
import { participantEventMark } from '../../../shared/server/livekit-webhook.js';
import { readingsDeps } from '../deps.js';
import { sideOf } from '../authz.js';
import { applyJoin, applyLeave } from './participants.js';
import { endRunningSession } from './session-end.js';
import { END_REASONS, lockSession, READINGS_TX } from './session-store.js';
import { claimParticipantEvent } from './webhook-order.js';

/** A verified LiveKit webhook delivery, as the route hands it over. */
export interface LiveKitEvent {
  id: string;
  event: string;
  createdAt?: bigint | number | string;
  room?: { name: string };
  participant?: { identity: string; sid?: string };
}

/**
 * Applies a verified LiveKit event to its session room once: the delivery id is recorded in the same transaction
 * as its effect. With a media server, joins and leaves come only from here (participants.ts does the rest).
 * Returns what happened, for the route's response and tests.
 */
export async function applyLiveKitEvent(ctx: Context, event: LiveKitEvent): Promise<'applied' | 'duplicate' | 'ignored' | 'stale'> {
  const roomName = event.room?.name;
  const found = roomName ? await ctx.prisma.session.findUnique({ where: { externalId: roomName }, select: { id: true } }) : null;
  return transact(ctx, READINGS_TX, async (tx, after) => {
    const inserted = await tx.$executeRaw`INSERT INTO processed_webhooks (id, source) VALUES (${event.id}, 'livekit') ON CONFLICT (id) DO NOTHING`;
    if (!inserted) return 'duplicate';
    if (!found) return 'ignored';
    const s = await lockSession(tx, found.id);
    const now = readingsDeps(ctx).clock(); // after the lock: see billingSweep
    const identity = event.participant?.identity ?? '';
    const active = s.status === 'ACCEPTED' || s.status === 'IN_PROGRESS';
    const participant = sideOf(s, identity) !== null;
    // A participant's events apply in LiveKit's event order: an older one arriving late is stale.
    const mark = participantEventMark(event);
    if (mark && active && participant && !(await claimParticipantEvent(tx, s.externalId, identity, mark))) return 'stale';
    switch (event.event) {
      case 'participant_joined':
        if (!active || !participant) return 'ignored';
        await applyJoin(ctx, tx, after, s, identity, now);
        return 'applied';
      case 'participant_left':
        if (!active || !participant) return 'ignored';
        await applyLeave(ctx, tx, after, s, identity, now);
        return 'applied';
      case 'room_finished':
        if (!active) return 'ignored';
        await endRunningSession(ctx, tx, after, s, { reason: END_REASONS.roomFinished, now, endedById: null });
        return 'applied';
      default:
        return 'ignored';
    }
  });
}

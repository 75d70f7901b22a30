import type { Prune } from '../../../shared/retention.js';

/**
 * Community's retention (shared/retention.ts): applied LiveKit stream-webhook ids and the last participant-event
 * marks of stream rooms, `webhookDays` after they were written (LiveKit retries a delivery for minutes, not days).
 */
export const pruneCommunity: Prune = async (prisma, periods, now) => {
  const cutoff = new Date(now.getTime() - periods.webhookDays * 86_400_000);
  const events = await prisma.streamWebhookEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const marks = await prisma.streamParticipantEvent.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  return { stream_webhook_events: events.count, stream_participant_events: marks.count };
};

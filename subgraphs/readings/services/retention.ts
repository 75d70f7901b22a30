import type { JobsConfig } from '../../../shared/jobs.js';
import { pruneDeadJobs, retentionTask, type Prune } from '../../../shared/retention.js';
import { TASKS } from './schedule.js';

/**
 * Readings' retention (shared/retention.ts): applied LiveKit webhook ids and participant-event marks of session
 * rooms `webhookDays` after they were written, and dead job rows (attempts exhausted) of readings' own tasks.
 */
export function pruneReadings(jobs: JobsConfig | null): Prune {
  return async (prisma, periods, now) => {
    const cutoff = new Date(now.getTime() - periods.webhookDays * 86_400_000);
    const webhooks = await prisma.processedWebhook.deleteMany({ where: { createdAt: { lt: cutoff } } });
    const marks = await prisma.liveKitParticipantEvent.deleteMany({ where: { updatedAt: { lt: cutoff } } });
    const dead = jobs ? await pruneDeadJobs(prisma, jobs, [...Object.values(TASKS), retentionTask('readings')], periods, now) : 0;
    return { processed_webhooks: webhooks.count, livekit_participant_events: marks.count, dead_jobs: dead };
  };
}

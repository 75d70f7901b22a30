import type { JobsConfig } from '../../shared/jobs.js';
import type { NotificationsPort } from '../../shared/ports.js';
import { createNotifier } from './services/notifications.js';

/**
 * What community exports to the other subgraphs (shared/ports.ts lists every port): notifications, written with their
 * queued deliveries in the caller's transaction. The composition roots (scripts/) build it; nothing else imports this.
 */
export function createNotificationsPort(jobs: JobsConfig | undefined): NotificationsPort {
  return createNotifier(jobs);
}

import type { JobsConfig } from '../../shared/jobs.js';
import type { NotificationsPort, PersonalDataPort } from '../../shared/ports.js';
import { createNotifier } from './services/notifications.js';
import { communityPersonalData } from './services/personal-data.js';

/**
 * What community exports to the other subgraphs (shared/ports.ts lists every port): notifications, written with their
 * queued deliveries in the caller's transaction, and its personal-data functions (GDPR export and deletion). The
 * composition roots (scripts/) build them; nothing else imports this.
 */
export function createNotificationsPort(jobs: JobsConfig | undefined): NotificationsPort {
  return createNotifier(jobs);
}

export function createCommunityDataPort(): PersonalDataPort {
  return communityPersonalData;
}

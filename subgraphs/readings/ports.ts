import type { PersonalDataPort } from '../../shared/ports.js';
import { readingsPersonalData } from './services/personal-data.js';

/**
 * What readings exports to the other subgraphs (shared/ports.ts lists every port): its personal-data functions, for
 * accounts' GDPR export and account deletion. The composition roots (scripts/) build it; nothing else imports this.
 */
export function createReadingsDataPort(): PersonalDataPort {
  return readingsPersonalData;
}

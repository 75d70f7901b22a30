import type { AccountsPort } from '../../shared/ports.js';
import { addReaderRating, countCompletedSessions, publishReaderStatus, setReaderPresence, setReadersPresence } from './services/presence.js';
import { changeUserStatus, publishUserStatusChange } from './services/user-status.js';

/**
 * What accounts exports to the other subgraphs (shared/ports.ts lists every port). The composition roots (scripts/)
 * build it and hand it to readings and community in their ServiceRuntime; nothing else imports this file.
 */
export function createAccountsPort(): AccountsPort {
  return { setReaderPresence, setReadersPresence, publishReaderStatus, countCompletedSessions, addReaderRating, changeUserStatus, publishUserStatusChange };
}

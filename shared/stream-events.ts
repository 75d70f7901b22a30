import type { StreamVisibility } from './db/generated/enums.js';

// The contract between community (which owns live streams and publishes when one starts) and readings
// (which owns favourites and reminds followers): a topic and a plain-JSON payload, no table shared.

/** A scheduled stream went live; payload StreamStartingEvent. */
export const STREAM_STARTING_TOPIC = 'community:stream:starting';

export interface StreamStartingEvent {
  streamId: string;
  readerId: string;
  title: string;
  startedAt: string;
  /** Who may see it, so a subscriber can filter without reading stream tables. */
  visibility: StreamVisibility;
  /** For a PRIVATE stream, its invitees (the only users besides the reader and admins who may see it); else []. */
  invitedUserIds: string[];
}

import type { LiveStream } from '../../../shared/db/generated/client.js';
import { STREAM_STARTING_TOPIC } from '../../../shared/stream-events.js';

/** Live stream topics and payloads. Payloads carry ids (or, for streamEvents, everything a viewer shows). */
export const streamTopics = {
  updated: (streamId: string) => `community:stream:updated:${streamId}`,
  events: (streamId: string) => `community:stream:events:${streamId}`,
  /** Any stream scheduled, started or ended (the "live now" listing). */
  changed: 'community:stream:changed',
  /**
   * A scheduled stream went live (shared/stream-events.ts). Readings, which owns favourites, reminds the reader's
   * followers (favoriteReaderWentLive); community itself does not know who follows whom.
   */
  starting: STREAM_STARTING_TOPIC,
};

export interface StreamChangedEvent {
  streamId: string;
  readerId: string;
  status: LiveStream['status'];
  visibility: LiveStream['visibility'];
}
/** What goes out on streamEvents: plain JSON, complete, so 5,000 viewers cost no database reads. */
export type StreamEventPayload =
  | {
      kind: 'GIFT';
      id: string;
      streamId: string;
      senderId: string;
      createdAt: string;
      message: string | null;
      gift: { id: string; name: string; priceCents: number; imageUrl: string; animationUrl: string | null };
    }
  | { kind: 'CHAT'; id: string; streamId: string; senderId: string; createdAt: string; message: string };

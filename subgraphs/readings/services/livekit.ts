import type { RoomServiceClient, WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';
import { onFirstUse } from '../../../shared/on-first-use.js';
import type { SessionType } from '../../../shared/db/generated/enums.js';

export interface LiveKitConfig {
  /** Media server (wss://… or http://…); null on the embedded default: tokens are minted, room calls skipped. */
  url: string | null;
  apiKey: string;
  apiSecret: string;
}

export interface SessionTokenGrant {
  token: string;
  room: string;
  identity: string;
  url: string | null;
  expiresAt: Date;
  canPublishAudio: boolean;
  canPublishVideo: boolean;
  canPublishData: boolean;
}

/** Short-lived: a client asks again (sessionToken) to reconnect. */
export const TOKEN_TTL_SECONDS = 600;

/** The LiveKit SDK, loaded at its first use (shared/on-first-use.ts). */
const sdk = () => onFirstUse<typeof import('livekit-server-sdk')>('livekit-server-sdk');

/** LiveKit rooms and tokens for sessions: one room per session, named after the session's external id. */
export class LiveKitService {
  private webhookReceiver: WebhookReceiver | null = null;
  private roomClient: RoomServiceClient | null = null;

  constructor(private readonly config: LiveKitConfig) {}

  get receiver(): WebhookReceiver {
    return (this.webhookReceiver ??= new (sdk().WebhookReceiver)(this.config.apiKey, this.config.apiSecret));
  }

  private get rooms(): RoomServiceClient | null {
    const url = this.config.url;
    if (!url) return null;
    return (this.roomClient ??= new (sdk().RoomServiceClient)(httpUrl(url), this.config.apiKey, this.config.apiSecret));
  }

  /** Whether a media server is configured (LIVEKIT_URL): its webhooks, not the participants, report joins and leaves. */
  get mediaServer(): boolean {
    return this.config.url !== null;
  }

  /**
   * Least privilege by session type: chat publishes data only, a call audio only, video audio and video.
   * Identity is the user id, so webhooks map participants back to users. `publish` false: join and subscribe
   * only (media happens only while the session bills; setPublishing grants it in the room when billing starts).
   */
  async token(room: string, identity: string, type: SessionType, publish = true): Promise<SessionTokenGrant> {
    const { audio, video, data } = publishRights(type, publish);
    const at = new (sdk().AccessToken)(this.config.apiKey, this.config.apiSecret, { identity, ttl: TOKEN_TTL_SECONDS });
    at.addGrant({ roomJoin: true, room, ...permission(type, publish), canUpdateOwnMetadata: false });
    return {
      token: await at.toJwt(),
      room,
      identity,
      url: this.config.url,
      expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000),
      canPublishAudio: audio,
      canPublishVideo: video,
      canPublishData: data,
    };
  }

  /** Verifies the signature (JWT over the raw body's sha256); throws when unsigned or altered. */
  async verifyWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
    return this.receiver.receive(rawBody, authorization);
  }

  /**
   * Grants (billing started or resumed) or withdraws (paused) the participants' publish rights in the room, so
   * nobody publishes media or data outside billed time; a participant not in the room is fine.
   */
  async setPublishing(room: string, identities: string[], type: SessionType, publish: boolean): Promise<void> {
    const rooms = this.rooms;
    if (!rooms) return;
    await Promise.all(identities.map((id) => ignoreNotFound(rooms.updateParticipant(room, id, { permission: permission(type, publish) }))));
  }

  async openRoom(room: string): Promise<void> {
    if (!this.rooms) return;
    await this.rooms.createRoom({ name: room, emptyTimeout: 300, maxParticipants: 2 });
  }

  /** Removes both participants and deletes the room; a room or participant already gone is fine. */
  async closeRoom(room: string, identities: string[]): Promise<void> {
    const rooms = this.rooms;
    if (!rooms) return;
    await Promise.all(identities.map((id) => ignoreNotFound(rooms.removeParticipant(room, id))));
    await ignoreNotFound(rooms.deleteRoom(room));
  }
}

function publishRights(type: SessionType, publish: boolean) {
  return { audio: publish && (type === 'CALL' || type === 'VIDEO'), video: publish && type === 'VIDEO', data: publish && type === 'CHAT' };
}

/** The room permissions of a participant (LiveKit updates them as a whole). */
function permission(type: SessionType, publish: boolean) {
  const { audio, video, data } = publishRights(type, publish);
  return {
    canSubscribe: true,
    canPublish: audio || video,
    canPublishSources: [...(audio ? [sdk().TrackSource.MICROPHONE] : []), ...(video ? [sdk().TrackSource.CAMERA] : [])],
    canPublishData: data,
  };
}

async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (e instanceof sdk().TwirpError && (e.status === 404 || e.code === 'not_found')) return;
    throw e;
  }
}

function httpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}

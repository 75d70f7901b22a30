import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessToken } from 'livekit-server-sdk';

export interface FakeLiveKitCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeLiveKit {
  url: string;
  calls: FakeLiveKitCall[];
  close(): Promise<void>;
}

/** Answers RoomServiceClient's twirp calls (CreateRoom, DeleteRoom, RemoveParticipant, ListParticipants) and records them. */
export async function startFakeLiveKit(): Promise<FakeLiveKit> {
  const calls: FakeLiveKitCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const method = (req.url ?? '').replace('/twirp/livekit.RoomService/', '');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ method, body, authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (method === 'CreateRoom') return res.end(JSON.stringify({ name: body.room ?? body.name, sid: 'RM_fake' }));
      if (method === 'ListParticipants') return res.end(JSON.stringify({ participants: [] }));
      return res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Signs a webhook body as LiveKit does: a JWT whose sha256 claim is the body's hash (no `Bearer ` prefix). */
export async function signLiveKitWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

let counter = 0;
/**
 * A webhook body in LiveKit's JSON shape. `createdAt` is LiveKit's event time in seconds (default: now); `sid` is
 * the participant's connection (default `PA_<identity>`; LiveKit gives each new connection a new one).
 */
export function liveKitEvent(
  event: string,
  room: string,
  identity?: string,
  id = `EV_${Date.now()}_${++counter}`,
  opts: { createdAt?: number; sid?: string } = {},
): string {
  return JSON.stringify({
    id,
    event,
    room: { name: room, sid: `RM_${room}` },
    ...(identity ? { participant: { identity, sid: opts.sid ?? `PA_${identity}` } } : {}),
    createdAt: String(opts.createdAt ?? Math.floor(Date.now() / 1000)),
  });
}

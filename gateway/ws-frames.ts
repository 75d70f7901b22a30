import type { WebSocket } from 'ws';
import { PING_FRAME, takePing } from './keep-alive.js';
import { idleRawSocketOf } from './private-apis.js';

// graphql-ws `next` messages of a shared stream as WebSocket frames built from bytes encoded once. Every subscriber of
// a stream gets the same payload; the message differs only by the subscriber's operation id, so the payload is
// UTF-8 encoded once per event (NextPayload), the `{"id":…,"type":"next","payload":` prefix once per subscriber
// (nextPrefix), and each write copies them into one buffer with the frame headers: no string building, re-encoding
// or per-message ws sender work per subscriber (bench/README.md, live stream fan-out).

/** One event's `next` payload JSON, encoded once for every subscriber that gets it. */
export interface NextPayload {
  json: string;
  bytes: Buffer;
}

export function nextPayload(json: string): NextPayload {
  return { json, bytes: Buffer.from(json, 'utf8') };
}

/** A subscriber's `next` message prefix (its operation id escaped as JSON), encoded once. */
export function nextPrefix(id: string): Buffer {
  return Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`, 'utf8');
}

const CLOSE = 0x7d; // '}'

/** Size of an unmasked server frame header for a payload of `n` bytes (RFC 6455 §5.2). */
function headerSize(n: number): number {
  return n <= 125 ? 2 : n <= 0xffff ? 4 : 10;
}

function writeHeader(buf: Buffer, at: number, n: number): number {
  buf[at] = 0x81; // FIN, text
  if (n <= 125) {
    buf[at + 1] = n;
    return at + 2;
  }
  if (n <= 0xffff) {
    buf[at + 1] = 126;
    buf.writeUInt16BE(n, at + 2);
    return at + 4;
  }
  buf[at + 1] = 127;
  buf.writeUInt32BE(Math.floor(n / 2 ** 32), at + 2);
  buf.writeUInt32BE(n >>> 0, at + 6);
  return at + 10;
}

/**
 * The frames of a list of payloads for any prefix of one length: everything but the prefixes, which go at `at`.
 * A stream's write sends the same list to every subscriber (fanout-writer.ts), so from its second subscriber on,
 * one copy of this and one of the prefix per message replace encoding the frames anew.
 */
interface Template {
  bytes: Buffer;
  at: number[];
}

/** Templates of the payload list sent last, by prefix length (the list is never changed once sent: readonly). */
let lastPayloads: readonly NextPayload[] | null = null;
let lastUses = 0;
const templates = new Map<number, Template>();

function templateFor(prefixLength: number, payloads: readonly NextPayload[]): Template {
  let t = templates.get(prefixLength);
  if (t) return t;
  const bytes = encodeNextFrames(Buffer.alloc(prefixLength), payloads);
  const at: number[] = [];
  let offset = 0;
  for (const p of payloads) {
    const n = prefixLength + p.bytes.length + 1;
    at.push(offset + headerSize(n));
    offset += headerSize(n) + n;
  }
  templates.set(prefixLength, (t = { bytes, at }));
  return t;
}

/** encodeNextFrames for one of many subscribers getting the same list (a template from the second one on). */
function encodeShared(prefix: Buffer, payloads: readonly NextPayload[], ping: boolean): Buffer {
  if (payloads !== lastPayloads) {
    lastPayloads = payloads;
    lastUses = 0;
    templates.clear();
  }
  if (++lastUses === 1) return encodeNextFrames(prefix, payloads, ping);
  const t = templateFor(prefix.length, payloads);
  const buf = Buffer.allocUnsafe(t.bytes.length + (ping ? PING_FRAME.length : 0));
  buf.set(t.bytes, 0);
  for (const at of t.at) buf.set(prefix, at);
  if (ping) buf.set(PING_FRAME, t.bytes.length);
  return buf;
}

/**
 * The text frames of `next` messages `prefix + payload + '}'`, one after the other in one buffer, and a ping frame
 * after them when `ping` (a keep-alive ping that is due, gateway/keep-alive.ts).
 */
export function encodeNextFrames(prefix: Buffer, payloads: readonly NextPayload[], ping = false): Buffer {
  let size = ping ? PING_FRAME.length : 0;
  for (const p of payloads) {
    const n = prefix.length + p.bytes.length + 1;
    size += headerSize(n) + n;
  }
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of payloads) {
    at = writeHeader(buf, at, prefix.length + p.bytes.length + 1);
    // TypedArray set: a native copy without Buffer#copy's argument handling (a few % of a 10,000-viewer write).
    buf.set(prefix, at);
    at += prefix.length;
    buf.set(p.bytes, at);
    at += p.bytes.length;
    buf[at++] = CLOSE;
  }
  if (ping) buf.set(PING_FRAME, at);
  return buf;
}

/**
 * Writes `next` messages to a client in order, in one write: pre-encoded frames on the TCP socket when ws's sender
 * is idle (the usual case), with the client's keep-alive ping when one is due, else through ws, one `send` each.
 */
export function sendNextFrames(socket: WebSocket, prefix: Buffer, payloads: readonly NextPayload[]): void {
  const raw = idleRawSocketOf(socket);
  if (raw) {
    raw.write(encodeShared(prefix, payloads, takePing(socket)));
    return;
  }
  const head = prefix.toString('utf8');
  for (const p of payloads) socket.send(head + p.json + '}');
}

// A minimal graphql-transport-ws client over a `net` socket, for the load generator of bench:stream
// (bench/stream-viewers.ts): one connection, one subscription, and as little CPU per received message as a correct
// client can spend. Node reads every socket into ONE shared buffer (`net.connect`'s documented `onread` option: no
// per-read Buffer, no stream machinery, no 'data' event); frames are parsed in place (RFC 6455 §5.2: server frames
// unmasked, 7/16/64-bit lengths, control frames), a frame split across reads is kept in a per-connection copy.
// A `next` for this connection's operation id is recognised by its bytes (`{"id":"<opId>","type":"next","payload":`
// … `}`) and handed over as a range of the read buffer, valid only during the call; any other text message is
// parsed as JSON. Pings are answered with pongs (graphql-ws's server ends a connection that misses one). What it
// sends (upgrade request, connection_init, subscribe, pongs, close) is masked as RFC 6455 requires of clients, and
// the upgrade answer's Sec-WebSocket-Accept and subprotocol are checked.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

export interface ViewerOptions {
  host: string;
  port: number;
  path: string;
  /** The subscription's operation id. */
  opId: string;
  /** connection_init payload. */
  init: Record<string, unknown>;
  /** subscribe payload, sent on connection_ack. */
  subscribe: { query: string; variables: Record<string, unknown> };
  onAck(): void;
  /** A `next` for opId: its payload JSON is data[from, to) (the read buffer: copy what you keep). `now` is Date.now(). */
  onNext(data: Buffer, from: number, to: number, now: number): void;
  /** Any other message (its text and its `type`). */
  onOther(text: string, type: string | undefined): void;
  /** The connection ended (a close frame's code and reason, or 1006 when the socket just closed). Called once. */
  onClose(code: number, reason: string): void;
}

export interface ViewerConnection {
  destroy(): void;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const HEADER_END = Buffer.from('\r\n\r\n');
const CLOSE_BRACE = 0x7d;

/** A masked client frame (FIN, `opcode`) carrying `payload`. */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n <= 125 ? 2 : n <= 0xffff ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + n);
  out[0] = 0x80 | opcode;
  if (n <= 125) out[1] = 0x80 | n;
  else if (n <= 0xffff) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    out.writeUInt32BE(n >>> 0, 6);
  }
  const mask = randomBytes(4);
  mask.copy(out, head);
  for (let i = 0; i < n; i++) out[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

export function connectViewer(o: ViewerOptions): ViewerConnection {
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  const nextHead = Buffer.from(`{"id":${JSON.stringify(o.opId)},"type":"next","payload":`);
  let upgraded = false;
  let closed = false;
  /** Bytes of an incomplete frame (or of the upgrade answer) from earlier reads. */
  let pending: Buffer | null = null;
  const sendText = (value: unknown) => socket.write(clientFrame(0x1, Buffer.from(JSON.stringify(value))));
  const end = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    socket.destroy();
    o.onClose(code, reason);
  };

  const onMessage = (data: Buffer, from: number, to: number, now: number) => {
    const n = nextHead.length;
    if (to - from > n && data[to - 1] === CLOSE_BRACE && data.compare(nextHead, 0, n, from, from + n) === 0) {
      o.onNext(data, from + n, to - 1, now);
      return;
    }
    const text = data.toString('utf8', from, to);
    let m: { type?: string; id?: string };
    try {
      m = JSON.parse(text) as typeof m;
    } catch {
      o.onOther(text, undefined);
      return;
    }
    if (m.type === 'connection_ack') {
      sendText({ id: o.opId, type: 'subscribe', payload: o.subscribe });
      o.onAck();
    } else if (m.type === 'ping') sendText({ type: 'pong' });
    else if (m.type !== 'pong') o.onOther(text, m.type);
  };

  /** Parses the frames in data[0, length); returns where the first incomplete one starts. */
  const frames = (data: Buffer, length: number): number => {
    const now = Date.now();
    let at = 0;
    while (!closed && length - at >= 2) {
      const b0 = data[at]!;
      const b1 = data[at + 1]!;
      let n = b1 & 0x7f;
      let head = 2;
      if (n === 126) {
        if (length - at < 4) break;
        n = data.readUInt16BE(at + 2);
        head = 4;
      } else if (n === 127) {
        if (length - at < 10) break;
        n = data.readUInt32BE(at + 2) * 2 ** 32 + data.readUInt32BE(at + 6);
        head = 10;
      }
      if (length - at - head < n) break;
      const from = at + head;
      const to = from + n;
      at = to;
      const opcode = b0 & 0x0f;
      if (b1 & 0x80 || !(b0 & 0x80) || opcode === 0x0 || opcode === 0x2) {
        // Masked, fragmented or binary: graphql-ws's server sends none of these.
        o.onOther(`unexpected frame 0x${b0.toString(16)} 0x${b1.toString(16)}`, undefined);
        end(1002, 'unexpected frame');
      } else if (opcode === 0x1) onMessage(data, from, to, now);
      else if (opcode === 0x9) socket.write(clientFrame(0xa, Buffer.from(data.subarray(from, to))));
      else if (opcode === 0x8) {
        const code = n >= 2 ? data.readUInt16BE(from) : 1005;
        const reason = n > 2 ? data.toString('utf8', from + 2, to) : '';
        socket.write(clientFrame(0x8, Buffer.from(data.subarray(from, Math.min(to, from + 2)))));
        end(code, reason);
      }
    }
    return at;
  };

  const upgrade = (data: Buffer): Buffer | null => {
    const at = data.indexOf(HEADER_END);
    if (at < 0) return data;
    const lines = data.toString('latin1', 0, at).split('\r\n');
    const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    if (!/^HTTP\/1\.1 101 /.test(lines[0]!) || headers.get('sec-websocket-accept') !== accept || headers.get('sec-websocket-protocol') !== 'graphql-transport-ws') {
      end(1006, `upgrade refused: ${lines[0]}`);
      return null;
    }
    upgraded = true;
    sendText({ type: 'connection_init', payload: o.init });
    return data.subarray(at + HEADER_END.length);
  };

  const onRead = (nread: number, buf: Buffer): boolean => {
    if (closed) return false;
    let data = buf;
    let length = nread;
    if (pending) {
      data = Buffer.concat([pending, buf.subarray(0, nread)]);
      length = data.length;
      pending = null;
    }
    if (!upgraded) {
      const rest = upgrade(data.subarray(0, length));
      if (!rest) return false;
      if (!upgraded) {
        pending = Buffer.from(rest);
        return true;
      }
      data = rest;
      length = rest.length;
    }
    const used = frames(data, length);
    if (used < length && !closed) pending = Buffer.from(data.subarray(used, length));
    return true;
  };

  const socket = net.connect({ host: o.host, port: o.port, noDelay: true, onread: { buffer: READ_BUFFER, callback: onRead } });
  socket.on('connect', () => {
    socket.write(
      `GET ${o.path} HTTP/1.1\r\nHost: ${o.host}:${o.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
    );
  });
  socket.on('error', () => {});
  socket.on('close', () => end(1006, ''));
  return {
    destroy: () => {
      closed = true;
      socket.destroy();
    },
  };
}

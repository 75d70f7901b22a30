import type { WebSocket, WebSocketServer } from 'ws';

// Keep-alive pings to the gateway's graphql-ws clients, in place of graphql-ws's own (use/ws `keepAlive`: a timer per
// socket, a pong timer and a `once('pong')` listener per ping, and each ping a socket write of its own). Here one
// timer walks the sockets in slices, so 10,000 stream viewers are not 10,000 timers; and a socket that a stream's
// fan-out writes to (gateway/ws-frames.ts) gets its ping appended to that write, without a syscall of its own.
// Semantics kept: every socket is pinged about every `intervalMs`, and one that has not answered the previous ping
// by its next turn (at least 0.7 × intervalMs later) is terminated.

/** A ping frame with no payload (RFC 6455 §5.5.2: FIN, opcode 0x9, unmasked server frame, length 0). */
export const PING_FRAME: Readonly<Buffer> = Buffer.from([0x89, 0x00]);

/** The sockets are walked in this many slices per interval, one slice per tick. */
const SLICES = 10;
/**
 * Ticks a due ping waits for a write to carry it before it is sent on its own: a 10,000-viewer stream writes to
 * each viewer every few hundred ms, slower on a loaded machine. The pong then still has ≥ 0.7 × the interval.
 */
const CARRY_TICKS = 3;

interface Entry {
  socket: WebSocket;
  /** Its turn came: the next write to it may carry the ping (else the next tick sends it). */
  due: boolean;
  /** A ping was sent and no pong has come back since. */
  awaiting: boolean;
}

const OPEN = 1;
const entries = new WeakMap<WebSocket, Entry>();

/**
 * Whether a write to `socket` about to be made should carry a ping frame (PING_FRAME) at its end: true once per
 * ping that is due; the caller must then write it.
 */
export function takePing(socket: WebSocket): boolean {
  const e = entries.get(socket);
  if (!e?.due) return false;
  e.due = false;
  e.awaiting = true;
  return true;
}

export class ClientKeepAlive {
  private readonly sockets = new Set<Entry>();
  /** This round's sockets (those open when it began: a round is SLICES ticks), and the ticks it has had. */
  private round: Entry[] = [];
  private ticks = 0;
  /** The sockets whose turn came at each of the last CARRY_TICKS ticks, oldest first. */
  private marked: Entry[][] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly onConnection = (socket: WebSocket) => this.add(socket);

  constructor(
    private readonly wss: WebSocketServer,
    intervalMs: number,
  ) {
    wss.on('connection', this.onConnection);
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.floor(intervalMs / SLICES)));
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.wss.off('connection', this.onConnection);
  }

  private add(socket: WebSocket) {
    const e: Entry = { socket, due: false, awaiting: false };
    entries.set(socket, e);
    this.sockets.add(e);
    socket.on('pong', () => {
      e.awaiting = false;
    });
    socket.once('close', () => {
      this.sockets.delete(e);
      entries.delete(socket);
    });
  }

  private tick() {
    // Pings due for CARRY_TICKS ticks that no write carried: sent on their own.
    for (const e of this.marked.length >= CARRY_TICKS ? this.marked.shift()! : []) {
      if (!e.due) continue;
      e.due = false;
      if (e.socket.readyState !== OPEN) continue;
      e.awaiting = true;
      e.socket.ping();
    }
    const marked: Entry[] = [];
    this.marked.push(marked);
    if (this.ticks === SLICES) this.ticks = 0;
    if (this.ticks === 0) this.round = [...this.sockets];
    const per = Math.ceil(this.round.length / SLICES);
    const slice = this.round.slice(this.ticks * per, ++this.ticks * per);
    for (const e of slice) {
      if (e.socket.readyState !== OPEN) continue;
      if (e.awaiting) {
        // No pong for the ping of its last turn: the client is gone or stuck.
        e.socket.terminate();
        continue;
      }
      e.due = true;
      marked.push(e);
    }
  }
}

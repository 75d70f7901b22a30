import { mkdir } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { literal, query, QUERY, startupSettings } from './pg-wire.js';
import { openLocalSession, openThreadedSession, type PgSession } from './pglite-session.js';
import { errorField, logger } from '../logger.js';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port so the
 * ordinary pg driver reaches it. PGlite is ONE database session; the server below shares it between any number
 * of client connections the way a connection pooler in transaction mode would (see SessionMultiplexer). Fine
 * for the demo and the test fallback, not for load (see STACK.md); set DATABASE_URL for real PostgreSQL.
 *
 * `dataDir` null keeps the database in memory (tests); a folder persists it (npm start). `thread`: PGlite runs in a
 * worker thread (npm start: it opens while the main thread loads the application; see pglite-session.ts).
 */
export async function startEmbeddedPostgres(dataDir: string | null, port = 0, options: { thread?: boolean } = {}): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = options.thread ? await openThreadedSession(dataDir) : await openLocalSession(dataDir);
  const mux = new SessionMultiplexer(db);
  const server = createServer((socket) => mux.accept(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as { port: number }).port;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    async stop() {
      await closeServer(server, mux);
      await db.close();
    },
  };
}

async function closeServer(server: Server, mux: SessionMultiplexer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await mux.close();
  await closed;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types that end a unit of work in the protocol: the server answers them with ReadyForQuery. */
const SYNC = 0x53; // 'S'
const TERMINATE = 0x58; // 'X'
const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const DESCRIBE = 0x44; // 'D'
const CLOSE = 0x43; // 'C'
const EXECUTE = 0x45; // 'E'

interface Message {
  bytes: Buffer;
  /** SQL that may change session settings (SET, RESET, DISCARD, set_config). */
  setsSession: boolean;
}

class Connection {
  readonly id: number;
  /** Bytes received and not yet split into messages. */
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  /** The startup packet, until it has run (PGlite takes it alone). */
  startup: Buffer | null = null;
  /** Complete typed messages waiting to run. */
  pending: Message[] = [];
  /** Messages of an extended-protocol unit have run and its Sync has not yet: the session is this connection's. */
  midUnit = false;
  /** Named prepared statements this connection created (under their session-wide names). */
  statements = new Set<string>();
  /**
   * The session settings this connection expects: its startup packet's `-c name=value` options (e.g. search_path), then,
   * after it ran SQL that changes settings (SET, set_config…), every setting its session had then. Applied while it
   * owns the session, on a session reset to its defaults first.
   */
  settings: Array<[string, string]> = [];
  /** It ran SQL that may have changed settings: read them back when it releases the session. */
  changedSettings = false;
  closed = false;
  constructor(
    readonly socket: Socket,
    id: number,
  ) {
    this.id = id;
  }
  /** Session-wide name of a client's statement or portal name (the unnamed one stays unnamed). */
  rename(name: string): string {
    return name === '' ? '' : `c${this.id}_${name}`;
  }
}

/**
 * Shares PGlite's single session between many pg connections without letting them see each other's state:
 * - a connection gets the session for a whole protocol unit (Parse/Bind/Describe/Execute up to Sync, or one simple
 *   Query) and keeps it while a transaction block is open; other connections queue meanwhile. Interleaving single
 *   messages of different connections (what @electric-sql/pglite-socket 0.2 does) lets one connection's Bind or Sync
 *   replace or close another's unnamed statement and portal: `portal "" does not exist`, rows of the wrong query,
 *   and a pool's queries running inside another connection's transaction;
 * - named prepared statements and portals are renamed per connection (graphile-worker prepares the same names on
 *   every connection: `prepared statement "…" already exists`) and deallocated when the connection closes;
 * - settings are per connection: the startup packet's `-c name=value` options (a test's search_path), since PGlite
 *   ignores them, and what its own SET left, are applied on a reset session when the connection takes it (a
 *   connection without either gets the defaults, never the last owner's search_path); a connection closing inside a
 *   transaction has it rolled back.
 * Not emulated: row locks and isolation between connections (transactions run one after another, so a
 * transaction that waits for another connection waits until its own ends), other session state set with SQL
 * (PREPARE, LISTEN) is shared, and NOTIFY is not delivered to other connections (graphile-worker polls).
 */
class SessionMultiplexer {
  private nextId = 1;
  private readonly connections = new Set<Connection>();
  private owner: Connection | null = null;
  private readonly waiting: Connection[] = [];
  private running: Promise<void> | null = null;
  /** Connection whose settings the session currently has (null: the defaults, or unknown while one runs SET). */
  private settingsOf: Connection | null = null;
  /** The session may differ from its default settings (someone's startup options or SET). */
  private customized = false;
  private closing = false;

  constructor(private readonly db: PgSession) {}

  accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const conn = new Connection(socket, this.nextId++);
    this.connections.add(conn);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.receive(conn, data));
    socket.on('error', () => this.disconnect(conn));
    socket.on('close', () => this.disconnect(conn));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const conn of this.connections) conn.socket.destroy();
    // PGlite closes next: let the unit in flight finish, then nothing more runs.
    while (this.running) await this.running;
  }

  private receive(conn: Connection, data: Buffer): void {
    if (conn.closed) return;
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, data]) : data;
    try {
      this.split(conn);
    } catch {
      conn.socket.destroy();
      return;
    }
    if (conn.startup || conn.pending.length) this.request(conn);
  }

  /** Splits the received bytes into complete messages; answers SSL/GSS requests and drops cancel requests. */
  private split(conn: Connection): void {
    let buf = conn.buffer;
    while (true) {
      if (!conn.started) {
        if (buf.length < 8) break;
        const len = buf.readInt32BE(0);
        if (len < 8 || len > 10_000) throw new Error('bad startup packet');
        if (buf.length < len) break;
        const code = buf.readInt32BE(4);
        const packet = buf.subarray(0, len);
        buf = buf.subarray(len);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          conn.socket.write('N');
        } else if (code === CANCEL_REQUEST) {
          // PGlite cannot interrupt a running query: a cancel request does nothing, as its protocol allows.
          conn.socket.end();
          break;
        } else {
          conn.settings = startupSettings(packet);
          conn.started = true;
          conn.startup = Buffer.from(packet);
        }
        continue;
      }
      if (buf.length < 5) break;
      const len = 1 + buf.readInt32BE(1);
      if (len < 5) throw new Error('bad message length');
      if (buf.length < len) break;
      conn.pending.push(this.rewrite(conn, Buffer.from(buf.subarray(0, len))));
      buf = buf.subarray(len);
    }
    conn.buffer = buf;
  }

  /** Renames the statement and portal names in a message to this connection's own, and notes SET-like SQL. */
  private rewrite(conn: Connection, msg: Buffer): Message {
    const type = msg[0];
    const body = msg.subarray(5);
    if (type === PARSE || type === QUERY) {
      const at = type === PARSE ? body.indexOf(0) + 1 : 0;
      const end = body.indexOf(0, at);
      const sql = body.toString('utf8', at, end < 0 ? body.length : end);
      return { bytes: this.rename(conn, msg), setsSession: /(^|;)\s*(set|reset|discard)\b|set_config\s*\(/i.test(sql) };
    }
    return { bytes: this.rename(conn, msg), setsSession: false };
  }

  private rename(conn: Connection, msg: Buffer): Buffer {
    const type = msg[0];
    const body = msg.subarray(5);
    const cstr = (at: number): [string, number] => {
      const end = body.indexOf(0, at);
      if (end < 0) throw new Error('unterminated string');
      return [body.toString('utf8', at, end), end + 1];
    };
    const build = (parts: Array<Buffer | string>): Buffer => {
      const chunks = parts.map((p) => (typeof p === 'string' ? Buffer.from(`${p}\0`, 'utf8') : p));
      const size = chunks.reduce((n, c) => n + c.length, 0);
      const header = Buffer.alloc(5);
      header[0] = type;
      header.writeInt32BE(4 + size, 1);
      return Buffer.concat([header, ...chunks]);
    };
    switch (type) {
      case PARSE: {
        const [name, at] = cstr(0);
        if (!name) return msg;
        conn.statements.add(conn.rename(name));
        return build([conn.rename(name), body.subarray(at)]);
      }
      case BIND: {
        const [portal, at] = cstr(0);
        const [statement, rest] = cstr(at);
        if (!portal && !statement) return msg;
        return build([conn.rename(portal), conn.rename(statement), body.subarray(rest)]);
      }
      case DESCRIBE:
      case CLOSE: {
        const [name, rest] = cstr(1);
        if (!name) return msg;
        if (type === CLOSE && body[0] === 0x53) conn.statements.delete(conn.rename(name));
        return build([body.subarray(0, 1), conn.rename(name), body.subarray(rest)]);
      }
      case EXECUTE: {
        const [portal, rest] = cstr(0);
        if (!portal) return msg;
        return build([conn.rename(portal), body.subarray(rest)]);
      }
      default:
        return msg;
    }
  }

  private request(conn: Connection): void {
    if (conn !== this.owner && !this.waiting.includes(conn)) this.waiting.push(conn);
    this.kick();
  }

  private disconnect(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    conn.pending = [];
    conn.startup = null;
    conn.buffer = Buffer.alloc(0);
    this.connections.delete(conn);
    if (!conn.socket.destroyed) conn.socket.destroy();
    // Its leftovers (open transaction, prepared statements) are cleaned up when it gets the session.
    if (conn === this.owner || conn.statements.size > 0) this.request(conn);
    else {
      const i = this.waiting.indexOf(conn);
      if (i >= 0) this.waiting.splice(i, 1);
    }
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop()
      .catch((e: unknown) => logger('db').error(errorField(e), 'embedded database session loop failed'))
      .finally(() => {
        this.running = null;
        // Work that arrived after the loop's last look (not: others waiting while the owner has nothing to run).
        const owner = this.owner;
        if (this.closing) return;
        if (owner ? owner.closed || owner.startup || owner.pending.length : this.waiting.length) this.kick();
      });
  }

  private async loop(): Promise<void> {
    while (!this.closing) {
      if (!this.owner) {
        const next = this.waiting.shift();
        if (!next) return;
        this.owner = next;
        if (!next.closed && this.settingsOf !== next && (this.customized || next.settings.length)) {
          // Back to the defaults, then this connection's own settings: nobody runs with another's search_path.
          const set = next.settings.map(([k, v]) => query(`SELECT set_config(${literal(k)}, ${literal(v)}, false)`));
          await this.run(Buffer.concat([...(this.customized ? [query('RESET ALL')] : []), ...set]), null);
          this.settingsOf = next;
          this.customized = next.settings.length > 0;
        }
      }
      const conn = this.owner;
      if (conn.closed) {
        await this.cleanup(conn);
        this.owner = null;
        continue;
      }
      if (conn.startup) {
        const packet = conn.startup;
        conn.startup = null;
        await this.run(packet, conn);
      } else {
        // One unit: messages up to and including the first Sync or Query (or all there are, if it has not come yet).
        const end = conn.pending.findIndex((m) => m.bytes[0] === SYNC || m.bytes[0] === QUERY || m.bytes[0] === TERMINATE);
        const unit = end < 0 ? conn.pending.splice(0) : conn.pending.splice(0, end + 1);
        if (!unit.length) return; // the owner is inside a transaction or a unit: everyone waits for its next message
        const last = unit[unit.length - 1].bytes[0];
        if (last === TERMINATE) unit.pop();
        if (unit.length) {
          conn.midUnit = true;
          await this.run(Buffer.concat(unit.map((m) => m.bytes)), conn);
          if (unit.some((m) => m.setsSession)) {
            conn.changedSettings = true;
            this.customized = true;
          }
          conn.midUnit = !(last === SYNC || last === QUERY);
        }
        if (last === TERMINATE) {
          conn.socket.end();
          this.disconnect(conn);
        }
      }
      if (conn.closed) continue; // cleaned up above, while it still holds the session
      if (!conn.midUnit && !this.db.isInTransaction()) {
        if (conn.changedSettings) {
          // What its SET left (a transaction's SET LOCAL is gone by now) is what it expects on its next turn.
          conn.changedSettings = false;
          const rows = await this.db.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE source = 'session'`);
          conn.settings = rows.map((r) => [r.name, r.setting]);
          this.settingsOf = conn;
        }
        this.owner = null;
        if (conn.pending.length) this.waiting.push(conn);
      }
    }
  }

  /** Runs raw protocol bytes on the session, sending the answer to `conn` (null: discarded). */
  private async run(bytes: Buffer, conn: Connection | null): Promise<void> {
    await this.db.exec(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), (data: Uint8Array) => {
      if (conn && !conn.closed && conn.socket.writable && data.length) conn.socket.write(Buffer.from(data));
    });
  }

  /** A connection that went away: finish its unit, roll back its transaction, drop its prepared statements. */
  private async cleanup(conn: Connection): Promise<void> {
    if (conn === this.owner) {
      if (conn.midUnit) await this.run(Buffer.from([SYNC, 0, 0, 0, 4]), null);
      conn.midUnit = false;
      if (this.db.isInTransaction()) await this.run(query('ROLLBACK'), null);
    }
    if (conn.statements.size) {
      const names = [...conn.statements];
      conn.statements.clear();
      // One Query each: a failed one (a statement whose Parse failed) does not skip the rest.
      await this.run(Buffer.concat(names.map((n) => query(`DEALLOCATE "${n.replace(/"/g, '""')}"`))), null);
    }
  }
}

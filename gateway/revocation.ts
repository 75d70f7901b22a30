import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { Role } from '../shared/context.js';
import type { PubSub } from '../shared/pubsub.js';
import { AppError, internal, unauthenticated, withCode } from '../shared/errors.js';
import { logger, errorField } from '../shared/logger.js';
import { AUTH_CHANGED_TOPIC, AUTH_HEARTBEAT_TOPIC, type AuthChangedEvent, type Heartbeat } from '../shared/auth/auth-state.js';
import type { AuthStates } from './auth-state.js';
import type { IdentityService } from './identity.js';

/** Close code of a socket whose user's access was revoked (suspended, banned, logged out everywhere, role changed). */
export const CLOSE_REVOKED = 4403;

/** The periodic re-check walks the watched users in this many slices per `ttlMs`, one slice per tick. */
const SWEEP_SLICES = 10;

/** A graphql-ws client connection with a signed-in viewer, as the subscription server registers it. */
export interface WatchedConnection {
  userId: string;
  /** The access token the connection was opened with, and the role it was authorized with. */
  token: string;
  role: Role;
  /** An admin's roles when it connected (comma-joined); a change revokes the socket like a role change. */
  adminRoles?: string;
  /** Ends every running operation with this error, then closes the socket with CLOSE_REVOKED. */
  revoke(error: AppError): void;
}

/**
 * Takes revocations to the gateway's users at once. Each auth-changed event (published by accounts after commit,
 * through Redis to every gateway instance) drops the user's cached auth state, so the next HTTP request looks it
 * up again, and re-checks that user's open sockets: a token now refused, or a role that changed, ends the
 * connection's subscriptions with a coded error and closes it with 4403. About every `ttlMs` the open sockets are
 * re-checked as well (batched lookups of the states not cached), which bounds the delay if an event was lost: the
 * users are walked in slices spread over the period (10,000 viewers of a stream are not 10,000 checks in one turn
 * of the event loop), and a user whose connections were already checked against the very cached state the check
 * would read now (not invalidated, not looked up again, not due for a refresh: AuthStates.settled) is skipped, as
 * the check could only give the same answer.
 *
 * Whether the events arrive is watched, for the auth states' lifetime (auth-state.ts, `eventsLive`): every
 * `heartbeatMs` this instance publishes a heartbeat on AUTH_HEARTBEAT_TOPIC (over the same subscriber connection
 * as the events, subscribed again with them after a reconnection) and expects it back. The events count as
 * arriving once a heartbeat sent after the last gap came back; a gap is a lost subscriber connection (`onGap`) or a
 * heartbeat not back within `heartbeatTimeoutMs`.
 */
export class Revocations {
  private readonly byUser = new Map<string, Set<WatchedConnection>>();
  /** When each user's last event arrived here (kept a minute): a connection authenticated meanwhile is re-checked. */
  private readonly recent = new Map<string, number>();
  private readonly events: AsyncIterableIterator<AuthChangedEvent | Heartbeat> | null;
  private readonly sweep: NodeJS.Timeout;
  /** The periodic re-check's round: the users watched when it began (a round is SWEEP_SLICES ticks), its ticks. */
  private round: string[] = [];
  private ticks = 0;
  /** The settled auth state each user's connections were last found valid against (AuthStates.settled). */
  private readonly checkedAgainst = new Map<string, object>();
  private readonly heartbeat: NodeJS.Timeout | null = null;
  private readonly offGap: (() => void) | undefined;
  private readonly instance = randomUUID();
  /** Heartbeats sent; the last one sent when a gap began (only a later one proves the events arrive again). */
  private sent = 0;
  private sentAtGap = 0;
  private lastBack = 0;
  /** When the heartbeat timer last ran: a late run means this process was stalled, not that the events stopped. */
  private lastTick = Date.now();
  private live = false;
  private closed = false;

  constructor(
    private readonly identity: IdentityService,
    private readonly states: AuthStates,
    private readonly pubsub: PubSub | null,
    options: { heartbeatMs?: number; heartbeatTimeoutMs?: number } = {},
  ) {
    this.events = pubsub ? pubsub.subscribe<AuthChangedEvent | Heartbeat>([AUTH_CHANGED_TOPIC, AUTH_HEARTBEAT_TOPIC], { counted: false }) : null;
    if (this.events) {
      void this.listen(this.events);
      const every = options.heartbeatMs ?? 2_000;
      const timeout = options.heartbeatTimeoutMs ?? Math.max(5_000, 3 * every);
      this.offGap = pubsub!.onGap?.(() => this.gap('pub/sub connection lost'));
      this.beat();
      this.heartbeat = setInterval(() => {
        const now = Date.now();
        // After a stall (timers run before the socket is read), the heartbeats that came back meanwhile are not
        // read yet: judge only on a timely tick.
        const stalled = now - this.lastTick > 2 * every;
        this.lastTick = now;
        if (this.live && !stalled && now - this.lastBack > timeout) this.gap(`no heartbeat back for ${timeout} ms`);
        this.beat();
      }, every);
      this.heartbeat.unref();
    }
    this.sweep = setInterval(() => this.sweepSlice(), Math.max(1, Math.floor(states.ttlMs / SWEEP_SLICES)));
    this.sweep.unref();
  }

  /** One slice of the periodic re-check: a round walks every watched user in SWEEP_SLICES ticks (one ttlMs). */
  private sweepSlice() {
    if (this.ticks === SWEEP_SLICES) this.ticks = 0;
    if (this.ticks === 0) {
      const cutoff = Date.now() - 60_000;
      for (const [userId, at] of this.recent) if (at < cutoff) this.recent.delete(userId);
      this.round = [...this.byUser.keys()];
    }
    const per = Math.ceil(this.round.length / SWEEP_SLICES);
    for (const userId of this.round.slice(this.ticks * per, ++this.ticks * per)) void this.check(userId, false);
  }

  private beat() {
    const beat: Heartbeat = { heartbeat: this.instance, seq: ++this.sent };
    // A failed publish (Redis down) shows as the heartbeat not coming back.
    this.pubsub!.publish(AUTH_HEARTBEAT_TOPIC, beat).catch(() => {});
  }

  /** Events may have been lost: the auth states fall back to the short lifetime until a later heartbeat is back. */
  private gap(why: string) {
    this.sentAtGap = this.sent;
    if (!this.live || this.closed) return;
    this.live = false;
    this.states.eventsLive(false);
    logger('gateway').warn({ why }, 'auth-changed events may be lost: auth states are kept only briefly until they are confirmed again');
  }

  private heartbeatBack(beat: Heartbeat) {
    if (beat.heartbeat !== this.instance) return;
    this.lastBack = Date.now();
    if (this.live || beat.seq <= this.sentAtGap) return;
    this.live = true;
    this.states.eventsLive(true);
  }

  /** Registers a connection authenticated from `authenticatedAt` (ms); returns its unregistration. */
  watch(connection: WatchedConnection, authenticatedAt: number): () => void {
    let set = this.byUser.get(connection.userId);
    if (!set) this.byUser.set(connection.userId, (set = new Set()));
    set.add(connection);
    // An event that arrived while this connection was being authenticated may have found it not yet registered.
    if ((this.recent.get(connection.userId) ?? -Infinity) >= authenticatedAt) void this.check(connection.userId, true);
    return () => {
      const s = this.byUser.get(connection.userId);
      if (s?.delete(connection) && !s.size) {
        this.byUser.delete(connection.userId);
        this.checkedAgainst.delete(connection.userId);
      }
    };
  }

  /**
   * Watches a graphql-ws connection opened with this Authorization value: when revoked, it refuses new operations
   * (`revoked`), ends its running ones (`live`) with the coded error and closes with 4403.
   */
  watchSocket(
    connection: { viewer: { id: string; role: Role; adminRoles?: readonly string[] }; socket: WebSocket; live: Set<(result: ExecutionResult) => Promise<void>>; revoked?: AppError },
    authorization: string,
    authenticatedAt: number,
  ): () => void {
    return this.watch(
      {
        userId: connection.viewer.id,
        token: authorization.trim().replace(/^Bearer\s+/i, ''),
        role: connection.viewer.role,
        adminRoles: (connection.viewer.adminRoles ?? []).join(','),
        revoke: (error) => {
          if (connection.revoked) return;
          connection.revoked = socketError(error);
          void closeRevoked(connection.socket, (result) => Promise.all([...connection.live].map((end) => end(result))), error);
        },
      },
      authenticatedAt,
    );
  }

  /** Sockets watched (tests). */
  watched(): number {
    let n = 0;
    for (const s of this.byUser.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweep);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.offGap?.();
    await this.events?.return?.();
  }

  /** Applies one auth-changed event (from pub/sub). */
  changed(userId: string): Promise<void> {
    this.recent.set(userId, Date.now());
    this.states.invalidate(userId);
    return this.check(userId, true);
  }

  private async listen(events: AsyncIterableIterator<AuthChangedEvent | Heartbeat>) {
    try {
      for await (const event of events) {
        if (event && typeof (event as AuthChangedEvent).userId === 'string') void this.changed((event as AuthChangedEvent).userId);
        else if (event && typeof (event as Heartbeat).heartbeat === 'string') this.heartbeatBack(event as Heartbeat);
      }
    } catch (error) {
      logger('gateway').error(errorField(error), 'auth-changed events stopped: revocations now wait for the periodic re-check');
    }
    // Stopped (closed, or failed): nothing arrives any more.
    this.gap('auth-changed events stopped');
  }

  /**
   * Re-checks the user's connections. After an event (`strict`) a failed lookup also revokes them; on the periodic
   * sweep it keeps them (the cached state stays usable a while when accounts cannot be reached), and skips them
   * when they were found valid against the same settled state (a connection registered since was authenticated
   * against that state or a later one, see `checkedAgainst`).
   */
  private async check(userId: string, strict: boolean) {
    const connections = this.byUser.get(userId);
    if (!connections?.size) return;
    const settled = this.states.settled(userId);
    if (!strict && settled && this.checkedAgainst.get(userId) === settled) return;
    await Promise.all(
      [...connections].map(async (c) => {
        try {
          const viewer = await this.identity.viewerFromToken(c.token);
          if (viewer.role !== c.role || (c.adminRoles !== undefined && (viewer.adminRoles ?? []).join(',') !== c.adminRoles)) {
            c.revoke(unauthenticated('The role of this account changed; connect again.', { reason: 'ROLE_CHANGED' }));
          }
        } catch (error) {
          const reason = (error as AppError).extensions?.reason;
          if (reason === 'AUTH_UNAVAILABLE' && !strict) return;
          // Expired tokens are closed with 4401 by the connection's own timer.
          if (reason === 'TOKEN_EXPIRED') return;
          c.revoke(error instanceof AppError ? error : internal('This connection could not be checked.'));
        }
      }),
    );
    // Each check above read this same cached state (get answers from it while it stays settled).
    if (settled && this.states.settled(userId) === settled && this.byUser.has(userId)) this.checkedAgainst.set(userId, settled);
  }
}

/**
 * Ends a connection whose access was revoked: each running operation delivers `{ errors: [error] }` and completes
 * (`endOperations` resolves when graphql-ws has taken the last message of each, at most after a second), then the
 * socket closes with 4403 and the error's message as the reason.
 */
export async function closeRevoked(socket: WebSocket, endOperations: (result: ExecutionResult) => Promise<unknown>, error: AppError): Promise<void> {
  const coded = socketError(error);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([endOperations({ errors: [coded] }), new Promise((r) => (timer = setTimeout(r, 1_000)))]);
  clearTimeout(timer);
  // graphql-ws writes each operation's `complete` a few microtasks after its iterator ends.
  await new Promise((r) => setImmediate(r));
  if (socket.readyState === 0 || socket.readyState === 1) socket.close(CLOSE_REVOKED, `Forbidden: ${error.message}`.slice(0, 123));
}

/** The same error without the HTTP status hint of the HTTP path (`extensions.http`), for socket messages. */
export function socketError(error: AppError): AppError {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return withCode(error.code, error.message, extensions);
}

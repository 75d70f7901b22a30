import type { Role } from '../shared/context.js';
import { AppError, serviceUnavailable, unauthenticated } from '../shared/errors.js';
import { logger, errorField } from '../shared/logger.js';
import {
  AUTH_STATE_PATH,
  INTERNAL_CALL_HEADER,
  MAX_AUTH_STATE_IDS,
  signInternalCall,
  type AuthState,
} from '../shared/auth/auth-state.js';
import { httpTransport, type RawSend } from './subgraph-http.js';

export interface AuthStateOptions {
  /** The current states of these users (unknown users absent): one call per batch. */
  lookup(ids: string[]): Promise<Record<string, AuthState>>;
  /**
   * How long a looked-up state is used without asking again while auth-changed events are not known to arrive
   * (no pub/sub, a lost connection, not yet confirmed): the safety net for lost events. Default 10 s.
   */
  ttlMs?: number;
  /**
   * How long while they are known to arrive (`eventsLive`: pub/sub connected and its heartbeat received since the
   * last gap): every change drops the state at once, so this only bounds what a silently broken pub/sub could keep.
   * Default 10 minutes.
   */
  liveTtlMs?: number;
  /** When accounts cannot be reached, a state not older than this (and not invalidated) is still used. */
  staleIfErrorMs?: number;
}

export interface AuthStateStats {
  /** Lookups sent to accounts, and users asked for in them. */
  lookups: number;
  users: number;
  cached: number;
  /** Auth-changed events are known to arrive (the long TTL applies). */
  eventsLive: boolean;
  /** Times the whole cache was dropped (events confirmed again after a gap, or the version map bounded). */
  resets: number;
}

interface Entry {
  state: AuthState | null;
  at: number;
}

/**
 * Users' current role, status and auth epoch, as the gateway uses them on every authenticated request: looked up in
 * batches (every user asked for within one turn of the event loop, in one call), cached (refreshed in the background
 * once half of the lifetime has passed), and dropped at once by `invalidate` (the auth-changed event from pub/sub).
 * A lookup that was in flight when its user was invalidated answers the callers that were waiting for it but is
 * not cached. The lifetime is `liveTtlMs` while the events are known to arrive (revocation.ts tells: `eventsLive`)
 * and the short `ttlMs` otherwise; when they arrive again after a gap, everything cached is dropped (an event may
 * have been lost meanwhile) and no lookup in flight is cached.
 */
export class AuthStates {
  readonly ttlMs: number;
  readonly liveTtlMs: number;
  private readonly staleIfErrorMs: number;
  private live = false;
  private readonly entries = new Map<string, Entry>();
  /** Bumped per user on invalidate; a lookup caches only users whose version did not move meanwhile. */
  private readonly versions = new Map<string, number>();
  private readonly pending = new Map<string, Promise<AuthState | null>>();
  private queued = new Map<string, { resolve(s: AuthState | null): void; reject(e: unknown): void }[]>();
  private flushScheduled = false;
  private resets = 0;
  private readonly counters = { lookups: 0, users: 0 };

  constructor(private readonly opts: AuthStateOptions) {
    this.ttlMs = opts.ttlMs ?? 10_000;
    this.liveTtlMs = Math.max(this.ttlMs, opts.liveTtlMs ?? 600_000);
    this.staleIfErrorMs = opts.staleIfErrorMs ?? 60_000;
  }

  /** The user's current state; null for an unknown user. Rejects (SERVICE_UNAVAILABLE, AUTH_UNAVAILABLE) only with nothing usable. */
  get(userId: string): Promise<AuthState | null> {
    const hit = this.entries.get(userId);
    const now = Date.now();
    const ttl = this.live ? this.liveTtlMs : this.ttlMs;
    if (hit && hit.at + ttl > now) {
      // Past half its life: refreshed in the background, so a busy user never waits for a lookup.
      if (hit.at + ttl / 2 <= now) void this.load(userId).catch(() => {});
      return Promise.resolve(hit.state);
    }
    return this.load(userId);
  }

  /**
   * The cached entry `get` would answer from without a lookup or a refresh (null: none), as an opaque token: the
   * same object until the user's state is invalidated, looked up again or past half its lifetime. Revocations'
   * periodic re-check skips a user whose connections were already checked against this very entry.
   */
  settled(userId: string): object | null {
    const hit = this.entries.get(userId);
    if (!hit) return null;
    const ttl = this.live ? this.liveTtlMs : this.ttlMs;
    return hit.at + ttl / 2 > Date.now() ? hit : null;
  }

  private load(userId: string): Promise<AuthState | null> {
    let p = this.pending.get(userId);
    if (!p) {
      p = new Promise<AuthState | null>((resolve, reject) => {
        const waiting = this.queued.get(userId) ?? [];
        waiting.push({ resolve, reject });
        this.queued.set(userId, waiting);
      });
      this.pending.set(userId, p);
      const mine = p;
      // Only forgets the pending lookup: its waiters handle the failure.
      void mine.catch(() => {}).finally(() => this.pending.get(userId) === mine && this.pending.delete(userId));
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    }
    return p;
  }

  /**
   * Auth-changed events are known to arrive (true) or may be lost (false). On a return to true everything cached
   * is dropped and no lookup in flight is cached: an event may have been lost while they did not arrive.
   */
  eventsLive(live: boolean): void {
    if (live && !this.live) {
      this.entries.clear();
      // A lookup sent during the gap may have read the row before a lost event: new callers do not join it.
      this.pending.clear();
      this.resets += 1;
    }
    this.live = live;
  }

  /** Forgets what is known of the user: the next request looks the state up again. */
  invalidate(userId: string): void {
    this.entries.delete(userId);
    this.pending.delete(userId);
    if (this.versions.size >= 50_000) {
      // Bounded: with the versions forgotten, no lookup in flight may cache (resets) and the cache starts afresh.
      this.versions.clear();
      this.entries.clear();
      this.resets += 1;
    }
    this.versions.set(userId, (this.versions.get(userId) ?? 0) + 1);
  }

  stats(): AuthStateStats {
    return { ...this.counters, cached: this.entries.size, eventsLive: this.live, resets: this.resets };
  }

  private flush() {
    this.flushScheduled = false;
    const batch = this.queued;
    this.queued = new Map();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += MAX_AUTH_STATE_IDS) void this.lookup(ids.slice(i, i + MAX_AUTH_STATE_IDS), batch);
  }

  private async lookup(ids: string[], waiting: Map<string, { resolve(s: AuthState | null): void; reject(e: unknown): void }[]>) {
    const versions = ids.map((id) => this.versions.get(id));
    const resets = this.resets;
    this.counters.lookups += 1;
    this.counters.users += ids.length;
    let states: Record<string, AuthState>;
    try {
      states = await this.opts.lookup(ids);
    } catch (error) {
      logger('gateway').warn({ ...errorField(error), users: ids.length }, 'auth state lookup failed; recent states are used a while');
      const now = Date.now();
      for (const id of ids) {
        const stale = this.entries.get(id);
        for (const w of waiting.get(id)!) {
          if (stale && stale.at + this.staleIfErrorMs > now) w.resolve(stale.state);
          else w.reject(serviceUnavailable('Your sign-in could not be checked just now; nothing was changed. Try again in a moment.', { reason: 'AUTH_UNAVAILABLE' }));
        }
      }
      return;
    }
    const now = Date.now();
    if (this.entries.size >= 100_000) this.entries.clear();
    ids.forEach((id, i) => {
      const state = states[id] ?? null;
      // Invalidated while this lookup was in flight (or the version map was reset): answer, but do not cache.
      if (this.resets === resets && this.versions.get(id) === versions[i]) this.entries.set(id, { state, at: now });
      for (const w of waiting.get(id)!) w.resolve(state);
    });
  }
}

/**
 * The lookup through accounts' internal route, signed as the gateway, over `send` (by default its own keep-alive
 * `node:http` client, subgraph-http.ts: the global fetch cost ~1 ms of gateway CPU per lookup, and at low request
 * rates every signed-in request of a viewer not seen within the TTL makes one). Call `close()` on shutdown.
 */
export function accountsAuthLookup(accountsGraphqlUrl: string, gatewaySecret: string, send: RawSend & { close?(): void } = httpTransport({ idleTimeoutMs: 5_000 })): AuthStateOptions['lookup'] & { close(): void } {
  const url = new URL(AUTH_STATE_PATH, accountsGraphqlUrl).toString();
  let signed: { token: string; renewAt: number } | null = null;
  const lookup = async (ids: string[]) => {
    if (!signed || signed.renewAt <= Date.now()) signed = { token: await signInternalCall(gatewaySecret, 120), renewAt: Date.now() + 60_000 };
    const res = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CALL_HEADER]: signed.token },
      body: JSON.stringify({ ids }),
      // A read: resent once if the kept-alive socket was closed by accounts just as it was reused.
      idempotent: true,
    });
    if (res.status < 200 || res.status > 299) throw new Error(`auth-state lookup answered ${res.status}`);
    return (JSON.parse(res.body) as { states: Record<string, AuthState> }).states;
  };
  return Object.assign(lookup, { close: () => send.close?.() });
}

/** Why a token is refused now although its signature is good: not ACTIVE, unknown, or an older auth epoch. */
export function refusal(state: AuthState | null, tokenEpoch: number): AppError | null {
  if (!state) return revoked('This account no longer exists.', 'ACCOUNT_NOT_FOUND');
  if (state.status !== 'ACTIVE') {
    const message = state.status === 'PENDING' ? 'This account is not active yet.' : `This account is ${state.status.toLowerCase()}.`;
    return revoked(message, `ACCOUNT_${state.status}`);
  }
  if (state.epoch !== tokenEpoch) return revoked('This access token was revoked; sign in again.', 'TOKEN_REVOKED');
  return null;
}

const revoked = (message: string, reason: string) => unauthenticated(message, { reason, http: { status: 401 } });

/** Whether a refusal reason means the account itself may not act (closed with 4403 on sockets). */
export function isAccountRefusal(error: unknown): boolean {
  const reason = (error as AppError)?.extensions?.reason;
  return typeof reason === 'string' && reason.startsWith('ACCOUNT_');
}

export type { AuthState, Role };

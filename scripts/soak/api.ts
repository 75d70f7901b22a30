// The soak's clients of the cluster: GraphQL over HTTP through either gateway (failing over to the other one when
// a call cannot get through), and graphql-ws subscribers that record what they receive and when they were live.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Gateway {
  name: string;
  url: string;
}

export interface CallStats {
  ok: number;
  failed: number;
  /** Failures by operation and error code (or network error). */
  errors: Map<string, number>;
}

export const stats: CallStats = { ok: 0, failed: 0, errors: new Map() };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class CallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GqlAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post<T>(gw: Gateway, token: string | null, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}`, extensions: { code: `HTTP_${res.status}` } }] }))) as GqlAnswer<T>;
  if (body.errors?.length) {
    const e = body.errors[0]!;
    throw new CallError(e.message, e.extensions?.code ?? `HTTP_${res.status}`);
  }
  return body.data as T;
}

/** Codes that say the request itself is refused: retrying elsewhere gives the same answer. */
const FINAL = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INSUFFICIENT_FUNDS', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'RATE_LIMITED']);

/**
 * One operation through `gateways[0]`, then the next gateway, for up to `attempts` tries 1 s apart while the cluster
 * answers with a network error or INTERNAL (an instance being killed). Refusals (CONFLICT…) are thrown at once.
 */
export async function call<T>(
  gateways: Gateway[],
  token: string | null,
  op: string,
  query: string,
  variables: Record<string, unknown> = {},
  attempts = 4,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    const gw = gateways[i % gateways.length]!;
    try {
      const data = await post<T>(gw, token, query, variables);
      stats.ok++;
      return data;
    } catch (error) {
      last = error;
      const code = error instanceof CallError ? error.code : 'NETWORK';
      const key = `${op}: ${code}`;
      stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
      if (error instanceof CallError && FINAL.has(code)) break;
      await sleep(1000);
    }
  }
  stats.failed++;
  throw last;
}

export interface SubscriberRecord {
  id: number;
  /** Whose events: the user (messageReceived) or the stream (streamEvents). */
  target: string;
  gateway: string;
  field: string;
  /** Events are expected from this time on (the subscribe has had time to reach its subgraph). */
  activeFrom: number;
  /** When it stopped listening (null: still open). */
  closedAt: number | null;
  endedBy: 'leave' | 'error' | 'socket' | null;
  error?: string;
  received: Set<string>;
}

/** Time allowed for a subscribe to reach its subgraph before events are expected. */
export const SUBSCRIBE_SETTLE_MS = 2000;
let nextId = 1;

/**
 * A graphql-ws subscriber: opens a socket to `gw`, subscribes, records the id of every event (`pick`), and closes
 * on leave(). A socket the server closes (its gateway died) or an error ends it, with the reason recorded.
 */
export function subscriber(
  gw: Gateway,
  token: string,
  target: string,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => string | null,
): { record: SubscriberRecord; leave(): Promise<void> } {
  const now = Date.now();
  const record: SubscriberRecord = { id: nextId++, target, gateway: gw.name, field, activeFrom: now + SUBSCRIBE_SETTLE_MS, closedAt: null, endedBy: null, received: new Set() };
  const end = (by: SubscriberRecord['endedBy'], error?: string) => {
    if (record.closedAt !== null) return;
    record.closedAt = Date.now();
    record.endedBy = by;
    if (error) record.error = error;
  };
  const client: Client = createClient({
    url: gw.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: () => end('socket') },
    // A socket that cannot open is recorded through `closed` and the subscription's error.
    onNonLazyError: () => undefined,
  });
  const stop = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors?.length) {
          const ext = (r.errors[0] as { extensions?: { code?: string; reason?: string } }).extensions;
          end('error', [ext?.code ?? r.errors[0]!.message, ext?.reason].filter(Boolean).join(' / '));
          return;
        }
        const id = r.data ? pick(r.data) : null;
        if (id) record.received.add(id);
      },
      error: (e) => end('error', e instanceof Error ? e.message : 'socket error'),
      complete: () => end('error', 'completed by the server'),
    },
  );
  return {
    record,
    async leave() {
      end('leave');
      stop();
      await client.dispose();
    },
  };
}

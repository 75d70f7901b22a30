import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { VIEWER_HEADER } from '../shared/auth/tokens.js';
import { MULTIPLEX_AGENT } from '../shared/server/subgraph.js';
import type { IdentityService } from './identity.js';
import { logger, errorField } from '../shared/logger.js';
import { upstreamEvent, upstreamSubscribeSpan, withTraceExtension } from './tracing.js';

/** One operation the gateway runs on a subgraph's socket on behalf of one client subscription. */
export interface UpstreamRequest {
  query: string;
  operationName?: string | undefined;
  variables: Record<string, unknown>;
  /** Signs the viewer's identity for this operation (fresh on every (re)subscribe: signatures are short-lived). */
  signIdentity(): Promise<string>;
  /** More subscribe-message extensions (the shared-subscription mode). */
  extensions?: Record<string, unknown>;
}

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  /** The subgraph ended the operation itself (completed or refused it). */
  complete(): void;
  /** The subgraph could not be reached again within the recovery window. */
  unavailable(): void;
}

export interface UpstreamOptions {
  /** How long an operation whose socket dropped keeps trying to resubscribe before it ends with an error. */
  recoveryWindowMs: number;
  /** Ping the subgraph this often; a socket that does not answer within pongTimeoutMs is closed and recovered. */
  keepAliveMs: number;
  pongTimeoutMs: number;
}

/**
 * The gateway's graphql-ws sockets to the subgraphs: ONE socket per subgraph carries every client subscription
 * the gateway holds on it (multiplexed by graphql-ws operation ids). The socket itself is authenticated as the
 * gateway (connectionParams carries a signed identity without a viewer and the multiplex agent); each operation
 * carries its own viewer's signed identity in `extensions['x-soulseer-viewer']`, which the subgraph verifies
 * and uses for that operation's context. The socket opens on the first operation and closes as soon as the
 * last one ends (lazy), so a closed client leaves nothing open upstream.
 *
 * When a socket drops (subgraph restart), each operation resubscribes with a freshly signed identity, with
 * backoff, for up to `recoveryWindowMs`; after that it reports `unavailable()` so the client gets a clear error.
 */
export class UpstreamPool {
  private readonly clients = new Map<string, { client: Client; open: boolean; healthyAt: number }>();
  private readonly active = new Map<string, number>();
  private readonly queries = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly urls: Record<string, string>,
    private readonly identity: IdentityService,
    private readonly options: UpstreamOptions,
  ) {}

  private client(service: string) {
    let entry = this.clients.get(service);
    if (entry) return entry;
    const url = this.urls[service];
    if (!url) throw new Error(`No URL for subgraph ${service}`);
    let pongTimer: NodeJS.Timeout | null = null;
    let socket: WebSocket | null = null;
    const clearPong = () => {
      if (pongTimer) clearTimeout(pongTimer);
      pongTimer = null;
    };
    const created = {
      open: false,
      /** Last time the subgraph proved alive on this socket (a pong or an operation message), not just connected. */
      healthyAt: 0,
      client: createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        // Kept briefly after the last operation so event completions do not reconnect each time.
        lazyCloseTimeout: 1000,
        retryAttempts: 0,
        keepAlive: this.options.keepAliveMs,
        connectionParams: async () => ({ [VIEWER_HEADER]: await this.identity.forward(null, null, MULTIPLEX_AGENT) }),
        on: {
          connected: (s) => {
            socket = s as WebSocket;
            created.open = true;
          },
          closed: () => {
            socket = null;
            created.open = false;
            clearPong();
          },
          ping: (received) => {
            if (received) return;
            clearPong();
            pongTimer = setTimeout(() => socket?.close(4408, 'Subgraph did not answer the keep-alive ping'), this.options.pongTimeoutMs);
            pongTimer.unref();
          },
          pong: (received) => {
            if (!received) return;
            clearPong();
            created.healthyAt = Date.now();
          },
          message: (m) => {
            if (m.type === 'next' || m.type === 'complete' || m.type === 'error') created.healthyAt = Date.now();
          },
        },
      }),
    };
    entry = created;
    this.clients.set(service, entry);
    return entry;
  }

  /** Starts an operation on `service`; the returned function ends it upstream at once. */
  subscribe(service: string, request: UpstreamRequest, sink: UpstreamSink): () => void {
    if (this.disposed) {
      queueMicrotask(() => sink.unavailable());
      return () => {};
    }
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let retryTimer: NodeJS.Timeout | null = null;
    let failingSince: number | null = null;
    let attempt = 0;
    this.active.set(service, (this.active.get(service) ?? 0) + 1);
    const release = () => {
      this.active.set(service, (this.active.get(service) ?? 1) - 1);
    };
    const finish = (how: 'complete' | 'unavailable') => {
      if (stopped) return;
      stopped = true;
      release();
      if (how === 'complete') sink.complete();
      else sink.unavailable();
    };
    const start = async () => {
      let extensionsIdentity: string;
      try {
        extensionsIdentity = await request.signIdentity();
      } catch (error) {
        logger('gateway').warn({ ...errorField(error), service }, 'could not sign the identity of a subscription; it ends as unavailable');
        return finish('unavailable');
      }
      if (stopped) return;
      // A span per (re)subscribe, its traceparent in the subscribe message; each event is a span linked to it.
      const traced = upstreamSubscribeSpan(service, request.operationName);
      unsubscribe = this.client(service).client.subscribe<Record<string, unknown>>(
        {
          query: request.query,
          operationName: request.operationName,
          variables: request.variables,
          extensions: { ...request.extensions, ...traced.extensions, [VIEWER_HEADER]: extensionsIdentity },
        },
        {
          next: (result) => {
            failingSince = null;
            attempt = 0;
            if (!stopped) upstreamEvent(service, traced.link, () => sink.next(result as ExecutionResult));
          },
          complete: () => finish('complete'),
          error: (error) => {
            unsubscribe = null;
            if (stopped) return;
            if (Array.isArray(error)) {
              // The subgraph refused the operation (graphql-ws `error` message): pass its errors on.
              sink.next({ errors: error });
              return finish('complete');
            }
            // The socket closed or could not open: resubscribe with backoff within the recovery window.
            const now = Date.now();
            // A subgraph that proved alive since the last failure starts a new recovery window; one that accepts
            // sockets but then never answers (no pong, no message) does not, so the operation ends in time.
            if (failingSince === null || (this.clients.get(service)?.healthyAt ?? 0) > failingSince) {
              failingSince = now;
              attempt = 0;
            }
            if (this.disposed || now - failingSince >= this.options.recoveryWindowMs) return finish('unavailable');
            const delay = Math.min(2000, 100 * 2 ** attempt++) * (0.75 + Math.random() * 0.5);
            retryTimer = setTimeout(() => {
              retryTimer = null;
              void start();
            }, delay);
          },
        },
      );
    };
    void start();
    return () => {
      if (retryTimer) clearTimeout(retryTimer);
      if (stopped) return;
      stopped = true;
      release();
      unsubscribe?.();
    };
  }

  /**
   * Runs a query (an `_entities` fetch completing an event) on the subgraph's multiplexed socket, as the viewer
   * whose signed identity is given: one frame each way instead of an HTTP request.
   */
  query(
    service: string,
    request: { query: string; operationName?: string | undefined; variables?: Record<string, unknown>; identity: string; extensions?: Record<string, unknown> },
    timeoutMs = 10_000,
  ): Promise<ExecutionResult> {
    if (this.disposed) return Promise.reject(new Error('The gateway is shutting down.'));
    this.queries.set(service, (this.queries.get(service) ?? 0) + 1);
    return new Promise<ExecutionResult>((resolve, reject) => {
      let result: ExecutionResult | undefined;
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`The ${service} service did not answer within ${timeoutMs} ms.`));
      }, timeoutMs);
      const stop = this.client(service).client.subscribe(
        {
          query: request.query,
          operationName: request.operationName,
          variables: request.variables ?? {},
          extensions: withTraceExtension({ ...request.extensions, [VIEWER_HEADER]: request.identity }),
        },
        {
          next: (r) => {
            result = r as ExecutionResult;
          },
          error: (error) => {
            clearTimeout(timer);
            if (Array.isArray(error)) resolve({ errors: error });
            else reject(new Error(`The ${service} service is unavailable.`));
          },
          complete: () => {
            clearTimeout(timer);
            resolve(result ?? { data: null });
          },
        },
      );
    });
  }

  stats(): { operations: Record<string, number>; openSockets: Record<string, boolean>; queries: Record<string, number> } {
    const openSockets: Record<string, boolean> = {};
    for (const [name, entry] of this.clients) openSockets[name] = entry.open;
    return { operations: Object.fromEntries(this.active), openSockets, queries: Object.fromEntries(this.queries) };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.clients.values()].map((e) => e.client.dispose()));
    this.clients.clear();
  }
}

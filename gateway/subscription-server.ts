import type { ApolloGateway, ServiceMap } from '@apollo/gateway';
import { getOperationAST, type ExecutionArgs, type ExecutionResult, type GraphQLError, type ValidationRule } from 'graphql';
import { decodeJwt } from 'jose';
import type { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { SubscribePayload } from 'graphql-ws';
import { codeLabel, metrics, operationLabel } from '../shared/metrics.js';
import type { Viewer } from '../shared/context.js';
import { badInput, rateLimited, type AppError } from '../shared/errors.js';
import { isAccountRefusal } from './auth-state.js';
import type { ClientConnection, ClientOperation } from './client-operation.js';
import { EntityBatcher } from './entity-batcher.js';
import { ClientKeepAlive } from './keep-alive.js';
import type { IdentityService } from './identity.js';
import { findNulCharacter, nulCharacterError } from './input-guards.js';
import type { Revocations } from './revocation.js';
import { SharedGroups } from './shared-groups.js';
import { SocketDataSources } from './socket-data-source.js';
import { SubscriberIterators } from './subscriber-iterator.js';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, formatErrors } from './subscription-errors.js';
import { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscription-limits.js';
import { SubscriptionPlans } from './subscription-plans.js';
import { UpstreamPool } from './subscription-upstream.js';
import { checkSocketLimits, resolveSocketDocument, type Protection } from './protection.js';

export interface SubscriptionServerOptions {
  /** Followed for its supergraph (create the server before the gateway loads: Apollo Server's start()). */
  gateway: ApolloGateway;
  wss: WebSocketServer;
  identity: IdentityService;
  subgraphUrls: Record<string, string>;
  /** The gateway's HTTP data sources by subgraph (queries and mutations over the socket, eventFetch 'http'). */
  dataSources: ServiceMap;
  /** EXPOSE_ERROR_DETAILS=1: keep stack traces and internal messages in errors (shared/errors.ts). */
  exposeErrorDetails?: boolean;
  /** Extra validation rules (the gateway's depth/alias/cost limits), applied as for HTTP. */
  validationRules?: readonly ValidationRule[];
  maxTokens?: number;
  limits?: Partial<SubscriptionLimits>;
  /** Revocations (gateway/revocation.ts): a signed-in connection is ended with 4403 when its access is revoked. */
  revocations?: Revocations;
  /** Trusted documents and mutation rate limits (gateway/protection.ts), as over HTTP. */
  protection?: Protection;
}

export interface SubscriptionStats {
  connections: number;
  /** Client operations running (subscriptions, and queries/mutations sent over the socket). */
  operations: number;
  /** Operations the gateway holds on each subgraph's socket. */
  upstreamOperations: Record<string, number>;
  /** Whether the gateway's socket to each subgraph is open. */
  upstreamSockets: Record<string, boolean>;
  /** Queries (event completions, shared-subscription probes) sent on each subgraph's socket since start. */
  upstreamQueries: Record<string, number>;
  /** Shared subscription streams held upstream, and the client subscriptions they serve. */
  sharedStreams: number;
  sharedSubscribers: number;
}

export interface SubscriptionServer {
  stats(): SubscriptionStats;
  dispose(): Promise<void>;
}

/**
 * Serves graphql-ws on the gateway's `/graphql` socket server.
 *
 * - connection_init carries `authorization: "Bearer <access token>"` (the same token as HTTP); a bad or expired
 *   token closes the socket with 4401 and a reason; the socket is closed with 4401 when the token expires.
 * - Subscriptions are planned by the federation query planner (subscription-plans.ts): the owning subgraph streams
 *   the events over the gateway's multiplexed socket (subscription-upstream.ts), and each event is completed through
 *   the plan's other fetches (socket-data-source.ts, entity-batcher.ts), once for all the subscribers of a shared
 *   field (shared-groups.ts) or per subscriber (subscriber-iterator.ts).
 * - Queries and mutations sent over the socket are planned the same way and run through the HTTP data sources.
 * - Closing a client socket or completing an operation ends the upstream operation at once.
 */
export function createSubscriptionServer(opts: SubscriptionServerOptions): SubscriptionServer {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...opts.limits };
  const expose = !!opts.exposeErrorDetails;
  const upstream = new UpstreamPool(opts.subgraphUrls, opts.identity, limits);
  const plans = new SubscriptionPlans({ gateway: opts.gateway, identity: opts.identity, validationRules: opts.validationRules, maxTokens: opts.maxTokens });
  const batcher = new EntityBatcher(upstream, opts.identity);
  const sources = new SocketDataSources(Object.keys(opts.subgraphUrls), upstream, batcher);
  const httpSources = (): ServiceMap => Object.assign(Object.create(null) as ServiceMap, opts.dataSources);
  const sharing = limits.eventFetch === 'socket';
  const groups = sharing
    ? new SharedGroups({
        upstream,
        identity: opts.identity,
        plans,
        sources,
        render: (result) => {
          const errors = formatErrors(result.errors as readonly GraphQLError[] | undefined, expose);
          return JSON.stringify(errors ? { ...result, errors } : result);
        },
      })
    : null;
  let connections = 0;
  let operations = 0;
  const release = (op: ClientOperation) => {
    op.connection.operations -= 1;
    operations -= 1;
  };
  const subscribers = new SubscriberIterators({
    limits,
    upstream,
    identity: opts.identity,
    plans,
    eventServices: sharing ? () => sources.services() : httpSources,
    groups,
    release,
  });

  /** Queries and mutations sent over the socket. */
  const execute = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const op = args.contextValue as ClientOperation;
    try {
      return await plans.run(op, op.prepared.plan, httpSources());
    } finally {
      release(op);
    }
  };

  /** A subscribe message on a client connection: refused (its errors) or planned (the execution arguments). */
  const startOperation = async (extra: ClientConnection, id: string, payload: SubscribePayload) => {
    if (extra.revoked) return [extra.revoked];
    const now = Date.now();
    while (extra.subscribes.length && extra.subscribes[0]! <= now - 60_000) extra.subscribes.shift();
    if (extra.subscribes.length >= limits.maxSubscribesPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((extra.subscribes[0]! + 60_000 - now) / 1000));
      return [rateLimited(`At most ${limits.maxSubscribesPerMinute} operations may be started per minute on one connection. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds })];
    }
    extra.subscribes.push(now);
    if (extra.operations >= limits.maxOperationsPerConnection) {
      return [rateLimited(`At most ${limits.maxOperationsPerConnection} operations may run at once on one connection. Complete one first.`, { limit: limits.maxOperationsPerConnection })];
    }
    let query = payload.query;
    if (opts.protection) {
      // A first-party app sends `query: ""` with `documentId` or extensions.persistedQuery (graphql-ws wants a string).
      const resolved = await resolveSocketDocument(opts.protection, payload as never);
      if ('error' in resolved) return [resolved.error];
      query = resolved.query;
    }
    if (typeof query !== 'string' || !query) return [badInput('The operation has no query.')];
    const prepared = plans.prepare(query, payload.operationName ?? undefined);
    if (Array.isArray(prepared)) return prepared;
    const p = prepared as Exclude<typeof prepared, readonly GraphQLError[]>;
    const variables = (payload.variables ?? {}) as Record<string, unknown>;
    const nul = findNulCharacter(p.document, variables);
    if (nul) return [nulCharacterError(nul)];
    const operation = getOperationAST(p.document, p.operationName);
    const limited = opts.protection && operation ? await checkSocketLimits(opts.protection, p.document, operation, extra) : null;
    if (limited) return [limited];
    extra.operations += 1;
    operations += 1;
    const contextValue: ClientOperation = { id, prepared: p, connection: extra, variables, query };
    return { schema: plans.apiSchema!, document: p.document, operationName: p.operationName, variableValues: variables, contextValue };
  };

  // Client keep-alive pings: ours (sliced, carried by the fan-out's writes), graphql-ws's own turned off below.
  const keepAlive = new ClientKeepAlive(opts.wss, limits.clientKeepAliveMs);
  const server = useServer<Record<string, unknown>, ClientConnection>(
    {
      connectionInitWaitTimeout: limits.connectionInitWaitMs,
      onConnect: async (ctx) => {
        connections += 1;
        return authenticate(ctx.extra as ClientConnection, ctx.connectionParams ?? {}, opts);
      },
      onClose: (ctx) => {
        const extra = ctx.extra as ClientConnection;
        if (extra.expiryTimer) clearTimeout(extra.expiryTimer);
        extra.unwatch?.();
        if (extra.subscribes) connections -= 1;
      },
      onSubscribe: async (ctx, id, payload) => {
        const result = await startOperation(ctx.extra as ClientConnection, id, payload);
        // Counted by outcome: OK, or the code it was refused with (rate limits, bad documents).
        const code = Array.isArray(result) ? codeLabel((result as readonly GraphQLError[])[0]?.extensions?.code) : 'OK';
        const name = Array.isArray(result) ? payload.operationName : getOperationAST(result.document, result.operationName)?.name?.value;
        metrics.wsSubscribes.inc({ operation: operationLabel(typeof name === 'string' ? name : null), code });
        return result;
      },
      execute: (args) => execute(args),
      subscribe: (args) => subscribers.subscribe(args.contextValue as ClientOperation),
      onNext: (_ctx, _id, _payload, _args, result) => {
        const errors = formatErrors(result.errors as readonly GraphQLError[] | undefined, expose);
        return errors ? { ...result, errors } : (result as never);
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, expose),
    },
    opts.wss,
    0,
  );

  let disposed: Promise<void> | null = null;
  return {
    stats: () => {
      const u = upstream.stats();
      const shared = groups?.stats() ?? { streams: 0, subscribers: 0 };
      return {
        connections,
        operations,
        upstreamOperations: u.operations,
        upstreamSockets: u.openSockets,
        upstreamQueries: u.queries,
        sharedStreams: shared.streams,
        sharedSubscribers: shared.subscribers,
      };
    },
    dispose() {
      disposed ??= (async () => {
        plans.dispose();
        keepAlive.close();
        try {
          // Closes every client socket (each subscription's iterator returns) and the socket server.
          await server.dispose();
        } finally {
          subscribers.dispose();
          groups?.dispose();
          batcher.dispose();
          sources.dispose();
          await upstream.dispose();
        }
      })();
      return disposed;
    },
  };
}

/**
 * connection_init: the viewer from `authorization` (absent: anonymous). Refused with 4401 (bad, expired or revoked
 * token) or 4403 (suspended or banned account); a signed-in connection is watched for revocation and closed with
 * 4401 when its token expires.
 */
async function authenticate(extra: ClientConnection, params: Record<string, unknown>, opts: SubscriptionServerOptions): Promise<boolean> {
  extra.operations = 0;
  extra.subscribes = [];
  extra.live = new Set();
  const authenticatedAt = Date.now();
  extra.ip = extra.request.socket.remoteAddress ?? null;
  extra.userAgent = (extra.request.headers['user-agent'] as string | undefined) ?? null;
  const header = (params.authorization ?? params.Authorization) as unknown;
  if (header !== undefined && typeof header !== 'string') {
    extra.socket.close(CLOSE_UNAUTHENTICATED, 'Unauthorized: connectionParams.authorization must be "Bearer <access token>".');
    return false;
  }
  try {
    extra.viewer = await opts.identity.viewerFromAuthorization(header as string | undefined);
  } catch (error) {
    // Refused: the client learns why from the close code and reason.
    const reason = (error as AppError).extensions?.reason;
    // A suspended or banned account: 4403; a revoked token: 4401 (sign in again), with the reason.
    if (isAccountRefusal(error)) extra.socket.close(CLOSE_FORBIDDEN, `Forbidden: ${(error as AppError).message}`);
    else if (reason === 'TOKEN_REVOKED' || reason === 'AUTH_UNAVAILABLE') extra.socket.close(CLOSE_UNAUTHENTICATED, `Unauthorized: ${(error as AppError).message}`);
    else extra.socket.close(CLOSE_UNAUTHENTICATED, `Unauthorized: ${reason === 'TOKEN_EXPIRED' ? 'the access token has expired' : 'the access token is invalid'}.`);
    return false;
  }
  if (extra.viewer && opts.revocations) extra.unwatch = opts.revocations.watchSocket(extra as ClientConnection & { viewer: Viewer }, header as string, authenticatedAt);
  if (extra.viewer && typeof header === 'string') {
    const exp = decodeJwt(header.replace(/^Bearer\s+/i, '')).exp;
    if (exp) {
      const ms = exp * 1000 - Date.now();
      extra.expiryTimer = setTimeout(() => extra.socket.close(CLOSE_UNAUTHENTICATED, 'Unauthorized: the access token has expired. Reconnect with a new one.'), Math.min(ms, 2 ** 31 - 1));
      extra.expiryTimer.unref();
    }
  }
  return true;
}

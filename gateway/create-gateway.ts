import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { WebSocketServer } from 'ws';
import type { Viewer } from '../shared/context.js';
import { AppError, toFormattedError } from '../shared/errors.js';
import type { RunningServer } from '../shared/server/subgraph.js';
import { IdentityService, viewerKey } from './identity.js';
import { createDedupeFetcher, type DedupeFetcher } from './dedupe-fetch.js';
import { fetchTransport, httpTransport, plainFetcher } from './subgraph-http.js';
import { operationDedupePlugin, type OperationDedupeStats } from './operation-dedupe.js';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph.js';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { mountWebhooks } from './webhooks.js';
import { mountDownloads } from './downloads.js';
import { mountExplorer } from './explorer.js';
import { listen as listenOn, webSocketServerOn } from '../shared/server/listen.js';
import { inputGuardsPlugin } from './input-guards.js';
import { retryAfterPlugin } from './retry-after.js';
import { introspectionLimitRules } from './introspection-limits.js';
import { parseScalarsLike } from '../shared/graphql/scalars.js';
import type { PubSub } from '../shared/pubsub.js';
import { accountsAuthLookup, AuthStates } from './auth-state.js';
import { Revocations } from './revocation.js';
import { createProtection, type Protection, type ProtectionOptions } from './protection.js';
import { measuredSend, mountMetrics, operationMetricsPlugin, watchSubscriptionStats } from '../shared/metrics.js';
import { closeSocketsForRestart, drainBudgetMs } from '../shared/server/shutdown.js';
import { graphqlSpansPlugin, requestSpan } from '../shared/server/tracing.js';
import { SignedDataSource } from './signed-data-source.js';
import { createPassThrough, type PassThroughStats } from './passthrough.js';
import { RenderedResults } from './rendered-results.js';
import { attachMergePlan } from './fetch-merge.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /**
   * Validate the supergraph as it loads (Apollo's default: outside production). `false` for the committed
   * supergraph (scripts/local-federation.ts): @apollo/composition validated it when it was written, and
   * test/schema-drift.test.ts keeps it equal to the subgraphs' composition; ~0.3 s CPU of every start.
   */
  validateSupergraph?: boolean;
  subgraphUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  gatewaySecret: string;
  /** GraphQL field suggestions in validation errors (NODE_ENV is not production); nothing security-relevant. */
  dev?: boolean;
  /** GraphiQL on browser GETs of /graphql (gateway/explorer.ts); off when absent. */
  explorer?: boolean;
  /** EXPOSE_ERROR_DETAILS=1: stack traces and internal messages in error answers (also those relayed from subgraphs). */
  exposeErrorDetails?: boolean;
  /**
   * Merge identical in-flight subgraph queries (default on): always for the same viewer, across viewers only
   * when the subgraph marked the response viewer-independent (see gateway/dedupe-fetch.ts).
   */
  dedupe?: boolean;
  /** Also merge whole identical in-flight queries (operation-dedupe.ts; default on with dedupe). */
  operationDedupe?: boolean;
  /** Answer a query planned as one root fetch with the subgraph's own bytes when provably the same (passthrough.ts; default on). */
  passThrough?: boolean;
  /** One request for a plan's parallel fetches to the same subgraph (fetch-merge.ts; default on). */
  fetchMerge?: boolean;
  /** The fetch used to reach subgraphs, under the de-duplication layer (tests slow it down). */
  subgraphFetch?: typeof fetch;
  limits?: Partial<GatewayLimits>;
  /** graphql-ws limits (gateway/subscription-limits.ts). */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /**
   * The pub/sub accounts publishes auth changes on (Redis across processes): revocations reach this gateway at once.
   * Without it they take effect within `authStateTtlMs`.
   */
  pubsub?: PubSub;
  /** How long a user's looked-up role, status and auth epoch are used, and while events arrive (auth-state.ts; 10 s, 10 min). */
  authStateTtlMs?: number; authStateLiveTtlMs?: number;
  /** Trusted documents, APQ and per-class mutation rate limits (gateway/protection.ts); from the environment when absent. */
  protection?: ProtectionOptions;
  /** How long close() lets in-flight HTTP requests finish (default: SHUTDOWN_GRACE_MS less 2 s). */
  drainMs?: number;
}

export interface GatewayLimits {
  bodyBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxDirectives: number;
  maxTokens: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  bodyBytes: 100_000,
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5_000,
  maxDirectives: 20,
  maxTokens: 3_000,
};

export interface GatewayContext {
  viewer: Viewer | null;
  identity: string;
  /** Who the request is for (viewer, IP, user agent): the de-duplication fetcher merges freely only within it. */
  dedupeKey?: string;
  /** Set when a subgraph response of this request may depend on the viewer (operation-dedupe.ts). */
  viewerDependent?: boolean;
  metrics?: Record<string, unknown>;
  /** The client's address (per-IP mutation rate limits). */
  ip?: string | null;
  /** Set while the normal path runs with an answer the pass-through already received (passthrough.ts). */
  prefetched?: string;
}

/** Everything startGateway starts; `close()` disposes each. */
export interface RunningGateway extends RunningServer {
  gateway: ApolloGateway;
  httpServer: http.Server;
  wss: WebSocketServer;
  /** graphql-ws on `wss` (its stats: connections, operations, upstream sockets, shared streams). */
  subscriptions: SubscriptionServer;
  identity: IdentityService;
  /** The de-duplicating subgraph fetcher and its counters (null with dedupe: false). */
  fetcher: DedupeFetcher | null;
  /** Counters of the operation-level in-flight merging (null when off). */
  operations: OperationDedupeStats | null;
  /** Counters of the pass-through (null when off). */
  passThrough: PassThroughStats | null;
  /** Users' current auth states (cached lookups) and the revocation of their sockets. */
  authStates: AuthStates;
  revocations: Revocations;
  /** Trusted documents (stats: trusted, unknown, refused, APQ) and the mutation rate limiter. */
  protection: Protection;
}

function clientIp(req: Request): string | null {
  return req.socket.remoteAddress ?? null;
}

function jsonError(res: Response, status: number, code: string, message: string, reason?: string) {
  res.status(status).json({ errors: [{ message, extensions: reason ? { code, reason } : { code } }] });
}

// graphql-armor prefixes its rejections with "Syntax Error: "; give each limit a plain message and a stable reason.
const LIMIT_REASONS: Array<[RegExp, string]> = [
  [/^(?:Syntax Error: )?(Query depth limit of .*)$/, 'DEPTH_LIMIT'],
  [/^(?:Syntax Error: )?(Aliases limit of .*)$/, 'ALIAS_LIMIT'],
  [/^(?:Syntax Error: )?(Query Cost limit of .*)$/, 'COST_LIMIT'],
  [/^(?:Syntax Error: )?(Directives limit of .*)$/, 'DIRECTIVE_LIMIT'],
  [/^(?:Syntax Error: )?(Document contains more th\w+ \d+ tokens.*)$/, 'TOKEN_LIMIT'],
  [/^(Maximum introspection depth exceeded.*)$/, 'DEPTH_LIMIT'],
];

function withLimitReason(formatted: GraphQLFormattedError): GraphQLFormattedError {
  for (const [pattern, reason] of LIMIT_REASONS) {
    const m = pattern.exec(formatted.message);
    if (m) return { ...formatted, message: m[1]!.replace('more that', 'more than'), extensions: { ...formatted.extensions, reason } };
  }
  return formatted;
}

/** Boots the public gateway: /graphql (HTTP, and graphql-ws once subscriptions are wired), /health, /ready, webhooks. */
export async function startGateway(opts: GatewayOptions, listen: { port?: number; host?: string } = {}): Promise<RunningGateway> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  // Every subgraph request that leaves the de-duplication layer is timed and its failures counted (shared/metrics.ts).
  const measure = <I, R extends { status: number }>(send: (url: string, init: I) => Promise<R>) => measuredSend(send, opts.subgraphUrls);
  // Authorization uses each user's current role, status and auth epoch (one batched lookup per user per TTL).
  const authLookup = accountsAuthLookup(opts.subgraphUrls.accounts, opts.gatewaySecret);
  const authStates = new AuthStates({ lookup: authLookup, ttlMs: opts.authStateTtlMs, liveTtlMs: opts.authStateLiveTtlMs });
  const identity = new IdentityService(opts.jwtSecret, opts.gatewaySecret, authStates);
  const revocations = new Revocations(identity, authStates, opts.pubsub ?? null);
  const fetcher = opts.dedupe === false ? null : createDedupeFetcher(opts.subgraphFetch, measure);
  // Without merging, the same keep-alive client (or the injected fetch) with nothing on top.
  const plainTransport = fetcher ? null : opts.subgraphFetch ? fetchTransport(opts.subgraphFetch) : httpTransport();
  const subgraphFetcher = fetcher ?? plainFetcher(measure(plainTransport!));
  const operations = opts.dedupe === false || opts.operationDedupe === false ? null : operationDedupePlugin<GatewayContext>();
  const guards = createProtection(opts.protection);
  // The data sources the gateway builds, by subgraph: graphql-ws operations run through them too.
  const dataSources: ServiceMap = Object.create(null);
  const rendered = new RenderedResults();
  const passThrough = opts.passThrough === false ? null : createPassThrough({ dataSources, renderer: rendered });
  const sourceFetcher = passThrough ? passThrough.fetcher(subgraphFetcher) : subgraphFetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    ...(opts.validateSupergraph === undefined ? {} : { validateSupergraph: opts.validateSupergraph }),
    ...(passThrough || opts.fetchMerge !== false
      ? {
          experimental_didResolveQueryPlan: (resolved: Parameters<NonNullable<typeof passThrough>['learn']>[0]) => {
            passThrough?.learn(resolved);
            if (opts.fetchMerge !== false) attachMergePlan(resolved.queryPlan, resolved.requestContext.context);
          },
        }
      : {}),
    buildService: ({ name }) => (dataSources[name] = new SignedDataSource({ url: opts.subgraphUrls[name as SubgraphName], fetcher: sourceFetcher as never })),
  });
  // The API schema is built from SDL, whose custom scalars accept any literal: give them the subgraphs' parsing.
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    parseScalarsLike(apiSchema);
    passThrough?.schemaLoaded(coreSupergraphSdl);
  });

  const armor = new ApolloArmor({
    // Armor skips `__schema` (the standard introspection query could never fit); introspection-limits.ts limits it.
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    // Armor's token limit throws from a plugin hook (HTTP 500); Apollo's parser limit answers 400 instead.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !opts.dev },
  });
  const protection = armor.protect();
  const validationRules = [...protection.validationRules, ...introspectionLimitRules()];

  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: express hashed every GraphQL answer (a POST, never revalidated) for it, ~1% of the busy time.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const wss = webSocketServerOn(httpServer, '/graphql');

  const apollo = new ApolloServer<GatewayContext>({
    gateway: passThrough ? passThrough.wrap(gateway) : gateway,
    allowBatchedHttpRequests: false,
    // Persisted ids (trusted documents and APQ) are resolved in front of Apollo (gateway/protection.ts).
    persistedQueries: false,
    ...(guards.documents.allowIntrospection ? { introspection: true } : {}),
    // The process owns shutdown (scripts/start.ts, scripts/services/*.ts, gateway/main.ts): Apollo's own SIGTERM handler raced it and held exit.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !!opts.exposeErrorDetails,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    formatError: (formatted, error) => toFormattedError(withLimitReason(formatted), error, !!opts.exposeErrorDetails),
    // Compact JSON, a merged result rendered once, a passed-through answer never (rendered-results.ts).
    stringifyResult: rendered.stringify,
    plugins: [
      ...(protection.plugins as never[]),
      inputGuardsPlugin<GatewayContext>(),
      guards.plugin<GatewayContext>(),
      retryAfterPlugin<GatewayContext>(),
      ...(operations ? [operations] : []),
      // On close, in-flight requests get the shutdown budget (SHUTDOWN_GRACE_MS less 2 s) to finish.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: opts.drainMs ?? drainBudgetMs() }),
      ApolloServerPluginLandingPageDisabled(),
      operationMetricsPlugin('gateway'),
      graphqlSpansPlugin<GatewayContext>('gateway'),
    ],
  });
  // Before apollo.start(): the subscription server follows the supergraph the gateway loads there.
  const subscriptions = createSubscriptionServer({
    gateway,
    wss,
    identity,
    subgraphUrls: opts.subgraphUrls,
    dataSources,
    exposeErrorDetails: opts.exposeErrorDetails,
    validationRules,
    maxTokens: limits.maxTokens,
    limits: opts.subscriptionLimits,
    revocations,
    protection: guards,
  });
  const unwatch = watchSubscriptionStats(() => subscriptions.stats());
  let draining = false;
  const close = async () => {
    draining = true;
    unwatch();
    await revocations.close();
    // Every client is told to reconnect (1012 Service Restart, to another instance); one that does not answer the
    // closing handshake within a second is terminated, so it cannot hold the shutdown.
    await closeSocketsForRestart(wss);
    await subscriptions.dispose();
    // Drains and closes the HTTP server (ApolloServerPluginDrainHttpServer).
    await apollo.stop();
    await guards.close();
    // The subgraph client's idle kept-alive sockets.
    fetcher?.close();
    (plainTransport as { close?(): void } | null)?.close?.();
    authLookup.close();
  };
  await apollo.start().catch(async (error: unknown) => {
    await close();
    throw error;
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  mountMetrics(app);
  app.get('/ready', async (_req, res) => {
    // Shutting down: the load balancer stops sending new requests here while the ones in flight finish.
    if (draining) return void res.status(503).json({ status: 'draining' });
    const checks = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const url = opts.subgraphUrls[name].replace(/\/graphql$/, '/ready');
        try {
          const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
          return [name, r.ok ? 'ready' : 'unavailable'] as const;
        } catch {
          // Unreachable or too slow: reported as unavailable in the answer.
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ok = checks.every(([, s]) => s === 'ready');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', subgraphs: Object.fromEntries(checks) });
  });

  // Webhooks arrive at the public origin and are passed, byte for byte, to the subgraphs that handle them.
  mountWebhooks(app, opts.subgraphUrls);
  // Shop downloads are served from the public origin too (payments signs and counts them).
  mountDownloads(app, opts.subgraphUrls);
  mountExplorer(app, { enabled: !!opts.explorer });

  app.use(
    '/graphql',
    express.json({ limit: limits.bodyBytes, type: ['application/json', 'application/graphql-response+json'] }),
    (req: Request, res: Response, next: NextFunction) => {
      if (Array.isArray(req.body)) {
        return jsonError(res, 400, 'BAD_REQUEST', 'Batched requests are not accepted: send one operation per HTTP request.', 'BATCHING_DISABLED');
      }
      next();
    },
    requestSpan('gateway'),
    guards.httpDocuments,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const viewer = await identity.viewerFromAuthorization(req.header('authorization'));
        const ip = clientIp(req);
        const userAgent = req.header('user-agent') ?? null;
        return {
          viewer,
          identity: await identity.forward(viewer, ip, userAgent),
          dedupeKey: `${viewerKey(viewer)}|${ip ?? ''}|${userAgent ?? ''}`,
          ip,
        };
      },
    }),
  );

  // Body-parser failures (malformed JSON, too large) answer as GraphQL errors, never HTML.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.too.large') {
      return jsonError(res, 413, 'BAD_USER_INPUT', `Request body is larger than ${limits.bodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
    }
    if (err?.type === 'entity.parse.failed') return jsonError(res, 400, 'BAD_USER_INPUT', 'Request body is not valid JSON.', 'MALFORMED_JSON');
    if (err instanceof AppError) return jsonError(res, 401, err.code, err.message);
    if (err && err.status && err.status < 500) return jsonError(res, err.status, 'BAD_REQUEST', 'The request could not be read.');
    if (err) return jsonError(res, 500, 'INTERNAL', 'Internal server error.');
    next();
  });

  await listenOn(httpServer, listen.port ?? 0, listen.host ?? '127.0.0.1').catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    gateway,
    httpServer,
    wss,
    identity,
    fetcher,
    operations: operations?.stats ?? null,
    passThrough: passThrough?.stats ?? null,
    authStates,
    revocations,
    subscriptions,
    protection: guards,
    close,
  };
}

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, execute, getOperationAST, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { PrismaClient } from '../db/generated/client.js';
import type { Context, ServiceDeps } from '../context.js';
import type { PubSub } from '../pubsub.js';
import { VIEWER_HEADER, verifyForwardedIdentity, type ForwardedIdentity } from '../auth/tokens.js';
import { badInput, forbidden, rateLimited, toFormattedError, unauthenticated } from '../errors.js';
import { SHARE_EXTENSION, isSharedField, isSharedStream, markSharedStream, type ProbeAnswer, type ShareMode } from '../graphql/shared-subscriptions.js';
import { listen as listenOn, webSocketServerOn } from './listen.js';
import { subscribeWithFreshContext } from './fresh-subscribe.js';
import { poolOf } from '../db/client.js';
import { drainBudgetMs } from './shutdown.js';
import { gauges, mountMetrics, operationMetricsPlugin, watchDbPool } from '../metrics.js';
import { requestScope } from '../request-scope.js';
import { graphqlSpansPlugin, requestSpan, requestSpanRunner } from './tracing.js';
import { graphqlPostHandler } from './graphql-post.js';
import { inOperationSpan, socketOperationSpan, tracedEvent } from './socket-tracing.js';
import type { ResponseCache } from './response-cache.js';

export interface SubgraphOptions {
  name: string;
  schema: GraphQLSchema;
  prisma: PrismaClient;
  pubsub: PubSub;
  gatewaySecret: string;
  deps?: ServiceDeps;
  /** EXPOSE_ERROR_DETAILS=1: stack traces and internal messages in error answers (shared/errors.ts). */
  exposeErrorDetails?: boolean;
  /** Extra HTTP routes (webhooks). They verify their own signatures; they do not need the gateway's. */
  routes?: (app: express.Express) => void;
  /** graphql-ws operations one connection may hold open at once. */
  maxSubscriptionsPerConnection?: number;
  /** The same for the gateway's multiplexed socket, which carries every client subscription on this subgraph. */
  maxMultiplexedSubscriptions?: number;
  /** Whole answers to public, viewer-independent queries, emptied on announced changes (response-cache.ts). */
  responseCache?: ResponseCache;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Response header a subgraph sets when no resolver read the viewer, IP or user agent of the request. */
export const VIEWER_INDEPENDENT_HEADER = 'x-soulseer-viewer-independent';

const ACCESS = Symbol('viewerAccess');

interface ViewerAccess {
  identity: ForwardedIdentity;
  /** Set as soon as anything reads (or replaces) ctx.viewer, ctx.ip or ctx.userAgent. */
  read: boolean;
}

/**
 * The request context. `viewer`, `ip` and `userAgent` are getters on the prototype that record any read, so the
 * server can tell the gateway when a response is the same for every viewer. Apollo Server shallow-clones the
 * context (own enumerable properties, same prototype): the getters and the shared access record survive that.
 */
class RequestContext implements Context {
  declare [ACCESS]: ViewerAccess;
  prisma!: Context['prisma'];
  pubsub!: Context['pubsub'];
  requestId!: string;
  deps!: ServiceDeps;
  loaders!: Map<unknown, unknown>;

  get viewer() {
    this[ACCESS].read = true;
    return this[ACCESS].identity.viewer;
  }
  set viewer(viewer) {
    this[ACCESS].read = true;
    this[ACCESS].identity = { ...this[ACCESS].identity, viewer };
  }
  get ip() {
    this[ACCESS].read = true;
    return this[ACCESS].identity.ip;
  }
  get userAgent() {
    this[ACCESS].read = true;
    return this[ACCESS].identity.userAgent;
  }
}

export function buildContext(
  opts: Pick<SubgraphOptions, 'prisma' | 'pubsub' | 'deps'>,
  identity: ForwardedIdentity,
): Context {
  const ctx = new RequestContext();
  ctx[ACCESS] = { identity, read: false };
  ctx.prisma = opts.prisma;
  ctx.pubsub = opts.pubsub;
  // The gateway's request id (x-request-id) when this runs in an HTTP request's scope (shared/server/tracing.ts).
  ctx.requestId = requestScope()?.requestId ?? randomUUID();
  ctx.deps = opts.deps ?? ({} as ServiceDeps);
  ctx.loaders = new Map();
  return ctx;
}

/**
 * The context of one subscription event: the operation's identity, access record and shared-stream mark, but no
 * cache (loaders, and the per-context caches of Pothos plugins, key on the new object).
 */
function eventContext(operation: Context): Context {
  const op = operation as RequestContext;
  const ctx = new RequestContext();
  ctx[ACCESS] = op[ACCESS];
  ctx.prisma = op.prisma;
  ctx.pubsub = op.pubsub;
  ctx.requestId = op.requestId;
  ctx.deps = op.deps;
  ctx.loaders = new Map();
  if (isSharedStream(op)) markSharedStream(ctx);
  return ctx;
}

/** Whether anything read the viewer, IP or user agent of this context (true for contexts not built here). */
export function viewerWasRead(ctx: Context): boolean {
  return (ctx as Partial<RequestContext>)[ACCESS]?.read ?? true;
}

/** User agent of the gateway's multiplexed graphql-ws socket (signed, without a viewer). */
export const MULTIPLEX_AGENT = 'soulseer-gateway/multiplex';

type WsExtra = {
  identity?: ForwardedIdentity;
  multiplexed?: boolean;
};

/** Bytes a GraphQL request body may have (1 MiB, express.json's '1mb'). */
const GRAPHQL_BODY_LIMIT = 1024 * 1024;

const gatewayOnly = {
  errors: [
    {
      message: 'Subgraphs accept requests only through the gateway.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'GATEWAY_SIGNATURE_REQUIRED' },
    },
  ],
};

/** Serves one subgraph: /graphql (HTTP and graphql-ws), /health, /ready and its webhook routes. */
export async function startSubgraph(opts: SubgraphOptions, listen: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // POST /graphql (the gateway's calls) is served without express once Apollo has started (graphql-post.ts).
  let graphqlPost: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
  const httpServer = http.createServer((req, res) => {
    if (!graphqlPost?.(req, res)) app(req, res);
  });
  const wss = webSocketServerOn(httpServer, '/graphql');
  const maxSubs = opts.maxSubscriptionsPerConnection ?? 100;
  const maxMultiplexed = opts.maxMultiplexedSubscriptions ?? 50_000;
  // Parsed and validated operations by text: the gateway sends the same few documents for many viewers.
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const parsedDocument = (query: string): DocumentNode | readonly GraphQLError[] => {
    let hit = documents.get(query);
    if (!hit) {
      try {
        const document = parse(query);
        const errors = validate(opts.schema, document);
        hit = errors.length ? errors : document;
      } catch (error) {
        hit = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      if (documents.size >= 500) documents.delete(documents.keys().next().value!);
      documents.set(query, hit);
    }
    return hit;
  };

  // graphql-ws. A socket is authenticated by a gateway-signed identity in connectionParams. The gateway's own
  // multiplexed socket (MULTIPLEX_AGENT, no viewer) carries many viewers' operations, each with its viewer's
  // signed identity in the subscribe payload's extensions; that identity is verified and used for the operation.
  const probes = new WeakMap<object, ProbeAnswer>();
  const wsServer = useServer<Record<string, unknown>, WsExtra>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const identity = await verifyForwardedIdentity(ctx.connectionParams?.[VIEWER_HEADER] as string | undefined, opts.gatewaySecret);
        if (!identity) return false;
        ctx.extra.identity = identity;
        ctx.extra.multiplexed = identity.viewer === null && identity.userAgent === MULTIPLEX_AGENT;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already registered this operation in ctx.subscriptions (exactly the live ones).
        const limit = ctx.extra.multiplexed ? maxMultiplexed : maxSubs;
        if (Object.keys(ctx.subscriptions).length > limit) {
          return [rateLimited(`At most ${limit} subscriptions per connection.`, { limit })];
        }
        let identity = ctx.extra.identity!;
        const signed = (payload.extensions as Record<string, unknown> | undefined)?.[VIEWER_HEADER];
        if (signed !== undefined) {
          const verified = await verifyForwardedIdentity(typeof signed === 'string' ? signed : null, opts.gatewaySecret);
          if (!verified) return [unauthenticated('Subgraphs accept operations only through the gateway.', { reason: 'GATEWAY_SIGNATURE_REQUIRED' })];
          identity = verified;
        }
        const document = parsedDocument(payload.query);
        if (!('kind' in document)) return document;
        const contextValue = buildContext(opts, identity);
        socketOperationSpan(opts.name, payload, contextValue);
        // Shared subscriptions (shared/graphql/shared-subscriptions.ts): a probe runs the field's authorization as
        // the viewer and answers at once; a stream is opened only by the gateway's own identity, for a marked field.
        const share = (payload.extensions as Record<string, unknown> | undefined)?.[SHARE_EXTENSION] as ShareMode | undefined;
        if (share !== undefined) {
          const op = getOperationAST(document, payload.operationName);
          const root = op?.operation === 'subscription' && op.selectionSet.selections.length === 1 ? op.selectionSet.selections[0] : undefined;
          const shared = root?.kind === 'Field' && isSharedField(opts.schema, root.name.value);
          if (share === 'probe') {
            probes.set(contextValue, shared ? 'authorized' : 'unshared');
          } else if (share === 'stream') {
            if (!shared) return [badInput('Only a shared subscription field can be streamed for several subscribers.')];
            // The gateway's own identity: no viewer, no client IP, its multiplex agent (a client-derived identity
            // always carries the client's IP, whatever user agent it claims).
            if (!(identity.viewer === null && identity.ip === null && identity.userAgent === MULTIPLEX_AGENT)) {
              return [forbidden('Only the gateway opens shared subscription streams.')];
            }
            markSharedStream(contextValue);
          } else {
            return [badInput(`Unknown ${SHARE_EXTENSION} mode.`)];
          }
        }
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      // Queries on the socket (event completions) run in their operation's span (shared/server/socket-tracing.ts).
      execute: (args) => inOperationSpan(args.contextValue as object, () => execute(args)),
      subscribe: (args) => inOperationSpan(args.contextValue as object, async () => {
        const probe = probes.get(args.contextValue as object);
        if (probe === 'unshared') return { data: null, extensions: { [SHARE_EXTENSION]: probe } };
        // Each event runs with a context of its own: no per-request cache lives as long as the subscription.
        const operation = args.contextValue as object;
        const result = await subscribeWithFreshContext(args, (ctx) => eventContext(ctx as Context), (run) => tracedEvent(operation, run));
        if (probe === 'authorized' && Symbol.asyncIterator in result) {
          // Authorized: nothing is streamed on a probe.
          await result.return?.();
          return { data: null, extensions: { [SHARE_EXTENSION]: probe } };
        }
        return result;
      }),
      // A source stream that failed (a filter's query in an overloaded database): formatted as a resolver's error.
      // The refusals of onSubscribe and validation errors (no originalError) pass as they are.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => (e.originalError ? toFormattedError(e.toJSON(), e, !!opts.exposeErrorDetails) : e.toJSON())),
      // Queries on the socket (the gateway's event completions): say when no resolver read the viewer, so the
      // gateway may share the response with other viewers' identical in-flight fetches (as the HTTP header does).
      onNext: (_ctx, _id, _payload, args, result) => {
        // Errors as the HTTP path formats them (a database overload is SERVICE_UNAVAILABLE, never an uncoded message).
        if (result.errors) return { ...result, errors: result.errors.map((e) => toFormattedError(e.toJSON(), e, !!opts.exposeErrorDetails)) };
        if (viewerWasRead(args.contextValue as Context)) return undefined;
        if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return undefined;
        return { ...result, extensions: { ...result.extensions, viewerIndependent: true } } as never;
      },
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    schema: opts.schema,
    includeStacktraceInErrorResponses: !!opts.exposeErrorDetails,
    formatError: (formatted, error) => toFormattedError(formatted, error, !!opts.exposeErrorDetails),
    // The process owns shutdown (scripts/start.ts, scripts/services/*.ts, gateway/main.ts): Apollo's own SIGTERM handler raced it and held exit.
    stopOnTerminationSignals: false,
    plugins: [
      // On close, in-flight requests get the shutdown budget (SHUTDOWN_GRACE_MS less 2 s) to finish.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainBudgetMs() }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // No subgraph sets cache hints and the gateway reads none, but the default cache-control plugin's
      // willResolveField made Apollo wrap every field resolver of the schema (a hook call per resolved field).
      ApolloServerPluginCacheControlDisabled(),
      operationMetricsPlugin(opts.name),
      graphqlSpansPlugin(opts.name),
      ...(opts.responseCache ? [opts.responseCache.plugin(viewerWasRead)] : []),
      {
        // Tell the gateway a response may be shared with other viewers' identical in-flight queries.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
              if (ok && !viewerWasRead(contextValue)) response.http.headers.set(VIEWER_INDEPENDENT_HEADER, '1');
            },
          };
        },
      },
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsServer.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  opts.responseCache?.listen(opts.pubsub);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await opts.prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ready', service: opts.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: opts.name });
    }
  });
  mountMetrics(app);
  const unwatch = [
    gauges.wsConnections(() => [{ labels: { service: opts.name }, value: wss.clients.size }]),
    watchDbPool(opts.name, poolOf(opts.prisma)),
  ];
  opts.routes?.(app);

  graphqlPost = graphqlPostHandler(apollo, {
    path: '/graphql',
    limitBytes: GRAPHQL_BODY_LIMIT,
    authorize: (req) => verifyForwardedIdentity(req.headers[VIEWER_HEADER] as string | undefined, opts.gatewaySecret),
    refused: gatewayOnly,
    scope: requestSpanRunner(opts.name),
    context: async (identity) => buildContext(opts, identity),
  });
  // Everything else on /graphql (GET, other content types, compressed bodies), as it always was.
  app.use(
    '/graphql',
    async (req, res, next) => {
      const identity = await verifyForwardedIdentity(req.header(VIEWER_HEADER), opts.gatewaySecret);
      if (!identity) {
        res.status(401).json(gatewayOnly);
        return;
      }
      res.locals.identity = identity;
      next();
    },
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    requestSpan(opts.name),
    expressMiddleware(apollo, {
      context: async ({ res }) => buildContext(opts, res.locals.identity as ForwardedIdentity),
    }),
  );

  // Body-parser failures (a webhook body over its limit, malformed JSON) answer JSON: express's own error page
  // shows the stack trace and file paths outside NODE_ENV=production.
  app.use((err: { status?: number } | undefined, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!err) return next();
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({ error: status < 500 ? 'The request could not be read.' : 'Internal server error.' });
  });

  await listenOn(httpServer, listen.port ?? 0, listen.host ?? '127.0.0.1');
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    async close() {
      for (const stop of unwatch) stop();
      await apollo.stop();
      wss.close();
      await opts.responseCache?.close();
    },
  };
}

import type { IncomingMessage } from 'node:http';
import { executeQueryPlan, buildOperationContext, type ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { decodeJwt } from 'jose';
import type { WebSocket, WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { AppError, badInput, internal, rateLimited, toFormattedError } from '../shared/errors.js';
import { MULTIPLEX_AGENT } from '../shared/server/subgraph.js';
import { SHARE_EXTENSION } from '../shared/graphql/shared-subscriptions.js';
import type { Viewer } from '../shared/context.js';
import type { GatewayContext } from './create-gateway.js';
import { viewerKey, type IdentityService } from './identity.js';
import { UpstreamPool } from './subscription-upstream.js';
import { findNulCharacter, nulCharacterError } from './input-guards.js';
import type { Revocations } from './revocation.js';
import { isAccountRefusal } from './auth-state.js';

export interface SubscriptionLimits {
  /** Operations one client connection may hold open at once. */
  maxOperationsPerConnection: number;
  /** Subscribe messages one connection may send per minute (flood guard). */
  maxSubscribesPerMinute: number;
  /** Events queued for a client that reads too slowly before its subscription is ended. */
  maxQueuedEvents: number;
  /** How long a subscription waits for its subgraph to come back after its socket dropped. */
  recoveryWindowMs: number;
  /** Client connections must send connection_init within this time. */
  connectionInitWaitMs: number;
  keepAliveMs: number;
  pongTimeoutMs: number;
  /**
   * How each event's fields from other subgraphs are fetched: 'socket' sends the planner's `_entities` fetch as a
   * query on the gateway's multiplexed graphql-ws socket to that subgraph, with the viewer's signed identity,
   * merging identical in-flight fetches of the same viewer; 'http' uses the gateway's HTTP data sources (signed
   * header, the de-duplicating fetcher) exactly as queries do.
   */
  eventFetch: 'socket' | 'http';
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxOperationsPerConnection: 50,
  maxSubscribesPerMinute: 300,
  maxQueuedEvents: 500,
  recoveryWindowMs: 10_000,
  connectionInitWaitMs: 5_000,
  keepAliveMs: 10_000,
  pongTimeoutMs: 5_000,
  eventFetch: 'socket',
};

export interface SubscriptionServerOptions {
  gateway: ApolloGateway;
  wss: WebSocketServer;
  identity: IdentityService;
  subgraphUrls: Record<string, string>;
  /** EXPOSE_ERROR_DETAILS=1: keep stack traces and internal messages in errors (shared/errors.ts). */
  exposeErrorDetails?: boolean;
  /** Extra validation rules (the gateway's depth/alias/cost limits), applied as for HTTP. */
  validationRules?: readonly ValidationRule[];
  maxTokens?: number;
  limits?: Partial<SubscriptionLimits>;
  /** Revocations (gateway/revocation.ts): a signed-in connection is ended with 4403 when its access is revoked. */
  revocations?: Revocations;
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

/** The close codes a client sees when connection_init is refused. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

interface PlanState {
  apiSchema: GraphQLSchema;
  fedApiSchema: Schema;
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  prepared: Map<string, Prepared | readonly GraphQLError[]>;
}

interface Prepared {
  /** operationName + query text: the cache key, and with the variables the key of a shared stream. */
  key: string;
  document: DocumentNode;
  operationName: string | undefined;
  kind: 'query' | 'mutation' | 'subscription';
  plan: QueryPlan;
  /** A subscription whose field the owning subgraph does not share (learned from a probe): one upstream each. */
  unshared?: boolean;
  /** For subscriptions: the plan run on every event (the primary fetch answered by the event, then the rest). */
  eventPlan?: QueryPlan;
  primary?: FetchNode;
}

type ConnectionExtra = {
  viewer: Viewer | null;
  ip: string | null;
  userAgent: string | null;
  operations: number;
  subscribes: number[];
  expiryTimer?: NodeJS.Timeout;
  socket: WebSocket;
  request: IncomingMessage;
  /** Running subscriptions, each ended by its function with a last result (revocation). */
  live: Set<(result: ExecutionResult) => Promise<void>>;
  /** Set once revoked: no further operation starts. */
  revoked?: AppError;
  unwatch?: () => void;
};

interface OperationContextValue {
  /** The client's graphql-ws operation id. */
  id: string;
  prepared: Prepared;
  connection: ConnectionExtra;
  variables: Record<string, unknown>;
  query: string;
}

/** The service name of the fake data source that answers the primary fetch with the event itself. */
const EVENT_SOURCE = '__subscription_event__';
const registry = new WeakMap<WebSocketServer, SubscriptionServer>();

/** The subscription server attached to a gateway's WebSocketServer (tests read its stats). */
export function subscriptionServerOf(wss: WebSocketServer): SubscriptionServer | undefined {
  return registry.get(wss);
}

/**
 * Serves graphql-ws on the gateway's `/graphql` socket server.
 *
 * - connection_init carries `authorization: "Bearer <access token>"` (the same token as HTTP); a bad or expired
 *   token closes the socket with 4401 and a reason; the socket is closed with 4401 when the token expires.
 * - Subscriptions are planned by the federation query planner: the owning subgraph streams the events over the
 *   gateway's multiplexed socket (UpstreamPool), and each event is completed with executeQueryPlan through the
 *   gateway's own data sources (signed viewer header, in-flight de-duplication), exactly like a query.
 * - Queries and mutations sent over the socket are planned and executed the same way.
 * - Closing a client socket or completing an operation ends the upstream operation at once.
 */
export function attachSubscriptions(opts: SubscriptionServerOptions): SubscriptionServer {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...opts.limits };
  const rules = [...specifiedRules, ...(opts.validationRules ?? [])];
  const upstream = new UpstreamPool(opts.subgraphUrls, opts.identity, limits);
  let state: PlanState | null = null;
  let connections = 0;
  let operations = 0;

  const load = (apiSchema: GraphQLSchema, supergraphSdl: string) => {
    const supergraph = Supergraph.build(supergraphSdl);
    state = {
      apiSchema,
      fedApiSchema: supergraph.apiSchema(),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      planner: new QueryPlanner(supergraph),
      prepared: new Map(),
    };
  };
  const unsubscribeSchema = opts.gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => load(apiSchema, coreSupergraphSdl));
  // The gateway may have loaded before we were attached.
  const loaded = (opts.gateway as unknown as { schema?: GraphQLSchema }).schema;
  const loadedSdl = opts.gateway.__testing().supergraphSdl;
  if (loaded && loadedSdl) load(loaded, loadedSdl);

  // Event completion over the multiplexed sockets (eventFetch 'socket').
  const inflight = new Map<string, Promise<ExecutionResult>>();
  const shared = new Map<string, Promise<ExecutionResult>>();
  // Entity fetches of many events, merged: within one turn of the event loop, `_entities` fetches with the same
  // query on the same subgraph are sent as ONE fetch of all their representations, made without a viewer. Its
  // answer is used only if the subgraph reports that no resolver read the viewer (then it is the same for every
  // viewer); otherwise each caller fetches as itself, and that query is not merged again for a while.
  interface BatchCaller {
    representations: unknown[];
    resolve(r: ExecutionResult | null): void;
  }
  const batches = new Map<string, { service: string; query: string; operationName?: string; variables: Record<string, unknown>; callers: BatchCaller[] }>();
  const viewerDependentUntil = new Map<string, number>();
  let flushScheduled = false;
  const flushBatches = () => {
    flushScheduled = false;
    const pending = [...batches.values()];
    batches.clear();
    for (const batch of pending) {
      const index = new Map<string, number>();
      const merged: unknown[] = [];
      const positions = batch.callers.map((c) =>
        c.representations.map((rep) => {
          const k = JSON.stringify(rep);
          let i = index.get(k);
          if (i === undefined) {
            i = merged.length;
            merged.push(rep);
            index.set(k, i);
          }
          return i;
        }),
      );
      void opts.identity
        .forward(null, null, MULTIPLEX_AGENT)
        .then((identity) => upstream.query(batch.service, { query: batch.query, operationName: batch.operationName, variables: { ...batch.variables, representations: merged }, identity }))
        .then(
          (r) => {
            const entities = (r.data as { _entities?: unknown[] } | null | undefined)?._entities;
            if (!r.extensions?.viewerIndependent || r.errors || !Array.isArray(entities) || entities.length !== merged.length) {
              if (viewerDependentUntil.size >= 1000) viewerDependentUntil.delete(viewerDependentUntil.keys().next().value!);
              viewerDependentUntil.set(`${batch.service}\n${batch.query}`, Date.now() + 30_000);
              batch.callers.forEach((c) => c.resolve(null));
              return;
            }
            batch.callers.forEach((c, n) => c.resolve({ data: { _entities: positions[n]!.map((i) => entities[i]) }, extensions: { viewerIndependent: true } }));
          },
          () => batch.callers.forEach((c) => c.resolve(null)),
        );
    }
  };
  const batchedEntities = (service: string, request: { query?: string; operationName?: string; variables?: Record<string, unknown> }): Promise<ExecutionResult | null> | null => {
    const representations = request.variables?.representations;
    if (!Array.isArray(representations) || !request.query || limits.eventFetch !== 'socket') return null;
    const dependentKey = `${service}\n${request.query}`;
    const dependentUntil = viewerDependentUntil.get(dependentKey);
    if (dependentUntil !== undefined) {
      if (dependentUntil > Date.now()) return null;
      viewerDependentUntil.delete(dependentKey);
    }
    const { representations: _r, ...rest } = request.variables!;
    const key = `${service}\n${request.query}\n${JSON.stringify(rest)}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { service, query: request.query, operationName: request.operationName, variables: rest, callers: [] };
      batches.set(key, batch);
    }
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushBatches);
    }
    const b = batch;
    return new Promise((resolve) => b.callers.push({ representations, resolve }));
  };

  const socketSources = new Map<string, ServiceMap[string]>();
  const socketSource = (service: string): ServiceMap[string] => {
    let source = socketSources.get(service);
    if (!source) {
      source = {
        process: ({ request, context }: { request: { query?: string; operationName?: string; variables?: Record<string, unknown> }; context: GatewayContext }) => {
          const who = (context as { dedupeKey?: string }).dedupeKey ?? context.identity;
          const same = `${service}\n${request.query}\n${JSON.stringify(request.variables ?? {})}`;
          const own = `${same}\n${who}`;
          // Every consumer gets its own copy: executing the plan merges into the fetched objects.
          const copy = (r: ExecutionResult) => structuredClone(r);
          let pending = inflight.get(own);
          if (pending) return pending.then(copy);
          const fetchAsViewer = () =>
            upstream.query(service, { query: request.query!, operationName: request.operationName, variables: request.variables, identity: context.identity });
          const fetchOwn = (): Promise<ExecutionResult> => {
            const batched = batchedEntities(service, request);
            return batched ? batched.then((r) => r ?? fetchAsViewer()) : fetchAsViewer();
          };
          // Another viewer's identical fetch in flight: use its answer only if the subgraph says no resolver read
          // the viewer (extensions.viewerIndependent); otherwise fetch as this viewer.
          const other = shared.get(same);
          if (other) {
            pending = other.then(
              (r) => (r.extensions?.viewerIndependent ? r : fetchOwn()),
              () => fetchOwn(),
            );
          } else {
            pending = fetchOwn();
            const mine = pending;
            shared.set(same, mine);
            void mine.catch(() => {}).finally(() => shared.get(same) === mine && shared.delete(same));
          }
          inflight.set(own, pending);
          void pending.catch(() => {}).finally(() => inflight.delete(own));
          return pending.then(copy);
        },
      } as unknown as ServiceMap[string];
      socketSources.set(service, source);
    }
    return source;
  };
  /** The event fetch answered by the event itself (a copy when several completions share one event). */
  const withEvent = (services: ServiceMap, event: ExecutionResult, copy: boolean): ServiceMap => {
    services[EVENT_SOURCE] = { process: async () => (copy ? structuredClone(event) : event) } as unknown as ServiceMap[string];
    return services;
  };
  const eventServices = (): ServiceMap => {
    if (limits.eventFetch === 'http') return gatewayServices();
    const services: ServiceMap = Object.create(null);
    for (const name of Object.keys(opts.subgraphUrls)) services[name] = socketSource(name);
    return services;
  };

  const gatewayServices = (): ServiceMap => {
    const map = (opts.gateway as unknown as { serviceMap: Record<string, { dataSource: ServiceMap[string] }> }).serviceMap;
    const services: ServiceMap = Object.create(null);
    for (const name in map) services[name] = map[name]!.dataSource;
    return services;
  };

  function prepare(query: string, operationName: string | undefined): Prepared | readonly GraphQLError[] {
    const s = state;
    if (!s) return [internal('The gateway has not loaded its schema yet.')];
    const key = `${operationName ?? ''}\n${query}`;
    const hit = s.prepared.get(key);
    if (hit) return hit;
    let result: Prepared | readonly GraphQLError[];
    try {
      const document = parse(query, { maxTokens: opts.maxTokens });
      const errors = validate(s.apiSchema, document, rules);
      if (errors.length) {
        result = errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
      } else {
        const op = getOperationAST(document, operationName);
        if (!op) {
          result = [badInput('Unable to identify the operation to run (operationName).')];
        } else {
          const plan = s.planner.buildQueryPlan(operationFromDocument(s.fedApiSchema, document, { operationName }));
          const prepared: Prepared = { key, document, operationName, kind: op.operation, plan };
          if (plan.node?.kind === 'Subscription') {
            const { primary, rest } = plan.node as SubscriptionNode;
            const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SOURCE };
            const node: PlanNode = rest ? { kind: 'Sequence', nodes: [eventFetch, rest] } : eventFetch;
            prepared.eventPlan = { kind: 'QueryPlan', node };
            prepared.primary = primary;
          }
          result = prepared;
        }
      }
    } catch (error) {
      result = [error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : badInput(String((error as Error).message))];
    }
    if (s.prepared.size >= 1000) s.prepared.delete(s.prepared.keys().next().value!);
    s.prepared.set(key, result);
    return result;
  }

  async function requestContextFor(op: OperationContextValue) {
    const c = op.connection;
    const context = {
      viewer: c.viewer,
      identity: await opts.identity.forward(c.viewer, c.ip, c.userAgent),
      // Same key as the gateway's HTTP requests: the fetcher merges freely only within one viewer and client.
      dedupeKey: `${viewerKey(c.viewer)}|${c.ip ?? ''}|${c.userAgent ?? ''}`,
      metrics: {},
    } as GatewayContext;
    return {
      request: { query: op.query, operationName: op.prepared.operationName, variables: op.variables },
      context,
      metrics: {},
      document: op.prepared.document,
      logger: console,
    } as unknown as Parameters<typeof executeQueryPlan>[2];
  }

  async function run(op: OperationContextValue, plan: QueryPlan, services: ServiceMap): Promise<ExecutionResult> {
    const s = state!;
    const operationContext = buildOperationContext({ schema: s.apiSchema, operationDocument: op.prepared.document, operationName: op.prepared.operationName });
    return (await executeQueryPlan(plan, services, await requestContextFor(op), operationContext, s.supergraphSchema, s.fedApiSchema)) as ExecutionResult;
  }

  /** Queries and mutations sent over the socket. */
  async function federatedExecute(args: ExecutionArgs): Promise<ExecutionResult> {
    const op = args.contextValue as OperationContextValue;
    try {
      return await run(op, op.prepared.plan, gatewayServices());
    } finally {
      release(op);
    }
  }

  function release(op: OperationContextValue) {
    op.connection.operations -= 1;
    operations -= 1;
  }

  // ── shared subscriptions (shared/graphql/shared-subscriptions.ts) ──────────────────────────────────────────
  // Fields a subgraph marks shared deliver the same events to every subscriber it allows: after each subscriber's
  // probe (its authorization, as itself), ONE upstream stream per (operation, variables) serves all of them, each
  // event is completed once without a viewer and, when no fetch read the viewer, rendered once and written to
  // every subscriber's socket as the same bytes.
  interface Member {
    op: OperationContextValue;
    /**
     * Writes rendered `next` payloads, in order, to the client's socket in one write (ends the subscription if the
     * client is too slow).
     */
    send(payloadJsons: string[]): void;
    fail(result: ExecutionResult): void;
    complete(): void;
  }
  interface Group {
    members: Set<Member>;
    unsubscribe: () => void;
    chain: Promise<void>;
    /** Completions read the viewer until then: complete each event per subscriber without trying to share. */
    viewerDependentUntil: number;
    /**
     * Completed events not yet written, in order: one payload for everyone, or one per subscriber. Written on the
     * next turn of the event loop, or after the pause that follows a long write (FLUSH_PAUSE), so the events
     * completed meanwhile go out together, one socket write per subscriber for all of them.
     */
    outbox: Array<string | Map<Member, string>>;
    flushTimer: NodeJS.Timeout | NodeJS.Immediate | null;
    /** Not before then: after a write to every member that took d ms, the next one waits FLUSH_PAUSE × d. */
    nextFlushAt: number;
  }
  /**
   * A group's writes take at most 1 / (1 + FLUSH_PAUSE) of the time: after writing to every member, the next write
   * waits as long as that one took, collecting the events completed meanwhile into the same socket writes (measured
   * on bench:stream at 5,000 viewers: pause 0.5 / 1 / 2 / 4 gave p99 274 / 279–286 / 342 / 881 ms, gateway CPU
   * 18.4 / 16.6 / 12.3 / 9.1 s; 1 keeps p50 lowest).
   * A session chat (2 members, microseconds) never waits; a 5,000-viewer stream (tens of ms per write) sends a few
   * events per write instead of paying a syscall per event per viewer, on the gateway and on every client.
   */
  const FLUSH_PAUSE = 1;
  const groups = new Map<string, Group>();
  const sharing = limits.eventFetch === 'socket';

  const render = (result: ExecutionResult): string => {
    const errors = format(result.errors as readonly GraphQLError[] | undefined);
    return JSON.stringify(errors ? { ...result, errors } : result);
  };
  const unavailableError = (service: string) =>
    internal(`The ${service} service is unavailable, so this subscription has ended. Subscribe again.`, { reason: 'SUBGRAPH_UNAVAILABLE', service });
  const completionError = () => internal('This event could not be completed.');

  function primaryVariables(op: OperationContextValue): Record<string, unknown> {
    const variables: Record<string, unknown> = {};
    for (const name of op.prepared.primary!.variableUsages ?? []) if (name in op.variables) variables[name] = op.variables[name];
    return variables;
  }

  type ProbeAnswer = { kind: 'authorized' } | { kind: 'unshared' } | { kind: 'refused'; result: ExecutionResult } | { kind: 'unavailable' };
  async function probe(op: OperationContextValue): Promise<ProbeAnswer> {
    const primary = op.prepared.primary!;
    try {
      const identity = await opts.identity.forward(op.connection.viewer, op.connection.ip, op.connection.userAgent);
      const r = await upstream.query(primary.serviceName, {
        query: primary.operation,
        operationName: primary.operationName,
        variables: primaryVariables(op),
        identity,
        extensions: { [SHARE_EXTENSION]: 'probe' },
      });
      const answer = r.extensions?.[SHARE_EXTENSION];
      if (!r.errors?.length && answer === 'authorized') return { kind: 'authorized' };
      if (!r.errors?.length && answer === 'unshared') return { kind: 'unshared' };
      return { kind: 'refused', result: r.errors?.length ? { errors: r.errors } : { errors: [completionError()] } };
    } catch {
      return { kind: 'unavailable' };
    }
  }

  /** Services for one completion that report (through `dependent`) any fetch whose answer read the viewer. */
  function recordingServices(event: ExecutionResult, dependent: () => void): ServiceMap {
    const services: ServiceMap = Object.create(null);
    for (const name of Object.keys(opts.subgraphUrls)) {
      const source = socketSource(name) as unknown as { process(req: unknown): Promise<ExecutionResult> };
      services[name] = {
        process: async (req: unknown) => {
          const r = await source.process(req);
          if (!r.extensions?.viewerIndependent) dependent();
          return r;
        },
      } as unknown as ServiceMap[string];
    }
    return withEvent(services, event, true);
  }

  function enqueue(group: Group, entry: string | Map<Member, string>) {
    group.outbox.push(entry);
    if (group.flushTimer) return;
    const wait = group.nextFlushAt - performance.now();
    group.flushTimer = wait > 1 ? setTimeout(() => flush(group), wait) : setImmediate(() => flush(group));
  }

  function flush(group: Group) {
    if (group.flushTimer) {
      clearTimeout(group.flushTimer as NodeJS.Timeout);
      clearImmediate(group.flushTimer as NodeJS.Immediate);
      group.flushTimer = null;
    }
    const batch = group.outbox.splice(0);
    if (!batch.length) return;
    const started = performance.now();
    for (const m of [...group.members]) {
      const jsons: string[] = [];
      for (const entry of batch) {
        const json = typeof entry === 'string' ? entry : entry.get(m);
        if (json !== undefined) jsons.push(json);
      }
      if (jsons.length) m.send(jsons);
    }
    const now = performance.now();
    group.nextFlushAt = now + (now - started) * FLUSH_PAUSE;
  }

  /** Completes one event of a shared stream: one payload for everyone, or one per subscriber (null: nobody left). */
  async function completeEvent(group: Group, groupOp: OperationContextValue, event: ExecutionResult): Promise<string | Map<Member, string> | null> {
    if (!group.members.size) return null;
    const plan = groupOp.prepared.eventPlan!;
    if (group.viewerDependentUntil <= Date.now()) {
      let independent = true;
      let result: ExecutionResult;
      try {
        result = await run(groupOp, plan, recordingServices(event, () => (independent = false)));
      } catch {
        result = { errors: [completionError()] };
      }
      if (independent) return render(result);
      group.viewerDependentUntil = Date.now() + 30_000;
    }
    // Some fetch of this completion read the viewer: complete the event as each subscriber.
    const own = new Map<Member, string>();
    await Promise.all(
      [...group.members].map(async (m) => {
        let result: ExecutionResult;
        try {
          result = await run(m.op, plan, withEvent(eventServices(), event, true));
        } catch {
          result = { errors: [completionError()] };
        }
        own.set(m, render(result));
      }),
    );
    return own;
  }

  function joinGroup(op: OperationContextValue, member: Member): () => void {
    const key = `${op.prepared.key}\n${JSON.stringify(op.variables)}`;
    let group = groups.get(key);
    if (!group) {
      const primary = op.prepared.primary!;
      // The completion of a shared event runs without a viewer, IP or user agent.
      const groupOp: OperationContextValue = { ...op, id: '', connection: { viewer: null, ip: null, userAgent: null } as ConnectionExtra };
      const g: Group = { members: new Set(), unsubscribe: () => {}, chain: Promise.resolve(), viewerDependentUntil: 0, outbox: [], flushTimer: null, nextFlushAt: 0 };
      const close = (how: (m: Member) => void) => {
        if (groups.get(key) === g) groups.delete(key);
        flush(g);
        for (const m of [...g.members]) how(m);
        g.members.clear();
      };
      g.unsubscribe = upstream.subscribe(
        primary.serviceName,
        {
          query: primary.operation,
          operationName: primary.operationName,
          variables: primaryVariables(op),
          extensions: { [SHARE_EXTENSION]: 'stream' },
          signIdentity: () => opts.identity.forward(null, null, MULTIPLEX_AGENT),
        },
        {
          next: (event) => {
            // Events are completed concurrently (their entity fetches merge) and written in arrival order.
            const completed = completeEvent(g, groupOp, event);
            g.chain = g.chain.then(async () => {
              const entry = await completed;
              if (entry) enqueue(g, entry);
            });
          },
          complete: () => void g.chain.then(() => close((m) => m.complete())),
          unavailable: () => void g.chain.then(() => close((m) => m.fail({ errors: [unavailableError(primary.serviceName)] }))),
        },
      );
      groups.set(key, g);
      group = g;
    }
    const g = group;
    g.members.add(member);
    return () => {
      if (!g.members.delete(member) || g.members.size) return;
      if (groups.get(key) === g) groups.delete(key);
      flush(g); // nobody left to write to: clears the pending write timer
      g.unsubscribe();
    };
  }

  /**
   * Subscriptions: shared fields join a shared stream after the subscriber's probe; other fields get one upstream
   * operation per subscriber, each event completed through the query plan's remaining fetches as that subscriber.
   */
  function federatedSubscribe(args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
    const op = args.contextValue as OperationContextValue;
    const primary = op.prepared.primary!;
    const queue: ExecutionResult[] = [];
    let waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
    let ended = false;
    let released = false;
    let chain: Promise<void> = Promise.resolve();
    let detach: () => void = () => {};
    let drained: () => void = () => {};
    const taken = new Promise<void>((r) => (drained = r));
    // Revocation: this result is the last one, then the client gets `complete` (resolves once graphql-ws took both).
    const endWith = (result: ExecutionResult) => {
      queue.length = 0;
      deliver(result);
      stop();
      return taken;
    };
    op.connection.live.add(endWith);
    const deliver = (result: ExecutionResult) => {
      if (ended) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: result, done: false });
        return;
      }
      queue.push(result);
      if (queue.length > limits.maxQueuedEvents) {
        queue.length = 0;
        queue.push({ errors: [tooSlow()] });
        stop();
      }
    };
    const tooSlow = () =>
      rateLimited(`More than ${limits.maxQueuedEvents} events were waiting for this client; the subscription has ended. Subscribe again.`, { reason: 'CLIENT_TOO_SLOW' });
    const end = () => {
      if (ended) return;
      ended = true;
      op.connection.live.delete(endWith);
      if (!released) {
        released = true;
        release(op);
      }
      if (waiting && queue.length === 0) {
        const w = waiting;
        waiting = null;
        drained();
        w({ value: undefined, done: true });
      }
    };
    const startOwn = () => {
      detach = upstream.subscribe(
        primary.serviceName,
        {
          query: primary.operation,
          operationName: primary.operationName,
          variables: primaryVariables(op),
          signIdentity: () => opts.identity.forward(op.connection.viewer, op.connection.ip, op.connection.userAgent),
        },
        {
          next: (event) => {
            chain = chain.then(async () => {
              if (ended) return;
              try {
                deliver(await run(op, op.prepared.eventPlan!, withEvent(eventServices(), event, false)));
              } catch {
                deliver({ errors: [completionError()] });
              }
            });
          },
          complete: () => {
            void chain.then(end);
          },
          unavailable: () => {
            void chain.then(() => {
              deliver({ errors: [unavailableError(primary.serviceName)] });
              end();
            });
          },
        },
      );
    };
    if (!sharing || op.prepared.unshared) {
      startOwn();
    } else {
      const socket = op.connection.socket;
      const prefix = `{"id":${JSON.stringify(op.id)},"type":"next","payload":`;
      const member: Member = {
        op,
        send: (jsons) => {
          if (ended || socket.readyState !== 1 /* OPEN */) return;
          // Backpressure: the socket's own buffer is this subscriber's queue.
          if (socket.bufferedAmount > limits.maxQueuedEvents * jsons[0]!.length) {
            member.fail({ errors: [tooSlow()] });
            return;
          }
          // graphql-ws `next` messages, written directly: each payload is rendered once for every subscriber.
          // Several at once are corked into one write (one syscall, typically one TCP segment for the client).
          const tcp = jsons.length > 1 ? (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket : undefined;
          tcp?.cork();
          for (const json of jsons) socket.send(prefix + json + '}');
          tcp?.uncork();
        },
        fail: (result) => {
          deliver(result);
          stop();
        },
        complete: () => end(),
      };
      void probe(op).then((answer) => {
        if (ended) return;
        if (answer.kind === 'authorized') detach = joinGroup(op, member);
        else if (answer.kind === 'unshared') {
          op.prepared.unshared = true;
          startOwn();
        } else {
          deliver(answer.kind === 'refused' ? answer.result : { errors: [unavailableError(primary.serviceName)] });
          end();
        }
      });
    }
    function stop() {
      detach();
      end();
    }
    const it: AsyncIterableIterator<ExecutionResult> = {
      next() {
        const value = queue.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (ended) {
          drained();
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        // Ends upstream at once, even while an event is being completed (no `async function*` here).
        queue.length = 0;
        stop();
        drained();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error?: unknown) {
        stop();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return it;
      },
    };
    return it;
  }

  const format = (errors: readonly GraphQLError[] | undefined): GraphQLFormattedError[] | undefined =>
    errors?.map((e) => toFormattedError(typeof e.toJSON === 'function' ? e.toJSON() : (e as GraphQLFormattedError), e, !!opts.exposeErrorDetails));

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      connectionInitWaitTimeout: limits.connectionInitWaitMs,
      onConnect: async (ctx) => {
        connections += 1;
        const extra = ctx.extra as ConnectionExtra;
        extra.operations = 0;
        extra.subscribes = [];
        extra.live = new Set();
        const authenticatedAt = Date.now();
        extra.ip = extra.request.socket.remoteAddress ?? null;
        extra.userAgent = (extra.request.headers['user-agent'] as string | undefined) ?? null;
        const params = ctx.connectionParams ?? {};
        const header = (params.authorization ?? params.Authorization) as unknown;
        if (header !== undefined && typeof header !== 'string') {
          extra.socket.close(CLOSE_UNAUTHENTICATED, 'Unauthorized: connectionParams.authorization must be "Bearer <access token>".');
          return false;
        }
        try {
          extra.viewer = await opts.identity.viewerFromAuthorization(header as string | undefined);
        } catch (error) {
          const reason = (error as AppError).extensions?.reason;
          // A suspended or banned account: 4403; a revoked token: 4401 (sign in again), with the reason.
          if (isAccountRefusal(error)) extra.socket.close(CLOSE_FORBIDDEN, `Forbidden: ${(error as AppError).message}`);
          else if (reason === 'TOKEN_REVOKED' || reason === 'AUTH_UNAVAILABLE') extra.socket.close(CLOSE_UNAUTHENTICATED, `Unauthorized: ${(error as AppError).message}`);
          else extra.socket.close(CLOSE_UNAUTHENTICATED, `Unauthorized: ${reason === 'TOKEN_EXPIRED' ? 'the access token has expired' : 'the access token is invalid'}.`);
          return false;
        }
        if (extra.viewer && opts.revocations) extra.unwatch = opts.revocations.watchSocket(extra as ConnectionExtra & { viewer: Viewer }, header as string, authenticatedAt);
        if (extra.viewer && typeof header === 'string') {
          const exp = decodeJwt(header.replace(/^Bearer\s+/i, '')).exp;
          if (exp) {
            const ms = exp * 1000 - Date.now();
            extra.expiryTimer = setTimeout(() => extra.socket.close(CLOSE_UNAUTHENTICATED, 'Unauthorized: the access token has expired. Reconnect with a new one.'), Math.min(ms, 2 ** 31 - 1));
            extra.expiryTimer.unref();
          }
        }
        return true;
      },
      onClose: (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        if (extra.expiryTimer) clearTimeout(extra.expiryTimer);
        extra.unwatch?.();
        if (extra.subscribes) connections -= 1;
      },
      onSubscribe: (ctx, id, payload) => {
        const extra = ctx.extra as ConnectionExtra;
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
        if (typeof payload.query !== 'string') return [badInput('The operation has no query.')];
        const prepared = prepare(payload.query, payload.operationName ?? undefined);
        if (Array.isArray(prepared)) return prepared;
        const p = prepared as Prepared;
        const variables = (payload.variables ?? {}) as Record<string, unknown>;
        const nul = findNulCharacter(p.document, variables);
        if (nul) return [nulCharacterError(nul)];
        extra.operations += 1;
        operations += 1;
        const contextValue: OperationContextValue = { id, prepared: p, connection: extra, variables, query: payload.query };
        return { schema: state!.apiSchema, document: p.document, operationName: p.operationName, variableValues: variables, contextValue };
      },
      execute: (args) => federatedExecute(args),
      subscribe: (args) => {
        const op = args.contextValue as OperationContextValue;
        // graphql-ws dropped the operation before it started (client completed it at once).
        return federatedSubscribe({ ...args, contextValue: op });
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const errors = format(result.errors as readonly GraphQLError[] | undefined);
        return errors ? { ...result, errors } : (result as never);
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    opts.wss,
  );

  const subscriptionServer: SubscriptionServer = {
    stats: () => {
      const u = upstream.stats();
      let sharedSubscribers = 0;
      for (const g of groups.values()) sharedSubscribers += g.members.size;
      return {
        connections,
        operations,
        upstreamOperations: u.operations,
        upstreamSockets: u.openSockets,
        upstreamQueries: u.queries,
        sharedStreams: groups.size,
        sharedSubscribers,
      };
    },
    async dispose() {
      unsubscribeSchema();
      await server.dispose();
      await upstream.dispose();
    },
  };
  registry.set(opts.wss, subscriptionServer);
  // The gateway closes its socket server on shutdown: release the upstream sockets with it.
  opts.wss.once('close', () => void upstream.dispose());
  return subscriptionServer;
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

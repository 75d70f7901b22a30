import type { Socket } from 'node:net';
import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { Schema } from '@apollo/federation-internals';
import type { FetchNode, PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import type { WebSocket } from 'ws';
import { logger } from '../shared/logger.js';

// The one place the gateway relies on what its dependencies do not document. Each adapter names the package (and the
// version it was written against) it reaches into; private-apis.test.ts exercises every one against the installed
// packages and fails with the package and version when an upgrade removes or changes it. Anything else in gateway/
// uses only the dependencies' documented API.

const log = logger('gateway');

/**
 * The TCP socket under a `ws` WebSocket (ws 8.23: the private `_socket`), or undefined when ws no longer has it.
 * The subscription fan-out corks it around several `next` messages so they leave in one write (shared-groups.ts);
 * without it the messages are still sent, one write each.
 */
export function rawSocketOf(socket: WebSocket): Socket | undefined {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  return raw && typeof raw.cork === 'function' ? raw : undefined;
}

/**
 * The TCP socket under a `ws` WebSocket when a complete frame may be written to it directly, bypassing ws's sender
 * (ws 8.23: the private `_sender`, idle when its `_state` is 0 and its `_queue` empty, and between two messages when
 * `_firstFragment`), or undefined: then send through `socket.send()`. ws's own writes are synchronous when its sender
 * is idle, so frames written here never interleave with one of its frames; its `bufferedAmount` counts them (it reads
 * the TCP socket's buffer). The fan-out writes pre-encoded `next` frames this way (gateway/ws-frames.ts).
 */
export function idleRawSocketOf(socket: WebSocket): Socket | undefined {
  const sender = (socket as unknown as { _sender?: { _state?: unknown; _queue?: unknown[]; _firstFragment?: unknown } })._sender;
  if (!sender || sender._state !== 0 || !Array.isArray(sender._queue) || sender._queue.length || sender._firstFragment !== true) return undefined;
  const raw = rawSocketOf(socket);
  return raw && typeof raw.write === 'function' && raw.writable ? raw : undefined;
}

/**
 * Runs a query plan outside Apollo Server (@apollo/gateway 2.14: `executeQueryPlan` is exported but undocumented, and
 * normally receives the full request context Apollo Server builds; it reads only `request`, `context`, `metrics`
 * and `logger` of it). Used for subscription events and operations sent over graphql-ws.
 */
export async function executePlan(
  plan: QueryPlan,
  services: ServiceMap,
  request: { query: string; operationName: string | undefined; variables: Record<string, unknown>; document: DocumentNode; context: unknown },
  schemas: { apiSchema: GraphQLSchema; supergraphSchema: GraphQLSchema; fedApiSchema: Schema },
): Promise<ExecutionResult> {
  const operationContext = buildOperationContext({ schema: schemas.apiSchema, operationDocument: request.document, operationName: request.operationName });
  const requestContext = {
    request: { query: request.query, operationName: request.operationName, variables: request.variables },
    context: request.context,
    metrics: {},
    document: request.document,
    logger: log,
  } as unknown as Parameters<typeof executeQueryPlan>[2];
  return (await executeQueryPlan(plan, services, requestContext, operationContext, schemas.supergraphSchema, schemas.fedApiSchema)) as ExecutionResult;
}

/** The service name of the data source that answers a subscription's primary fetch with the event itself. */
export const EVENT_SOURCE = '__subscription_event__';

/**
 * The plan run on every event of a subscription (@apollo/query-planner 2.14: a subscription's plan is a
 * `Subscription` node `{ primary, rest }`, which `executeQueryPlan` does not run): the primary fetch, rewritten to be
 * answered by the EVENT_SOURCE data source, then the rest. Null when the plan is not a subscription's.
 */
export function subscriptionEventPlan(plan: QueryPlan): { primary: FetchNode; eventPlan: QueryPlan } | null {
  if (plan.node?.kind !== 'Subscription') return null;
  const { primary, rest } = plan.node as SubscriptionNode;
  const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SOURCE };
  const node: PlanNode = rest ? { kind: 'Sequence', nodes: [eventFetch, rest] } : eventFetch;
  return { primary, eventPlan: { kind: 'QueryPlan', node } };
}

/**
 * Whether a body Apollo's RemoteGraphQLDataSource (@apollo/gateway 2.14) sends is a read, which the de-duplicating
 * fetcher may merge (dedupe-fetch.ts). It relies on how the data source serializes: `{"query":"…", …}`, `query` first,
 * with the operation the query planner printed (`query Name…`, `query(…` or a bare selection set `{…}`). Anything
 * else (mutation, subscription, a body with another key order) is not a read here and is sent as it is.
 */
export function isQueryBody(body: string): boolean {
  return /^\{"query":"(?:\\[ntr]|\s)*(?:query\b|\{)/.test(body);
}

/**
 * The body RemoteGraphQLDataSource sends for a root fetch of a plan (@apollo/gateway 2.14: executeQueryPlan passes the
 * fetch's operation, its name and the request's variables it uses and are defined, in an object without prototype;
 * the data source serializes `{ query, variables, operationName }` in that order). The pass-through sends exactly
 * this (passthrough.ts), so its requests merge with the normal path's in flight and its answer can be handed over.
 */
export function subgraphRequestBody(fetch: FetchNode, provided: Record<string, unknown> | undefined): string {
  const variables: Record<string, unknown> = Object.create(null);
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return JSON.stringify({ query: fetch.operation, variables, operationName: fetch.operationName });
}

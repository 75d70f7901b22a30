import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { ApolloGateway, Experimental_DidResolveQueryPlanCallback, ServiceMap } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import {
  getNamedType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  print,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { inSpan, tracing } from '../shared/telemetry.js';
import type { GatewayContext } from './create-gateway.js';
import type { RenderedResults } from './rendered-results.js';
import { PREFETCHED_HEADER, SignedDataSource } from './signed-data-source.js';
import { subgraphRequestBody } from './private-apis.js';

type GatewayInterface = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type RequestContext = Parameters<Executor>[0];

export interface PassThroughStats {
  /** Operations whose plan was judged (once each), and how many of them may pass through. */
  decided: number;
  eligible: number;
  /** Requests answered with the subgraph's own bytes. */
  passed: number;
  /** Requests of an eligible operation answered by the normal path from the one subgraph answer already received. */
  handedOver: number;
}

interface Decision {
  fetch: FetchNode;
  operation: OperationDefinitionNode;
  apiSchema: GraphQLSchema;
}

/** What the supergraph hides from the API (@inaccessible) that a subgraph's answer could still carry. */
interface Hidden {
  /** Enums with an inaccessible value: the normal path nulls such a value (with an error), a subgraph sends it. */
  enums: Set<string>;
  /** Unions and interfaces with an inaccessible member: the normal path refuses that member's `__typename`. */
  abstracts: Set<string>;
}

/**
 * The pass-through (issue 15): an operation whose query plan is ONE fetch to ONE subgraph at the root (no entity
 * fetch, no @requires, no rewrites, a query) is answered with that subgraph's own bytes, skipping the plan's
 * execution, the re-shaping over the API schema and the JSON parse + stringify of the whole answer.
 *
 * Everything before execution is unchanged (Apollo's parsing, validation, the limits, trusted documents, the
 * viewer's identity, the in-flight merging of whole operations); the request sent is byte for byte the one the
 * plan's data source sends (same body, same signed headers, through the same merging fetcher), so the subgraph
 * sees no difference either. The bytes are passed on only when they are provably what the normal path would
 * render, which holds when
 * - the plan's subgraph operation is the client's operation (fragments spread in place; the planner added no
 *   `__typename`, dropped no introspection field, changed no selection): judged once per operation, when its plan
 *   is first resolved, and kept with the parsed document;
 * - nothing the operation selects is hidden by @inaccessible (an enum value, a member of a union or interface);
 * - the variables coerce against the API schema (otherwise the normal path answers with the gateway's own error);
 * - the answer is HTTP 200 JSON with `data` and neither `errors` nor `extensions` (the subgraph's Apollo writes
 *   `errors` first), and no cache-control header but `no-store`;
 * - nobody asked for the query plan (Apollo-Query-Plan-Experimental) or a trace of it.
 * Otherwise the normal path runs, and its data source is handed the answer already received instead of fetching
 * again (PREFETCHED_HEADER): errors are formatted, codes relayed and masked exactly as always, with one fetch.
 */
export function createPassThrough(opts: { dataSources: ServiceMap; renderer: RenderedResults }) {
  const decisions = new WeakMap<DocumentNode, Map<string, Decision | null>>();
  const stats: PassThroughStats = { decided: 0, eligible: 0, passed: 0, handedOver: 0 };
  /** Answers received by the pass-through, waiting for the normal path's data source, by id. */
  const handed = new Map<string, { url: string; body: string; answer: Promise<FetcherResponse> }>();
  let supergraphSdl = '';
  let hidden: Hidden | null = null;
  let fetcher: Fetcher | null = null;
  let sequence = 0;

  const decide = (...[{ queryPlan, operationContext }]: Parameters<Experimental_DidResolveQueryPlanCallback>): Decision | null => {
    const fetch = queryPlan.node;
    if (fetch?.kind !== 'Fetch' || fetch.operationKind !== 'query' || operationContext.operation.operation !== 'query') return null;
    if (fetch.requires || fetch.hasDefers || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return null;
    if (!(opts.dataSources[fetch.serviceName] instanceof SignedDataSource)) return null;
    const schema = operationContext.schema;
    hidden ??= hiddenIn(supergraphSdl);
    const planned = fetch.operationDocumentNode ?? parse(fetch.operation);
    const plannedOperation = planned.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!plannedOperation) return null;
    const client = canonical(schema, operationContext.operation, operationContext.fragments, hidden);
    const plan = canonical(schema, plannedOperation, fragmentsOf(planned), hidden);
    if (client === null || client !== plan) return null;
    return { fetch, operation: operationContext.operation, apiSchema: schema };
  };

  /** Called by the gateway with every plan it resolves: judges each operation once. */
  const learn: Experimental_DidResolveQueryPlanCallback = (args) => {
    const document = args.requestContext.document;
    const name = args.requestContext.request.operationName ?? '';
    let byName = decisions.get(document);
    if (byName?.has(name)) return;
    if (!byName) decisions.set(document, (byName = new Map()));
    let decision: Decision | null = null;
    try {
      decision = decide(args);
    } catch {
      // Anything the judgement does not understand is not passed through.
    }
    byName.set(name, decision);
    stats.decided++;
    if (decision) stats.eligible++;
  };

  /** Runs the normal path with `answer` as the one subgraph answer its data source will get. */
  const handOver = async (rc: RequestContext, normal: Executor, url: string, body: string, answer: Promise<FetcherResponse>) => {
    // A failed fetch is the normal path's to report (its data source gets the same rejection); never unhandled here.
    answer.catch(() => undefined);
    const id = String(++sequence);
    handed.set(id, { url, body, answer });
    const context = rc.context as GatewayContext;
    context.prefetched = id;
    stats.handedOver++;
    try {
      return await normal(rc);
    } finally {
      handed.delete(id);
      context.prefetched = undefined;
    }
  };

  const execute = async (rc: RequestContext, normal: Executor, decision: Decision) => {
    const { fetch, operation } = decision;
    if (rc.request.http?.headers.get('apollo-query-plan-experimental') != null || rc.metrics?.captureTraces) return normal(rc);
    if (operation.variableDefinitions?.length && getVariableValues(decision.apiSchema, operation.variableDefinitions, rc.request.variables ?? {}).errors) {
      return normal(rc);
    }
    const source = opts.dataSources[fetch.serviceName] as SignedDataSource;
    const context = rc.context as GatewayContext;
    // The request as executeQueryPlan and RemoteGraphQLDataSource build it, byte for byte.
    const body = subgraphRequestBody(fetch, rc.request.variables);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const http = { method: 'POST', url: source.url, headers: { set: (name: string, value: string) => void (headers[name.toLowerCase()] = value) } };
    const send = async () => {
      source.willSendRequest({ request: { http } as never, context });
      return fetcher!(source.url, { method: 'POST', headers, body });
    };
    let response: FetcherResponse;
    try {
      response = tracing() ? await inSpan('gateway.request', {}, () => inSpan('gateway.fetch', { attributes: { service: fetch.serviceName } }, send)) : await send();
    } catch (error) {
      return handOver(rc, normal, source.url, body, Promise.reject(error));
    }
    const kept = response.clone();
    const type = response.headers.get('content-type');
    const cacheControl = response.headers.get('cache-control');
    const plain = response.status === 200 && type !== null && type.startsWith('application/json') && (cacheControl === null || cacheControl === 'no-store');
    const text = plain ? await response.text() : '';
    if (!plain || !text.startsWith('{"data":{') || text.includes('"errors":') || text.includes('"extensions":')) {
      return handOver(rc, normal, source.url, body, Promise.resolve(kept));
    }
    // What the data source does with every answer: the viewer-independence mark, and the cache policy an answer
    // with no cache-control, or `no-store` (what Apollo's subgraphs send), gives: maxAge 0.
    source.didReceiveResponse({ response: { http: kept } as never, context });
    const policy = rc.overallCachePolicy as { restrict?(hint: { maxAge: number }): void } | undefined;
    policy?.restrict?.({ maxAge: 0 });
    stats.passed++;
    // Apollo's subgraph ends its answer with a newline; the gateway's rendering has none.
    return { data: opts.renderer.preRendered(text.endsWith('\n') ? text.slice(0, -1) : text) };
  };

  return {
    stats,
    learn,
    /** The supergraph the gateway loaded (for what it hides from the API): forgets earlier judgements' basis. */
    schemaLoaded(sdl: string) {
      supergraphSdl = sdl;
      hidden = null;
    },
    /**
     * The fetcher under every data source: a request carrying PREFETCHED_HEADER gets the answer the pass-through
     * already received for exactly that URL and body; any other request (the header stripped) goes to `inner`.
     */
    fetcher(inner: Fetcher): Fetcher {
      fetcher = inner;
      return async (url, init) => {
        const headers = init?.headers as Record<string, string> | undefined;
        const id = headers?.[PREFETCHED_HEADER];
        if (id === undefined) return inner(url, init);
        const { [PREFETCHED_HEADER]: _id, ...rest } = headers!;
        const entry = handed.get(id);
        if (entry && entry.url === url && entry.body === init?.body) {
          handed.delete(id);
          return entry.answer;
        }
        return inner(url, { ...init, headers: rest });
      };
    },
    /** The gateway as Apollo Server sees it: its executor tries the pass-through first. */
    wrap(gateway: ApolloGateway): GatewayInterface {
      return {
        onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
        stop: () => gateway.stop(),
        load: async (options) => {
          const loaded = await gateway.load(options);
          const normal = loaded.executor;
          if (!normal) return loaded;
          return {
            ...loaded,
            executor: async (rc) => {
              const decision = decisions.get(rc.document)?.get(rc.request.operationName ?? '');
              return decision ? execute(rc, normal, decision) : normal(rc);
            },
          };
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

/**
 * An operation printed as graphql-js executes it, whatever its fragments: a named fragment is an inline fragment
 * where it is spread, and an inline fragment on the enclosing type without directives is its selections in place
 * (graphql-js collects fields in that same order either way). Null when the operation reaches anything this does not
 * handle (introspection, unknown fields) or anything @inaccessible hides.
 */
function canonical(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, hidden: Hidden): string | null {
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  try {
    const selectionSet = canonicalSet(schema, operation.selectionSet, root, fragments, hidden, 0);
    return print({ ...operation, name: undefined, selectionSet, loc: undefined });
  } catch {
    return null;
  }
}

function canonicalSet(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  hidden: Hidden,
  depth: number,
): SelectionSetNode {
  if (depth > 64) throw new Error('too deep');
  const out: SelectionNode[] = [];
  const add = (selections: readonly SelectionNode[], type: GraphQLCompositeType) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__typename') {
          if (s.selectionSet) throw new Error('selection on __typename');
          if (isAbstractType(type) && hidden.abstracts.has(type.name)) throw new Error('hidden member');
          out.push({ ...s, loc: undefined });
          continue;
        }
        if (!isObjectType(type) && !isInterfaceType(type)) throw new Error('field on a union');
        const field = type.getFields()[s.name.value];
        if (!field) throw new Error('unknown field');
        const named = getNamedType(field.type);
        if ((isEnumType(named) && hidden.enums.has(named.name)) || (isAbstractType(named) && hidden.abstracts.has(named.name))) throw new Error('hidden');
        if (!s.selectionSet !== !isCompositeType(named)) throw new Error('selection mismatch');
        const selectionSet = s.selectionSet ? canonicalSet(schema, s.selectionSet, named as GraphQLCompositeType, fragments, hidden, depth + 1) : undefined;
        out.push({ ...s, selectionSet, loc: undefined });
        continue;
      }
      const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments[s.name.value] : s;
      if (!fragment) throw new Error('unknown fragment');
      if (s.kind === Kind.FRAGMENT_SPREAD && fragment.directives?.length) throw new Error('directives on a fragment definition');
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (!condition || !isCompositeType(condition)) throw new Error('unknown type condition');
      const directives: readonly DirectiveNode[] = s.directives ?? [];
      if (!directives.length && condition === type) {
        add(fragment.selectionSet.selections, type);
        continue;
      }
      out.push({
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: condition === type ? undefined : { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition.name } },
        directives: directives.map((d) => ({ ...d, loc: undefined })),
        selectionSet: canonicalSet(schema, fragment.selectionSet, condition, fragments, hidden, depth + 1),
      });
    }
  };
  add(set.selections, parent);
  return { kind: Kind.SELECTION_SET, selections: out };
}

/** Enums with an @inaccessible value, and unions and interfaces with an @inaccessible member, in the supergraph. */
function hiddenIn(supergraphSdl: string): Hidden {
  const hidden: Hidden = { enums: new Set(), abstracts: new Set() };
  if (!supergraphSdl.includes('inaccessible')) return hidden;
  const isHidden = (directives: readonly DirectiveNode[] | undefined) =>
    directives?.some((d) => d.name.value === 'inaccessible' || d.name.value.endsWith('__inaccessible')) ?? false;
  const definitions = parse(supergraphSdl).definitions;
  const hiddenTypes = new Set<string>();
  for (const d of definitions) {
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && isHidden(d.directives)) hiddenTypes.add(d.name.value);
    if (d.kind === Kind.ENUM_TYPE_DEFINITION && d.values?.some((v) => isHidden(v.directives))) hidden.enums.add(d.name.value);
  }
  for (const d of definitions) {
    if (d.kind === Kind.UNION_TYPE_DEFINITION && d.types?.some((t) => hiddenTypes.has(t.name.value))) hidden.abstracts.add(d.name.value);
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && hiddenTypes.has(d.name.value)) {
      for (const i of d.interfaces ?? []) hidden.abstracts.add(i.name.value);
    }
  }
  return hidden;
}

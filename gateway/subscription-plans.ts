import type { ApolloGateway, ServiceMap } from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type QueryPlan } from '@apollo/query-planner';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { badInput, internal } from '../shared/errors.js';
import type { ClientOperation } from './client-operation.js';
import type { GatewayContext } from './create-gateway.js';
import { viewerKey, type IdentityService } from './identity.js';
import { EVENT_SOURCE, executePlan, subscriptionEventPlan } from './private-apis.js';
import { withRequestCode } from './subscription-errors.js';

/** An operation sent over graphql-ws, parsed, validated and planned once per (operationName, query text). */
export interface PreparedOperation {
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

interface PlanState {
  apiSchema: GraphQLSchema;
  fedApiSchema: Schema;
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  prepared: Map<string, PreparedOperation | readonly GraphQLError[]>;
}

export interface SubscriptionPlansOptions {
  gateway: ApolloGateway;
  identity: IdentityService;
  /** Extra validation rules (the gateway's depth/alias/cost limits), applied as for HTTP. */
  validationRules?: readonly ValidationRule[];
  maxTokens?: number;
}

/** The event fetch answered by the event itself (a copy when several completions share one event). */
export function withEvent(services: ServiceMap, event: ExecutionResult, copy: boolean): ServiceMap {
  services[EVENT_SOURCE] = { process: async () => (copy ? structuredClone(event) : event) } as unknown as ServiceMap[string];
  return services;
}

/**
 * The query plans of operations sent over graphql-ws: the federation query planner over the gateway's current
 * supergraph (followed through `onSchemaLoadOrUpdate`; create this before the gateway loads), a cache of the last
 * 1,000 prepared operations, and the execution of a plan as a client's operation (its signed identity, the same
 * de-duplication key as its HTTP requests).
 */
export class SubscriptionPlans {
  /** Built on the first operation over graphql-ws, not at start (~0.4 s of CPU the first HTTP answer need not wait for). */
  private built: PlanState | null = null;
  private loaded: { apiSchema: GraphQLSchema; supergraphSdl: string } | null = null;
  private readonly rules: readonly ValidationRule[];
  private readonly unsubscribeSchema: () => void;

  constructor(private readonly options: SubscriptionPlansOptions) {
    this.rules = [...specifiedRules, ...(options.validationRules ?? [])];
    this.unsubscribeSchema = options.gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => this.load(apiSchema, coreSupergraphSdl));
  }

  /** The API schema operations are validated and executed against (null until the gateway has loaded). */
  get apiSchema(): GraphQLSchema | null {
    return this.loaded?.apiSchema ?? null;
  }

  private load(apiSchema: GraphQLSchema, supergraphSdl: string) {
    // A new supergraph: plans of the old one are dropped; the planner is built when an operation needs it.
    this.loaded = { apiSchema, supergraphSdl };
    this.built = null;
  }

  private get state(): PlanState | null {
    if (!this.built && this.loaded) {
      const { apiSchema, supergraphSdl } = this.loaded;
      // The gateway has loaded this supergraph (validating it outside production): not validated twice.
      const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: false });
      this.built = {
        apiSchema,
        fedApiSchema: supergraph.apiSchema(),
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        planner: new QueryPlanner(supergraph),
        prepared: new Map(),
      };
    }
    return this.built;
  }

  /** Parses, validates and plans an operation (cached), or the errors to answer it with. */
  prepare(query: string, operationName: string | undefined): PreparedOperation | readonly GraphQLError[] {
    const s = this.state;
    if (!s) return [internal('The gateway has not loaded its schema yet.')];
    const key = `${operationName ?? ''}\n${query}`;
    const hit = s.prepared.get(key);
    if (hit) return hit;
    let result: PreparedOperation | readonly GraphQLError[];
    try {
      const document = parse(query, { maxTokens: this.options.maxTokens });
      const errors = validate(s.apiSchema, document, this.rules);
      if (errors.length) {
        result = errors.map((e) => withRequestCode(e, 'GRAPHQL_VALIDATION_FAILED'));
      } else {
        const op = getOperationAST(document, operationName);
        if (!op) {
          result = [badInput('Unable to identify the operation to run (operationName).')];
        } else {
          const plan = s.planner.buildQueryPlan(operationFromDocument(s.fedApiSchema, document, { operationName }));
          const prepared: PreparedOperation = { key, document, operationName, kind: op.operation, plan };
          const event = subscriptionEventPlan(plan);
          if (event) {
            prepared.eventPlan = event.eventPlan;
            prepared.primary = event.primary;
          }
          result = prepared;
        }
      }
    } catch (error) {
      // A syntax error (or the token limit) is the client's: answered as Apollo answers it over HTTP.
      result = [error instanceof GraphQLError ? withRequestCode(error, 'GRAPHQL_PARSE_FAILED') : badInput(String((error as Error).message))];
    }
    if (s.prepared.size >= 1000) s.prepared.delete(s.prepared.keys().next().value!);
    s.prepared.set(key, result);
    return result;
  }

  /** Runs a plan of `op` as its client: each fetch through `services`, with the client's signed identity. */
  async run(op: ClientOperation, plan: QueryPlan, services: ServiceMap): Promise<ExecutionResult> {
    const s = this.state!;
    const c = op.connection;
    const context = {
      viewer: c.viewer,
      identity: await this.options.identity.forward(c.viewer, c.ip, c.userAgent),
      // Same key as the gateway's HTTP requests: the fetcher merges freely only within one viewer and client.
      dedupeKey: `${viewerKey(c.viewer)}|${c.ip ?? ''}|${c.userAgent ?? ''}`,
      metrics: {},
    } satisfies GatewayContext;
    return executePlan(
      plan,
      services,
      { query: op.query, operationName: op.prepared.operationName, variables: op.variables, document: op.prepared.document, context },
      s,
    );
  }

  dispose(): void {
    // Stops following schema updates; operations still completing keep the plans they have.
    this.unsubscribeSchema();
  }
}

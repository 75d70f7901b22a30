import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { Context } from '../context.js';
import type { PubSub } from '../pubsub.js';
import { errorField, logger } from '../logger.js';

export interface ResponseCacheOptions {
  /** Root query fields whose whole answers may be kept (an operation is cached only if it asks for nothing else). */
  rootFields: readonly string[];
  /**
   * Entity types whose `_entities` answers may be kept too: an operation asking only for `_entities`, whose
   * representations (a variable, as gateways send them) are all of these types. Other subgraphs' references to
   * public entities (the Reader of each session in a client's history) are asked for again on every page view.
   */
  entityTypes?: readonly string[];
  /** Topics whose every event empties the cache in this instance (published after commit by the writers). */
  topics: readonly string[];
  /** Longest an answer is kept, the safety net for a change nobody announced (a row edited by hand); 0: off. */
  maxAgeMs: number;
  /** Most answers kept (different arguments or selections); the least recently used goes first. */
  maxEntries?: number;
}

interface Entry {
  result: Record<string, unknown>;
  storedAt: number;
}

/**
 * A cache of whole answers to public, viewer-independent queries of one subgraph (accounts' reader directory),
 * emptied on every change announced on its topics, in every instance: each instance listens on pub/sub (Redis
 * across processes), and the writers announce after commit. An answer is stored only when
 * - the operation is a query asking only for the listed root fields (and __typename), or for `_entities` of the
 *   listed entity types;
 * - no resolver read the viewer, IP or user agent (the same tracking that lets the gateway share an answer across
 *   viewers), and it has no error;
 * - no change was announced while it ran (a generation counter): an answer computed from rows a concurrent
 *   transaction was changing is dropped, and the change's own announcement empties whatever was stored before it.
 * So after a write commits, the next request of any viewer in any instance runs the query again.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly rootFields: Set<string>;
  private readonly entityTypes: Set<string>;
  private readonly maxEntries: number;
  private listener: AsyncIterableIterator<unknown> | null = null;
  readonly stats = { hits: 0, misses: 0, stored: 0, invalidations: 0 };

  constructor(private readonly options: ResponseCacheOptions) {
    this.rootFields = new Set(options.rootFields);
    this.entityTypes = new Set(options.entityTypes);
    this.maxEntries = options.maxEntries ?? 500;
  }

  get enabled(): boolean {
    return this.options.maxAgeMs > 0;
  }

  /** Starts emptying the cache on the topics' events (call once; `close` stops it). */
  listen(pubsub: PubSub): void {
    if (!this.enabled || this.listener) return;
    const it = pubsub.subscribe(this.options.topics as string[], { counted: false });
    this.listener = it;
    void (async () => {
      for await (const _event of it) this.invalidate();
    })().catch((error: unknown) => logger('response-cache').error(errorField(error), 'cache invalidation listener stopped'));
  }

  /**
   * The pub/sub this instance's own writers publish on: a publish on one of the topics empties this instance's
   * cache before it returns, so the writer's next read here is fresh (the announcement reaches the other instances,
   * and this one again, through pub/sub).
   */
  announcing(pubsub: PubSub): PubSub {
    const topics = new Set(this.options.topics);
    return {
      publish: async (topic, payload) => {
        if (topics.has(topic)) this.invalidate();
        await pubsub.publish(topic, payload);
      },
      subscribe: (topic, options) => pubsub.subscribe(topic, options),
      listenerCount: () => pubsub.listenerCount(),
      close: () => pubsub.close(),
    };
  }

  async close(): Promise<void> {
    await this.listener?.return?.();
    this.listener = null;
    this.entries.clear();
  }

  /** Forgets every answer; answers being computed right now will not be stored. */
  invalidate(): void {
    this.generation++;
    this.stats.invalidations++;
    this.entries.clear();
  }

  /** Entries currently held (tests). */
  size(): number {
    return this.entries.size;
  }

  private cacheable(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined): boolean {
    if (!operation || operation.operation !== 'query' || operation.directives?.length) return false;
    return operation.selectionSet.selections.every((s) => {
      if (s.kind !== Kind.FIELD || s.directives?.length) return false;
      if (s.name.value === '__typename' || this.rootFields.has(s.name.value)) return true;
      return s.name.value === '_entities' && this.publicEntities(s.arguments?.find((a) => a.name.value === 'representations')?.value, variables);
    });
  }

  /** Whether `_entities`' representations are a variable listing only entities of the cacheable types. */
  private publicEntities(arg: ValueNode | undefined, variables: Record<string, unknown> | undefined): boolean {
    if (!this.entityTypes.size || arg?.kind !== Kind.VARIABLE) return false;
    const list = variables?.[arg.name.value];
    return Array.isArray(list) && list.length > 0 && list.every((r) => this.entityTypes.has((r as { __typename?: unknown } | null)?.__typename as string));
  }

  /** The Apollo Server plugin that answers from the cache and fills it. */
  plugin(viewerWasRead: (ctx: Context) => boolean): ApolloServerPlugin<Context> {
    const cache = this;
    return {
      async requestDidStart() {
        if (!cache.enabled) return {};
        let key: string | null = null;
        let generation = -1;
        let hit = false;
        return {
          async responseForOperation(rc: GraphQLRequestContext<Context>) {
            if (!cache.cacheable(rc.operation, rc.request.variables)) return null;
            key = `${rc.operationName ?? ''}\n${rc.source ?? ''}\n${JSON.stringify(rc.request.variables ?? {})}`;
            const entry = cache.entries.get(key);
            if (entry && Date.now() - entry.storedAt < cache.options.maxAgeMs) {
              cache.entries.delete(key);
              cache.entries.set(key, entry);
              cache.stats.hits++;
              hit = true;
              return { body: { kind: 'single', singleResult: entry.result }, http: rc.response.http };
            }
            if (entry) cache.entries.delete(key);
            cache.stats.misses++;
            generation = cache.generation;
            return null;
          },
          async willSendResponse({ contextValue, response }) {
            if (hit || key === null || generation !== cache.generation) return;
            if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
            if (viewerWasRead(contextValue)) return;
            if (cache.entries.size >= cache.maxEntries) cache.entries.delete(cache.entries.keys().next().value!);
            // A copy of plain JSON, frozen by being shared: nothing downstream may change the stored answer.
            cache.entries.set(key, { result: JSON.parse(JSON.stringify(response.body.singleResult)) as Record<string, unknown>, storedAt: Date.now() });
            cache.stats.stored++;
          },
        };
      },
    };
  }
}

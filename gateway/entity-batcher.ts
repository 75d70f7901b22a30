import type { ExecutionResult } from 'graphql';
import { MULTIPLEX_AGENT } from '../shared/server/subgraph.js';
import { logger, errorField } from '../shared/logger.js';
import { DependentKeys } from './dependent-keys.js';
import type { IdentityService } from './identity.js';
import type { UpstreamPool } from './subscription-upstream.js';

/** A subgraph fetch as the query plan sends it to a data source. */
export interface PlanFetch {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

interface BatchCaller {
  representations: unknown[];
  resolve(r: ExecutionResult | null): void;
}

interface Batch {
  service: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  callers: BatchCaller[];
}

/** How long a query whose merged answer read the viewer is not merged again. */
const VIEWER_DEPENDENT_MS = 30_000;

/**
 * Entity fetches of many events, merged: within one turn of the event loop, `_entities` fetches with the same query
 * on the same subgraph are sent as ONE fetch of all their representations, made without a viewer, on the gateway's
 * multiplexed socket. Its answer is used only if the subgraph reports that no resolver read the viewer (then it is
 * the same for every viewer); otherwise each caller fetches as itself (`null`), and that query is not merged again
 * for a while.
 */
export class EntityBatcher {
  private readonly batches = new Map<string, Batch>();
  private readonly viewerDependent = new DependentKeys(VIEWER_DEPENDENT_MS, 1000);
  private flushScheduled = false;
  private disposed = false;

  constructor(
    private readonly upstream: UpstreamPool,
    private readonly identity: IdentityService,
  ) {}

  /**
   * Joins this turn's merged fetch of `request`'s entities: resolves with this caller's share of the answer, or with
   * null when the caller must fetch as its viewer. Null at once when the fetch is not an entity fetch, or its query
   * read the viewer recently.
   */
  fetch(service: string, request: PlanFetch): Promise<ExecutionResult | null> | null {
    const representations = request.variables?.representations;
    if (!Array.isArray(representations) || !request.query || this.disposed) return null;
    const dependentKey = `${service}\n${request.query}`;
    if (this.viewerDependent.has(dependentKey)) return null;
    const { representations: _r, ...rest } = request.variables!;
    const key = `${service}\n${request.query}\n${JSON.stringify(rest)}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = { service, query: request.query, operationName: request.operationName, variables: rest, callers: [] };
      this.batches.set(key, batch);
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    const b = batch;
    return new Promise((resolve) => b.callers.push({ representations, resolve }));
  }

  private flush() {
    this.flushScheduled = false;
    const pending = [...this.batches.values()];
    this.batches.clear();
    for (const batch of pending) this.send(batch);
  }

  private send(batch: Batch) {
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
    void this.identity
      .forward(null, null, MULTIPLEX_AGENT)
      .then((identity) => this.upstream.query(batch.service, { query: batch.query, operationName: batch.operationName, variables: { ...batch.variables, representations: merged }, identity }))
      .then(
        (r) => {
          const entities = (r.data as { _entities?: unknown[] } | null | undefined)?._entities;
          if (!r.extensions?.viewerIndependent || r.errors || !Array.isArray(entities) || entities.length !== merged.length) {
            this.viewerDependent.record(`${batch.service}\n${batch.query}`, true);
            batch.callers.forEach((c) => c.resolve(null));
            return;
          }
          batch.callers.forEach((c, n) => c.resolve({ data: { _entities: positions[n]!.map((i) => entities[i]) }, extensions: { viewerIndependent: true } }));
        },
        (error: unknown) => {
          // Each caller fetches as its viewer instead, and reports its own failure if the subgraph is really down.
          logger('gateway').debug({ ...errorField(error), service: batch.service }, 'merged entity fetch failed');
          batch.callers.forEach((c) => c.resolve(null));
        },
      );
  }

  /** Pending callers fetch as their viewers (and find the upstream pool closed); nothing is merged any more. */
  dispose(): void {
    this.disposed = true;
    const pending = [...this.batches.values()];
    this.batches.clear();
    this.viewerDependent.clear();
    for (const batch of pending) batch.callers.forEach((c) => c.resolve(null));
  }
}

import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { DependentKeys } from './dependent-keys.js';

/** What the gateway's request context carries for merging (see create-gateway.ts). */
export interface DedupeContext {
  /** Who the request is for (viewer, IP, user agent); absent: never merged. */
  dedupeKey?: string;
  /** Set by the data source when any subgraph response of this request lacked the viewer-independent mark. */
  viewerDependent?: boolean;
}

interface Shared {
  result: FormattedExecutionResult;
  /** Every subgraph said no resolver read the viewer: other viewers may reuse the result. */
  independent: boolean;
}

export interface OperationDedupeStats {
  executed: number;
  mergedSameViewer: number;
  mergedOtherViewer: number;
  refused: number;
  /** Executed at once although another viewer's identical query was in flight: its last result was viewer-dependent. */
  notWaited: number;
}

/**
 * In-flight merging of whole operations, one level above the subgraph fetcher's: while a query is being
 * executed, an identical query (same document, operation name and variables) of the SAME viewer waits for it
 * and answers with its result instead of planning and executing again. A query of ANOTHER viewer waits too,
 * but reuses the result only when every subgraph response behind it was marked viewer-independent;
 * otherwise it executes on its own. Only error-free results of queries are shared; mutations never.
 */
export function operationDedupePlugin<TContext extends DedupeContext>(): ApolloServerPlugin<TContext> & { stats: OperationDedupeStats } {
  const inflight = new Map<string, Map<string, Promise<Shared | null>>>();
  const leaders = new WeakMap<object, { key: string; viewer: string; resolve: (s: Shared | null) => void; promise: Promise<Shared | null> }>();
  const stats: OperationDedupeStats = { executed: 0, mergedSameViewer: 0, mergedOtherViewer: 0, refused: 0, notWaited: 0 };
  /** Operations whose last result was viewer-dependent: another viewer does not wait for them (dependent-keys.ts). */
  const dependent = new DependentKeys();

  const respond = (result: FormattedExecutionResult) => ({ http: { headers: new HeaderMap(), status: undefined }, body: { kind: 'single' as const, singleResult: result } });

  const lead = (rc: GraphQLRequestContext<TContext>, key: string, viewer: string) => {
    let resolve!: (s: Shared | null) => void;
    const promise = new Promise<Shared | null>((r) => (resolve = r));
    let byViewer = inflight.get(key);
    if (!byViewer) inflight.set(key, (byViewer = new Map()));
    byViewer.set(viewer, promise);
    leaders.set(rc.contextValue, { key, viewer, resolve, promise });
    stats.executed++;
  };

  return {
    stats,
    async unexpectedErrorProcessingRequest({ requestContext }) {
      // Waiters must not hang on a leader that failed: they execute on their own.
      const leader = leaders.get(requestContext.contextValue);
      if (!leader) return;
      leaders.delete(requestContext.contextValue);
      leader.resolve(null);
      const byViewer = inflight.get(leader.key);
      if (byViewer?.get(leader.viewer) === leader.promise) {
        byViewer.delete(leader.viewer);
        if (byViewer.size === 0) inflight.delete(leader.key);
      }
    },
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          const viewer = rc.contextValue.dedupeKey;
          if (rc.operation?.operation !== 'query' || !viewer || !rc.source) return null;
          const key = `${rc.operationName ?? ''}\n${rc.source}\n${JSON.stringify(rc.request.variables ?? {})}`;
          const byViewer = inflight.get(key);
          const same = byViewer?.get(viewer);
          if (same) {
            const shared = await same;
            if (shared) {
              stats.mergedSameViewer++;
              return respond(shared.result);
            }
          } else if (byViewer?.size && dependent.has(key)) {
            stats.notWaited++;
          } else {
            const other = byViewer?.values().next().value as Promise<Shared | null> | undefined;
            if (other) {
              const shared = await other;
              if (shared?.independent) {
                stats.mergedOtherViewer++;
                return respond(shared.result);
              }
              stats.refused++;
            }
          }
          if (!inflight.get(key)?.has(viewer)) lead(rc as GraphQLRequestContext<TContext>, key, viewer);
          return null;
        },
        async willSendResponse(rc) {
          const leader = leaders.get(rc.contextValue);
          if (!leader) return;
          leaders.delete(rc.contextValue);
          const body = rc.response.body;
          const ok = body.kind === 'single' && !body.singleResult.errors && body.singleResult.data != null;
          const independent = !rc.contextValue.viewerDependent;
          if (ok) dependent.record(leader.key, !independent);
          leader.resolve(ok ? { result: body.singleResult, independent } : null);
          const byViewer = inflight.get(leader.key);
          if (byViewer?.get(leader.viewer) === leader.promise) {
            byViewer.delete(leader.viewer);
            if (byViewer.size === 0) inflight.delete(leader.key);
          }
        },
      };
    },
  };
}

import type { ServiceMap } from '@apollo/gateway';
import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from './create-gateway.js';
import type { EntityBatcher, PlanFetch } from './entity-batcher.js';
import type { UpstreamPool } from './subscription-upstream.js';

type DataSource = ServiceMap[string];
type ProcessOptions = { request: PlanFetch; context: GatewayContext };

/** Keeps a settled fetch from being reported as an unhandled rejection: its consumers handle the failure. */
const ignore = () => {};

/**
 * The data sources that complete subscription events over the gateway's multiplexed graphql-ws sockets
 * (eventFetch 'socket'): each fetch of a query plan is sent as a query on that subgraph's socket with the viewer's
 * signed identity, instead of an HTTP request.
 * - identical in-flight fetches of the same viewer (de-duplication key) are merged;
 * - another viewer's identical fetch in flight is reused only if the subgraph says no resolver read the viewer
 *   (extensions.viewerIndependent); otherwise this viewer fetches as itself;
 * - entity fetches go through the EntityBatcher first (merged across events, made without a viewer).
 */
export class SocketDataSources {
  private readonly inflight = new Map<string, Promise<ExecutionResult>>();
  private readonly shared = new Map<string, Promise<ExecutionResult>>();
  private readonly sources = new Map<string, DataSource>();

  constructor(
    private readonly serviceNames: readonly string[],
    private readonly upstream: UpstreamPool,
    private readonly batcher: EntityBatcher,
  ) {}

  /** A fresh service map of every subgraph's socket data source (a plan run may add the event's own source). */
  services(): ServiceMap {
    const services: ServiceMap = Object.create(null);
    for (const name of this.serviceNames) services[name] = this.source(name);
    return services;
  }

  /** Like services(), reporting (through `dependent`) any fetch whose answer read the viewer. */
  recording(dependent: () => void): ServiceMap {
    const services: ServiceMap = Object.create(null);
    for (const name of this.serviceNames) {
      const source = this.source(name) as unknown as { process(req: unknown): Promise<ExecutionResult> };
      services[name] = {
        process: async (req: unknown) => {
          const r = await source.process(req);
          if (!r.extensions?.viewerIndependent) dependent();
          return r;
        },
      } as unknown as DataSource;
    }
    return services;
  }

  source(service: string): DataSource {
    let source = this.sources.get(service);
    if (!source) {
      source = { process: (options: ProcessOptions) => this.process(service, options) } as unknown as DataSource;
      this.sources.set(service, source);
    }
    return source;
  }

  private process(service: string, { request, context }: ProcessOptions): Promise<ExecutionResult> {
    const who = context.dedupeKey ?? context.identity;
    const same = `${service}\n${request.query}\n${JSON.stringify(request.variables ?? {})}`;
    const own = `${same}\n${who}`;
    // Every consumer gets its own copy: executing the plan merges into the fetched objects.
    const copy = (r: ExecutionResult) => structuredClone(r);
    let pending = this.inflight.get(own);
    if (pending) return pending.then(copy);
    const fetchAsViewer = () =>
      this.upstream.query(service, { query: request.query!, operationName: request.operationName, variables: request.variables, identity: context.identity });
    const fetchOwn = (): Promise<ExecutionResult> => {
      const batched = this.batcher.fetch(service, request);
      return batched ? batched.then((r) => r ?? fetchAsViewer()) : fetchAsViewer();
    };
    const other = this.shared.get(same);
    if (other) {
      pending = other.then(
        (r) => (r.extensions?.viewerIndependent ? r : fetchOwn()),
        // The other viewer's fetch failed: this viewer tries on its own.
        () => fetchOwn(),
      );
    } else {
      pending = fetchOwn();
      const mine = pending;
      this.shared.set(same, mine);
      void mine.catch(ignore).finally(() => this.shared.get(same) === mine && this.shared.delete(same));
    }
    this.inflight.set(own, pending);
    void pending.catch(ignore).finally(() => this.inflight.delete(own));
    return pending.then(copy);
  }

  /** Forgets the in-flight fetches (their callers still get their answers or failures). */
  dispose(): void {
    this.inflight.clear();
    this.shared.clear();
    this.sources.clear();
  }
}

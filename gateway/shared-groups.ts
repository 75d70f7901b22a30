import type { ExecutionResult } from 'graphql';
import { SHARE_EXTENSION } from '../shared/graphql/shared-subscriptions.js';
import { MULTIPLEX_AGENT } from '../shared/server/subgraph.js';
import { logger, errorField } from '../shared/logger.js';
import { primaryVariables, type ClientConnection, type ClientOperation } from './client-operation.js';
import type { IdentityService } from './identity.js';
import type { SocketDataSources } from './socket-data-source.js';
import { completionError, unavailableError } from './subscription-errors.js';
import { withEvent, type SubscriptionPlans } from './subscription-plans.js';
import type { UpstreamPool } from './subscription-upstream.js';
import { FanoutWriter } from './fanout-writer.js';
import { nextPayload, type NextPayload } from './ws-frames.js';

/** One client subscription served by a shared stream. */
export interface Member {
  op: ClientOperation;
  /**
   * Writes rendered `next` payloads, in order, to the client's socket in one write (ends the subscription if the
   * client is too slow).
   */
  send(payloads: readonly NextPayload[]): void;
  fail(result: ExecutionResult): void;
  complete(): void;
}

/** What the owning subgraph answered a subscriber's probe: join the shared stream, subscribe alone, or not at all. */
export type ProbeAnswer = { kind: 'authorized' } | { kind: 'unshared' } | { kind: 'refused'; result: ExecutionResult } | { kind: 'unavailable' };

interface Group {
  members: Set<Member>;
  unsubscribe: () => void;
  chain: Promise<void>;
  /** Completions read the viewer until then: complete each event per subscriber without trying to share. */
  viewerDependentUntil: number;
  /** Completed events, written to every member in order, several per socket write (fanout-writer.ts). */
  writer: FanoutWriter<Member>;
}

/** How long a group whose completion read the viewer completes each event per subscriber. */
const VIEWER_DEPENDENT_MS = 30_000;

export interface SharedGroupsOptions {
  upstream: UpstreamPool;
  identity: IdentityService;
  plans: SubscriptionPlans;
  sources: SocketDataSources;
  /** A result as the `next` payload JSON the client gets (its errors formatted). */
  render(result: ExecutionResult): string;
}

/**
 * Shared subscriptions (shared/graphql/shared-subscriptions.ts): fields a subgraph marks shared deliver the same
 * events to every subscriber it allows. After each subscriber's probe (its authorization, as itself), ONE upstream
 * stream per (operation, variables) serves all of them; each event is completed once without a viewer and, when no
 * fetch read the viewer, rendered once and written to every subscriber's socket as the same bytes, paced so that a
 * large group's writes leave the gateway time for everything else (fanout-writer.ts).
 */
export class SharedGroups {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: SharedGroupsOptions) {}

  /** Asks the owning subgraph, as the subscriber, whether it may join the shared stream. */
  async probe(op: ClientOperation): Promise<ProbeAnswer> {
    const primary = op.prepared.primary!;
    try {
      const identity = await this.options.identity.forward(op.connection.viewer, op.connection.ip, op.connection.userAgent);
      const r = await this.options.upstream.query(primary.serviceName, {
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
      // The subgraph could not be asked (socket down, no answer in time): the subscriber is told it is unavailable.
      return { kind: 'unavailable' };
    }
  }

  /** Adds `member` to the shared stream of its operation and variables (started if needed); returns its leave. */
  join(op: ClientOperation, member: Member): () => void {
    const key = `${op.prepared.key}\n${JSON.stringify(op.variables)}`;
    const g = this.groups.get(key) ?? this.start(key, op);
    g.members.add(member);
    return () => {
      if (!g.members.delete(member) || g.members.size) return;
      if (this.groups.get(key) === g) this.groups.delete(key);
      g.writer.halt(); // nobody left to write to
      g.unsubscribe();
    };
  }

  stats(): { streams: number; subscribers: number } {
    let subscribers = 0;
    for (const g of this.groups.values()) subscribers += g.members.size;
    return { streams: this.groups.size, subscribers };
  }

  /** Ends every shared stream upstream and drops its pending writes (the clients' sockets are closed by then). */
  dispose(): void {
    for (const g of [...this.groups.values()]) {
      g.writer.halt();
      g.members.clear();
      g.unsubscribe();
    }
    this.groups.clear();
  }

  private start(key: string, op: ClientOperation): Group {
    const primary = op.prepared.primary!;
    // The completion of a shared event runs without a viewer, IP or user agent.
    const groupOp: ClientOperation = { ...op, id: '', connection: { viewer: null, ip: null, userAgent: null } as ClientConnection };
    const members = new Set<Member>();
    const g: Group = { members, unsubscribe: () => {}, chain: Promise.resolve(), viewerDependentUntil: 0, writer: new FanoutWriter(() => members) };
    const close = (how: (m: Member) => void) => {
      if (this.groups.get(key) === g) this.groups.delete(key);
      g.writer.flushNow(); // every completed event is written before the members end
      for (const m of [...g.members]) how(m);
      g.members.clear();
    };
    g.unsubscribe = this.options.upstream.subscribe(
      primary.serviceName,
      {
        query: primary.operation,
        operationName: primary.operationName,
        variables: primaryVariables(op),
        extensions: { [SHARE_EXTENSION]: 'stream' },
        signIdentity: () => this.options.identity.forward(null, null, MULTIPLEX_AGENT),
      },
      {
        next: (event) => {
          // Events are completed concurrently (their entity fetches merge) and written in arrival order.
          const completed = this.completeEvent(g, groupOp, event);
          g.chain = g.chain.then(async () => {
            const entry = await completed;
            if (entry) g.writer.enqueue(entry);
          });
        },
        complete: () => void g.chain.then(() => close((m) => m.complete())),
        unavailable: () => void g.chain.then(() => close((m) => m.fail({ errors: [unavailableError(primary.serviceName)] }))),
      },
    );
    this.groups.set(key, g);
    return g;
  }

  /** Completes one event of a shared stream: one payload for everyone, or one per subscriber (null: nobody left). */
  private async completeEvent(group: Group, groupOp: ClientOperation, event: ExecutionResult): Promise<NextPayload | Map<Member, NextPayload> | null> {
    if (!group.members.size) return null;
    const { plans, sources, render } = this.options;
    const plan = groupOp.prepared.eventPlan!;
    if (group.viewerDependentUntil <= Date.now()) {
      let independent = true;
      let result: ExecutionResult;
      try {
        result = await plans.run(groupOp, plan, withEvent(sources.recording(() => (independent = false)), event, true));
      } catch (error) {
        logger('gateway').warn({ ...errorField(error), service: groupOp.prepared.primary!.serviceName }, 'shared subscription event could not be completed');
        result = { errors: [completionError()] };
      }
      if (independent) return nextPayload(render(result));
      group.viewerDependentUntil = Date.now() + VIEWER_DEPENDENT_MS;
    }
    // Some fetch of this completion read the viewer: complete the event as each subscriber.
    const own = new Map<Member, NextPayload>();
    await Promise.all(
      [...group.members].map(async (m) => {
        let result: ExecutionResult;
        try {
          result = await plans.run(m.op, plan, withEvent(sources.services(), event, true));
        } catch (error) {
          logger('gateway').warn({ ...errorField(error), operationId: m.op.id }, 'subscription event could not be completed for a subscriber');
          result = { errors: [completionError()] };
        }
        own.set(m, nextPayload(render(result)));
      }),
    );
    return own;
  }
}

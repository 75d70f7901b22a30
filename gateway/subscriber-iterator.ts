import type { ServiceMap } from '@apollo/gateway';
import type { ExecutionResult } from 'graphql';
import { logger, errorField } from '../shared/logger.js';
import { primaryVariables, type ClientOperation } from './client-operation.js';
import type { IdentityService } from './identity.js';
import type { Member, SharedGroups } from './shared-groups.js';
import { clientTooSlow, completionError, unavailableError } from './subscription-errors.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { withEvent, type SubscriptionPlans } from './subscription-plans.js';
import type { UpstreamPool } from './subscription-upstream.js';
import { nextPrefix, sendNextFrames } from './ws-frames.js';

export interface SubscriberIteratorsOptions {
  limits: SubscriptionLimits;
  upstream: UpstreamPool;
  identity: IdentityService;
  plans: SubscriptionPlans;
  /** A fresh service map for completing one event as its subscriber. */
  eventServices(): ServiceMap;
  /** The shared streams (null: every subscriber has its own upstream operation). */
  groups: SharedGroups | null;
  /** Called once when a subscription ends (the server's operation counters). */
  release(op: ClientOperation): void;
}

const OPEN = 1;

/**
 * Each client subscription's iterator, as graphql-ws consumes it. A shared field joins its shared stream after the
 * subscriber's probe, and its events are written to the client's socket directly; any other field gets one upstream
 * operation per subscriber, each event completed through the query plan's remaining fetches as that subscriber and
 * queued (up to `maxQueuedEvents`) for graphql-ws. `return()` ends the upstream at once, even while an event is being
 * completed (no `async function*` here).
 */
export class SubscriberIterators {
  private readonly running = new Set<() => void>();

  constructor(private readonly options: SubscriberIteratorsOptions) {}

  subscribe(op: ClientOperation): AsyncIterableIterator<ExecutionResult> {
    const { limits, upstream, identity, plans, groups } = this.options;
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
        queue.push({ errors: [clientTooSlow(limits.maxQueuedEvents)] });
        stop();
      }
    };
    const end = () => {
      if (ended) return;
      ended = true;
      op.connection.live.delete(endWith);
      this.running.delete(stop);
      if (!released) {
        released = true;
        this.options.release(op);
      }
      if (waiting && queue.length === 0) {
        const w = waiting;
        waiting = null;
        drained();
        w({ value: undefined, done: true });
      }
    };
    const stop = () => {
      detach();
      end();
    };
    this.running.add(stop);
    const startOwn = () => {
      detach = upstream.subscribe(
        primary.serviceName,
        {
          query: primary.operation,
          operationName: primary.operationName,
          variables: primaryVariables(op),
          signIdentity: () => identity.forward(op.connection.viewer, op.connection.ip, op.connection.userAgent),
        },
        {
          next: (event) => {
            chain = chain.then(async () => {
              if (ended) return;
              try {
                deliver(await plans.run(op, op.prepared.eventPlan!, withEvent(this.options.eventServices(), event, false)));
              } catch (error) {
                logger('gateway').warn({ ...errorField(error), service: primary.serviceName, operationId: op.id }, 'subscription event could not be completed');
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
    if (!groups || op.prepared.unshared) {
      startOwn();
    } else {
      const socket = op.connection.socket;
      const prefix = nextPrefix(op.id);
      const member: Member = {
        op,
        send: (payloads) => {
          if (ended || socket.readyState !== OPEN) return;
          // Backpressure: the socket's own buffer is this subscriber's queue.
          if (socket.bufferedAmount > limits.maxQueuedEvents * payloads[0]!.bytes.length) {
            member.fail({ errors: [clientTooSlow(limits.maxQueuedEvents)] });
            return;
          }
          // graphql-ws `next` messages, written directly: each payload is rendered and encoded once for every
          // subscriber; several at once leave in one write (one syscall, typically one TCP segment for the client).
          sendNextFrames(socket, prefix, payloads);
        },
        fail: (result) => {
          deliver(result);
          stop();
        },
        complete: () => end(),
      };
      void groups.probe(op).then((answer) => {
        if (ended) return;
        if (answer.kind === 'authorized') detach = groups.join(op, member);
        else if (answer.kind === 'unshared') {
          op.prepared.unshared = true;
          startOwn();
        } else {
          deliver(answer.kind === 'refused' ? answer.result : { errors: [unavailableError(primary.serviceName)] });
          end();
        }
      });
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

  /** Ends every running subscription upstream (graphql-ws has closed, or is closing, their clients' sockets). */
  dispose(): void {
    for (const stop of [...this.running]) stop();
  }
}

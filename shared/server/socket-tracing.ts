import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { ExecutionResult } from 'graphql';
import { withRequestScope } from '../request-scope.js';
import { SpanKind, TRACE_EXTENSION, context, contextFrom, failSpan, trace, tracer, tracing, type OtelContext, type Span, type SpanContext } from '../telemetry.js';

/**
 * Tracing of the operations a subgraph runs over graphql-ws (the gateway's multiplexed socket): each operation
 * continues the trace in its subscribe message's `extensions.traceparent` with a `graphql.subscribe` SERVER span
 * (covering the field's subscribe and authorization, or the whole query), and each event of a subscription is its
 * own `graphql.subscription.event` span, linked to that subscribe span, under which the event's resolvers and SQL run.
 */

interface OperationTrace {
  span: Span;
  ctx: OtelContext;
  requestId: string;
  service: string;
}

const operations = new WeakMap<object, OperationTrace>();

/** Opens the operation's subscribe span (keyed by its context object); nothing when tracing is off. */
export function socketOperationSpan(
  service: string,
  payload: { operationName?: string | null; extensions?: Record<string, unknown> | null },
  contextValue: { requestId: string },
): void {
  if (!tracing()) return;
  const parent = contextFrom({ traceparent: payload.extensions?.[TRACE_EXTENSION] });
  const name = payload.operationName ? `graphql.subscribe ${payload.operationName}` : 'graphql.subscribe';
  const span = tracer().startSpan(
    name,
    {
      kind: SpanKind.SERVER,
      attributes: { 'soulseer.service': service, 'soulseer.transport': 'graphql-ws', ...(payload.operationName ? { 'graphql.operation.name': payload.operationName } : {}) },
    },
    parent,
  );
  operations.set(contextValue, { span, ctx: trace.setSpan(parent, span), requestId: contextValue.requestId, service });
}

/**
 * Runs the operation's start (a query's execution, or a subscription's source stream and authorization) in its
 * subscribe span and request scope, then ends the span.
 */
export async function inOperationSpan<T>(contextValue: object, run: () => Promise<T> | T): Promise<T> {
  const op = operations.get(contextValue);
  if (!op) return run();
  try {
    return await withRequestScope(op.requestId, () => context.with(op.ctx, run));
  } catch (error) {
    failSpan(op.span, error);
    throw error;
  } finally {
    op.span.end();
  }
}

/** The subscribe span's context of an operation (the link target of its events). */
export function subscribeSpanOf(contextValue: object): SpanContext | undefined {
  return operations.get(contextValue)?.span.spanContext();
}

/** Runs one subscription event's execution in a span linked to the operation's subscribe span. */
export function tracedEvent(operationContext: object, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  const op = operations.get(operationContext);
  if (!op) return run();
  return withRequestScope(op.requestId, async () => {
    const span = tracer().startSpan(
      'graphql.subscription.event',
      { kind: SpanKind.CONSUMER, links: [{ context: op.span.spanContext() }], attributes: { 'soulseer.service': op.service } },
      // A new trace per event, linked to the subscribe: one trace would otherwise grow as long as the subscription lives.
      ROOT_CONTEXT,
    );
    try {
      const result = await context.with(trace.setSpan(ROOT_CONTEXT, span), run);
      if (result.errors?.length) span.setAttribute('graphql.errors', true);
      return result;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

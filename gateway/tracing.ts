import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SpanKind, TRACE_EXTENSION, context, currentTraceparent, trace, tracer, tracing, type SpanContext } from '../shared/telemetry.js';

/**
 * Tracing of the gateway's multiplexed subscription sockets (gateway/subscription-upstream.ts): the W3C trace
 * context travels in each subscribe message's `extensions.traceparent` (the subgraph continues it, see
 * shared/server/socket-tracing.ts), and each event the gateway receives is a span linked to its subscribe span,
 * under which the event is completed (its fetches carry the event span's traceparent). Nothing when tracing is off.
 */

const NONE = { extensions: undefined, link: undefined } as const;

/** A `subscribe <service>` CLIENT span (ended at once: it marks the subscribe) and the extensions carrying it. */
export function upstreamSubscribeSpan(service: string, operationName: string | undefined): { extensions?: Record<string, string>; link?: SpanContext } {
  if (!tracing()) return NONE;
  const span = tracer().startSpan(`subscribe ${service}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'soulseer.service': 'gateway', 'soulseer.subgraph': service, ...(operationName ? { 'graphql.operation.name': operationName } : {}) },
  });
  const traceparent = currentTraceparent(trace.setSpan(context.active(), span));
  span.end();
  return { extensions: traceparent ? { [TRACE_EXTENSION]: traceparent } : undefined, link: span.spanContext() };
}

/** Runs `deliver` (the event's completion starts there) in a `subscription event <service>` span linked to the subscribe. */
export function upstreamEvent(service: string, link: SpanContext | undefined, deliver: () => void): void {
  if (!link) return deliver();
  const span = tracer().startSpan(
    `subscription event ${service}`,
    { kind: SpanKind.CONSUMER, links: [{ context: link }], attributes: { 'soulseer.service': 'gateway', 'soulseer.subgraph': service } },
    ROOT_CONTEXT,
  );
  try {
    context.with(trace.setSpan(ROOT_CONTEXT, span), deliver);
  } finally {
    span.end();
  }
}

/** Adds the active trace context to a socket operation's extensions (event completions), when traced. */
export function withTraceExtension(extensions: Record<string, unknown>): Record<string, unknown> {
  if (!tracing()) return extensions;
  const traceparent = currentTraceparent();
  return traceparent ? { ...extensions, [TRACE_EXTENSION]: traceparent } : extensions;
}

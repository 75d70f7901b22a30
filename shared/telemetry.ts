import { randomUUID } from 'node:crypto';
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context as OtelContext,
  type Link,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { errorField, logger } from './logger.js';

/**
 * Tracing (OpenTelemetry) and the request scope of log lines.
 *
 * - `startTelemetry()` registers a tracer provider exporting spans over OTLP/HTTP (JSON) when
 *   OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, with Prisma's instrumentation for
 *   SQL spans. When it is not, nothing is loaded or registered: every span below is the API's no-op span and
 *   `propagation.inject` writes nothing.
 * - The W3C `traceparent` travels gateway→subgraph in HTTP headers, in the subscribe message's extensions on the
 *   gateway's multiplexed sockets (TRACE_EXTENSION), and in a job's payload (JOB_TRACE_KEY).
 * Log lines carry the request id and the trace id: shared/request-scope.ts.
 */

const TRACER = 'soulseer';
export const tracer = () => trace.getTracer(TRACER);

export interface Telemetry {
  /** Exports what is buffered and stops the provider (call on shutdown). */
  shutdown(): Promise<void>;
}

let running: { provider: { shutdown(): Promise<void> }; telemetry: Telemetry } | null = null;

/**
 * Starts tracing for this process when an OTLP endpoint is configured; null (nothing started) otherwise.
 * `serviceName` is used when OTEL_SERVICE_NAME is not set. Idempotent: the second call returns the first's handle.
 */
export async function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<Telemetry | null> {
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : '');
  if (!tracesUrl || env.OTEL_SDK_DISABLED === 'true') return null;
  if (running) return running.telemetry;
  // Loaded only here: without an endpoint the SDK is never imported.
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { PrismaInstrumentation, registerInstrumentations }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@prisma/instrumentation'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName, 'service.instance.id': randomUUID() }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }), { scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) || 1000 })],
  });
  // Global tracer provider, AsyncLocalStorage context manager and the W3C trace-context + baggage propagators.
  provider.register();
  // SQL: Prisma's spans (prisma:client:operation and prisma:client:db_query with db.query.text, parameters never).
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations: [new PrismaInstrumentation()] });
  const telemetry: Telemetry = {
    async shutdown() {
      if (running?.telemetry !== telemetry) return;
      running = null;
      unregister();
      try {
        await provider.shutdown();
      } catch (error) {
        logger('telemetry').warn(errorField(error), 'could not flush the last spans');
      }
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  running = { provider, telemetry };
  logger('telemetry').info({ endpoint: tracesUrl.replace(/\/\/[^/@]*@/, '//'), serviceName: env.OTEL_SERVICE_NAME || serviceName }, 'exporting traces over OTLP');
  return telemetry;
}

/** Whether a tracer provider is registered (spans are recorded). */
export const tracing = () => running !== null;

// ---------------------------------------------------------------------------------------------------------------
// Propagation

/** Subscribe-message extension carrying the W3C trace context on the gateway's multiplexed sockets. */
export const TRACE_EXTENSION = 'traceparent';
/** Job payload key carrying the trace context of the work that queued the job (the run continues that trace). */
export const JOB_TRACE_KEY = '_traceparent';
/** Job payload key of a job queued by another job's run: the run starts a trace of its own, linked to that one. */
export const JOB_LINK_KEY = '_tracelink';

const JOB_RUN = createContextKey('soulseer.job-run');
/** The context of a job run (jobs it queues link to it instead of continuing its trace). */
export const markJobRun = (ctx: OtelContext): OtelContext => ctx.setValue(JOB_RUN, true);
export const inJobRun = (): boolean => context.active().getValue(JOB_RUN) === true;

/** The active span's `traceparent` (undefined when nothing is traced). */
export function currentTraceparent(ctx: OtelContext = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** The context a `traceparent` (and `tracestate`) describe, as a remote parent; the root context otherwise. */
export function contextFrom(carrier: { traceparent?: unknown; tracestate?: unknown } | Record<string, unknown> | undefined): OtelContext {
  const tp = carrier?.traceparent;
  if (typeof tp !== 'string') return ROOT_CONTEXT;
  const ts = carrier?.tracestate;
  return propagation.extract(ROOT_CONTEXT, typeof ts === 'string' ? { traceparent: tp, tracestate: ts } : { traceparent: tp });
}

// ---------------------------------------------------------------------------------------------------------------
// Spans

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Parent context (default: the active one). */
  parent?: OtelContext;
}

/** Runs `fn` in a new active span, ended (with an error status if it throws) when `fn` settles. */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T> | T): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed with the error's class (never its message: it may quote user input). */
export function failSpan(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
}

/** The span context of a span (for links), or undefined when nothing is traced. */
export function spanContextOf(span: Span | undefined): SpanContext | undefined {
  const sc = span?.spanContext();
  return sc && trace.isSpanContextValid(sc) ? sc : undefined;
}

export { SpanKind, context, trace };
export type { Span, SpanContext, OtelContext };

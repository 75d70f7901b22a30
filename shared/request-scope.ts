import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';

/**
 * The request scope of log lines: `withRequestScope()` holds the request id of the work in progress (an HTTP
 * request, a subscription event, a job run) across everything it awaits; shared/logger.ts stamps every line with it
 * and with the active trace and span ids (shared/telemetry.ts), so one request's lines can be found across processes.
 */

export interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Header carrying the request id from the gateway to the subgraphs (and back to the client). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept if it is a plain token (letters, digits, `-_.:`, ≤ 64 chars); otherwise a new one. */
export function requestIdFrom(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : randomUUID();
}

/** Runs `fn` with `requestId` as the request id of every log line it writes (and of what it awaits). */
export function withRequestScope<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

export const requestScope = (): RequestScope | undefined => scope.getStore();

/** Fields every log line carries: the request id of the work in progress and the active trace and span ids. */
export function logScope(): { requestId?: string; traceId?: string; spanId?: string } {
  const store = scope.getStore();
  const sc = trace.getSpanContext(context.active());
  if (!sc || !trace.isSpanContextValid(sc)) return store ? { requestId: store.requestId } : {};
  return store ? { requestId: store.requestId, traceId: sc.traceId, spanId: sc.spanId } : { traceId: sc.traceId, spanId: sc.spanId };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { logger } from '../logger.js';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestScope } from '../request-scope.js';
import { propagation } from '@opentelemetry/api';
import { SpanKind, context, contextFrom, failSpan, trace, tracer, tracing, type Span } from '../telemetry.js';

/**
 * The HTTP side of tracing, for the gateway and the subgraphs alike (mount it after the body parser: a stream's
 * events run outside the scope of whoever listens).
 *
 * Every request runs in a request scope (its id from the caller's `x-request-id` when it is a plain token, a new
 * one otherwise, echoed in the response header) so each log line it writes carries the id; when tracing is on, in a
 * SERVER span continuing the caller's W3C `traceparent` (the gateway's, or a client's at the gateway).
 */
export function requestSpan(service: string) {
  const run = requestSpanRunner(service);
  return (req: Request, res: Response, next: NextFunction): void => run(req, res, req.baseUrl || req.path, next);
}

/** requestSpan for a plain node request (shared/server/graphql-post.ts): runs `next` in the request's scope and span. */
export function requestSpanRunner(service: string) {
  const log = logger(service);
  return (req: IncomingMessage, res: ServerResponse, path: string, next: () => void): void => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // The access line (debug): written when the response is done, outside the request's async scope, so its
    // request and trace ids are given here.
    const started = log.isLevelEnabled('debug') ? performance.now() : 0;
    const access = (traceId?: string) => {
      if (started) log.debug({ requestId, ...(traceId ? { traceId } : {}), method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'http request');
    };
    if (!tracing()) {
      if (started) res.once('finish', () => access());
      withRequestScope(requestId, next);
      return;
    }
    const parent = contextFrom(req.headers);
    const span = tracer().startSpan(
      `${req.method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'soulseer.service': service, 'http.request.method': req.method, 'url.path': path, 'soulseer.request_id': requestId },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: 2 });
      span.end();
      access(span.spanContext().traceId);
    };
    res.once('finish', end);
    res.once('close', end);
    withRequestScope(requestId, () => context.with(trace.setSpan(parent, span), next));
  };
}

/** Writes the active trace context (`traceparent`) and the request id into outgoing headers. */
export function injectTraceHeaders(headers: { set(name: string, value: string): void } | undefined, requestId: string | undefined): void {
  if (!headers) return;
  if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  if (!tracing()) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

/**
 * Apollo Server plugin: `graphql.parse`, `graphql.validate` and `graphql.execute` spans under the request's span,
 * named and tagged with the operation name and type (never the document's values or the variables).
 */
export function graphqlSpansPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  const log = logger(service);
  // The operation line (debug), in the request's scope: its name and the error codes it answered, never variables.
  const logOperation = ({ operationName, errors }: { operationName?: string | null; errors?: readonly { extensions?: Record<string, unknown> }[] }) => {
    if (log.isLevelEnabled('debug')) log.debug({ operationName: operationName ?? null, errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL') ?? [] }, 'graphql operation');
  };
  return {
    async requestDidStart() {
      if (!tracing()) return log.isLevelEnabled('debug') ? { willSendResponse: async (rc) => logOperation(rc) } : undefined;
      const phase = (name: string) => {
        const span = tracer().startSpan(name, { attributes: { 'soulseer.service': service } });
        return async (error?: unknown) => {
          if (error) failSpan(span, error);
          span.end();
        };
      };
      let execute: Span | null = null;
      return {
        async parsingDidStart() {
          return phase('graphql.parse');
        },
        async validationDidStart() {
          const end = phase('graphql.validate');
          return async (errors?: readonly Error[]) => end(errors?.[0]);
        },
        async executionDidStart({ operationName, operation }) {
          execute = tracer().startSpan(`graphql.execute${operationName ? ` ${operationName}` : ''}`, {
            attributes: {
              'soulseer.service': service,
              'graphql.operation.type': operation?.operation ?? 'unknown',
              ...(operationName ? { 'graphql.operation.name': operationName } : {}),
            },
          });
          return {
            async executionDidEnd(error) {
              if (error) failSpan(execute!, error);
            },
          };
        },
        async willSendResponse(rc) {
          logOperation(rc);
          const { response, errors } = rc;
          if (!execute) return;
          const failed = errors?.length || (response.body.kind === 'single' && response.body.singleResult.errors?.length);
          if (failed) execute.setAttribute('graphql.errors', true);
          execute.end();
          execute = null;
        },
      };
    },
  };
}

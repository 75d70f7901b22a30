import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { VIEWER_HEADER } from '../shared/auth/tokens.js';
import { VIEWER_INDEPENDENT_HEADER } from '../shared/server/subgraph.js';
import { requestScope } from '../shared/request-scope.js';
import { injectTraceHeaders } from '../shared/server/tracing.js';
import { DEDUPE_VIEWER_HEADER } from './dedupe-fetch.js';
import { MergingDataSource } from './fetch-merge.js';
import type { GatewayContext } from './create-gateway.js';

/** Header naming an answer the pass-through already holds for this request (passthrough.ts); never sent. */
export const PREFETCHED_HEADER = 'x-soulseer-prefetched';

type SendArgs = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type ReceiveArgs = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/**
 * The gateway's data source for every subgraph: signs the viewer, carries the trace and the merging key. Its base
 * (fetch-merge.ts) sends a plan's parallel fetches to one subgraph as one request and passes a subgraph's HTTP 400
 * BAD_USER_INPUT on as it is.
 */
export class SignedDataSource extends MergingDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Pick<SendArgs, 'request' | 'context'>) {
    request.http?.headers.set(VIEWER_HEADER, context.identity);
    // W3C traceparent of the gateway.fetch span and the request id (shared/server/tracing.ts).
    injectTraceHeaders(request.http?.headers, requestScope()?.requestId);
    // Without a key (a context not built by the HTTP path) the request is never merged.
    if (context.dedupeKey) request.http?.headers.set(DEDUPE_VIEWER_HEADER, context.dedupeKey);
    // The pass-through already has this request's answer (passthrough.ts): the fetcher hands it over.
    if (context.prefetched) request.http?.headers.set(PREFETCHED_HEADER, context.prefetched);
  }

  override didReceiveResponse({ response, context }: Pick<ReceiveArgs, 'response' | 'context'>) {
    if (response.http?.headers.get(VIEWER_INDEPENDENT_HEADER) !== '1') context.viewerDependent = true;
    return response;
  }
}

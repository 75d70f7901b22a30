import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { internal, rateLimited, serviceUnavailable, toFormattedError } from '../shared/errors.js';

/** The close codes a client sees when connection_init is refused. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/** A subgraph unreachable past the recovery window: retryable (subscribe again), nothing was changed. */
export const unavailableError = (service: string) =>
  serviceUnavailable(`The ${service} service is unavailable, so this subscription has ended. Subscribe again.`, { reason: 'SUBGRAPH_UNAVAILABLE', service });

export const completionError = () => internal('This event could not be completed.');

export const clientTooSlow = (maxQueuedEvents: number) =>
  rateLimited(`More than ${maxQueuedEvents} events were waiting for this client; the subscription has ended. Subscribe again.`, { reason: 'CLIENT_TOO_SLOW' });

/** graphql-js's own parse and validation errors, with Apollo's request-level code (as the HTTP path answers them). */
export function withRequestCode(error: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** Errors as the client sees them (shared/errors.ts: no internal details unless EXPOSE_ERROR_DETAILS). */
export function formatErrors(errors: readonly GraphQLError[] | undefined, exposeDetails: boolean): GraphQLFormattedError[] | undefined {
  return errors?.map((e) => toFormattedError(typeof e.toJSON === 'function' ? e.toJSON() : (e as GraphQLFormattedError), e, exposeDetails));
}

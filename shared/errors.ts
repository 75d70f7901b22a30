import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { overloadReason } from './db/overload.js';

/** The stable error codes clients may branch on (extensions.code). */
export const ErrorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INSUFFICIENT_FUNDS',
  'OUT_OF_STOCK',
  'PAYMENTS_NOT_CONFIGURED',
  /** A persisted document id (trusted document or automatic persisted query) the gateway does not know: send the text. */
  'PERSISTED_QUERY_NOT_FOUND',
  /** TRUSTED_DOCUMENTS=enforce: the document is not one of the first-party apps' (persisted-documents.json). */
  'PERSISTED_QUERY_NOT_ALLOWED',
  'EMAIL_NOT_VERIFIED',
  'TWO_FACTOR_REQUIRED',
  /** Overloaded or briefly unavailable (the database's connections, a timeout): the failed step changed nothing; retry after extensions.retryAfterSeconds. */
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** An expected failure with a stable code. Its message is meant for people; `details` for programs. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}

type Details = Record<string, unknown>;
// Not "nothing was changed": the failure may come after a mutation's write committed, while its answer was read
// (keyed mutations are retried with their key; docs/architecture.md#errors).
const OVERLOADED_MESSAGE = 'The service is too busy to do this right now. Try again in a moment.';

// One way to build each error: the helper named after its code (never `new AppError(...)` outside this file; the
// house check in test/house.test.ts holds it). Every helper takes the message for people, then details for programs.
export const unauthenticated = (message = 'You must be signed in to do this.', details?: Details) => new AppError('UNAUTHENTICATED', message, details);
export const forbidden = (message = 'You are not allowed to do this.', details?: Details) => new AppError('FORBIDDEN', message, details);
/** NOT_FOUND with the message "<what> was not found.". */
export const notFound = (what: string, details?: Details) => new AppError('NOT_FOUND', `${what} was not found.`, details);
/** BAD_USER_INPUT; the second argument is the offending field's path, or details. */
export const badInput = (message: string, field?: string | Details) =>
  new AppError('BAD_USER_INPUT', message, typeof field === 'string' ? { field } : field);
export const conflict = (message: string, details?: Details) => new AppError('CONFLICT', message, details);
export const rateLimited = (message: string, details?: Details & { retryAfterSeconds?: number }) => new AppError('RATE_LIMITED', message, details);
export const insufficientFunds = (message: string, details?: Details) => new AppError('INSUFFICIENT_FUNDS', message, details);
/** OUT_OF_STOCK: the shop has fewer units of a product than asked for (nothing was charged). */
export const outOfStock = (message: string, details?: Details) => new AppError('OUT_OF_STOCK', message, details);
export const paymentsNotConfigured = (message: string, details?: Details) => new AppError('PAYMENTS_NOT_CONFIGURED', message, details);
/** The account's email is not verified yet: it may browse, not pay or message (verifyEmail first). */
export const emailNotVerified = (message = 'Verify your email address first (see the email we sent, or resendVerificationEmail).', details?: Details) =>
  new AppError('EMAIL_NOT_VERIFIED', message, details);
/** This needs two-factor authentication: a TOTP code (login), or 2FA turned on (admins, payout details). */
export const twoFactorRequired = (message: string, details?: Details) => new AppError('TWO_FACTOR_REQUIRED', message, details);
/** SERVICE_UNAVAILABLE: overloaded or briefly unavailable, the failed step changed nothing; retry after `retryAfterSeconds` (default 1). */
export const serviceUnavailable = (message = OVERLOADED_MESSAGE, details?: Details & { retryAfterSeconds?: number }) =>
  new AppError('SERVICE_UNAVAILABLE', message, { retryAfterSeconds: 1, ...details });
export const internal = (message: string, details?: Details) => new AppError('INTERNAL', message, details);
export const persistedQueryNotFound = (message: string, details?: Details) => new AppError('PERSISTED_QUERY_NOT_FOUND', message, details);
export const persistedQueryNotAllowed = (message: string, details?: Details) => new AppError('PERSISTED_QUERY_NOT_ALLOWED', message, details);
/** An error whose code is only known at run time (a code relayed from another service). */
export const withCode = (code: ErrorCode, message: string, details?: Details) => new AppError(code, message, details);

interface PrismaLikeError {
  code?: string;
  meta?: { target?: unknown; modelName?: string };
  name?: string;
}

/**
 * Maps errors that escaped a resolver to a stable code. Unless `exposeDetails` (EXPOSE_ERROR_DETAILS=1, for
 * debugging), no stack trace, exception, upstream response (a subgraph's address) or internal message leaves:
 * an INTERNAL error (SQL, Prisma, a bug, an error relayed from a subgraph without a code) says only
 * "Internal server error.". A database overload (no connection in time, a timeout: shared/db/overload.ts) is
 * SERVICE_UNAVAILABLE with `reason` and `retryAfterSeconds`. Both the subgraphs and the gateway (which relays
 * subgraph errors, keeping the codes it knows) apply it.
 */
export function toFormattedError(formatted: GraphQLFormattedError, error: unknown, exposeDetails: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const code = formatted.extensions?.code as string | undefined;
  const known = ErrorCodes as readonly string[];

  if (original instanceof AppError || (code && known.includes(code) && code !== 'INTERNAL')) {
    return strip(formatted, exposeDetails);
  }
  const prismaError = original as PrismaLikeError;
  if (prismaError?.code === 'P2002') {
    return strip({ ...formatted, message: 'That already exists.', extensions: { ...formatted.extensions, code: 'CONFLICT' } }, exposeDetails);
  }
  if (prismaError?.code === 'P2025') {
    return strip({ ...formatted, message: 'Not found.', extensions: { ...formatted.extensions, code: 'NOT_FOUND' } }, exposeDetails);
  }
  // The database's connections or a timeout (shared/db/overload.ts): a retryable refusal, not a bug.
  const overload = overloadReason(original);
  if (overload) {
    const extensions = { ...formatted.extensions, code: 'SERVICE_UNAVAILABLE', reason: overload, retryAfterSeconds: 1 };
    return strip({ ...formatted, message: exposeDetails ? formatted.message : OVERLOADED_MESSAGE, extensions }, exposeDetails);
  }
  const name = (original as { name?: string })?.name;
  if (name === 'ZodError' || name === 'ValidationError' || name === 'PothosValidationError') {
    return strip({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }, exposeDetails);
  }
  // Apollo's own request-level codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT for
  // variable coercion, PERSISTED_QUERY_*…) are stable and safe: keep them. DOWNSTREAM_SERVICE_ERROR (a subgraph
  // error without a code) carries that subgraph's raw message: internal.
  const internal = !code || code === 'INTERNAL_SERVER_ERROR' || code === 'INTERNAL' || code === 'DOWNSTREAM_SERVICE_ERROR';
  if (!internal) return strip(formatted, exposeDetails);
  if (exposeDetails) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL' } };
  return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL' } };
}

function strip(formatted: GraphQLFormattedError, exposeDetails: boolean): GraphQLFormattedError {
  if (exposeDetails || !formatted.extensions) return formatted;
  const { stacktrace: _stack, exception: _exception, response: _response, ...extensions } = formatted.extensions as Record<string, unknown>;
  return { ...formatted, extensions };
}

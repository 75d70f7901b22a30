import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The stable error codes clients may branch on (extensions.code). */
export const ErrorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INSUFFICIENT_FUNDS',
  'PAYMENTS_NOT_CONFIGURED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

const httpStatus: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };

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

export const unauthenticated = (message = 'You must be signed in to do this.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : undefined);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });

export function httpStatusFor(code: string | undefined): number | undefined {
  return code ? httpStatus[code as ErrorCode] : undefined;
}

interface PrismaLikeError {
  code?: string;
  meta?: { target?: unknown; modelName?: string };
  name?: string;
}

/** Maps errors that escaped a resolver to a stable code, hiding internals outside development. */
export function toFormattedError(formatted: GraphQLFormattedError, error: unknown, dev: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const code = formatted.extensions?.code as string | undefined;
  const known = ErrorCodes as readonly string[];

  if (original instanceof AppError || (code && known.includes(code) && code !== 'INTERNAL')) {
    return strip(formatted, dev);
  }
  const prismaError = original as PrismaLikeError;
  if (prismaError?.code === 'P2002') {
    return strip({ ...formatted, message: 'That already exists.', extensions: { ...formatted.extensions, code: 'CONFLICT' } }, dev);
  }
  if (prismaError?.code === 'P2025') {
    return strip({ ...formatted, message: 'Not found.', extensions: { ...formatted.extensions, code: 'NOT_FOUND' } }, dev);
  }
  const name = (original as { name?: string })?.name;
  if (name === 'ZodError' || name === 'ValidationError' || name === 'PothosValidationError') {
    return strip({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }, dev);
  }
  // Apollo's own request-level codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT for
  // variable coercion, PERSISTED_QUERY_*, DOWNSTREAM_SERVICE_ERROR…) are stable and safe: keep them.
  if (code && code !== 'INTERNAL_SERVER_ERROR' && code !== 'INTERNAL') return strip(formatted, dev);
  if (dev) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL' } };
  return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL' } };
}

function strip(formatted: GraphQLFormattedError, dev: boolean): GraphQLFormattedError {
  if (dev || !formatted.extensions) return formatted;
  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions as Record<string, unknown>;
  return { ...formatted, extensions };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { onFirstUse } from '../shared/on-first-use.js';
import type { Viewer } from '../shared/context.js';
import { badInput, type AppError } from '../shared/errors.js';
import { errorField, logger } from '../shared/logger.js';
import { memoryApqStore, redisApqStore, type ApqStore } from './apq-store.js';
import { createMutationLimiter, mutationLimitsFromEnv, withLimits, type MutationLimiter, type MutationLimitsPatch } from './mutation-limits.js';
import { createTrustedDocuments, trustedDocumentsFromEnv, type DocumentRequest, type TrustedDocuments, type TrustedDocumentsOptions } from './trusted-documents.js';

// What locks the gateway to its own apps, wired into create-gateway.ts at three points: an express middleware in
// front of Apollo (documents over HTTP), an Apollo plugin (mutation rate limits over HTTP) and two calls in the
// graphql-ws subscribe handler (documents, then rate limits, over the socket).

const log = logger('gateway');

export interface ProtectionOptions {
  /** Trusted documents (gateway/trusted-documents.ts); from the environment when absent. */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Per-class mutation limits (gateway/mutation-limits.ts); from the environment when absent, merged over it when partial. */
  mutationLimits?: MutationLimitsPatch;
  /** APQ documents and rate-limit counters are shared through this Redis (REDIS_URL when absent; '' or null: memory). */
  redisUrl?: string | null;
  /** Key prefix in Redis (deployments or test files sharing one Redis). */
  redisPrefix?: string;
}

export interface Protection {
  documents: TrustedDocuments;
  limiter: MutationLimiter;
  /** Express middleware for /graphql: resolves persisted ids and refuses what the mode refuses, before Apollo. */
  httpDocuments(req: Request, res: Response, next: NextFunction): void;
  /** Apollo plugin: mutation rate limits once the operation is known (after validation, before any subgraph call). */
  plugin<TContext extends { viewer: Viewer | null; ip?: string | null }>(): ApolloServerPlugin<TContext>;
  close(): Promise<void>;
}

export function createProtection(options: ProtectionOptions = {}): Protection {
  const redisUrl = options.redisUrl === undefined ? process.env.REDIS_URL || null : options.redisUrl || null;
  const prefix = options.redisPrefix ?? 'gateway:';
  // While Redis is unreachable a command fails after one reconnection attempt: APQ then answers not-found (the
  // client sends the text again), rate limits count in this process's memory (their insurance limiter).
  const redis = redisUrl ? new (onFirstUse<typeof import('ioredis')>('ioredis').Redis)(redisUrl, { maxRetriesPerRequest: 1 }) : null;
  redis?.on('error', (error: unknown) => log.warn({ ...errorField(error) }, 'gateway Redis (APQ, rate limits) unavailable'));
  const apq: ApqStore = redis ? forgiving(redisApqStore(redis, { prefix: `${prefix}apq:` })) : memoryApqStore();
  const documents = createTrustedDocuments(options.trustedDocuments ?? trustedDocumentsFromEnv(), apq);
  const limits = withLimits(mutationLimitsFromEnv(), options.mutationLimits);
  const limiter = createMutationLimiter(limits, redis, prefix);

  return {
    documents,
    limiter,
    httpDocuments(req, res, next) {
      const fromUrl = req.method === 'GET';
      const request = fromUrl ? getParameters(req) : (req.body as DocumentRequest | undefined);
      if (!request || typeof request !== 'object') return next();
      // GraphQL over HTTP: `extensions`, when given, is a map; anything else is a bad request (before it could be
      // mistaken for an absent persisted-query extension below).
      const extensions = (request as { extensions?: unknown }).extensions;
      if (extensions != null && (typeof extensions !== 'object' || Array.isArray(extensions))) {
        return sendError(res, 400, badInput('`extensions` must be an object when given.', 'extensions'));
      }
      documents.resolve(request).then(
        (resolved) => {
          if ('error' in resolved) return sendError(res, resolved.status, resolved.error);
          if (fromUrl) rewriteUrl(req, resolved.query);
          else rewriteBody(req.body as Record<string, unknown>, resolved.query);
          next();
        },
        (error: unknown) => next(error),
      );
    },
    plugin() {
      return {
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operation, contextValue }) {
              if (!operation) return;
              try {
                await limiter.check(document, operation, { viewer: contextValue.viewer, ip: contextValue.ip ?? null });
              } catch (error) {
                const extensions = (error as AppError).extensions as Record<string, unknown> | undefined;
                // Over HTTP: 429 with Retry-After (Apollo takes extensions.http as the response's status and headers).
                if (extensions?.code === 'RATE_LIMITED') {
                  extensions.http = { status: 429, headers: new Map([['retry-after', String(extensions.retryAfterSeconds)]]) };
                }
                throw error;
              }
            },
          };
        },
      };
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** For graphql-ws: the payload's text (resolving ids), or the refusal. */
export async function resolveSocketDocument(p: Protection, payload: DocumentRequest): Promise<{ query: string } | { error: AppError }> {
  const resolved = await p.documents.resolve({ ...payload, query: payload.query === '' ? undefined : payload.query });
  if ('error' in resolved) return { error: resolved.error };
  return { query: resolved.query ?? '' };
}

/** For graphql-ws: spends the operation's mutation points, or the RATE_LIMITED refusal. */
export async function checkSocketLimits(
  p: Protection,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  who: { viewer: Viewer | null; ip: string | null },
): Promise<AppError | null> {
  try {
    await p.limiter.check(document, operation, who);
    return null;
  } catch (error) {
    if ((error as AppError).extensions?.code === 'RATE_LIMITED') return error as AppError;
    throw error;
  }
}

/** An APQ store whose failures are misses: a lookup that fails answers not-found, a registration that fails is skipped. */
function forgiving(store: ApqStore): ApqStore {
  return {
    get: (hash) =>
      store.get(hash).catch((error: unknown) => {
        log.warn({ ...errorField(error) }, 'APQ lookup failed; answered as not found');
        return null;
      }),
    set: (hash, document) =>
      store.set(hash, document).catch((error: unknown) => {
        log.warn({ ...errorField(error) }, 'APQ registration failed; the document runs unregistered');
      }),
  };
}

function sendError(res: Response, status: number, error: AppError) {
  res.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
}

function getParameters(req: Request): DocumentRequest | undefined {
  const params = new URL(req.url, 'http://gateway').searchParams;
  if (!params.has('query') && !params.has('extensions') && !params.has('documentId')) return undefined;
  let extensions: unknown;
  try {
    extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
  } catch {
    // Apollo answers unreadable extensions itself (400).
    return undefined;
  }
  return { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, operationName: params.get('operationName') ?? undefined, extensions };
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _pq, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length ? rest : undefined;
}

// Apollo's own APQ is off (persistedQueries: false): the id is replaced by the text here, and Apollo never sees it.
function rewriteBody(body: Record<string, unknown>, query: string | undefined) {
  if (query !== undefined) body.query = query;
  delete body.documentId;
  const extensions = withoutPersistedQuery(body.extensions);
  if (extensions) body.extensions = extensions;
  else delete body.extensions;
}

function rewriteUrl(req: Request, query: string | undefined) {
  const url = new URL(req.url, 'http://gateway');
  if (query !== undefined) url.searchParams.set('query', query);
  url.searchParams.delete('documentId');
  const extensions = url.searchParams.has('extensions') ? withoutPersistedQuery(JSON.parse(url.searchParams.get('extensions')!)) : undefined;
  if (extensions) url.searchParams.set('extensions', JSON.stringify(extensions));
  else url.searchParams.delete('extensions');
  req.url = `${url.pathname}${url.search}`;
}

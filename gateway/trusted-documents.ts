import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { badInput, persistedQueryNotAllowed, persistedQueryNotFound, type AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { REPO_ROOT } from '../shared/repo-root.js';
import type { ApqStore } from './apq-store.js';

// Trusted documents and automatic persisted queries (APQ), for HTTP and graphql-ws alike.
//
// The first-party apps' operations live in operations/; `npm run codegen` (the client preset's persistedDocuments)
// writes their manifest, { sha256 of the normalised text: text }, to test/generated/persisted-documents.json, and
// the generated documents carry that id (`doc.__meta__.hash`, "sha256:<hex>"). A first-party app sends only the id:
// `{ documentId: "sha256:<hex>", variables }` (the client preset's convention, GraphQL over HTTP's persisted
// documents appendix) or `extensions.persistedQuery: { version: 1, sha256Hash: "<hex>" }` (Apollo's).
// Everybody else either sends the text or uses APQ: `extensions.persistedQuery: { version: 1, sha256Hash }` alone,
// answered PERSISTED_QUERY_NOT_FOUND the first time, then once with the text, which registers it (ApqStore).
//
// TRUSTED_DOCUMENTS decides what happens to a document that is not in the manifest:
// - off:     executed; nothing counted.
// - report:  executed, and counted (stats().unknown) and logged once per hash per process (the hash and the operation
//            name, never the text's values nor the variables);
// - enforce: refused with PERSISTED_QUERY_NOT_ALLOWED (APQ registration included), except an introspection-only
//            query when ALLOW_PARTNER_INTROSPECTION=1. Text identical to a manifest document is accepted as its id.

export const TRUSTED_DOCUMENT_MODES = ['off', 'report', 'enforce'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENT_MODES)[number];

/** Where codegen writes the first-party manifest (TRUSTED_DOCUMENTS_MANIFEST overrides it). */
export const DEFAULT_MANIFEST_PATH = path.join(REPO_ROOT, 'test/generated/persisted-documents.json');

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** { hash: document text }; read from DEFAULT_MANIFEST_PATH when absent. */
  manifest?: Record<string, string>;
  /** Introspection passes `enforce` (partners' tools: codegen, GraphiQL); it also turns Apollo's introspection on. */
  allowIntrospection?: boolean;
}

/**
 * From the environment: TRUSTED_DOCUMENTS (off | report | enforce; default off outside production, report in
 * production), TRUSTED_DOCUMENTS_MANIFEST (a path), ALLOW_PARTNER_INTROSPECTION=1. Throws on an unknown mode.
 */
export function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv = process.env): TrustedDocumentsOptions {
  const raw = env.TRUSTED_DOCUMENTS || (env.NODE_ENV === 'production' ? 'report' : 'off');
  if (!(TRUSTED_DOCUMENT_MODES as readonly string[]).includes(raw)) {
    throw new Error(`TRUSTED_DOCUMENTS must be one of ${TRUSTED_DOCUMENT_MODES.join(', ')} (got "${raw}").`);
  }
  return {
    mode: raw as TrustedDocumentsMode,
    manifest: env.TRUSTED_DOCUMENTS_MANIFEST ? readManifest(env.TRUSTED_DOCUMENTS_MANIFEST) : undefined,
    allowIntrospection: env.ALLOW_PARTNER_INTROSPECTION === '1',
  };
}

/**
 * A manifest file: a JSON object of document ids ("sha256:<hex>", as the client preset writes them, or bare hex)
 * to document texts. Each id is checked against its text; the result is keyed by the bare hex.
 */
export function readManifest(file: string = DEFAULT_MANIFEST_PATH): Record<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} is not a persisted documents manifest.`);
  const manifest: Record<string, string> = {};
  for (const [id, text] of Object.entries(parsed)) {
    const hash = id.replace(/^sha256:/, '');
    if (typeof text !== 'string' || sha256(text) !== hash) throw new Error(`${file}: the entry ${id} is not the sha256 of its document.`);
    manifest[hash] = text;
  }
  return manifest;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * sha256 of document texts, remembered for the most recent texts: an app sends the same few texts over and over
 * (a Map lookup instead of hashing every request's text). Bounded, least recently used first out, and only texts
 * of at most 10,000 characters are kept (10 MB at most, whatever a client sends).
 */
function textHasher(max = 1000, maxLength = 10_000): (text: string) => string {
  const hashes = new Map<string, string>();
  return (text) => {
    if (text.length > maxLength) return sha256(text);
    let hash = hashes.get(text);
    if (hash !== undefined) {
      hashes.delete(text);
    } else {
      hash = sha256(text);
      if (hashes.size >= max) hashes.delete(hashes.keys().next().value!);
    }
    hashes.set(text, hash);
    return hash;
  };
}

/** What a request carries, over HTTP (the JSON body or GET parameters) or in a graphql-ws subscribe payload. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export interface TrustedDocumentsStats {
  /** Operations whose document is in the manifest. */
  trusted: number;
  /** Operations with a document not in the manifest, executed (off counts nothing; report counts them here). */
  unknown: number;
  /** Operations refused by enforce. */
  refused: number;
  apqHits: number;
  apqMisses: number;
  apqRegistered: number;
}

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  readonly allowIntrospection: boolean;
  /** The text to run (`query` absent: let the server answer that no query was sent), or the refusal. */
  resolve(request: DocumentRequest): Promise<{ query: string | undefined } | { error: AppError; status: number }>;
  stats(): TrustedDocumentsStats;
}

const HASH = /^[0-9a-f]{64}$/;
const MAX_LOGGED_HASHES = 10_000;

export function createTrustedDocuments(options: TrustedDocumentsOptions, apq: ApqStore): TrustedDocuments {
  const manifest = new Map(Object.entries(options.manifest ?? readManifest()));
  const allowIntrospection = !!options.allowIntrospection;
  const log = logger('gateway');
  const stats: TrustedDocumentsStats = { trusted: 0, unknown: 0, refused: 0, apqHits: 0, apqMisses: 0, apqRegistered: 0 };
  const logged = new Set<string>();
  const hashOf = textHasher();

  const refuse = (hash: string) => {
    stats.refused += 1;
    return {
      error: persistedQueryNotAllowed('Only the documents of this API\'s own apps are accepted here (trusted documents).', { documentId: hash }),
      status: 400,
    };
  };
  const unknown = (hash: string, operationName: unknown) => {
    if (options.mode !== 'report') return;
    stats.unknown += 1;
    if (logged.has(hash) || logged.size >= MAX_LOGGED_HASHES) return;
    logged.add(hash);
    const name = typeof operationName === 'string' ? operationName.slice(0, 100) : null;
    log.info({ documentHash: hash, operationName: name }, 'an operation outside the trusted documents was executed');
  };

  return {
    mode: options.mode,
    allowIntrospection,
    stats: () => ({ ...stats }),
    async resolve(request) {
      const text = typeof request.query === 'string' && request.query.length > 0 ? request.query : undefined;
      const persisted = (request.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
      let id: unknown = request.documentId ?? persisted?.sha256Hash;
      if (persisted !== undefined && persisted?.version !== 1) {
        return { error: badInput('extensions.persistedQuery.version must be 1.', { reason: 'PERSISTED_QUERY_VERSION' }), status: 400 };
      }
      if (typeof id === 'string') id = id.replace(/^sha256:/, '');
      if (id !== undefined && (typeof id !== 'string' || !HASH.test(id))) {
        return { error: badInput('A persisted document id is the lowercase hex sha256 of the document (64 characters).', { reason: 'PERSISTED_QUERY_INVALID' }), status: 400 };
      }
      const hash = id as string | undefined;
      if (hash) {
        if (text !== undefined && hashOf(text) !== hash) {
          return { error: badInput('The document does not match its sha256 hash.', { reason: 'PERSISTED_QUERY_HASH_MISMATCH' }), status: 400 };
        }
        const trusted = manifest.get(hash);
        if (trusted !== undefined) {
          stats.trusted += 1;
          return { query: trusted };
        }
        if (options.mode === 'enforce') return refuse(hash);
        // A documentId names a manifest document only; APQ (extensions.persistedQuery) may name a registered one.
        if (persisted === undefined || request.documentId !== undefined) {
          // Apollo's and urql's APQ links retry with the text on this exact message or code.
          return { error: persistedQueryNotFound('PersistedQueryNotFound', { documentId: hash }), status: 200 };
        }
        if (text === undefined) {
          const stored = await apq.get(hash);
          if (stored === null) {
            stats.apqMisses += 1;
            return { error: persistedQueryNotFound('PersistedQueryNotFound', { documentId: hash }), status: 200 };
          }
          stats.apqHits += 1;
          unknown(hash, request.operationName);
          return { query: stored };
        }
        await apq.set(hash, text);
        stats.apqRegistered += 1;
        unknown(hash, request.operationName);
        return { query: text };
      }
      if (text === undefined) return { query: undefined };
      const textHash = hashOf(text);
      if (manifest.has(textHash)) {
        stats.trusted += 1;
        return { query: text };
      }
      if (options.mode === 'enforce') {
        if (allowIntrospection && isIntrospectionOnly(text, request.operationName)) return { query: text };
        return refuse(textHash);
      }
      unknown(textHash, request.operationName);
      return { query: text };
    },
  };
}

/** The operation to run selects only __schema, __type and __typename at its root (fragments expanded). */
export function isIntrospectionOnly(text: string, operationName: unknown): boolean {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: 10_000 });
  } catch {
    // Not GraphQL: not introspection (and refused as any unknown document).
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return false;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const only = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__schema' || s.name.value === '__type' || s.name.value === '__typename';
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet);
      if (seen.has(s.name.value)) return true;
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      return !!f && only(f.selectionSet);
    });
  return only(operation.selectionSet);
}

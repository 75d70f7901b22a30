import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, Kind, visit, type DocumentNode } from 'graphql';
import { AppError, badInput } from '../shared/errors.js';

// Refusals of hostile input that the GraphQL validation rules cannot express, made once at the gateway (the only
// public surface: subgraphs accept only gateway-signed requests) before any planning or subgraph call.

const NUL = '\u0000';

/** Apollo Server takes extensions.http as the response's status (and removes it from the answer). */
const HTTP_400 = { http: { status: 400 } };

/**
 * The literal scan's result per parsed document. Apollo hands every request with the same text the same cached
 * DocumentNode, so the walk over the document (1% of the gateway's busy time on a viewer mix) is done once per
 * document; the variables, which differ per request, are checked every time.
 */
const literalScans = new WeakMap<DocumentNode, string | null>();

/** Where a NUL character sits in the operation's text literals or its variables ('$input.tags[1]'), else null. */
export function findNulCharacter(document: DocumentNode, variables: Record<string, unknown> | null | undefined): string | null {
  let found = literalScans.get(document);
  if (found === undefined) literalScans.set(document, (found = findNulLiteral(document)));
  if (found) return found;
  for (const [name, value] of Object.entries(variables ?? {})) {
    const path = nulIn(value, `$${name}`);
    if (path) return path;
  }
  return null;
}

function findNulLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    // Argument values, input object fields, list items, variable defaults and directive arguments alike.
    StringValue(node) {
      if (!node.value.includes(NUL)) return undefined;
      found = node.loc ? `a literal at line ${node.loc.startToken.line}` : 'a literal';
      return BREAK;
    },
  });
  return found;
}

function nulIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const p = nulIn(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      // A key is text too (JSON scalars keep them as they are).
      if (key.includes(NUL)) return path;
      const p = nulIn(v, `${path}.${key}`);
      if (p) return p;
    }
  }
  return null;
}

/** The BAD_USER_INPUT refusal of text containing NUL, which PostgreSQL cannot store (text or jsonb). */
export function nulCharacterError(where: string, overHttp = false): AppError {
  return badInput(`Text may not contain the NUL character (U+0000); found in ${where}.`, {
    reason: 'NUL_CHARACTER',
    ...(overHttp ? HTTP_400 : {}),
  });
}


/** An operationName that names no operation of the document (or none given for several): HTTP 400, not 500. */
export function operationNotFoundError(operationName: string | null | undefined, document: DocumentNode): AppError {
  const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  const message = operationName
    ? `The document has no operation named "${operationName}".`
    : `The document has ${count} operations: operationName must name the one to run.`;
  return badInput(message, { reason: 'OPERATION_NOT_FOUND', ...HTTP_400 });
}

/** Apollo Server plugin: refuses, after validation and before planning, what the checks above find. */
export function inputGuardsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) throw operationNotFoundError(request.operationName, document);
          const nul = findNulCharacter(document, request.variables);
          if (nul) throw nulCharacterError(nul, true);
        },
      };
    },
  };
}

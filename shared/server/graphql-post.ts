import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/**
 * POST /graphql with a JSON body, handed to Apollo Server through its integration API (executeHTTPGraphQLRequest,
 * what @as-integrations/express5 does) without express in between: the gateway's calls are nearly all a subgraph
 * serves, and express's router, body-parser and `send` were about a third of a small query's CPU. The answers are
 * the express path's: the same refusals, the same body limit, the same JSON errors for a body that cannot be read.
 * Anything else — another method or path, another content type or charset, a compressed body — returns false and
 * goes to express as before.
 */
export interface GraphQLPostOptions<C extends BaseContext, A> {
  path: string;
  /** Bytes a body may have (express.json's `limit`). */
  limitBytes: number;
  /** The caller's credentials, checked before the body is read; null answers `refused` with 401. */
  authorize(req: IncomingMessage): Promise<A | null>;
  refused: object;
  /** Runs the request in its request scope / span (shared/server/tracing.ts). */
  scope(req: IncomingMessage, res: ServerResponse, path: string, run: () => void): void;
  context(auth: A): Promise<C>;
}

/** body-parser's json type and charsets: application/json, utf-8 or no charset. */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

const unreadable = (res: ServerResponse, status: number) =>
  sendJson(res, status, status < 500 ? { error: 'The request could not be read.' } : { error: 'Internal server error.' });

function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | number> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) {
      req.resume();
      resolve(413);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 413 : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', () => resolve(400));
  });
}

/** body-parser's strict JSON: an object or an array (an empty body is `{}`); a number status when unreadable. */
function parseBody(raw: Buffer): unknown | number {
  const text = raw.toString('utf8');
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') return 400;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 400;
  }
}

export function graphqlPostHandler<C extends BaseContext, A>(apollo: ApolloServer<C>, opts: GraphQLPostOptions<C, A>) {
  const handled = (req: IncomingMessage): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (url !== opts.path && !url.startsWith(`${opts.path}?`)) return false;
    const encoding = req.headers['content-encoding'];
    return JSON_TYPE.test(req.headers['content-type'] ?? '') && (!encoding || encoding === 'identity');
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, auth: A, body: unknown): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: q < 0 ? '' : url.slice(q), body },
      context: () => opts.context(auth),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };

  /** Serves the request and returns true, or returns false without touching it. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!handled(req)) return false;
    void (async () => {
      try {
        const auth = await opts.authorize(req);
        if (!auth) return sendJson(res, 401, opts.refused);
        const raw = await readBody(req, opts.limitBytes);
        const body = typeof raw === 'number' ? raw : parseBody(raw);
        if (typeof body === 'number') return unreadable(res, body);
        await new Promise<void>((resolve, reject) => opts.scope(req, res, opts.path, () => serve(req, res, auth, body).then(resolve, reject)));
      } catch {
        if (!res.headersSent) unreadable(res, 500);
        else res.destroy();
      }
    })();
    return true;
  };
}

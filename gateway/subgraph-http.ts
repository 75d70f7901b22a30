import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { isQueryBody } from './private-apis.js';

const IDLE_TIMEOUT_MS = 300_000;

/** A subgraph's answer, read whole (subgraph answers are small JSON documents). */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  url: string;
}

export interface RawRequest {
  method?: string;
  headers: Record<string, string>;
  body?: string | Buffer | null;
  /** May be sent once more on a new socket if a reused one was found closed (default: only a GraphQL query). */
  idempotent?: boolean;
}

/** Sends one request to a subgraph and reads its whole answer. */
export type RawSend = (url: string, init: RawRequest) => Promise<RawResponse>;

/**
 * The gateway's HTTP client for subgraphs: `node:http` on keep-alive agents (one pool per protocol, sockets reused
 * most-recent first). Node's global `fetch` (undici's WHATWG layer: Request/Response objects, web streams for
 * every body, AbortSignal plumbing) was ~25% of the gateway's busy time on a viewer-dependent mix; this sends
 * the same bytes with none of that. A query whose kept-alive socket was closed by the subgraph just as it was
 * reused (ECONNRESET before any answer) is sent once more on a new socket; a mutation never is.
 */
export function httpTransport(options: { maxSockets?: number; idleTimeoutMs?: number } = {}): RawSend & { close(): void } {
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const agentOptions: http.AgentOptions = { keepAlive: true, scheduling: 'lifo', maxSockets: options.maxSockets ?? 256, maxFreeSockets: 256 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const once = (url: URL, init: RawRequest, retry: boolean): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const body = init.body ?? null;
      const headers: Record<string, string | number> = { ...init.headers };
      if (body !== null) headers['content-length'] = Buffer.byteLength(body);
      const req = (secure ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers, agent: secure ? agents['https:'] : agents['http:'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            if (!res.complete) return reject(new Error(`The answer of ${url.origin} was cut off.`));
            const list: Array<[string, string]> = [];
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) list.push([name, Array.isArray(value) ? value.join(', ') : value]);
            }
            resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: list, body: Buffer.concat(chunks).toString('utf8'), url: url.href });
          });
        },
      );
      // By default as undici's for the global fetch: a subgraph silent for 5 minutes is given up on.
      req.setTimeout(idleTimeoutMs, () => req.destroy(Object.assign(new Error(`${url.origin} sent nothing for ${idleTimeoutMs / 1000} s.`), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') resolve(once(url, init, false));
        else reject(error);
      });
      req.end(body ?? undefined);
    });

  const urls = new Map<string, URL>();
  const parse = (url: string) => {
    let parsed = urls.get(url);
    if (!parsed) {
      parsed = new URL(url);
      if (urls.size < 100) urls.set(url, parsed);
    }
    return parsed;
  };
  const send = ((url: string, init: RawRequest) => once(parse(url), init, init.idempotent ?? (typeof init.body === 'string' && isQueryBody(init.body)))) as RawSend & {
    close(): void;
  };
  send.close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return send;
}

/** A plain (never merging) Fetcher for data sources over a transport. */
export function plainFetcher(transport: RawSend): Fetcher {
  return async (url, init) => new LeanResponse(await transport(url, { method: init?.method, headers: init?.headers ?? {}, body: init?.body ?? null }));
}

/** The same interface over a WHATWG fetch (tests inject a slowed-down fetch through `subgraphFetch`). */
export function fetchTransport(base: typeof fetch): RawSend {
  return async (url, init) => {
    const r = await base(url, { method: init.method, headers: init.headers, body: init.body ?? null });
    return { status: r.status, statusText: r.statusText, headers: [...r.headers.entries()], body: await r.text(), url: r.url || url };
  };
}

class LeanHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(list: Array<[string, string]>) {
    for (const [name, value] of list) this.append(name, value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const prev = this.map.get(key);
    this.map.set(key, prev === undefined ? value : `${prev}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * What `RemoteGraphQLDataSource` reads of a subgraph answer (status, headers, JSON body), over a body already in
 * memory: no WHATWG Response and no stream per answer. A merged answer gives each waiting request its own.
 */
export class LeanResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: LeanHeaders;
  private used = false;
  constructor(private readonly raw: RawResponse) {
    this.headers = new LeanHeaders(raw.headers);
  }
  get bodyUsed(): boolean {
    return this.used;
  }
  get url(): string {
    return this.raw.url;
  }
  get status(): number {
    return this.raw.status;
  }
  get ok(): boolean {
    return this.raw.status >= 200 && this.raw.status < 300;
  }
  get statusText(): string {
    return this.raw.statusText;
  }
  private consume(): string {
    if (this.used) throw new TypeError('Body has already been used.');
    this.used = true;
    return this.raw.body;
  }
  async text(): Promise<string> {
    return this.consume();
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.consume());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.consume(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): LeanResponse {
    if (this.used) throw new TypeError('Body has already been used.');
    return new LeanResponse(this.raw);
  }
}

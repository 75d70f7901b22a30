import type { Fetcher } from '@apollo/utils.fetcher';

interface Buffered {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** Header naming who a subgraph request is for; only requests with the same value are ever merged. */
export const DEDUPE_VIEWER_HEADER = 'x-soulseer-dedupe-viewer';

/**
 * A fetcher that merges identical in-flight subgraph queries (same URL, same viewer, same body) into one
 * request, the way Hive Gateway does by default, but keyed by the viewer so a response is never shared
 * between viewers who may see different data. Mutations are never merged.
 */
export function createDedupeFetcher(base: typeof fetch = globalThis.fetch): Fetcher & { inflight(): number } {
  const inflight = new Map<string, Promise<Buffered>>();
  const fetcher = (async (url: string, init?: { method?: string; body?: string; headers?: unknown }) => {
    const body = typeof init?.body === 'string' ? init.body : null;
    const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
    const viewer = headers.get(DEDUPE_VIEWER_HEADER);
    headers.delete(DEDUPE_VIEWER_HEADER);
    const requestInit = { ...init, headers } as RequestInit;
    if (!body || viewer === null || !isQuery(body)) return base(url, requestInit);
    const key = `${url}\n${viewer}\n${body}`;
    let pending = inflight.get(key);
    if (!pending) {
      pending = base(url, requestInit)
        .then(async (r) => ({ status: r.status, headers: [...r.headers.entries()], body: await r.text() }))
        .finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    const r = await pending;
    return new Response(r.body, { status: r.status, headers: r.headers });
  }) as unknown as Fetcher & { inflight(): number };
  fetcher.inflight = () => inflight.size;
  return fetcher;
}

// The query planner sends `query …` or `{ … }` documents for reads; only those may be merged.
function isQuery(body: string): boolean {
  return /^\{"query":"\s*(query\b|\{)/.test(body);
}

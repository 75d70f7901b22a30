import type { Fetcher } from '@apollo/utils.fetcher';
import { VIEWER_INDEPENDENT_HEADER } from '../shared/server/subgraph.js';
import { isQueryBody } from './private-apis.js';
import { DependentKeys } from './dependent-keys.js';
import { fetchTransport, httpTransport, LeanResponse, type RawRequest, type RawResponse, type RawSend } from './subgraph-http.js';

interface Buffered extends RawResponse {
  /** The subgraph said no resolver read the viewer, IP or user agent: any viewer may reuse this response. */
  independent: boolean;
}

/** Header naming who a subgraph request is for (viewer, IP, user agent); stripped before the request leaves. */
export const DEDUPE_VIEWER_HEADER = 'x-soulseer-dedupe-viewer';

export interface DedupeStats {
  /** Requests actually sent to a subgraph. */
  sent: number;
  /** Requests answered by the in-flight request of the same viewer. */
  mergedSameViewer: number;
  /** Requests answered by another viewer's in-flight request whose response was viewer-independent. */
  mergedOtherViewer: number;
  /** Requests that waited for another viewer's request, found it viewer-dependent, and sent their own. */
  refused: number;
  /** Requests sent at once although another viewer's was in flight: the same request was answered viewer-dependent last time. */
  notWaited: number;
}

export type DedupeFetcher = Fetcher & { inflight(): number; stats: DedupeStats; close(): void };

/**
 * A fetcher that merges identical in-flight subgraph queries (same URL, same body) the way Hive Gateway does
 * by default, without ever sharing a response between viewers who may see different data:
 * - a request of the SAME viewer (same user, role, IP and user agent) reuses the in-flight response;
 * - a request of ANOTHER viewer waits for the in-flight one and reuses it only when the subgraph marked it
 *   viewer-independent (`x-soulseer-viewer-independent: 1`, set when no resolver read ctx.viewer, ctx.ip or
 *   ctx.userAgent); otherwise it sends its own request.
 * Mutations and anything that is not a plain query are never merged.
 * Requests leave through `base` when given (tests slow it down), otherwise through the keep-alive HTTP client of
 * subgraph-http.ts (through `wrap` when given); each caller gets its own light response over the shared body.
 */
export function createDedupeFetcher(base?: typeof fetch, wrap: (send: RawSend) => RawSend = (send) => send): DedupeFetcher {
  const raw: RawSend & { close?(): void } = base ? fetchTransport(base) : httpTransport();
  // `wrap` observes every request that leaves (the gateway's subgraph fetch metrics).
  const transport = wrap(raw);
  /** body key → viewer → in-flight response. */
  const inflight = new Map<string, Map<string, Promise<Buffered>>>();
  const stats: DedupeStats = { sent: 0, mergedSameViewer: 0, mergedOtherViewer: 0, refused: 0, notWaited: 0 };
  const dependent = new DependentKeys();

  const send = (url: string, init: RawRequest): Promise<Buffered> => {
    stats.sent++;
    return transport(url, init).then((r) => ({
      ...r,
      independent: r.status === 200 && r.headers.some(([name, value]) => name.toLowerCase() === VIEWER_INDEPENDENT_HEADER && value === '1'),
    }));
  };

  const fetcher = (async (url: string, init?: { method?: string; body?: string | Buffer; headers?: unknown }) => {
    const body = typeof init?.body === 'string' ? init.body : null;
    const { headers, viewer } = splitHeaders(init?.headers);
    const requestInit: RawRequest = { method: init?.method, headers, body: init?.body ?? null };
    if (!body || viewer === null || !isQueryBody(body)) return toResponse(await send(url, requestInit));

    const key = `${url}\n${body}`;
    // Every answer sent for a key teaches whether the next viewer should wait for another's (dependent-keys.ts).
    const sendAndLearn = () =>
      send(url, requestInit).then((r) => {
        dependent.record(key, !r.independent);
        return r;
      });
    let byViewer = inflight.get(key);
    let pending = byViewer?.get(viewer);
    if (pending) {
      stats.mergedSameViewer++;
    } else {
      let other = byViewer?.values().next().value as Promise<Buffered> | undefined;
      if (other && dependent.has(key)) {
        stats.notWaited++;
        other = undefined;
      }
      pending = other
        ? other.then(
            (r) => {
              if (r.independent) {
                stats.mergedOtherViewer++;
                return r;
              }
              stats.refused++;
              return sendAndLearn();
            },
            () => sendAndLearn(),
          )
        : sendAndLearn();
      if (!byViewer) inflight.set(key, (byViewer = new Map()));
      const mine = pending;
      byViewer.set(viewer, mine);
      const done = () => {
        const current = inflight.get(key);
        if (current?.get(viewer) === mine) {
          current.delete(viewer);
          if (current.size === 0) inflight.delete(key);
        }
      };
      mine.then(done, done);
    }
    return toResponse(await pending);
  }) as unknown as DedupeFetcher;
  fetcher.inflight = () => inflight.size;
  fetcher.stats = stats;
  fetcher.close = () => raw.close?.();
  return fetcher;
}

function toResponse(r: Buffered): LeanResponse {
  return new LeanResponse(r);
}

/** Copies the outgoing headers without the internal dedupe header, and returns its value. */
function splitHeaders(input: unknown): { headers: Record<string, string>; viewer: string | null } {
  const headers: Record<string, string> = {};
  let viewer: string | null = null;
  const entries: Iterable<[string, string]> =
    input instanceof Headers || (input && typeof (input as Headers).entries === 'function' && !Array.isArray(input))
      ? (input as Headers).entries()
      : Array.isArray(input)
        ? (input as Array<[string, string]>)
        : Object.entries((input as Record<string, string>) ?? {});
  for (const [name, value] of entries) {
    if (name.toLowerCase() === DEDUPE_VIEWER_HEADER) viewer = value;
    else headers[name] = value;
  }
  return { headers, viewer };
}

/** Reads are the only requests that may be merged (how a data source's body shows one: private-apis.ts). */
export const isQuery = isQueryBody;

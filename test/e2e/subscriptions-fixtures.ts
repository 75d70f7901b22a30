import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

export interface WsClient {
  client: Client;
  /** Resolves when the socket closes (with its close code and reason). */
  closed: Promise<Closed>;
  dispose(): Promise<void>;
}

export function connect(wsUrl: string, token?: string | null, params: Record<string, unknown> = {}): WsClient {
  let resolveClosed!: (c: Closed) => void;
  const closed = new Promise<Closed>((r) => (resolveClosed = r));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...params },
    on: { closed: (e) => resolveClosed({ code: (e as { code: number }).code, reason: String((e as { reason: unknown }).reason) }) },
    onNonLazyError: () => {},
  });
  return {
    client,
    closed,
    dispose: async () => {
      await client.dispose();
    },
  };
}

export interface Subscription<R> {
  events: ExecutionResult<R>[];
  /** The next event not yet taken (waits up to timeoutMs). */
  next(timeoutMs?: number): Promise<ExecutionResult<R>>;
  /** Resolves when the server completes the operation; rejects on a graphql-ws error message or a closed socket. */
  done: Promise<void>;
  stop(): void;
}

export function subscribe<R, V>(ws: WsClient, doc: TypedDocumentNode<R, V>, variables?: V): Subscription<R> {
  const events: ExecutionResult<R>[] = [];
  let taken = 0;
  const waiters: Array<() => void> = [];
  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  done.catch(() => {});
  const wake = () => waiters.splice(0).forEach((w) => w());
  const stop = ws.client.subscribe<R>(
    { query: print(doc), variables: (variables ?? {}) as Record<string, unknown> },
    {
      next: (e) => {
        events.push(e as ExecutionResult<R>);
        wake();
      },
      error: (e) => {
        rejectDone(e);
        wake();
      },
      complete: () => {
        resolveDone();
        wake();
      },
    },
  );
  return {
    events,
    done,
    stop,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length <= taken) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (got ${events.length})`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
      return events[taken++]!;
    },
  };
}

/** Polls until `check` holds (or fails with the last value after timeoutMs). */
export async function eventually<T>(read: () => T | Promise<T>, check: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

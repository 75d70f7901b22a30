import { afterEach, describe, expect, it, vi } from 'vitest';
import { VIEWER_INDEPENDENT_HEADER } from '../shared/server/subgraph.js';
import { DependentKeys } from './dependent-keys.js';
import { createDedupeFetcher, DEDUPE_VIEWER_HEADER } from './dedupe-fetch.js';

// The merging layers' memory of viewer-dependent keys: another viewer's identical request stops waiting for an
// answer it could never reuse, and nothing is ever shared that was not shared before.

afterEach(() => {
  vi.useRealTimers();
});

describe('DependentKeys', () => {
  it('remembers a dependent key, forgets it on an independent answer, and lets it lapse', () => {
    vi.useFakeTimers();
    const keys = new DependentKeys(1000);
    expect(keys.has('a')).toBe(false);
    keys.record('a', true);
    expect(keys.has('a')).toBe(true);
    keys.record('a', false);
    expect(keys.has('a')).toBe(false);
    keys.record('a', true);
    vi.advanceTimersByTime(999);
    expect(keys.has('a')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(keys.has('a')).toBe(false);
    expect(keys.size).toBe(0);
  });

  it('is bounded: the least recently answered key leaves first', () => {
    const keys = new DependentKeys(60_000, 3);
    for (const k of ['a', 'b', 'c']) keys.record(k, true);
    keys.record('a', true);
    keys.record('d', true);
    expect(['a', 'b', 'c', 'd'].map((k) => keys.has(k))).toEqual([true, false, true, true]);
    expect(keys.size).toBe(3);
  });
});

/** A subgraph stand-in whose answers are released by the test; each answer names the viewer it was sent for. */
function manualSubgraph(independent: () => boolean) {
  const waiting: Array<() => void> = [];
  const sent: string[] = [];
  const base: typeof fetch = async (_input, init) => {
    const viewer = new Headers(init?.headers).get('x-viewer')!;
    sent.push(viewer);
    await new Promise<void>((r) => waiting.push(r));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (independent()) headers[VIEWER_INDEPENDENT_HEADER] = '1';
    return new Response(JSON.stringify({ data: { me: viewer } }), { status: 200, headers });
  };
  const release = async () => {
    // Lets the fetcher reach the stand-in first (its answers pass through a few promise turns).
    await new Promise((r) => setTimeout(r, 5));
    for (const r of waiting.splice(0)) r();
  };
  return { base, sent, release };
}

describe('the de-duplicating fetcher with viewer-dependent answers', () => {
  const body = JSON.stringify({ query: '{me{id}}', variables: {} });
  const ask = (fetcher: (url: string, init: RequestInit) => Promise<Response>, viewer: string) =>
    fetcher('http://x/graphql', { method: 'POST', body, headers: { [DEDUPE_VIEWER_HEADER]: viewer, 'x-viewer': viewer } }).then((r) => r.json() as Promise<{ data: { me: string } }>);

  it('sends another viewer\'s request at once once the request was answered viewer-dependent, and never shares it', async () => {
    const sub = manualSubgraph(() => false);
    const dedupe = createDedupeFetcher(sub.base);
    const fetcher = dedupe as unknown as (url: string, init: RequestInit) => Promise<Response>;
    // First time: b waits for a's answer (it might have been viewer-independent), then sends its own.
    const first = [ask(fetcher, 'a'), ask(fetcher, 'b')];
    await new Promise((r) => setTimeout(r, 5));
    expect(sub.sent).toEqual(['a']);
    await sub.release();
    await sub.release();
    expect((await Promise.all(first)).map((r) => r.data.me)).toEqual(['a', 'b']);
    expect(dedupe.stats).toMatchObject({ sent: 2, refused: 1, notWaited: 0, mergedOtherViewer: 0 });
    // Learned: c, d and e are all sent while the others are in flight; a second request of c still merges with c's.
    const second = [ask(fetcher, 'c'), ask(fetcher, 'd'), ask(fetcher, 'e'), ask(fetcher, 'c')];
    await new Promise((r) => setTimeout(r, 5));
    expect(sub.sent.slice(2)).toEqual(['c', 'd', 'e']);
    await sub.release();
    expect((await Promise.all(second)).map((r) => r.data.me)).toEqual(['c', 'd', 'e', 'c']);
    expect(dedupe.stats).toMatchObject({ sent: 5, refused: 1, notWaited: 2, mergedSameViewer: 1, mergedOtherViewer: 0 });
    dedupe.close();
  });

  it('merges across viewers again as soon as the same request is answered viewer-independent', async () => {
    let independent = false;
    const sub = manualSubgraph(() => independent);
    const dedupe = createDedupeFetcher(sub.base);
    const fetcher = dedupe as unknown as (url: string, init: RequestInit) => Promise<Response>;
    const learn = ask(fetcher, 'a');
    await sub.release();
    await learn;
    // Known dependent: b does not wait for a; both answers are now independent, which the fetcher learns.
    independent = true;
    const pair = [ask(fetcher, 'a'), ask(fetcher, 'b')];
    await sub.release();
    await Promise.all(pair);
    expect(dedupe.stats).toMatchObject({ sent: 3, notWaited: 1 });
    // Forgotten: d waits for c's answer and reuses it (viewer-independent).
    const merged = [ask(fetcher, 'c'), ask(fetcher, 'd')];
    await sub.release();
    expect((await Promise.all(merged)).map((r) => r.data.me)).toEqual(['c', 'c']);
    expect(dedupe.stats).toMatchObject({ sent: 4, notWaited: 1, mergedOtherViewer: 1 });
    dedupe.close();
  });
});

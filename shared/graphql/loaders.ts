import DataLoader from 'dataloader';
import type { Context } from '../context.js';

/**
 * A request-scoped DataLoader, created on first use and memoised in ctx.loaders under `key`.
 * Every resolveReference and related-row field goes through one of these, so a page of N rows costs one query.
 */
export function loader<K, V>(
  ctx: Context,
  key: string,
  batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | null | Error>>,
): DataLoader<K, V | null> {
  let l = ctx.loaders.get(key) as DataLoader<K, V | null> | undefined;
  if (!l) {
    l = new DataLoader<K, V | null>(batch as never, { maxBatchSize: 500 });
    ctx.loaders.set(key, l);
  }
  return l;
}

/** Orders rows to match keys (DataLoader's contract), null where a row is missing. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows by key for one-to-many loaders. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

import type { Tx } from './ledger.js';

/** One line of an order as far as stock is concerned. */
export interface StockLine {
  productId: string;
  quantity: number;
}

/**
 * Takes the units of an order's physical products, all or none, inside the caller's transaction (the one that
 * moves the money). The products' rows are locked in id order (one global order with the ledger's account locks
 * after it, so concurrent buyers cannot deadlock) and re-read under the lock, so 50 buyers racing for the last 10
 * units get exactly 10 successes. A product whose stock reaches 0 becomes OUT_OF_STOCK. Returns the lines that could
 * not be served (nothing was taken then); products without stock (services, digital goods) are never short.
 */
export async function takeStock(tx: Tx, lines: StockLine[]): Promise<Array<StockLine & { available: number }>> {
  const wanted = merge(lines);
  if (!wanted.size) return [];
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; stock: number | null }>>(
    `SELECT id, stock_quantity AS stock FROM products WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [...wanted.keys()],
  );
  const short: Array<StockLine & { available: number }> = [];
  for (const r of rows) {
    const q = wanted.get(r.id)!;
    if (r.stock != null && r.stock < q) short.push({ productId: r.id, quantity: q, available: r.stock });
  }
  if (short.length) return short;
  const tracked = rows.filter((r) => r.stock != null);
  if (tracked.length) {
    await tx.$executeRawUnsafe(
      `UPDATE products p SET stock_quantity = p.stock_quantity - w.q,
              status = CASE WHEN p.stock_quantity - w.q = 0 AND p.status = 'ACTIVE' THEN 'OUT_OF_STOCK'::"ProductStatus" ELSE p.status END,
              updated_at = now()
         FROM unnest($1::text[], $2::int[]) AS w(id, q) WHERE p.id = w.id`,
      tracked.map((r) => r.id),
      tracked.map((r) => wanted.get(r.id)!),
    );
  }
  return [];
}

/** Puts units back (a cancelled or refunded unshipped order); a sold-out product is listed again. */
export async function returnStock(tx: Tx, lines: StockLine[]): Promise<void> {
  const wanted = merge(lines);
  if (!wanted.size) return;
  await tx.$executeRawUnsafe(
    `UPDATE products p SET stock_quantity = p.stock_quantity + w.q,
            status = CASE WHEN p.status = 'OUT_OF_STOCK' THEN 'ACTIVE'::"ProductStatus" ELSE p.status END,
            updated_at = now()
       FROM (SELECT * FROM unnest($1::text[], $2::int[]) AS x(id, q) ORDER BY id) AS w
      WHERE p.id = w.id AND p.stock_quantity IS NOT NULL`,
    [...wanted.keys()],
    [...wanted.values()],
  );
}

function merge(lines: StockLine[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const l of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
  return wanted;
}
